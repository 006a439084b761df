"""Installing and removing Argos packages: validated archives, atomic renames, recovery.

An ``.argosmodel`` is validated before anything is written: a zip whose entries
all sit under one top-level folder, no absolute or ``..`` paths, a readable
``metadata.json`` with ``from_code``/``to_code``, ``model/model.bin`` and
its vocabulary (a CTranslate2 model) and a tokenizer
(``sentencepiece.model`` or ``bpe.model``). Installing extracts into a staging
folder next to the packages folder (``.<name>.l10n-staging``), then renames the
package into place; only a folder that is itself an installed package is ever
replaced.

Resources are bounded from the sizes the zip declares, before anything is read
(zipfile never inflates a member past its declared size): a ``metadata.json``
of at most 1 MiB, :data:`MAX_EXTRACTED_BYTES` in all, no member over
:data:`RATIO_CHECKED_BYTES` that expands more than :data:`MAX_COMPRESSION_RATIO`
to 1, member names of at most :data:`MAX_NAME_LENGTH` characters and
:data:`MAX_NAME_DEPTH` levels, at most :data:`MAX_MEMBERS` members; the archive
itself must be a regular file (a FIFO is refused, not read). Encrypted members and compression methods
zipfile cannot read (Deflate64, ...) are refused by name, and corrupt data is
one line, as is every other refusal.
"""

from __future__ import annotations

import contextlib
import fcntl
import lzma
import os
import shutil
import tempfile
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePosixPath

from l10n.engine.index import download_pair, unwind_on_sigterm
from l10n.engine.packages import (
    MAX_METADATA_BYTES,
    TOKENIZER_FILES,
    DownloadProgress,
    InstalledPackage,
    _metadata_too_large,
    _missing_model_files,
    _read_metadata,
    list_packages,
    open_regular_file,
    packages_dir,
    parse_pair,
    read_package,
    size_text,
)
from l10n.errors import L10nError


#: Real Argos packages extract to 100-300 MB.
MAX_EXTRACTED_BYTES = 4 << 30
#: A member larger than this may expand at most MAX_COMPRESSION_RATIO to 1 (model.bin hardly
#: compresses; a vocabulary ~4:1); smaller members are not checked (the total still is).
RATIO_CHECKED_BYTES = 4 << 20
MAX_COMPRESSION_RATIO = 200
#: Argos members are ~50 characters and 2-6 folders deep; longer or deeper names are refused
#: (a 2000-deep path overflowed os.makedirs' recursion while extracting).
MAX_NAME_LENGTH = 1024
MAX_NAME_DEPTH = 32
#: Argos packages hold 10-60 files (a stanza folder included); a central directory of a million
#: tiny entries would only cost time and inodes.
MAX_MEMBERS = 10_000
_METHODS = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA}
_METHOD_NAMES = {6: "implode", 9: "Deflate64", 93: "zstd", 95: "xz", 98: "PPMd", 99: "AES"}
#: What zipfile, zlib, bz2 (OSError) and lzma raise on a damaged member.
_CORRUPT = (zipfile.BadZipFile, zlib.error, lzma.LZMAError, EOFError, OSError)


def _shown(name: str) -> str:
    return repr(name if len(name) <= 100 else name[:100] + "...")


@contextlib.contextmanager
def _open_archive(path: Path) -> Iterator[zipfile.ZipFile]:
    """The zip at ``path``, read through one descriptor opened without blocking (a FIFO or a
    device given as the archive is refused, not waited on); what zipfile finds broken in it is
    a one-line L10nError."""
    fd, _info = open_regular_file(path, "not an Argos package: not a regular file")
    with open(fd, "rb") as fh:
        if not zipfile.is_zipfile(fh):
            raise L10nError("not an Argos package: not a zip archive", path)
        try:
            with zipfile.ZipFile(fh) as archive:
                yield archive
        except zipfile.BadZipFile as err:
            raise L10nError(f"corrupt archive: {err}", path) from None


