"""Segments with exact offsets: layout (paragraphs, headings, lists...) + sentence boundaries."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from l10n.segment.datelines import is_news_line
from l10n.segment.layout import FRONT_MATTER, HEADING, PARAGRAPH, TABLE_CELL, TABLE_HEADER, units
from l10n.segment.rules import LanguageRules, load_rules
from l10n.segment.sentences import sentence_spans
from l10n.segment.source import read_source

_ALNUM = re.compile(r"[^\W_]")
_TITLE_MAX = 120  # a standalone line up to this long, without final punctuation, is a title


@dataclass(frozen=True, slots=True)
class Segment:
    """One translation unit. ``text == source[start:end]``; ``line`` is the 1-based line of ``start``.

    ``kind`` is the layout block the segment is in (:data:`l10n.segment.layout.BLOCK_KINDS`: heading,
    paragraph, list item, numbered item, quote, table header or table cell, and in Markdown caption and
    front matter); ``block`` numbers those blocks in order, so the sentences of one list item share it;
    ``level`` is a heading's level when its ``#`` marks give one (else 0), and in Markdown a list item's
    depth (1 = top level); ``ordinal``: a Markdown numbered item's number (its "1." is not in the text);
    ``key``: a front matter value's key (title, description, summary, tags); ``numbered``: a plain-text
    segment starts a line that starts with a number ("1. ", "2) "): a numbered item's, which stays out of
    its text as a bullet does, or one inside running text ("Key figures:\n1. ..."), which stays in it.
    ``heading`` is ``kind == "heading"``. ``marks``: in Markdown, the quotation markers (``> ``) that start
    the lines of a sentence hard-wrapped inside a ``>`` quotation, as source spans inside ``start:end``:
    ``text`` is ``source[start:end]`` without them (an exporter puts them back).
    """

    text: str
    paragraph: int
    start: int
    end: int
    line: int
    heading: bool = False
    kind: str = PARAGRAPH
    block: int = 0
    level: int = 0
    numbered: bool = False
    ordinal: int = 0
    key: str = ""
    marks: tuple[tuple[int, int], ...] = ()

    def as_dict(self) -> dict:
        """The ``segment --json`` record (the first six keys are the contract; ``kind``, ``level``, ``ordinal`` added)."""
        return {"text": self.text, "paragraph": self.paragraph, "start": self.start, "end": self.end,
                "line": self.line, "heading": self.heading, "kind": self.kind, "level": self.level,
                "ordinal": self.ordinal}


@dataclass(frozen=True)
class Article:
    """A segmented article: its segments, its code blocks (start, end: fences included) and, for
    Markdown, the parsed layout the HTML export renders (:class:`l10n.segment.markdown.MarkdownLayout`)."""

    segments: list[Segment]
    code: list[tuple[int, int]]
    layout: object = None


def segment_article(text: str, lang: str = "en", markdown: bool = False) -> Article:
    """Split decoded article text into segments, in order, and find its code blocks (see the package docstring).

    ``markdown``: the text is a Markdown article, parsed with CommonMark (:mod:`l10n.segment.markdown`);
    else a plain-text one, whose layout :mod:`l10n.segment.layout` finds.
    """
    rules = load_rules(lang)
    if markdown:
        return _markdown_article(text, rules)
    out: list[Segment] = []
    code: list[tuple[int, int]] = []
    line, line_pos = 1, 0
    paragraph, last_unit_paragraph = -1, -1  # dense numbering: paragraphs with segments only
    block = -1  # likewise: blocks with segments only
    for unit in units(text, rules.continuation_words):
        if unit.kind == "code":
            code.append((unit.start, unit.end))
            continue
        if unit.kind == "heading":
            spans = [(unit.start, unit.end)]
        else:
            spans = sentence_spans(text, unit.start, unit.end, rules)
        title = unit.kind == "heading" or (
            unit.alone
            and len(spans) == 1
            and _is_title(text, *spans[0], rules)
            # a quotation of several sentences without final punctuation is not a title
            and len(sentence_spans(text, unit.start, unit.end, rules, quotations=False)) == 1
        )
        kind, counted = (HEADING if title else unit.block), False
        for s, e in spans:
            if not _ALNUM.search(text, s, e):
                continue  # "***", "—": layout, not a sentence; it stays between segments
            line += text.count("\n", line_pos, s)
            line_pos = s
            if unit.paragraph != last_unit_paragraph:
                paragraph, last_unit_paragraph = paragraph + 1, unit.paragraph
            if not counted:
                block, counted = block + 1, True
            out.append(Segment(text[s:e], paragraph, s, e, line, title, kind, block, unit.level, s in unit.numbered))
    return Article(out, code)


def _markdown_article(text: str, rules: LanguageRules) -> Article:
    from l10n.segment.markdown import markdown_layout

    layout = markdown_layout(text)
    # The sentence splitter reads the text with the quotation markers inside its units as blanks: a
    # sentence neither starts nor ends on one, and a "> " at a line's start is no sentence's first word.
    marks = sorted(m for leaf in layout.leaves for m in leaf.marks)
    masked = _blanked(text, marks) if marks else text
    out: list[Segment] = []
    line, line_pos, block = 1, 0, -1
    for leaf in layout.leaves:
        counted = False
        for us, ue in leaf.units:
            if leaf.kind in (HEADING, FRONT_MATTER):  # a front matter value is one msgid: its YAML quoting is one
                spans = [(us, ue)]
            elif leaf.kind in (TABLE_HEADER, TABLE_CELL) and not _ALNUM.search(text, us, ue):
                spans = []
            else:
                spans = sentence_spans(masked, us, ue, rules, keep=_within(leaf.keep, us, ue))
            for s, e in spans:
                if not _ALNUM.search(text, s, e):
                    continue
                while masked[s].isspace():  # a unit can end in a hard break's line end (a setext heading's)
                    s += 1
                while masked[e - 1].isspace():
                    e -= 1
                line += text.count("\n", line_pos, s)
                line_pos = s
                if not counted:
                    block, counted = block + 1, True
                inner = tuple(m for m in leaf.marks if s < m[0] and m[1] < e)
                out.append(Segment(_without(text, s, e, inner), block, s, e, line, leaf.kind == HEADING, leaf.kind,
                                   block, leaf.level, False, leaf.ordinal, leaf.key, inner))
    return Article(out, layout.code, layout)


def _blanked(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with the characters of ``spans`` (sorted, disjoint) as spaces: the same offsets."""
    parts, pos = [], 0
    for a, b in spans:
        parts += [text[pos:a], " " * (b - a)]
        pos = b
    parts.append(text[pos:])
    return "".join(parts)


