"""Plain-text article layout: paragraphs (blank-line separated), headings, list items, quotes, tables.

A ``.txt`` article's layout, found by these heuristics (a ``.md`` article is parsed as CommonMark
instead, :mod:`l10n.segment.markdown`; this module also holds the block kinds both share).

Produces *units*: spans of the text that the sentence splitter works on, each
with its paragraph index. Markdown markers (``#``, ``-``/``*``/``+`` bullets and ``•``,
``>`` quote markers, setext underlines) stay outside the units, so they remain in the text between
segments and the article can be rebuilt exactly. A fenced code block (a line of three or more
backticks or tildes up to its closing fence) is not text to translate: it is one unit of kind
``code``, which the segmenter leaves out. An opening fence without a closing one is ordinary
text (an article is never swallowed by a stray fence). In a Markdown table (a header row, then
a delimiter row such as ``|---|:--:|``) each cell is a unit and the ``|`` pipes and the
delimiter row stay outside.

Each unit also says what block of the layout it is (:data:`BLOCK_KINDS`: a heading, a
paragraph, a list item, a numbered item, a quoted line, a table cell, code), a heading its
``#`` level, and which of its lines start with a number ("1. ", "2) "): a numbered item's number
stays outside its unit, as a bullet does; a numbered line inside running text ("Key figures:\n1. ...",
"in\n2021. The") keeps it in the text. The exporter renders from these, so the layout is classified
here and only here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from l10n.segment.datelines import is_news_line

_ATX = re.compile(r" {0,3}#{1,6}(?=[ \t\r]|$)")
_SETEXT = re.compile(r" {0,3}(?:=+|-+)[ \t\r]*$")
_RULE = re.compile(r"(?:[-*_][ \t]*){3,}\r?$")
_QUOTE = re.compile(r" {0,3}(?:>[ \t]?)+")
_BULLET = re.compile(r" {0,3}[-*+•▪◦‣][ \t]+(?=\S)")  # Markdown bullets and the typographic ones of plain text
_ORDERED = re.compile(r" {0,3}\d{1,9}[.)][ \t]+(?=\S)")
_TABLE_DELIMITER = re.compile(r" {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*\r?$")
_CELL_PIPE = re.compile(r"(?<!\\)\|")
_FENCE = re.compile(r"^ {0,3}(`{3,}(?=[^`\n]*$)|~{3,})[ \t]*([^\n]*)$", re.MULTILINE)
_LIST_LINE_MAX = 60  # a paragraph of short lines without punctuation is a list, one item a line
_LINE_END_PUNCT = ".?!…:;,"
_CLOSERS = "\"'”’»)]}"
_OPENERS = "\"'“‘«([{"


HEADING = "heading"  # ATX ("## Title") or setext (underlined) heading, a headline hard-wrapped over two lines
PARAGRAPH = "paragraph"  # running text, or one line of a list of short lines
LIST_ITEM = "list item"  # after a bullet: "- ", "* ", "+ ", "• "...
NUMBERED_ITEM = "numbered item"  # after "1. " or "2) " opening a block or after an item (the number stays outside)
QUOTE = "quote"  # a "> " line
TABLE_HEADER = "table header"  # a cell of a Markdown table's first row
TABLE_CELL = "table cell"  # a cell of a later row
CODE = "code"  # a fenced code block, fences included: nothing to translate
CAPTION = "caption"  # Markdown: the lines under an image alone on its line
FRONT_MATTER = "front matter"  # Markdown: a title, description, summary or tags value of the front matter
BLOCK_KINDS = (HEADING, PARAGRAPH, LIST_ITEM, NUMBERED_ITEM, QUOTE, TABLE_HEADER, TABLE_CELL, CODE, CAPTION,
               FRONT_MATTER)


@dataclass(frozen=True, slots=True)
class Unit:
    start: int
    end: int
    paragraph: int
    kind: str  # "text" (sentences), "heading" (one segment), "item" (list item: sentences), "code" (none)
    alone: bool  # the only line of its paragraph (a candidate for a title)
    block: str = PARAGRAPH  # what it is in the layout: one of BLOCK_KINDS
    level: int = 0  # a heading's level as its "#" marks give it; 0 when they do not (setext, headline)
    numbered: tuple[int, ...] = ()  # where its lines that start with "1. ", "2) "... start (after a numbered item's number)


def units(text: str, continuation_words: frozenset[str] = frozenset()) -> Iterator[Unit]:
    """The units of ``text`` in order, fenced code blocks included (kind ``code``).

    ``continuation_words`` (lower-case, from the language data) are words that
    cannot end a headline line: a two-line paragraph whose first line ends with
    one is a hard-wrapped headline, not a list of two lines.
    """
    state = _State(continuation_words)
    code = fenced_code(text) if "``" in text or "~~" in text else []
    ci, code_done = 0, 0  # the code block at or after the line; how many have been yielded
    for block in _blocks(text):
        state.new_para = True
        if _is_table(text, block):
            yield from _table_cells(text, block, state)
            while code_done < len(code) and code[code_done][0] <= block[-1][1]:  # fence lines made cells too
                yield Unit(*code[code_done], -1, "code", False, CODE)
                code_done += 1
            continue
        cur: list[tuple[int, int]] = []  # line spans (content start, line end) of the open unit
        kind, kind_of_block = "text", PARAGRAPH
        numbered: list[int] = []  # numbered lines kept inside the open text unit
        for ls, le in block:
            while ci < len(code) and code[ci][1] < ls:
                ci += 1
            if ci < len(code) and code[ci][0] <= ls:  # a line of a fenced code block, fences included
                yield from state.flush(text, cur, kind, len(block), kind_of_block, numbered)
                cur, numbered = [], []
                state.new_para = True
                if code_done <= ci:
                    yield Unit(*code[ci], -1, "code", False, CODE)  # -1: code is in no paragraph
                    code_done = ci + 1
                continue
            cs = ls
            while cs < le and text[cs] in " \t\ufeff":
                cs += 1
            c = text[cs] if cs < le else ""
            if c == "#" and (m := _ATX.match(text, cs, le)):
                yield from state.flush(text, cur, kind, len(block), kind_of_block, numbered)
                cur, numbered = [], []
                s, e = _strip(text, m.end(), le)
                e = _without_closing_hashes(text, s, e)
                state.new_para = True
                if s < e:
                    yield state.unit(s, e, "heading", False, HEADING, level=m.end() - cs)
                state.new_para = True
                continue
            if c in "=-*_" and (_SETEXT.match(text, cs, le) or _RULE.match(text, cs, le)):
                # A setext underline makes the single line above it a heading; a rule ends a unit.
                setext = c in "=-" and len(cur) == 1 and kind == "text" and _SETEXT.match(text, cs, le)
                yield from state.flush(text, cur, "heading" if setext else kind, len(block),
                                       HEADING if setext else kind_of_block, numbered)
                cur, numbered = [], []
                state.new_para = True
                continue
            if c == ">" and (m := _QUOTE.match(text, cs, le)):
                # Each quoted line is a unit of its own, its "> " markers left outside.
                yield from state.flush(text, cur, kind, len(block), kind_of_block, numbered)
                s = _strip(text, m.end(), le)[0]
                cur, kind = [(m.end(), le)], "item"
                yield from state.flush(text, cur, kind, len(block), QUOTE, [s] if _ORDERED.match(text, s, le) else [])
                cur, numbered = [], []
                if text[m.end():le].isspace() or m.end() == le:
                    state.new_para = True  # a bare ">" line separates paragraphs of the quotation
                continue
            if c in "-*+•▪◦‣" and (m := _BULLET.match(text, cs, le)):
                yield from state.flush(text, cur, kind, len(block), kind_of_block, numbered)
                if cur and kind == "text":
                    state.new_para = True  # "Key figures:\n- ...": the list is a paragraph of its own
                cur, numbered, kind, kind_of_block = [(m.end(), le)], [], "item", LIST_ITEM
                continue
            ordered = c.isdigit() and _ORDERED.match(text, cs, le)
            if ordered and (not cur or kind == "item"):
                # a numbered item: its "1. " stays outside, as a bullet does (the export keeps it in place),
                # unless the line is an inline list ("1) The first item 2) The second item"): it splits there
                yield from state.flush(text, cur, kind, len(block), kind_of_block, numbered)
                s = cs if _inline_list(text, cs, ordered.end(), le) else ordered.end()
                cur, numbered, kind, kind_of_block = [(s, le)], [s], "item", NUMBERED_ITEM
                continue
            if not cur:
                kind, kind_of_block = "text", PARAGRAPH
            elif ordered:
                numbered.append(cs)  # "Key figures:\n1. ..." (or "in\n2021. The"): the line stays in the text
            cur.append((cs, le))
        yield from state.flush(text, cur, kind, len(block), kind_of_block, numbered)


class _State:
    def __init__(self, continuation_words: frozenset[str]) -> None:
        self.paragraph = -1
        self.new_para = True
        self.continuation_words = continuation_words

    def unit(self, s: int, e: int, kind: str, alone: bool, block: str = PARAGRAPH, level: int = 0,
             numbered: tuple[int, ...] = ()) -> Unit:
        if self.new_para:
            self.paragraph += 1
            self.new_para = False
        return Unit(s, e, self.paragraph, kind, alone, block, level, numbered)

    def flush(self, text: str, lines: list[tuple[int, int]], kind: str, block_lines: int,
              block: str = PARAGRAPH, numbered: list[int] | tuple[int, ...] = ()) -> Iterator[Unit]:
        if not lines:
            return
        if kind == "text" and len(lines) > 1 and _is_line_list(text, lines):
            if len(lines) == 2 and _is_wrapped_headline(text, lines, self.continuation_words):
                s, e = _strip(text, lines[0][0], lines[1][1])
                yield self.unit(s, e, "heading", False, HEADING)
                return
            for ls, le in lines:
                s, e = _strip(text, ls, le)
                yield self.unit(s, e, "text", False, numbered=(s,) if s in numbered else ())
            return
        s, e = _strip(text, lines[0][0], lines[-1][1])
        if s < e:
            yield self.unit(s, e, kind, kind == "text" and block_lines == 1, block, numbered=tuple(numbered))


def _inline_list(text: str, cs: int, ms: int, le: int) -> bool:
    """The numbered line ``text[cs:le]`` (its number ends at ``ms``) holds the next number too, in the same
    style: "1) The first item 2) The second item"."""
    marker = text[cs:ms].rstrip()
    number = marker.rstrip(".)")
    following = re.compile(rf"(?<!\S){int(number) + 1}{re.escape(marker[len(number):])}(?=\s)")
    return following.search(text, ms, le) is not None


def _is_table(text: str, block: list[tuple[int, int]]) -> bool:
    """A Markdown table: a header row with a pipe, then a delimiter row (``|---|---|``)."""
    return (
        len(block) >= 2
        and "|" in text[block[0][0]:block[0][1]]
        and "-" in text[block[1][0]:block[1][1]]
        and _TABLE_DELIMITER.match(text, *block[1]) is not None
        and ("|" in text[block[1][0]:block[1][1]] or text.count("|", *block[0]) > 1)
    )


def _table_cells(text: str, block: list[tuple[int, int]], state: _State) -> Iterator[Unit]:
    """One unit per non-empty cell of each row; the delimiter row makes none."""
    for n, (ls, le) in enumerate(block):
        if n == 1:
            continue
        edges = [ls - 1, *(m.start() for m in _CELL_PIPE.finditer(text, ls, le)), le]
        for a, b in zip(edges, edges[1:]):
            s, e = _strip(text, a + 1, b)
            if s < e:
                yield state.unit(s, e, "item", False, TABLE_HEADER if n == 0 else TABLE_CELL)


def fenced_code(text: str) -> list[tuple[int, int]]:
    """(start, end) of each closed fenced code block, fence lines included, in order."""
    ranges: list[tuple[int, int]] = []
    opening = None
    for m in _FENCE.finditer(text):
        if opening is None:
            opening = m
        elif m.group(1)[0] == opening.group(1)[0] and len(m.group(1)) >= len(opening.group(1)) and not m.group(2).strip():
            ranges.append((opening.start(), m.end()))
            opening = None
    return ranges


def _without_closing_hashes(text: str, s: int, e: int) -> int:
    """End of an ATX heading's content without its optional closing "###" sequence."""
    h = e
    while h > s and text[h - 1] == "#":
        h -= 1
    if h < e and (h == s or text[h - 1] in " \t"):
        return _strip(text, s, h)[1]
    return e


