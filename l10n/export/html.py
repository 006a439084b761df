"""The ``html`` export: a standalone page rendered from the layout the segmenter found.

``<html lang>``, a ``<title>`` (the first heading, else the first sentence), and per
paragraph one ``<h1>``-``<h6>`` or ``<p>``, a ``<ul>`` for a list, a ``<table>`` for a
Markdown table; a line that starts with "1. " keeps its own line (``<br>``). The block of
each segment comes from its ``kind`` and ``block`` (:class:`l10n.segment.Segment`), not from
reading the text again. Text is escaped and fenced code is a ``<pre>``, from either source; for a
.md source, inline links, images, code spans and emphasis become HTML too
(:mod:`l10n.export.markdown_inline`: links and images only to http(s), mailto and relative
targets), numbered items an ``<ol>`` and quoted lines a ``<blockquote>``.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from l10n.export.markdown_inline import inline_html
from l10n.export.pieces import Piece
from l10n.export.text import chunks
from l10n.segment.layout import LIST_ITEM, QUOTE, TABLE_CELL, TABLE_HEADER

_ITEM_NUMBER = re.compile(r"(\d{1,9})[.)] ")

Block = tuple[str, list[str], int]  # (tag, [inner HTML], start offset)


def render_html(text: str, pieces: Sequence[Piece], lang: str, title: str, markdown: bool = False,
                code: Sequence[tuple[int, int]] = ()) -> str:
    """A standalone page; ``markdown``: the source is Markdown, so inline markup becomes HTML;
    ``code`` (the fenced code blocks, :class:`l10n.segment.Article`) is shown as it is, from either source."""
    lines = []
    blocks = _paragraph_blocks(text, pieces, markdown)
    if code:  # fenced code of a .txt article too (it vanished from the page)
        blocks = sorted(blocks + _code_blocks(text, code), key=lambda b: b[2])
    for tag, inner, _start in blocks:
        if tag == "pre":
            lines.append(f"<pre><code>{inner[0]}</code></pre>")
        elif tag == "table":
            lines.append("<table>\n" + "\n".join(inner) + "\n</table>")
        elif tag.split()[0] in ("ul", "ol"):
            lines.append(f"<{tag}>\n" + "\n".join(f"<li>{x}</li>" for x in inner) + f"\n</{tag.split()[0]}>")
        elif tag == "blockquote":
            lines.append(f"<blockquote><p>{inner[0]}</p></blockquote>")
        else:
            lines.append(f"<{tag}>{inner[0]}</{tag}>")
    body = "\n".join(lines)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{html.escape(lang, quote=True)}">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        f"<title>{html.escape(title)}</title>\n"
        "</head>\n"
        "<body>\n<article>\n"
        f"{body}\n"
        "</article>\n</body>\n</html>\n"
    )


def page_title(pieces: Sequence[Piece], default: str) -> str:
    """The first heading's output, else the first output (up to 80 characters), else ``default``."""
    for p in pieces:
        if p.segment.heading and p.output:
            return " ".join(p.output.split())
    for p in pieces:
        if p.output:
            words = " ".join(p.output.split())
            return words if len(words) <= 80 else words[:79].rstrip() + "…"
    return default


def _paragraph_blocks(text: str, pieces: Sequence[Piece], markdown: bool) -> list[Block]:
    """Per paragraph: (tag, [inner HTML], start offset); a list paragraph is ("ul"|"ol", items, start)."""
    parts = chunks(text, pieces)
    escape = inline_html if markdown else html.escape
    paragraphs: dict[int, list[int]] = {}
    for i, p in enumerate(pieces):
        paragraphs.setdefault(p.segment.paragraph, []).append(i)
    blocks: list[Block] = []
    for indexes in paragraphs.values():
        first = pieces[indexes[0]].segment
        outputs = [escape(" ".join(parts[2 * i + 1].split())) for i in indexes]
        if first.kind in (TABLE_HEADER, TABLE_CELL):
            blocks.append(("table", _table_rows([pieces[i].segment for i in indexes], outputs), first.start))
            continue
        if first.heading:
            tag = f"h{first.level or (1 if not blocks else 2)}"
        else:
            tag = "ul" if first.kind == LIST_ITEM else "p"
        items: list[list[str]] = [[]]
        for n, i in enumerate(indexes):
            seg = pieces[i].segment
            if n and tag == "ul" and seg.kind == LIST_ITEM and seg.block != pieces[indexes[n - 1]].segment.block:
                items.append([])
            elif n and seg.numbered:
                items[-1].append("<br>")  # "1. ..." lines keep their own line
            elif n and parts[2 * i]:
                items[-1].append(" ")
            items[-1].append(outputs[n])
        inner = [" ".join("".join(item).split()).replace(" <br> ", "<br>") for item in items]
        inner = [x for x in inner if x]
        if markdown and tag == "p" and inner:
            if first.numbered:
                tag, inner = _numbered_list(inner[0]) or (tag, inner)
            if tag == "p" and first.kind == QUOTE:
                tag = "blockquote"
        if inner:
            blocks.append((tag, inner, first.start))
    return blocks


def _numbered_list(inner: str) -> tuple[str, list[str]] | None:
    """Numbered lines ("1. One.<br>2. Two.") as an ``<ol>`` and its items, numbers taken off the translations;
    None when a translation lost its number."""
    lines = inner.split("<br>")
    marks = [_ITEM_NUMBER.match(line) for line in lines]
    if not all(marks):
        return None
    first = int(marks[0].group(1))
    tag = "ol" if first == 1 else f'ol start="{first}"'
    return tag, [line[m.end():] for line, m in zip(lines, marks)]


def _table_rows(segments: Sequence, outputs: list[str]) -> list[str]:
    """A table's cells (one segment each) as ``<tr>`` rows: one row a source line, header cells ``<th>``."""
    rows: dict[int, list[str]] = {}
    header: dict[int, bool] = {}
    for seg, cell in zip(segments, outputs):
        rows.setdefault(seg.line, []).append(cell)
        header.setdefault(seg.line, seg.kind == TABLE_HEADER)
    return [
        "<tr>" + "".join(f"<{tag}>{x}</{tag}>" for x in cells) + "</tr>"
        for line, cells in rows.items()
        for tag in ["th" if header[line] else "td"]
    ]


def _code_blocks(text: str, code: Sequence[tuple[int, int]]) -> list[Block]:
    """Fenced code blocks, untranslated, as ("pre", [escaped code], start)."""
    blocks: list[Block] = []
    for start, end in code:
        body = text[start:end].split("\n")[1:-1]
        blocks.append(("pre", [html.escape("\n".join(line.rstrip("\r") for line in body), quote=False)], start))
    return blocks
