"""Argos Translate packages on disk: find, list, validate, install and remove.

Packages live where argostranslate keeps them (``ARGOS_PACKAGES_DIR``, else
``$XDG_DATA_HOME/argos-translate/packages``), so they are shared with ``argospm``.
Every location is resolved at call time from the environment, never at import
time, and nothing here imports ``argostranslate`` (its ``settings`` module
creates folders on import; its install/uninstall import torch).

An ``.argosmodel`` is validated before anything is written: a zip whose entries
all sit under one top-level folder, no absolute or ``..`` paths, a readable
``metadata.json`` with ``from_code``/``to_code``, ``model/model.bin`` and
its vocabulary (a CTranslate2 model) and a tokenizer
(``sentencepiece.model`` or ``bpe.model``). Installing extracts into a staging
folder next to the packages folder (``.<name>.l10n-staging``), then renames the
package into place.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import tempfile
import urllib.error
import urllib.request
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Callable, Iterable, Iterator

from l10n.atomic import atomic_writer
from l10n.errors import L10nError

DEFAULT_INDEX = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/"
TOKENIZER_FILES = ("sentencepiece.model", "bpe.model")


def _missing_model_files(present: Callable[[str], bool]) -> str | None:
    """What a CTranslate2 model folder lacks, or None: ``model/model.bin`` and its vocabulary.

    The vocabulary is ``shared_vocabulary`` or ``source_``/``target_vocabulary``
    (``.json`` since CTranslate2 3, ``.txt`` before). ``config.json`` is not
    required: models converted with CTranslate2 2.x (older Argos packages) have none.
    """
    if not present("model/model.bin"):
        return "model/model.bin"

    def vocab(name: str) -> bool:
        return present(f"model/{name}.json") or present(f"model/{name}.txt")

    if not (vocab("shared_vocabulary") or (vocab("source_vocabulary") and vocab("target_vocabulary"))):
        return "model/shared_vocabulary.json (or .txt, or source_/target_vocabulary)"
    return None

#: Called as ``progress(done_bytes, total_bytes_or_None, label)`` while downloading.
DownloadProgress = Callable[[int, "int | None", str], None]


@dataclass(frozen=True)
class InstalledPackage:
    """One installed translation package (a folder in the packages folder)."""

    path: Path
    from_code: str
    to_code: str
    version: str
    target_prefix: str
    tokenizer: Path

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def pair(self) -> str:
        return f"{self.from_code}:{self.to_code}"

    @property
    def model_path(self) -> Path:
        return self.path / "model"

    def size(self) -> int:
        """Bytes on disk (all files under the package folder)."""
        return sum(p.stat().st_size for p in self.path.rglob("*") if p.is_file())

    def as_dict(self) -> dict:
        """The ``models list --json`` record (``size`` reads the folder, as :meth:`size`)."""
        return {
            "pair": self.pair,
            "name": self.name,
            "version": self.version,
            "size": self.size(),
            "path": str(self.path),
            # the target language under the key status/translate/postedit --json use; the English side too
            "language": self.to_code,
            "source_language": self.from_code,
        }


def _settings_file() -> Path:
    config = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(config) / "argos-translate" / "settings.json"


def _setting(key: str) -> str | None:
    """An argostranslate setting: the environment first, then its settings.json."""
    value = os.environ.get(key)
    if value:
        return value
    try:
        data = json.loads(_settings_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    value = data.get(key) if isinstance(data, dict) else None
    return str(value) if value else None


def packages_dir() -> Path:
    """The folder argostranslate installs packages into, resolved now."""
    configured = _setting("ARGOS_PACKAGES_DIR")
    if configured:
        return Path(configured)
    data = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data) / "argos-translate" / "packages"


def index_url() -> str:
    """The package index URL (``ARGOS_PACKAGE_INDEX`` + ``index.json``)."""
    base = _setting("ARGOS_PACKAGE_INDEX") or DEFAULT_INDEX
    if not base.endswith("/"):
        base += "/"
    return base + "index.json"


# --- reading installed packages -------------------------------------------------


def _read_metadata(path: Path, data: bytes) -> dict:
    try:
        meta = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as err:
        raise L10nError(f"metadata.json is not valid JSON: {err}", path) from None
    if not isinstance(meta, dict):
        raise L10nError("metadata.json must hold a JSON object", path)
    for key in ("from_code", "to_code"):
        if not isinstance(meta.get(key), str) or not meta[key]:
            raise L10nError(f"metadata.json has no {key!r}", path)
    return meta


def read_package(folder: Path) -> InstalledPackage:
    """Describe the package in ``folder``; L10nError if it is not a valid package."""
    folder = Path(folder)
    meta_path = folder / "metadata.json"
    try:
        meta = _read_metadata(meta_path, meta_path.read_bytes())
    except FileNotFoundError:
        raise L10nError("not an Argos package: no metadata.json", folder) from None
    missing = _missing_model_files(lambda name: (folder / name).is_file())
    if missing is not None:
        raise L10nError(f"not an Argos package: no {missing} (CTranslate2 model)", folder)
    tokenizer = next((folder / t for t in TOKENIZER_FILES if (folder / t).is_file()), None)
    if tokenizer is None:
        raise L10nError("not an Argos package: no sentencepiece.model or bpe.model", folder)
    return InstalledPackage(
        path=folder,
        from_code=meta["from_code"],
        to_code=meta["to_code"],
        version=str(meta.get("package_version", "")),
        target_prefix=str(meta.get("target_prefix") or ""),
        tokenizer=tokenizer,
    )


def list_packages(directory: Path | None = None) -> list[InstalledPackage]:
    """Installed translation packages, sorted by pair then name. Broken folders are skipped."""
    directory = packages_dir() if directory is None else Path(directory)
    if not directory.is_dir():
        return []
    found = []
    for child in sorted(directory.iterdir()):
        if not child.is_dir() or child.name.startswith("."):
            continue
        try:
            found.append(read_package(child))
        except L10nError:
            continue
    return sorted(found, key=lambda p: (p.from_code, p.to_code, p.name))


def install_hint(source: str, target: str, directory: Path | None = None) -> str:
    """How to install a package where it will be looked for (``--dir`` for a folder other than argostranslate's)."""
    if directory is not None and Path(directory) != packages_dir():
        import shlex

        where = shlex.quote(str(directory))
        archives = sorted(Path(directory).glob("*.argosmodel")) if Path(directory).is_dir() else []
        if archives:  # a folder of archives is not a packages folder: install them somewhere first
            return (
                f"{where} holds .argosmodel archives, not installed packages; install them with "
                f"`l10n models install {where} --dir PACKAGES` and use that folder"
            )
        return (
            f"install one there with `l10n models install {source}:{target} --dir {where}` (from the Argos index) "
            f"or `l10n models install FILE.argosmodel --dir {where}`"
        )
    return (
        f"install one with `l10n models install {source}:{target}` (from the Argos index), "
        f"`l10n models install FILE.argosmodel`, or `argospm install translate-{source}_{target}`"
    )


def find_package(source: str, target: str, directory: Path | None = None) -> InstalledPackage:
    """The installed package for ``source`` -> ``target`` (the newest version if several)."""
    explicit = directory
    directory = packages_dir() if directory is None else Path(directory)
    matches = [p for p in list_packages(directory) if (p.from_code, p.to_code) == (source, target)]
    if not matches:
        raise L10nError(
            f"no Argos package for {source}->{target} is installed in {directory}; "
            + install_hint(source, target, None if explicit is None else directory)
        )
    return max(matches, key=lambda p: _version_key(p.version))


def _version_key(version: str) -> tuple:
    parts = []
    for part in version.replace("-", ".").split("."):
        parts.append((0, int(part), "") if part.isdigit() else (1, 0, part))
    return tuple(parts)


# --- validating and installing archives -----------------------------------------


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


# --- the package index ----------------------------------------------------------


def _fetch(url: str, timeout: float = 30.0):
    try:
        return urllib.request.urlopen(url, timeout=timeout)  # noqa: S310 (http(s) URLs from the index)
    except (urllib.error.URLError, OSError, ValueError) as err:
        reason = getattr(err, "reason", err)
        raise L10nError(
            f"cannot reach {url}: {reason} (offline? install from a file: l10n models install FILE.argosmodel)"
        ) from None


def fetch_index(url: str | None = None) -> list[dict]:
    """The Argos package index (a JSON list of package metadata with ``links``)."""
    url = index_url() if url is None else url
    with _fetch(url) as response:
        data = response.read()
    try:
        index = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as err:
        raise L10nError(f"the package index at {url} is not valid JSON: {err}") from None
    if not isinstance(index, list):
        raise L10nError(f"the package index at {url} is not a JSON list")
    return [entry for entry in index if isinstance(entry, dict)]


def parse_pair(text: str) -> tuple[str, str] | None:
    """``"en:az"`` -> ("en", "az"); None when ``text`` is not a pair."""
    if text.count(":") != 1 or "/" in text or "\\" in text:
        return None
    source, target = text.split(":")
    if source.isalpha() and target.isalpha() and 2 <= len(source) <= 3 and 2 <= len(target) <= 3:
        return source.lower(), target.lower()
    return None


def download(url: str, dest: Path, progress: DownloadProgress | None = None) -> Path:
    """Download ``url`` to ``dest`` (atomically: a temp file renamed at the end)."""
    dest = Path(dest)
    with atomic_writer(dest, suffix=".part") as out, _fetch(url) as response:
        length = response.headers.get("Content-Length")
        total = int(length) if length and length.isdigit() else None
        done = 0
        while True:
            try:
                block = response.read(1 << 16)
            except OSError as err:
                raise L10nError(f"download of {url} failed: {err}") from None
            if not block:
                break
            out.write(block)
            done += len(block)
            if progress is not None:
                progress(done, total, dest.name)
        if total is not None and done != total:
            raise L10nError(f"download of {url} is incomplete ({done} of {total} bytes)")
    return dest


def install_pair(
    source: str,
    target: str,
    directory: Path | None = None,
    progress: DownloadProgress | None = None,
    index: str | None = None,
) -> InstalledPackage:
    """Download the newest index package for ``source`` -> ``target`` and install it."""
    url = index_url() if index is None else index
    entries = [
        e
        for e in fetch_index(url)
        if e.get("from_code") == source
        and e.get("to_code") == target
        and e.get("type", "translate") == "translate"
        and e.get("links")
    ]
    if not entries:
        raise L10nError(f"the package index at {url} has no package for {source}->{target}")
    entry = max(entries, key=lambda e: _version_key(str(e.get("package_version", ""))))
    errors = []
    with tempfile.TemporaryDirectory(prefix="l10n-download-") as tmp:
        for link in entry["links"]:
            dest = Path(tmp) / f"translate-{source}_{target}.argosmodel"
            try:
                download(str(link), dest, progress)
            except L10nError as err:
                errors.append(str(err))
                continue
            return install_archive(dest, directory)
    raise L10nError("; ".join(errors) or f"no usable link for {source}->{target}")


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