def validate_archive(path: Path) -> tuple[str, dict]:
    """Check an ``.argosmodel`` without extracting it; return (top folder, metadata)."""
    path = Path(path)
    with _open_archive(path) as archive:
        return _validate(archive, path)


def _check_members(archive: zipfile.ZipFile, path: Path) -> None:
    """Refuse, from the central directory alone, what would be unsafe or unbounded to extract."""
    total = 0
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise L10nError(f"too many members ({len(members)}, at most {MAX_MEMBERS})", path)
    for info in members:
        name = info.filename
        if len(name) > MAX_NAME_LENGTH:
            raise L10nError(f"member name too long ({len(name)} characters): {_shown(name)}", path)
        if name.startswith("/") or name.startswith("\\") or (len(name) > 1 and name[1] == ":"):
            raise L10nError(f"unsafe absolute path in archive: {name!r}", path)
        parts = PurePosixPath(name.replace("\\", "/")).parts
        if ".." in parts:
            raise L10nError(f"unsafe '..' path in archive: {name!r}", path)
        if len(parts) > MAX_NAME_DEPTH:
            raise L10nError(
                f"member path too deep ({len(parts)} levels, at most {MAX_NAME_DEPTH}): {_shown(name)}", path
            )
        if any(len(part.encode("utf-8", "surrogateescape")) > 255 for part in parts):
            raise L10nError(f"member name too long (a part over 255 bytes): {_shown(name)}", path)
        if info.flag_bits & 0x1:
            raise L10nError(f"encrypted member {_shown(name)}: packages are not encrypted", path)
        if info.compress_type not in _METHODS:
            method = _METHOD_NAMES.get(info.compress_type, "unknown")
            raise L10nError(
                f"unsupported compression method {info.compress_type} ({method}) for {_shown(name)}; "
                "re-pack the archive with deflate", path
            )
        packed = max(info.compress_size, 1)
        if info.file_size > RATIO_CHECKED_BYTES and info.file_size > MAX_COMPRESSION_RATIO * packed:
            ratio = info.file_size // packed
            raise L10nError(
                f"{_shown(name)} expands {ratio}:1 ({info.file_size} bytes from {info.compress_size}); "
                f"a zip bomb? (at most {MAX_COMPRESSION_RATIO}:1)", path
            )
        total += info.file_size
        if total > MAX_EXTRACTED_BYTES:
            raise L10nError(
                f"would extract more than {size_text(MAX_EXTRACTED_BYTES)} (the limit) by {_shown(name)}", path
            )


def _validate(archive: zipfile.ZipFile, path: Path) -> tuple[str, dict]:
    _check_members(archive, path)
    names = archive.namelist()
    tops = set()
    for name in names:
        parts = PurePosixPath(name.replace("\\", "/")).parts
        if parts:
            tops.add(parts[0])
    if len(tops) != 1 or not any("/" in n.strip("/") for n in names):
        found = ", ".join(sorted(tops)) or "none"
        raise L10nError(f"not an Argos package: expected one top-level folder, found {found}", path)
    top = tops.pop()
    if top in (".", "") or top.startswith(".") or not top.isprintable():
        # hidden or control-character names install but are then invisible to list/remove
        raise L10nError(f"not an Argos package: bad top-level folder name {top!r}", path)
    present = set(n.rstrip("/") for n in names)
    meta_name = f"{top}/metadata.json"
    if meta_name not in present:
        raise L10nError(f"not an Argos package: no {meta_name}", path)
    meta_size = archive.getinfo(meta_name).file_size
    if meta_size > MAX_METADATA_BYTES:
        raise _metadata_too_large(path, meta_size, meta_name)
    meta = _read_metadata(path, _read_member(archive, meta_name, path), meta_name)
    missing = _missing_model_files(lambda name: f"{top}/{name}" in present)
    if missing is not None:
        raise L10nError(f"not an Argos package: no {top}/{missing} (CTranslate2 model)", path)
    if not any(f"{top}/{t}" in present for t in TOKENIZER_FILES):
        raise L10nError(f"not an Argos package: no {top}/sentencepiece.model or {top}/bpe.model", path)
    for info in archive.infolist():  # read every member once: its CRC, and data zipfile can decode
        _read_member(archive, info, path, keep=False)
    return top, meta


