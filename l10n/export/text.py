"""The txt and md exports: the source text with every segment replaced by its output.

::

    text[:s0.start] + out0 + text[s0.end:s1.start] + out1 + ... + text[sN.end:]

so paragraphs, Markdown markers (``#``, ``-``, ``>``, ``|`` stay in the text between
segments), fenced code, blank lines and line endings are exactly those of the source, and an
identity translation gives the source back byte for byte. A skipped segment (output None)
takes with it a space that separated it from its neighbour in the same line. In ``md`` from a
.txt source, a heading that starts its line gets a ``#``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from l10n.export.pieces import Piece

_HORIZONTAL = re.compile(r"[ \t\u00a0]+")


def chunks(text: str, pieces: Sequence[Piece]) -> list[str]:
    """[gap0, out0, gap1, out1, ..., gapN] with skipped segments and their spacing removed."""
    parts, pos = [], 0
    for p in pieces:
        parts += [text[pos:p.segment.start], p.output or ""]
        pos = p.segment.end
    parts.append(text[pos:])
    for i, p in enumerate(pieces):
        if p.output is not None:
            continue
        if i + 1 < len(pieces) and _HORIZONTAL.fullmatch(parts[2 * i + 2]):
            parts[2 * i + 2] = ""
            continue
        j = i  # else drop the space before the run of skipped segments that ends here
        while j > 0 and parts[2 * j] == "" and pieces[j - 1].output is None:
            j -= 1
        if j > 0 and _HORIZONTAL.fullmatch(parts[2 * j]):
            parts[2 * j] = ""
    return parts


def rebuild(text: str, pieces: Sequence[Piece]) -> str:
    """The article with every segment replaced by its output (the ``txt`` export)."""
    return "".join(chunks(text, pieces))


def render_md(text: str, pieces: Sequence[Piece], markdown_source: bool) -> str:
    """The ``md`` export: the rebuilt text; from a .txt source, headings marked with ``#``."""
    if markdown_source:
        return rebuild(text, pieces)
    marked = [
        replace(p, output="# " + p.output) if p.segment.heading and p.output and _line_start(text, p.segment.start)
        else p
        for p in pieces
    ]
    return rebuild(text, marked)


def _line_start(text: str, pos: int) -> bool:
    return pos == 0 or text[pos - 1] == "\n"
