"""The txt and md exports: the source text with every segment replaced by its output.

::

    text[:s0.start] + out0 + text[s0.end:s1.start] + out1 + ... + text[sN.end:]

so paragraphs, Markdown markers (``#``, ``-``, ``>``, ``|`` stay in the text between
segments), fenced code, blank lines and line endings are exactly those of the source, and an
identity translation gives the source back byte for byte. A skipped segment (output None)
takes with it a space that separated it from its neighbour in the same line. In ``md`` from a
.txt source, a heading that starts its line gets a ``#``.

A translation cannot add blocks (:func:`contained`): its line breaks become spaces unless it
has the same lines as the English (as many single line breaks, no line opening a block), and a
block marker it starts with where its segment starts a line (``# ``, ``- ``, ``> ``, a fence...)
and the English does not is escaped with a backslash, so the export has the source's blocks; so is a
``|`` in a table cell's translation (``\\|``), so the row keeps its cells.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from l10n.export.pieces import Piece
from l10n.segment.front_matter import double_quoted, plain_scalar_ok, printable
from l10n.segment.layout import FRONT_MATTER, TABLE_CELL, TABLE_HEADER

_HORIZONTAL = re.compile(r"[ \t\u00a0]+")
#: A pipe without the backslash that keeps it inside a table cell (GFM, markdown-it: ``\|``).
_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")

#: A line break (those of str.splitlines) with the blanks around it.
LINE_BREAK = re.compile(r"[ \t]*(?:\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029])[ \t]*")
_BREAKS = re.compile(f"(?:{LINE_BREAK.pattern})+")
_SINGLE_BREAK = re.compile(r"[ \t]*\r?\n[ \t]*")
#: CommonMark's HTML blocks that may interrupt a paragraph (kinds 1 to 6; a tag name of kind 6).
_HTML_BLOCK = (
    r"<(?:script|pre|style|textarea)(?=[ \t>]|$)|<!--|<\?|<![A-Za-z]|<!\[CDATA\[|</?(?:address|article|aside|base"
    r"|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|dt|fieldset|figcaption"
    r"|figure|footer|form|frame|frameset|h[1-6]|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav"
    r"|noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|track"
    r"|ul)(?=[ \t>]|/>|$)"
)
#: What opens a Markdown block (or one of the segmenter's) at the start of a line: heading, bullet,
#: numbered item, quote, fence, thematic break, setext underline, table row, HTML block.
_BLOCK_MARKER = re.compile(
    r"[ \t]*(?:(?P<heading>#{1,6})(?=[ \t]|$)|(?P<bullet>[-*+•▪◦‣])(?=[ \t]|$)|(?P<number>\d{1,9}[.)])(?=[ \t]|$)"
    r"|(?P<quote>>)|(?P<fence>`{3,}|~{3,})|(?P<rule>(?:[-*_][ \t]*){3,}$)|(?P<underline>=+[ \t]*$)"
    rf"|(?P<table>\|)|(?P<html>(?i:{_HTML_BLOCK})))"
)
#: What a line starts with before its first segment: blanks and the markers of the blocks it is in.
_LINE_PREFIX = re.compile(r"(?:[ \t>]|[-*+•▪◦‣][ \t]|\d{1,9}[.)][ \t])*")


def block_marker(line: str) -> tuple[str, str] | None:
    """(kind, marker) of the block marker ``line`` starts with (``("heading", "##")``), None when none."""
    found = leading_markers(line)
    return found[0][:2] if found else None


def leading_markers(line: str) -> list[tuple[str, str, int]]:
    """The block markers ``line`` opens with, one inside the other (``"> 1. # x"``: quote, number,
    heading): (kind, marker, where it starts) each."""
    found, pos = [], 0
    while (m := _BLOCK_MARKER.match(line, pos)) is not None:
        kind = m.lastgroup
        found.append((kind, m.group(kind), m.start(kind)))
        if kind not in ("bullet", "number", "quote"):  # only these hold blocks
            break
        pos = m.end()
    return found


def chunks(text: str, pieces: Sequence[Piece]) -> list[str]:
    """[gap0, out0, gap1, out1, ..., gapN] with skipped segments and their spacing removed, and the
    quotation markers inside a segment (its ``marks``) put back."""
    parts, pos = [], 0
    for p in pieces:
        parts += [text[pos:p.segment.start], with_marks(text, p.segment, p.output or "")]
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


_NEWLINE = re.compile(r"\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")
_ONE_BREAK = re.compile(f"(?:{_NEWLINE.pattern})[ \t]*")


def with_marks(text: str, segment, output: str) -> str:
    """``output`` with the quotation markers of ``segment`` (its ``marks``: the ``> `` that start its
    source lines) after its line breaks, one for one, with the source's line ends; on one line when
    it has not the segment's line breaks (then it stays one paragraph of the quotation)."""
    marks = getattr(segment, "marks", ())
    if not marks or not output:
        return output
    starts = dict(marks)
    lines = [(m.group(), text[m.end():starts[m.end()]] if m.end() in starts else "")
             for m in _NEWLINE.finditer(text, segment.start, segment.end)]
    breaks = list(_ONE_BREAK.finditer(output))
    if len(breaks) != len(lines):
        return _BREAKS.sub(lambda m: "" if m.start() == 0 or m.end() == len(output) else " ", output)
    out, pos = [], 0
    for m, (newline, prefix) in zip(breaks, lines):
        out += [output[pos:m.start()], newline + prefix if prefix else m.group()]  # the source's line end
        pos = m.end()
    out.append(output[pos:])
    return "".join(out)


