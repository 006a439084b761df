"""Markdown layout on a CommonMark parser (markdown-it-py, with mdit-py-plugins' front matter).

:func:`markdown_layout` parses an article once and returns its *leaves* (the blocks whose inline
text is translated: headings, paragraphs, list items, quoted paragraphs, table cells, captions,
front matter values), each with the exact source spans of its text, one span a line, and the
block structure as a flat list of events (open a list, a leaf, a code block, close the list...)
that the HTML export renders without parsing again.

The parser's source maps give each block's lines; its inline text is found back in each line
(container markers such as ``>`` and ``-`` and the ``1.`` of a numbered item stay outside), so
``text[start:end]`` of every span is source text. A leaf's lines are split into *units* (what
the sentence splitter works on) where a line's prefix holds a marker (``> `` of a quotation: a
msgid never holds one) and at hard line breaks (two trailing spaces or a backslash: the break
stays between segments, so every translation keeps it). Emphasis wrapping a whole leaf
(``*Reporting by ...*``) stays outside its segments too.

Not prose, never segmented: fenced and indented code, raw HTML blocks, link reference
definitions, and front matter keys other than ``title``, ``description``, ``summary`` and
``tags`` (see :mod:`l10n.segment.front_matter`).
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field

from l10n.segment.front_matter import front_matter_values
from l10n.segment.inline_spans import inline_spans, track_positions
from l10n.segment.layout import (
    CAPTION,
    FRONT_MATTER,
    HEADING,
    LIST_ITEM,
    NUMBERED_ITEM,
    PARAGRAPH,
    QUOTE,
    TABLE_CELL,
    TABLE_HEADER,
)

_CELL_PIPE = re.compile(r"(?<!\\)\|")
_IMAGE_LINE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)[ \t]*$")

Span = tuple[int, int]
#: Quotations and lists nested deeper than this are not parsed (markdown-it-py's guard against deep
#: recursion; its CommonMark preset has 20): their text is left untranslated, as it is in the source.
MAX_NESTING = 100


@dataclass(frozen=True, slots=True)
class Leaf:
    """A block whose inline text is translated. ``lines``: its text's source spans, one a line;
    ``units``: the spans the sentence splitter works on; ``tag``: its HTML element."""

    kind: str
    tag: str
    lines: tuple[Span, ...]
    units: tuple[Span, ...]
    level: int = 0  # a heading's level, a list item's depth (1 = top level)
    ordinal: int = 0  # a numbered item's number
    hidden: bool = False  # a paragraph of a tight list item: no <p> of its own
    style: str = ""  # a table cell's text-align
    key: str = ""  # a front matter value's key
    keep: tuple[Span, ...] = ()  # its inline spans (links, emphasis, code...): no sentence boundary inside
    marks: tuple[Span, ...] = ()  # the container markers ("> ") that start its lines after the first


@dataclass(frozen=True)
class MarkdownLayout:
    """``events``: ("open", tag, attrs) | ("close", tag) | ("leaf", index) | ("code", start, end, code) |
    ("html", start, end, "html" or "front matter") | ("hr",), in document order; ``code``: the code blocks
    (start, end: fences included)."""

    leaves: list[Leaf]
    events: list[tuple]
    code: list[Span]
    front_matter: Span | None = None
    references: dict = field(default_factory=dict)  # link reference definitions, for the inline renderer


@functools.cache
def parser():
    """The CommonMark parser (raw HTML recognised, tables, strike-through, front matter)."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.front_matter import front_matter_plugin

    md = MarkdownIt("commonmark", {"html": True, "maxNesting": MAX_NESTING})
    md.enable(["table", "strikethrough"]).use(front_matter_plugin)
    track_positions(md)
    return md


def markdown_layout(text: str) -> MarkdownLayout:
    """The leaves and block events of a Markdown article (see the module docstring)."""
    env: dict = {}
    tokens = parser().parse(text, env)
    walk = _Walk(text, _line_spans(text))
    for i, tok in enumerate(tokens):
        walk.token(tokens, i, tok)
    return MarkdownLayout(walk.leaves, walk.events, walk.code, walk.front_matter, env.get("references", {}))


_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")


def _line_spans(text: str) -> list[Span]:
    """(start, end without the line break) of every line, as markdown-it counts them (\r\n, \r or \n)."""
    spans = []
    for m in _LINE.finditer(text):
        if m.start() == len(text) and spans:
            break
        line = m.group(0)
        spans.append((m.start(), m.end() - (len(line) - len(line.rstrip("\r\n")))))
    return spans


