"""The one place where templates and catalogs are read from and written to disk.

:func:`read_catalog` keeps the SHA-256 digest of the bytes it parsed, so the
write step can check that nobody (a translator's editor) saved the file in
between: :func:`write_catalog` receives that digest. Parsing is the strict
reader of :mod:`l10n.catalog.reader`; only regular files are read (a FIFO or a
symlink to ``/dev/zero`` in place of a catalog would hang or fill memory).
"""

from __future__ import annotations

import os
import stat
import time
from dataclasses import dataclass
from pathlib import Path

import polib

from l10n.atomic import FileSavedTwiceError, atomic_write_bytes, digest_bytes, replace_unless_changed
from l10n.catalog.reader import decode_po, parse_po
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


def load_catalog(path: str | Path) -> CatalogFile:
    """Like :func:`read_catalog`, for a catalog that must exist (a PATH the user named)."""
    found = read_catalog(path)
    if found is None:
        raise L10nError("no such catalog file", path)
    return found


def parse_catalog_bytes(data: bytes, path: str | Path) -> CatalogFile:
    """A catalog from bytes that came from ``path`` (strict: malformed raises L10nError)."""
    path = Path(path)
    text = decode_po(data, path)
    return CatalogFile(path=path, po=parse_po(text, path), text=text, digest=digest_bytes(data))


_SETTLE_TRIES = 5
_SETTLE_SECONDS = 0.05
#: Larger than any catalog a newsroom writes (a 20,000-entry catalog is ~4 MB).
MAX_CATALOG_BYTES = 256 * 1024 * 1024


def _read_bytes(path: Path) -> bytes | None:
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        raise L10nError("is a folder, not a catalog file", path) from None
    except PermissionError:
        raise L10nError("cannot read the catalog: permission denied", path) from None
    except OSError as err:
        raise L10nError(f"cannot read the catalog: {err.strerror or err}", path) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise L10nError("is a folder, not a catalog file", path)
        if not stat.S_ISREG(info.st_mode):
            raise L10nError("not a regular file (a pipe or device?); a catalog must be a file", path)
        if info.st_size > MAX_CATALOG_BYTES:
            raise L10nError(f"too large for a catalog ({info.st_size // (1 << 20)} MiB)", path)
        with os.fdopen(fd, "rb", closefd=False) as fh:
            return fh.read(MAX_CATALOG_BYTES + 1)
    finally:
        os.close(fd)


class CatalogChangedError(L10nError):
    """The file on disk is not the one that was read: someone (an editor) saved it meanwhile."""


def write_catalog(path: str | Path, text: str, *, read_digest: str | None, check: bool = True) -> None:
    """Write ``text`` (what :func:`l10n.catalog.model.dump` gives) atomically to ``path``.

    A file already there keeps its layout (:func:`l10n.catalog.writer.file_layout`):
    its CRLF line endings, and a file saved without wrapping (``msgcat --no-wrap``,
    Poedit) is written unwrapped, so one changed entry changes only its own lines.

    ``read_digest`` is the digest of the file as it was read before the update
    (None if it did not exist). With ``check``, a file saved on disk since then
    is never destroyed: CatalogChangedError is raised and the file is as the
    editor saved it (see :func:`l10n.atomic.replace_unless_changed`). Without
    ``check`` (a template, derived from its article only) it is replaced.
    """
    encode_catalog(text, path)  # refuse what no reader would read back, before anything else
    data = _in_layout_of(path, text).encode("utf-8")
    if not check:
        atomic_write_bytes(path, data)
        return
    try:
        written = replace_unless_changed(path, data, read_digest)
    except FileSavedTwiceError as err:
        raise L10nError(str(err), path=path) from None
    except OSError as err:
        raise L10nError(f"cannot write: {err.strerror or err}", path=path) from None
    if not written:
        raise CatalogChangedError("changed on disk while l10n was working (saved by an editor?)", path=path)


def _in_layout_of(path: str | Path, text: str) -> str:
    """``text`` (LF, wrapped as GNU does at 79) in the layout of the file at ``path``, if there is one."""
    from l10n.catalog.reader import parse_po
    from l10n.catalog.writer import file_layout, write_po

    try:
        data = _read_bytes(Path(path))
    except L10nError:
        return text  # not a readable regular file: the write reports what is wrong
    if data is None:
        return text
    layout = file_layout(data.decode("utf-8", errors="replace"))
    if layout.wrap:
        return text.replace("\n", "\r\n") if layout.newline == "\r\n" else text
    return write_po(parse_po(text, path), layout=layout)


def encode_catalog(text: str, path: str | Path) -> bytes:
    """``text`` as the UTF-8 bytes of a catalog, refusing what :func:`read_catalog` would refuse to read
    back (a NUL, an EOT, a lone surrogate): nothing is written then, and no command is locked out."""
    for char, name in (("\x00", "a NUL character (U+0000)"), ("\x04", "an EOT control character (U+0004)")):
        at = text.find(char)
        if at >= 0:
            raise L10nError(f"not written: the catalog would contain {name}, which no reader accepts",
                            path, text.count("\n", 0, at) + 1)
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as err:
        raise L10nError(f"not written: the catalog would contain a lone surrogate U+{ord(text[err.start]):04X} "
                        "(half of a character), which is not UTF-8", path, text.count("\n", 0, err.start) + 1) from None