def _is_line_list(text: str, lines: list[tuple[int, int]]) -> bool:
    """Short lines, none ending in punctuation ("features\\ncontact manager\\n..."): one item a line."""
    for ls, le in lines:
        s, e = _strip(text, ls, le)
        while e > s and text[e - 1] in _CLOSERS:
            e -= 1
        if e - s > _LIST_LINE_MAX or e == s or text[e - 1] in _LINE_END_PUNCT:
            return False
    return True


def _is_wrapped_headline(text: str, lines: list[tuple[int, int]], continuation_words: frozenset[str]) -> bool:
    """Two short lines that read as one title ("Azerbaijan and Georgia sign\ncustoms agreement").

    The first line starts with a capital (or digit) and has two words or more;
    the second line starts lower-case, or the first ends with a word that
    cannot end a title ("Talks between Baku and\nTbilisi resume"). A list of
    short lines ("features\ncontact manager") starts lower-case or has
    capitalised, self-contained lines.
    """
    s1, e1 = _strip(text, *lines[0])
    s2, e2 = _strip(text, *lines[1])
    if is_news_line(text[s1:e1]) or is_news_line(text[s2:e2]):
        return False  # "By Jane Doe\nand John Smith", "Updated 10:00 GMT"
    first = text[s1:e1].split()
    if len(first) < 2 or not (text[s1].isupper() or text[s1].isdigit()):
        return False
    second = text[s2:e2].lstrip(_OPENERS)
    if second[:1].islower():
        return True
    return first[-1].lower().strip(_CLOSERS + ",") in continuation_words


def _strip(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and (text[s].isspace() or text[s] == "\ufeff"):
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _blocks(text: str) -> Iterator[list[tuple[int, int]]]:
    """Paragraphs: runs of non-blank lines, as lists of (line start, line end without the newline)."""
    block: list[tuple[int, int]] = []
    pos, n = 0, len(text)
    while pos < n:
        nl = text.find("\n", pos)
        le = n if nl < 0 else nl
        if pos == le or text[pos:le].isspace():
            if block:
                yield block
                block = []
        else:
            block.append((pos, le))
        pos = le + 1
    if block:
        yield block
