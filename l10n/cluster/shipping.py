"""Which Argos package a worker needs, whether it has it, and shipping it when it does not.

A package is named by the digest of its files (:func:`folder_digest`), so a
worker uses a copy only if it is the very package the driver drafts with. A
worker looks, in order, in its own process cache, at the driver's folder (only
when the cluster runs on the driver's machine, ``local[:N]``), in its own Argos
packages folder (``ARGOS_PACKAGES_DIR``), and in its worker-local folder of
shipped packages. When it has none, the driver sends the package as
``.argosmodel`` bytes (a zip of the installed folder, built once per run) with
their SHA-256; the worker checks the hash and installs the archive through the
validated installer (:func:`l10n.engine.install.install_archive`) into its
worker-local folder.
"""

from __future__ import annotations

import hashlib
import io
import os
import tempfile
import threading
import zipfile
from dataclasses import dataclass
from pathlib import Path

from l10n.engine.packages import InstalledPackage, list_packages, read_package
from l10n.errors import L10nError

#: The folder under a worker's local directory that holds shipped packages.
SHIPPED_DIR = "l10n-packages"

_CHUNK = 1 << 20


@dataclass(frozen=True)
class PackageSpec:
    """What a worker needs to find (or be sent) the driver's package."""

    name: str  # the package folder's name, e.g. translate-en_az-1_9
    from_code: str
    to_code: str
    version: str
    digest: str  # folder_digest of the installed package
    driver_path: str | None = None  # the driver's folder, for workers on the driver's machine


def folder_digest(folder: Path) -> str:
    """SHA-256 over every file of ``folder`` (relative path, size and bytes, in sorted order)."""
    folder = Path(folder)
    digest = hashlib.sha256()
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    for path in files:
        relative = path.relative_to(folder).as_posix().encode("utf-8")
        digest.update(len(relative).to_bytes(4, "big") + relative + path.stat().st_size.to_bytes(8, "big"))
        with path.open("rb") as fh:
            while chunk := fh.read(_CHUNK):
                digest.update(chunk)
    return digest.hexdigest()


_DIGESTS: dict[tuple, str] = {}
_DIGESTS_LOCK = threading.Lock()


def cached_digest(folder: Path) -> str:
    """:func:`folder_digest`, computed once per process for a folder whose files did not change."""
    folder = Path(folder).resolve()
    stats = tuple((p.as_posix(), p.stat().st_size, p.stat().st_mtime_ns)
                  for p in sorted(folder.rglob("*")) if p.is_file())
    key = (folder.as_posix(), stats)
    with _DIGESTS_LOCK:
        if key not in _DIGESTS:
            _DIGESTS[key] = folder_digest(folder)
        return _DIGESTS[key]


def package_spec(package: InstalledPackage, same_machine: bool) -> PackageSpec:
    return PackageSpec(
        name=package.name, from_code=package.from_code, to_code=package.to_code, version=package.version,
        digest=cached_digest(package.path), driver_path=str(package.path) if same_machine else None,
    )


def archive_bytes(package: InstalledPackage) -> tuple[bytes, str]:
    """The installed package as ``.argosmodel`` bytes (one top folder, as Argos zips them) and their SHA-256."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:  # model.bin hardly compresses
        for path in sorted(p for p in package.path.rglob("*") if p.is_file()):
            archive.write(path, f"{package.name}/{path.relative_to(package.path).as_posix()}")
    data = buffer.getvalue()
    return data, hashlib.sha256(data).hexdigest()


# --- on the worker -----------------------------------------------------------------------------------

_FOUND: dict[str, Path] = {}  # digest -> the folder this process uses
_FOUND_LOCK = threading.Lock()


def _matches(folder: Path, spec: PackageSpec) -> bool:
    try:
        package = read_package(folder)
    except L10nError:
        return False
    return (package.from_code, package.to_code) == (spec.from_code, spec.to_code) and cached_digest(folder) == spec.digest


def find_package_copy(spec: PackageSpec, local_dir: Path) -> Path | None:
    """The folder of ``spec``'s package on this worker, or None when it has no identical copy."""
    with _FOUND_LOCK:
        known = _FOUND.get(spec.digest)
        if known is not None and known.is_dir():
            return known
        candidates: list[Path] = []
        if spec.driver_path is not None:
            candidates.append(Path(spec.driver_path))
        candidates += [p.path for p in list_packages() if p.name == spec.name]
        candidates.append(shipped_dir(local_dir, spec) / spec.name)
        for folder in candidates:
            if folder.is_dir() and _matches(folder, spec):
                _FOUND[spec.digest] = folder
                return folder
    return None


def shipped_dir(local_dir: Path, spec: PackageSpec) -> Path:
    return Path(local_dir) / SHIPPED_DIR / spec.digest[:16]


def install_shipped(spec: PackageSpec, data: bytes, sha256: str, local_dir: Path) -> Path:
    """Check the shipped bytes against their hash, install them with the validated installer, check the digest."""
    if hashlib.sha256(data).hexdigest() != sha256:
        raise L10nError(f"the shipped package {spec.name} does not match its SHA-256 (damaged in transfer)")
    target = shipped_dir(local_dir, spec)
    target.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=".incoming-", suffix=".argosmodel", dir=target)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        from l10n.engine.install import install_archive

        installed = install_archive(Path(name), target)
    finally:
        os.unlink(name)
    if not _matches(installed.path, spec):
        raise L10nError(f"the shipped package {spec.name} installed with other files than the driver's", installed.path)
    with _FOUND_LOCK:
        _FOUND[spec.digest] = installed.path
    return installed.path
