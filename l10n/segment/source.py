"""Reading article sources: strict UTF-8, BOM removed, line endings kept as they are."""

from __future__ import annotations

import codecs
from pathlib import Path

from l10n.errors import L10nError

_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def decode_source(data: bytes, path: str | Path | None = None) -> str:
    """Decode an article's bytes. Offsets of segments refer to the returned text.

    A UTF-8 BOM is removed; CRLF line endings are kept. Raises L10nError naming
    ``path`` (and the line) for NUL bytes or bytes that are not UTF-8.
    """
    if data.startswith(_UTF16_BOMS):
        raise L10nError("the file is UTF-16 encoded; save the article as UTF-8", path, 1)
    skip = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    nul = data.find(b"\x00")
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        raise L10nError(f"binary file (NUL byte at byte offset {nul}); expected a UTF-8 text article", path, line)
    try:
        return data[skip:].decode("utf-8")
    except UnicodeDecodeError as err:
        at = err.start + skip  # offsets in the error are those of the file
        line = data.count(b"\n", 0, at) + 1
        raise L10nError(
            f"not valid UTF-8 (byte 0x{data[at:at + 1].hex()} at byte offset {at}); save the article as UTF-8",
            path,
            line,
        ) from None


def read_source(path: str | Path) -> str:
    """Read and decode an article file (see :func:`decode_source`)."""
    try:
        data = Path(path).read_bytes()
    except OSError as err:
        raise L10nError(f"cannot read the file: {err.strerror or err}", path) from None
    return decode_source(data, path)