def _without(text: str, s: int, e: int, marks: tuple[tuple[int, int], ...]) -> str:
    """``text[s:e]`` without the spans of ``marks`` (inside it, sorted)."""
    if not marks:
        return text[s:e]
    parts, pos = [], s
    for a, b in marks:
        parts.append(text[pos:a])
        pos = b
    parts.append(text[pos:e])
    return "".join(parts)


def _within(spans: tuple[tuple[int, int], ...], us: int, ue: int) -> list[tuple[int, int]]:
    """The inline spans that lie in unit ``us:ue`` without covering it all (emphasis around a whole
    paragraph, ``*Reporting by ...*``, does not make it one sentence), merged where they overlap."""
    merged: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if b <= us or a >= ue or (a <= us and b >= ue):
            continue
        if merged and a < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return merged


def segment_text(text: str, lang: str = "en", markdown: bool = False) -> list[Segment]:
    """Split decoded article text into segments, in order (see the package docstring)."""
    return segment_article(text, lang, markdown).segments


def segment_file(path: str | Path, lang: str = "en") -> list[Segment]:
    """Read (strict UTF-8, BOM removed) and segment an article file (a ``.md`` one as Markdown)."""
    return segment_text(read_source(path), lang, is_markdown(path))


def is_markdown(path: str | Path) -> bool:
    """An article file read as Markdown: ``.md`` (or ``.markdown``)."""
    return Path(path).suffix.lower() in (".md", ".markdown")


def _is_title(text: str, s: int, e: int, rules: LanguageRules) -> bool:
    if e - s > _TITLE_MAX:
        return False
    line = text[s:e]
    if "://" in line or "@" in line or "www." in line or "](" in line:
        return False  # "Read more: https://...", a contact line, a Markdown image or link "![Photo](a.jpg)"
    if is_news_line(line):
        return False  # "By Jane Doe", "BAKU, Dec 3", "Updated 10:00 GMT": a paragraph
    last = line.rstrip(rules.closers)
    return bool(last) and last[-1] not in rules.terminals and last[-1] not in ",;:"