class _Walk:
    def __init__(self, text: str, lines: list[Span]):
        self.text, self.lines = text, lines
        self.leaves: list[Leaf] = []
        self.events: list[tuple] = []
        self.code: list[Span] = []
        self.front_matter: Span | None = None
        self.containers: list[tuple[str, int]] = []  # ("ul"|"ol"|"blockquote", ordinal of the open item)
        self.pending: tuple[str, int, str] | None = None  # the open leaf: (tag, level, style)
        self.row: list[Span] = []  # the source cells of the open table row
        self.cell = 0

    def line(self, n: int) -> Span:
        """(start, end) of line ``n`` (0-based) without its line break."""
        return self.lines[n] if n < len(self.lines) else (len(self.text), len(self.text))

    def block_span(self, tok) -> Span:
        """From the start of the block's first line to the end of its last (line break not included)."""
        a, b = tok.map
        return self.line(a)[0], self.line(max(a, b - 1))[1]

    def token(self, tokens, i, tok) -> None:
        t = tok.type
        if t == "front_matter":
            self.front_matter = self.block_span(tok)
            self.events.append(("html", *self.front_matter, "front matter"))
            for key, spans in front_matter_values(self.text, self.front_matter):
                for span in spans:
                    self.add_leaf(FRONT_MATTER, "", (span,), (span,), key=key)
        elif t in ("bullet_list_open", "ordered_list_open"):
            self.containers.append((tok.tag, 0))
            start = tok.attrs.get("start") if tok.attrs else None
            self.events.append(("open", tok.tag, {"start": start} if start not in (None, 1) else {}))
        elif t == "list_item_open":
            kind, _ = self.containers[-1]
            self.containers[-1] = (kind, int(tok.info) if tok.info.isdigit() else 0)
            self.events.append(("open", "li", {}))
        elif t == "blockquote_open":
            self.containers.append(("blockquote", 0))
            self.events.append(("open", "blockquote", {}))
        elif t in ("bullet_list_close", "ordered_list_close", "blockquote_close"):
            self.containers.pop()
            self.events.append(("close", tok.tag))
        elif t == "list_item_close":
            self.events.append(("close", "li"))
        elif t in ("table_open", "thead_open", "tbody_open", "tr_open"):
            self.events.append(("open", tok.tag, {}))
            if t == "tr_open":
                self.row, self.cell = self.cells(tok.map[0]), 0
        elif t in ("table_close", "thead_close", "tbody_close", "tr_close"):
            self.events.append(("close", tok.tag))
        elif t in ("heading_open", "paragraph_open", "th_open", "td_open"):
            style = (tok.attrs or {}).get("style", "")
            self.pending = (tok.tag, int(tok.tag[1]) if t == "heading_open" else 0, str(style), tok.hidden)
        elif t == "inline" and self.pending is not None:
            self.inline(tok)
            self.pending = None
        elif t in ("fence", "code_block"):
            span = self.block_span(tok)
            self.code.append(span)
            self.events.append(("code", *span, tok.content))
        elif t == "html_block":
            self.events.append(("html", *self.block_span(tok), "html"))
        elif t == "hr":
            self.events.append(("hr",))

    def cells(self, n: int) -> list[Span]:
        """The source spans of the cells of table line ``n``, without pipes and blanks."""
        ls, le = self.line(n)
        edges = [m.start() for m in _CELL_PIPE.finditer(self.text, ls, le)]
        cuts = [ls - 1, *edges, le]
        spans = [_strip(self.text, a + 1, b) for a, b in zip(cuts, cuts[1:])]
        if edges and not self.text[ls:edges[0]].strip():
            spans = spans[1:]  # a leading pipe
        if edges and not self.text[edges[-1] + 1:le].strip():
            spans = spans[:-1]  # a trailing pipe
        return spans

    def inline(self, tok) -> None:
        tag, level, style, hidden = self.pending
        if tag in ("th", "td"):
            span = self.row[self.cell] if self.cell < len(self.row) else None  # a missing cell: an empty <td>
            self.cell += 1
            kind = TABLE_HEADER if tag == "th" else TABLE_CELL
            lines = (span,) if span and span[0] < span[1] else ()
            keep = ()
            if lines and self.text[span[0]:span[1]] == tok.content:
                keep = tuple((span[0] + a, span[0] + b) for a, b in inline_spans(tok.children, tok.content))
            self.add_leaf(kind, tag, lines, lines, style=style, keep=keep)
            return
        lines, starts = self.content_lines(tok)
        keep = tuple(_to_source(starts, a, b) for a, b in inline_spans(tok.children, tok.content))
        marks = _marks(self.text, lines)
        if tag[0] == "h":
            self.add_leaf(HEADING, tag, lines, _units(self.text, lines), level=level, marks=marks)
            return
        kind, depth, ordinal = PARAGRAPH, 0, 0
        for container, number in self.containers:
            if container in ("ul", "ol"):
                depth += 1
        if self.containers:
            container, number = self.containers[-1]
            if container == "blockquote":
                kind = QUOTE
            else:
                kind, ordinal = (NUMBERED_ITEM, number) if container == "ol" else (LIST_ITEM, 0)
        level = depth if kind in (LIST_ITEM, NUMBERED_ITEM) else 0
        children = tok.children or []
        # "![Photo](a.jpg)\nThe port on Monday." : the lines after an image alone on its line are its caption
        if (kind == PARAGRAPH and len(lines) > 1 and children and children[0].type == "image"
                and _IMAGE_LINE.match(self.text, *lines[0])):
            self.events.append(("open", "figure", {}))
            self.add_leaf(PARAGRAPH, "", lines[:1], _units(self.text, lines[:1]), keep=keep)
            self.add_leaf(CAPTION, "figcaption", lines[1:], _units(self.text, lines[1:]), keep=keep, marks=marks)
            self.events.append(("close", "figure"))
            return
        units = _units(self.text, lines)
        units = _inside_emphasis(self.text, units, children)
        self.add_leaf(kind, "p", lines, units, level=level, ordinal=ordinal, hidden=hidden, keep=keep, marks=marks)

    def content_lines(self, tok) -> tuple[tuple[Span, ...], list[tuple[int, int]]]:
        """The source span of each line of an inline token's content, and where each content line's text
        starts in the content and in the source: (content offset, source offset), in order."""
        spans, starts, offset = [], [], 0
        for k, content in enumerate(tok.content.split("\n")):
            line_offset, offset = offset, offset + len(content) + 1
            ls, le = self.line(tok.map[0] + k)
            want = content.strip()
            if not want:
                continue
            end = _strip(self.text, ls, le)[1]
            at = self.text.rfind(want, ls, end)
            span = (at, at + len(want)) if at >= 0 else _strip(self.text, ls, le)
            spans.append(span)
            starts.append((line_offset + len(content) - len(content.lstrip()), span[0]))
        return tuple(spans), starts

    def add_leaf(self, kind, tag, lines, units, **extra) -> None:
        self.leaves.append(Leaf(kind, tag, tuple(lines), tuple(units), **extra))
        self.events.append(("leaf", len(self.leaves) - 1))


