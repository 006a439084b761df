"""The one place where templates and catalogs are read from and written to disk.

:func:`read_catalog` keeps the SHA-256 digest of the bytes it parsed, so the
write step can check that nobody (a translator's editor) saved the file in
between: :func:`write_catalog` receives that digest.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import polib

from l10n.atomic import FileSavedTwiceError, atomic_write_text, digest_bytes, replace_unless_changed
from l10n.errors import L10nError


@dataclass
class CatalogFile:
    """A catalog as read: its path, parsed content, raw text and digest of the bytes."""

    path: Path
    po: polib.POFile
    text: str
    digest: str


def read_catalog(path: str | Path) -> CatalogFile | None:
    """Read and parse a .po/.pot file; None if it does not exist. Malformed files raise L10nError."""
    path = Path(path)
    data = _read_bytes(path)
    for _ in range(_SETTLE_TRIES):
        if data is None:
            return None
        try:
            return parse_catalog_bytes(data, path)
        except L10nError:
            # An editor saving in place may be half-way through its write: if the
            # bytes change within a moment, parse what it finished writing.
            time.sleep(_SETTLE_SECONDS)
            again = _read_bytes(path)
            if again == data:
                raise
            data = again
    return parse_catalog_bytes(data, path) if data is not None else None


_SETTLE_TRIES = 5
_SETTLE_SECONDS = 0.05


def _read_bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as err:
        raise L10nError(f"cannot read: {err.strerror or err}", path=path) from None


class CatalogChangedError(L10nError):
    """The file on disk is not the one that was read: someone (an editor) saved it meanwhile."""


def write_catalog(path: str | Path, text: str, *, read_digest: str | None, check: bool = True) -> None:
    """Write ``text`` atomically to ``path``.

    ``read_digest`` is the digest of the file as it was read before the update
    (None if it did not exist). With ``check``, a file saved on disk since then
    is never destroyed: CatalogChangedError is raised and the file is as the
    editor saved it (see :func:`l10n.atomic.replace_unless_changed`). Without
    ``check`` (a template, derived from its article only) it is replaced.
    """
    if not check:
        atomic_write_text(path, text)
        return
    try:
        written = replace_unless_changed(path, text.encode("utf-8"), read_digest)
    except FileSavedTwiceError as err:
        raise L10nError(str(err), path=path) from None
    except OSError as err:
        raise L10nError(f"cannot write: {err.strerror or err}", path=path) from None
    if not written:
        raise CatalogChangedError("changed on disk while l10n was working (saved by an editor?)", path=path)


def parse_catalog_bytes(data: bytes, path: str | Path) -> CatalogFile:
    """A catalog from bytes that came from ``path`` (strict: malformed raises L10nError)."""
    path = Path(path)
    return CatalogFile(path=path, po=_parse(data, path), text=data.decode("utf-8", errors="replace"),
                       digest=digest_bytes(data))


def _parse(data: bytes, path: Path) -> polib.POFile:
    try:
        from l10n.catalog.reader import decode_po, parse_po
    except ImportError:  # pragma: no cover - before the strict reader existed
        try:
            return polib.pofile(data.decode("utf-8"), wrapwidth=78)
        except (UnicodeDecodeError, OSError, ValueError) as err:
            raise L10nError(f"malformed catalog: {err}", path=path) from None
    po = parse_po(decode_po(data, path), path)
    po.wrapwidth = 78
    return po
