"""The one place where templates and catalogs are read from and written to disk.

:func:`read_catalog` keeps the SHA-256 digest of the bytes it parsed, so the
write step can check that nobody (a translator's editor) saved the file in
between: :func:`write_catalog` receives that digest.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import polib

from l10n.atomic import atomic_write_text
from l10n.errors import L10nError


@dataclass
class CatalogFile:
    """A catalog as read: its path, parsed content, raw text and digest of the bytes."""

    path: Path
    po: polib.POFile
    text: str
    digest: str


def digest_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_catalog(path: str | Path) -> CatalogFile | None:
    """Read and parse a .po/.pot file; None if it does not exist. Malformed files raise L10nError."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as err:
        raise L10nError(f"cannot read: {err.strerror or err}", path=path) from None
    po = _parse(data, path)
    return CatalogFile(path=path, po=po, text=data.decode("utf-8", errors="replace"), digest=digest_bytes(data))


class CatalogChangedError(L10nError):
    """The file on disk is not the one that was read: someone (an editor) saved it meanwhile."""


def current_digest(path: str | Path) -> str | None:
    """The digest of the file's bytes now; None if it does not exist."""
    try:
        return digest_bytes(Path(path).read_bytes())
    except FileNotFoundError:
        return None
    except OSError as err:
        raise L10nError(f"cannot read: {err.strerror or err}", path=path) from None


def write_catalog(path: str | Path, text: str, *, read_digest: str | None, check: bool = True) -> None:
    """Write ``text`` atomically to ``path``.

    ``read_digest`` is the digest of the file as it was read before the update
    (None if it did not exist). With ``check``, raises CatalogChangedError
    instead of writing when the file on disk no longer has that digest.
    """
    if check and current_digest(path) != read_digest:
        raise CatalogChangedError("changed on disk while l10n was working (saved by an editor?)", path=path)
    atomic_write_text(path, text)


def _parse(data: bytes, path: Path) -> polib.POFile:
    try:
        from l10n.poread import decode_po, parse_po
    except ImportError:  # pragma: no cover - before the strict reader existed
        try:
            return polib.pofile(data.decode("utf-8"), wrapwidth=78)
        except (UnicodeDecodeError, OSError, ValueError) as err:
            raise L10nError(f"malformed catalog: {err}", path=path) from None
    po = parse_po(decode_po(data, path), path)
    po.wrapwidth = 78
    return po
