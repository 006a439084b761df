"""Installing and removing Argos packages: validated archives, atomic renames, recovery.

An ``.argosmodel`` is validated before anything is written: a zip whose entries
all sit under one top-level folder, no absolute or ``..`` paths, a readable
``metadata.json`` with ``from_code``/``to_code``, ``model/model.bin`` and
its vocabulary (a CTranslate2 model) and a tokenizer
(``sentencepiece.model`` or ``bpe.model``). Installing extracts into a staging
folder next to the packages folder (``.<name>.l10n-staging``), then renames the
package into place; only a folder that is itself an installed package is ever
replaced.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import tempfile
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePosixPath

from l10n.engine.index import download_pair
from l10n.engine.packages import (
    TOKENIZER_FILES,
    DownloadProgress,
    InstalledPackage,
    _missing_model_files,
    _read_metadata,
    list_packages,
    packages_dir,
    parse_pair,
    read_package,
)
from l10n.errors import L10nError


def validate_archive(path: Path) -> tuple[str, dict]:
    """Check an ``.argosmodel`` without extracting it; return (top folder, metadata)."""
    path = Path(path)
    if not zipfile.is_zipfile(path):
        raise L10nError("not an Argos package: not a zip archive", path)
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            tops = set()
            for name in names:
                if name.startswith("/") or name.startswith("\\") or (len(name) > 1 and name[1] == ":"):
                    raise L10nError(f"unsafe absolute path in archive: {name!r}", path)
                parts = PurePosixPath(name.replace("\\", "/")).parts
                if ".." in parts:
                    raise L10nError(f"unsafe '..' path in archive: {name!r}", path)
                if parts:
                    tops.add(parts[0])
            if len(tops) != 1 or not any("/" in n.strip("/") for n in names):
                found = ", ".join(sorted(tops)) or "none"
                raise L10nError(
                    f"not an Argos package: expected one top-level folder, found {found}", path
                )
            top = tops.pop()
            if top in (".", "") or top.startswith(".") or not top.isprintable():
                # hidden or control-character names install but are then invisible to list/remove
                raise L10nError(f"not an Argos package: bad top-level folder name {top!r}", path)
            present = set(n.rstrip("/") for n in names)
            meta_name = f"{top}/metadata.json"
            if meta_name not in present:
                raise L10nError(f"not an Argos package: no {meta_name}", path)
            meta = _read_metadata(path, archive.read(meta_name))
            missing = _missing_model_files(lambda name: f"{top}/{name}" in present)
            if missing is not None:
                raise L10nError(f"not an Argos package: no {top}/{missing} (CTranslate2 model)", path)
            if not any(f"{top}/{t}" in present for t in TOKENIZER_FILES):
                raise L10nError(
                    f"not an Argos package: no {top}/sentencepiece.model or {top}/bpe.model", path
                )
            bad = archive.testzip()
            if bad is not None:
                raise L10nError(f"corrupt archive: bad CRC for {bad!r}", path)
    except zipfile.BadZipFile as err:
        raise L10nError(f"corrupt archive: {err}", path) from None
    return top, meta


def _staging_area(directory: Path) -> Path:
    """A work folder next to the packages folder (same file system, so renames are atomic).

    Not inside it: argostranslate reads every folder there as a package and fails
    on one without metadata.json, so a leftover from a killed install would break argospm.
    """
    area = directory.parent / f".{directory.name}.l10n-staging"
    area.mkdir(parents=True, exist_ok=True)
    return area


@contextlib.contextmanager
def _work_folder(directory: Path, prefix: str) -> Iterator[Path]:
    """A fresh folder in the staging area, flock-ed while in use, removed afterwards."""
    work = Path(tempfile.mkdtemp(prefix=prefix, dir=_staging_area(directory)))
    fd = os.open(work, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield work
    finally:
        shutil.rmtree(work, ignore_errors=True)
        os.close(fd)


def recover_staging(directory: Path) -> list[str]:
    """Clean up after installs or removals that were killed; return what was restored.

    A work folder nobody holds a lock on belongs to a dead process. If it holds
    ``old/<name>`` (a reinstall killed between its two renames) and the package
    folder is missing, the old version is put back; then the work folder goes.
    """
    area = directory.parent / f".{directory.name}.l10n-staging"
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
    top, _meta = validate_archive(path)
    directory.mkdir(parents=True, exist_ok=True)
    recover_staging(directory)
    final = directory / top
    with _work_folder(directory, "install-") as staging:
        try:
            with zipfile.ZipFile(path) as archive:
                archive.extractall(staging / "new")
        except zipfile.BadZipFile as err:
            raise L10nError(f"corrupt archive: {err}", path) from None
        package = read_package(staging / "new" / top)
        old = staging / "old" / top
        if final.exists() or final.is_symlink():
            _check_replaceable(final, path)
            old.parent.mkdir()
            os.replace(final, old)
        try:
            os.replace(staging / "new" / top, final)
        except BaseException:
            if old.exists() and not final.exists():
                os.replace(old, final)  # keep the version that was installed
            raise
    return InstalledPackage(
        path=final,
        from_code=package.from_code,
        to_code=package.to_code,
        version=package.version,
        target_prefix=package.target_prefix,
        tokenizer=final / package.tokenizer.name,
    )


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
    with tempfile.TemporaryDirectory(prefix="l10n-download-") as tmp:
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
