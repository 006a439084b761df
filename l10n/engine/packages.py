"""Argos Translate packages on disk: where they live, reading, listing and finding them.

Packages live where argostranslate keeps them (``ARGOS_PACKAGES_DIR``, else
``$XDG_DATA_HOME/argos-translate/packages``), so they are shared with ``argospm``.
Every location is resolved at call time from the environment, never at import
time, and nothing here imports ``argostranslate`` (its ``settings`` module
creates folders on import; its install/uninstall import torch).

Installing and removing is :mod:`l10n.engine.install`; the package index and
downloads are :mod:`l10n.engine.index`.
"""

from __future__ import annotations

import json
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from l10n.errors import L10nError

DEFAULT_INDEX = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/"
TOKENIZER_FILES = ("sentencepiece.model", "bpe.model")
#: A package's metadata.json holds a few short fields (~300 bytes); a larger one, in an
#: archive or installed, is refused unread.
MAX_METADATA_BYTES = 1 << 20


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
    except (OSError, ValueError, RecursionError):
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


def _read_metadata(path: str | Path, data: bytes, name: str = "metadata.json") -> dict:
    """The metadata in ``data``, read from ``path`` (``name``: the member, in an archive)."""
    if len(data) > MAX_METADATA_BYTES:
        raise _metadata_too_large(path, len(data), name)
    try:
        meta = json.loads(data.decode("utf-8"))
    except RecursionError:
        raise L10nError(f"{name} is not valid JSON: nested too deeply", path) from None
    except (UnicodeDecodeError, ValueError) as err:
        raise L10nError(f"{name} is not valid JSON: {err}", path) from None
    if not isinstance(meta, dict):
        raise L10nError(f"{name} must hold a JSON object", path)
    for key in ("from_code", "to_code"):
        if not isinstance(meta.get(key), str) or not meta[key]:
            raise L10nError(f"{name} has no {key!r}", path)
    return meta


def size_text(size: int) -> str:
    """``4 GiB``, ``1 MiB`` for whole powers of 1024 and their multiples; else ``N bytes``."""
    for unit, shift in (("GiB", 30), ("MiB", 20)):
        if size >= 1 << shift and size % (1 << shift) == 0:
            return f"{size >> shift} {unit}"
    return f"{size} bytes"


def _metadata_too_large(path: str | Path, size: int, name: str = "metadata.json") -> L10nError:
    return L10nError(f"{name} is {size} bytes; it may be at most {size_text(MAX_METADATA_BYTES)}", path)


def open_regular_file(path: str | Path, refusal: str) -> tuple[int, os.stat_result]:
    """A descriptor of ``path`` (blocking reads) and its status, opened without blocking first, so
    that a FIFO or a device is refused with ``L10nError(refusal)`` instead of waited on."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise L10nError(refusal, path)
        os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd, info


def _read_metadata_file(path: Path) -> bytes:
    """The bytes of an installed ``metadata.json``: a regular file of at most MAX_METADATA_BYTES
    (a FIFO or device is refused without blocking; a larger file is not read)."""
    fd, info = open_regular_file(path, "metadata.json is not a regular file")
    try:
        if info.st_size > MAX_METADATA_BYTES:
            raise _metadata_too_large(path, info.st_size)
        with os.fdopen(os.dup(fd), "rb") as fh:
            return fh.read(MAX_METADATA_BYTES + 1)  # one byte more: a file that grew is refused
    finally:
        os.close(fd)


def read_package(folder: Path) -> InstalledPackage:
    """Describe the package in ``folder``; L10nError if it is not a valid package."""
    folder = Path(folder)
    meta_path = folder / "metadata.json"
    try:
        meta = _read_metadata(meta_path, _read_metadata_file(meta_path))
    except FileNotFoundError:
        raise L10nError("not an Argos package: no metadata.json", folder) from None
    except OSError as err:
        raise L10nError(f"cannot read metadata.json: {err.strerror or err}", meta_path) from None
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
    """Sort key of a package version: numeric parts by value, others after them as text.

    Digits are compared as strings (length, then text), never through ``int()``,
    which raises on a 5000-digit string (Python 3.11) and on ``"²"``.
    """
    parts = []
    for part in version.replace("-", ".").split("."):
        if part.isascii() and part.isdigit():
            digits = part.lstrip("0") or "0"
            parts.append((0, len(digits), digits))
        else:
            parts.append((1, 0, part))
    return tuple(parts)


def parse_pair(text: str) -> tuple[str, str] | None:
    """``"en:az"`` -> ("en", "az"); None when ``text`` is not a pair."""
    if text.count(":") != 1 or "/" in text or "\\" in text:
        return None
    source, target = text.split(":")
    if source.isalpha() and target.isalpha() and 2 <= len(source) <= 3 and 2 <= len(target) <= 3:
        return source.lower(), target.lower()
    return None