def _read_member(archive: zipfile.ZipFile, member: str | zipfile.ZipInfo, path: Path, keep: bool = True) -> bytes:
    """A member's bytes (``keep``), or just read through; damage is a one-line L10nError."""
    name = getattr(member, "filename", member)
    chunks = []
    try:
        with archive.open(member) as fh:
            while block := fh.read(1 << 20):
                if keep:
                    chunks.append(block)
    except zipfile.BadZipFile as err:
        if "CRC" in str(err):
            raise L10nError(f"corrupt archive: bad CRC for {name!r}", path) from None
        raise L10nError(f"corrupt archive: {name!r}: {err}", path) from None
    except _CORRUPT as err:
        raise L10nError(f"corrupt archive: {name!r}: {err}", path) from None
    except NotImplementedError as err:  # flag bits zipfile does not support (patched data, strong encryption)
        raise L10nError(f"unsupported zip feature in {name!r}: {err}", path) from None
    return b"".join(chunks)


def _staging_area(directory: Path) -> Path:
    """A work folder next to the packages folder (same file system, so renames are atomic).

    Not inside it: argostranslate reads every folder there as a package and fails
    on one without metadata.json, so a leftover from a killed install would break argospm.
    """
    return directory.parent / f".{directory.name}.l10n-staging"


def _remove_if_empty(area: Path) -> None:
    """The staging area goes when its last work folder does (another live install keeps it)."""
    with contextlib.suppress(OSError):
        area.rmdir()