def rebuild(text: str, pieces: Sequence[Piece]) -> str:
    """The article with every segment replaced by its output (the ``txt`` export), outputs :func:`contained`."""
    return "".join(chunks(text, contained(text, pieces)))


def render_md(text: str, pieces: Sequence[Piece], markdown_source: bool) -> str:
    """The ``md`` export: the rebuilt text; from a .txt source, headings marked with ``#``."""
    pieces = contained(text, pieces)
    if markdown_source:
        return "".join(chunks(text, pieces))
    marked = [
        replace(p, output="# " + p.output) if p.segment.heading and p.output and _line_start(text, p.segment.start)
        else p
        for p in pieces
    ]
    return "".join(chunks(text, marked))


def contained(text: str, pieces: Sequence[Piece]) -> list[Piece]:
    """``pieces`` with outputs that would add blocks to the layout neutralised (see the module docstring)."""
    out, seen, lead_end = [], 0, _LINE_PREFIX.match(text).end()
    for p in pieces:
        output = p.output
        if output is not None and output != p.segment.text and p.segment.kind == FRONT_MATTER:
            output = yaml_scalar(text, p.segment.start, p.segment.end, output)
        elif output is not None and output != p.segment.text:
            nl = text.rfind("\n", seen, p.segment.start)  # segments are in order: each character looked at once
            if nl >= 0:
                lead_end = _LINE_PREFIX.match(text, nl + 1).end()
            seen = max(seen, p.segment.start)
            output = _same_lines(output, p.segment.text)
            if p.segment.start <= lead_end:  # only blanks and block markers before it on its line
                output = _escape_lead(p.segment.text, output)
            if p.segment.kind in (TABLE_HEADER, TABLE_CELL):
                output = _UNESCAPED_PIPE.sub(r"\\|", output)  # "Рост | 5%." would split the cell
        out.append(p if output == p.output else replace(p, output=output))
    return out


def yaml_scalar(text: str, start: int, end: int, output: str) -> str:
    """``output`` in place of the front matter value ``text[start:end]``, so the YAML still reads it as
    that one string: on one line, escaped inside the value's quotes, or quoted when a plain value
    would not stay that string (``a: b``, ``# x``, a comma in a ``[...]`` list, ``yes``, ``Off``, ``123``,
    ``2026-12-03``: :func:`l10n.segment.front_matter.plain_scalar_ok`)."""
    output = _BREAKS.sub(" ", output).strip()
    before = text[start - 1:start]
    if before == '"':
        return double_quoted(output)
    if before == "'":
        return printable(output).replace("'", "''")
    line_start = text.rfind("\n", 0, start) + 1
    if not text[line_start:start].strip():
        return printable(output)  # a line of a block scalar ("description: >" and indented lines): literal text
    if not plain_scalar_ok(output, in_flow="[" in text[line_start:start]):
        return '"' + double_quoted(output) + '"'
    return output


def _same_lines(output: str, english: str) -> str:
    """``output`` on one line, unless it has the English's line structure (then its breaks stay):
    as many single line breaks, no blank line, no line that opens a block."""
    breaks = LINE_BREAK.findall(output)
    if not breaks:
        return output
    lines = LINE_BREAK.split(output)
    if (len(breaks) == len(LINE_BREAK.findall(english)) and all(_SINGLE_BREAK.fullmatch(b) for b in breaks)
            and all(lines) and not any(block_marker(line) for line in lines[1:])):
        return output
    return _BREAKS.sub(lambda m: "" if m.start() == 0 or m.end() == len(output) else " ", output)


def _escape_lead(english: str, output: str) -> str:
    """``output`` of a segment that starts a line: without the blanks the English does not start with
    (four would make Markdown code), and with a backslash before the first block marker it opens
    with that the English does not have there (``\\# ``, ``1\\. ``, ``1. \\# ``)."""
    if output[:1] in " \t" and english[:1] not in " \t":
        output = output.lstrip(" \t")
    found = leading_markers(LINE_BREAK.split(output, maxsplit=1)[0])
    if not found:
        return output
    kinds = [kind for kind, _marker, _at in leading_markers(LINE_BREAK.split(english, maxsplit=1)[0])]
    for n, (kind, marker, at) in enumerate(found):
        if n < len(kinds) and kinds[n] == kind:
            continue
        i = at + (len(marker) - 1 if kind == "number" else 0)
        return output[:i] + "\\" + output[i:]
    return output


def _line_start(text: str, pos: int) -> bool:
    return pos == 0 or text[pos - 1] == "\n"