def _to_source(starts: list[tuple[int, int]], a: int, b: int) -> Span:
    """Offsets ``a`` to ``b`` of an inline token's content as source offsets (``starts``: where each
    content line's text starts, in the content and in the source, :meth:`_Walk.content_lines`)."""
    if not starts:
        return a, b
    offsets = [c for c, _ in starts]
    k = max(0, bisect.bisect_right(offsets, a) - 1)  # the line that holds a
    j = max(0, bisect.bisect_left(offsets, b) - 1)  # the line that holds the character before b
    return starts[k][1] + a - starts[k][0], starts[j][1] + b - starts[j][0]


def _marks(text: str, lines: tuple[Span, ...]) -> tuple[Span, ...]:
    """The container markers before a leaf's lines after the first: from the line's start to its text
    (``> ``, ``>   `` in a quoted list item); a line with only blanks before its text has none."""
    marks = []
    for s, _e in lines[1:]:
        line_start = max(text.rfind("\n", 0, s), text.rfind("\r", 0, s)) + 1
        if text[line_start:s].strip():
            marks.append((line_start, s))
    return tuple(marks)


def _units(text: str, lines: tuple[Span, ...]) -> list[Span]:
    """A leaf's lines joined into units, split where a hard break ends a line (a quotation's "> " markers
    inside a unit are its leaf's ``marks``: the segmenter leaves them out of the segments' text)."""
    units: list[Span] = []
    broke = False  # the line before ended in a hard break
    for n, (s, e) in enumerate(lines):
        last = n == len(lines) - 1
        hard = False
        if not last:
            k = e
            while k > s and text[k - 1] == "\\":
                k -= 1
            if (e - k) % 2 == 1:  # a backslash hard break: the "\\" stays out of the unit
                e, hard = _strip(text, s, e - 1)[1], True
            else:
                k = e
                while k < len(text) and text[k] == " ":
                    k += 1
                hard = k - e >= 2 and text[k:k + 1] in ("\n", "\r")
        if units and not broke:
            units[-1] = (units[-1][0], e)
        elif s < e:
            units.append((s, e))
        broke = hard
    return units


def _inside_emphasis(text: str, units: list[Span], children) -> list[Span]:
    """One unit wrapped whole in ``*...*``, ``**...**`` or ``_..._``: the unit without the marks."""
    children = [c for c in children if c.type != "text" or c.content]
    if len(units) != 1 or len(children) < 3:
        return units
    first, last = children[0], children[-1]
    if not (first.type in ("em_open", "strong_open") and last.type == first.type.replace("open", "close")):
        return units
    depth = 0
    for child in children[:-1]:  # the first mark must close only at the very end
        depth += child.nesting if child.type in (first.type, last.type) else 0
        if depth == 0:
            return units
    s, e = units[0]
    mark = first.markup
    if text.startswith(mark, s) and text.endswith(mark, s, e) and e - s > 2 * len(mark):
        return [_strip(text, s + len(mark), e - len(mark))]
    return units


def _strip(text: str, s: int, e: int) -> Span:
    while s < e and text[s] in " \t\ufeff":
        s += 1
    while e > s and text[e - 1] in " \t\r\n":
        e -= 1
    return s, e