@contextlib.contextmanager
def _work_folder(directory: Path, prefix: str) -> Iterator[Path]:
    """A fresh folder in the staging area, flock-ed while in use; removed afterwards, and the
    area with it when no other install or removal is using it."""
    area = _staging_area(directory)
    while True:
        area.mkdir(parents=True, exist_ok=True)
        try:
            work = Path(tempfile.mkdtemp(prefix=prefix, dir=area))
            break
        except FileNotFoundError:
            continue  # another process removed the empty area between the two calls
    fd = os.open(work, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield work
    finally:
        shutil.rmtree(work, ignore_errors=True)
        os.close(fd)
        _remove_if_empty(area)


def recover_staging(directory: Path) -> list[str]:
    """Clean up after installs or removals that were killed; return what was restored.

    A work folder nobody holds a lock on belongs to a dead process. If it holds
    ``old/<name>`` (a reinstall killed between its two renames) and the package
    folder is missing, the old version is put back; then the work folder goes.
    """
    area = _staging_area(directory)
    restored: list[str] = []
    if not area.is_dir():
        return restored
    for work in sorted(area.iterdir()):
        try:
            fd = os.open(work, os.O_RDONLY)
        except OSError:
            continue
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                continue  # a live install or remove
            old = work / "old"
            if old.is_dir():
                for package in old.iterdir():
                    if not (directory / package.name).exists():
                        os.replace(package, directory / package.name)
                        restored.append(package.name)
            shutil.rmtree(work, ignore_errors=True)
        finally:
            os.close(fd)
    _remove_if_empty(area)
    return restored


def install_archive(path: Path, directory: Path | None = None) -> InstalledPackage:
    """Validate and install one ``.argosmodel``; replaces an installed package of the same name.

    The archive is extracted into a staging folder next to the packages folder and
    renamed into place only once complete, so an error or an interruption never
    leaves a half-installed package where argostranslate or l10n would see it.
    What a killed install left in the staging area is cleaned up by the next
    install or remove (see :func:`recover_staging`).
    """
    path = Path(path)
    directory = packages_dir() if directory is None else Path(directory)
    # validated and extracted through one open file: what is extracted is what was checked
    with _open_archive(path) as archive:
        top, _meta = _validate(archive, path)
        directory.mkdir(parents=True, exist_ok=True)
        recover_staging(directory)
        final = directory / top
        with _work_folder(directory, "install-") as staging:
            archive.extractall(staging / "new")
            package = read_package(staging / "new" / top)
            _put_in_place(staging, top, final, path)
    return InstalledPackage(
        path=final,
        from_code=package.from_code,
        to_code=package.to_code,
        version=package.version,
        target_prefix=package.target_prefix,
        tokenizer=final / package.tokenizer.name,
    )


def _put_in_place(staging: Path, top: str, final: Path, archive: Path) -> None:
    """Rename ``staging/new/top`` to ``final``; an installed package there is moved to
    ``staging/old`` first and put back if anything (an error, a signal) stops the swap."""
    old = staging / "old" / top
    try:
        if final.exists() or final.is_symlink():
            _check_replaceable(final, archive)
            old.parent.mkdir()
            os.replace(final, old)
        os.replace(staging / "new" / top, final)
    except BaseException:
        if old.exists() and not final.exists():
            os.replace(old, final)  # keep the version that was installed
        raise


def _check_replaceable(final: Path, archive: Path) -> None:
    """Refuse to replace anything but an installed package: a package whose top folder is
    ``locales`` installed with ``--dir .`` must not take a project's catalogs with it."""
    what = "a symbolic link" if final.is_symlink() else "a file" if not final.is_dir() else None
    if what is None:
        try:
            read_package(final)
        except L10nError:
            what = "a folder that is not an installed package"
    if what is not None:
        raise L10nError(
            f"not installed: {final} is {what}; the package would replace it "
            "(install into a packages folder, e.g. --dir packages)",
            archive,
        )


def archives_in(folder: Path) -> list[Path]:
    """The ``.argosmodel`` files directly inside ``folder``, sorted."""
    found = sorted(p for p in Path(folder).iterdir() if p.suffix == ".argosmodel" and p.is_file())
    if not found:
        raise L10nError("no .argosmodel files in this folder", folder)
    return found


def install_pair(
    source: str,
    target: str,
    directory: Path | None = None,
    progress: DownloadProgress | None = None,
    index: str | None = None,
) -> InstalledPackage:
    """Download the newest index package for ``source`` -> ``target`` and install it."""
    # a SIGTERM unwinds the with blocks: the download folder and the staging folder are removed
    with unwind_on_sigterm(), tempfile.TemporaryDirectory(prefix="l10n-download-") as tmp:
        return install_archive(download_pair(source, target, Path(tmp), progress, index), directory)


def install(
    sources: Iterable[str | Path],
    directory: Path | None = None,
    progress: DownloadProgress | None = None,
) -> list[InstalledPackage]:
    """Install each SOURCE: an ``.argosmodel`` file, a folder of them, or a pair ``en:az``."""
    installed = []
    for source in sources:
        text = str(source)
        candidate = Path(text)
        if candidate.is_dir():
            for archive in archives_in(candidate):
                installed.append(install_archive(archive, directory))
        elif candidate.exists():
            installed.append(install_archive(candidate, directory))
        elif (pair := parse_pair(text)) is not None:
            installed.append(install_pair(pair[0], pair[1], directory, progress))
        else:
            raise L10nError("no such file, folder or language pair (use e.g. en:az)", text)
    return installed


def remove(which: str, directory: Path | None = None) -> list[InstalledPackage]:
    """Remove installed packages by pair (``en:az``) or folder name; return what was removed."""
    directory = packages_dir() if directory is None else Path(directory)
    pair = parse_pair(which)
    packages = list_packages(directory)
    if pair is not None:
        doomed = [p for p in packages if (p.from_code, p.to_code) == pair]
    else:
        doomed = [p for p in packages if p.name == which]
    if not doomed:
        raise L10nError(f"no installed package matches {which!r} in {directory}")
    recover_staging(directory)
    for package in doomed:
        with _work_folder(directory, "remove-") as trash:
            os.replace(package.path, trash / package.name)  # atomic: the package disappears at once
    return doomed
