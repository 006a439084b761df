"""The ``html`` export: a standalone page.

``<html lang>``, a ``<title>`` (the first heading, else the first sentence), and per
paragraph one ``<h1>``-``<h6>`` or ``<p>``, a ``<ul>``/``<ol>`` for a Markdown list, a
``<table>`` for a table; a line that starts with "1. " keeps its own line (``<br>``). Text is
escaped; for a .md source, inline links, images, code spans and emphasis become HTML too
(:mod:`l10n.export.markdown_inline`), numbered lines an ``<ol>``, quoted lines a
``<blockquote>`` and fenced code a ``<pre>``.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from l10n.export.pieces import Piece
from l10n.export.text import chunks


def _heading_level(text: str, pos: int, first: bool) -> int:
    line = text[text.rfind("\n", 0, pos) + 1:pos]
    marks = len(line) - len(line.lstrip("#")) if line.lstrip().startswith("#") else 0
    return min(max(marks, 1), 6) if marks else (1 if first else 2)


_LINE_MARKUP = re.compile(r"^[ \t]*(?:>[ \t]*)*")
_NUMBERED = re.compile(r"\d{1,9}[.)][ \t]")
_LIST_MARK = re.compile(r"(?:[-*+•▪◦‣]|(\d{1,9})[.)])[ \t]+$")


def _line_prefix(text: str, pos: int) -> str | None:
    """The Markdown prefix before ``pos`` on its line (blockquote markers removed), or None mid-line."""
    prefix = text[text.rfind("\n", 0, pos) + 1:pos]
    rest = prefix[_LINE_MARKUP.match(prefix).end():]
    return rest if prefix.strip(" \t>") == rest.strip() else None


def _paragraph_blocks(text: str, pieces: Sequence[Piece], markdown: bool = False) -> list[tuple[str, list[str], int]]:
    """Per paragraph: (tag, [inner HTML], start offset); a Markdown list paragraph is ("ul"|"ol", items, start)."""
    parts = chunks(text, pieces)
    if markdown:
        from l10n.export.markdown_inline import inline_html as escape
    else:
        escape = html.escape
    paragraphs: dict[int, list[int]] = {}
    for i, p in enumerate(pieces):
        paragraphs.setdefault(p.segment.paragraph, []).append(i)
    blocks: list[tuple[str, list[str], int]] = []
    for indexes in paragraphs.values():
        first = pieces[indexes[0]].segment
        if (rows := _table_rows(text, pieces, parts, indexes, escape)) is not None:
            blocks.append(("table", rows, first.start))
            continue
        marker = _LIST_MARK.match(_line_prefix(text, first.start) or "")
        if first.heading:
            tag = f"h{_heading_level(text, first.start, not blocks)}"
        else:
            tag = ("ol" if marker.group(1) else "ul") if marker else "p"
        items: list[list[str]] = [[]]
        for n, i in enumerate(indexes):
            prefix = _line_prefix(text, pieces[i].segment.start)
            if n and tag in ("ul", "ol") and prefix is not None and _LIST_MARK.match(prefix):
                items.append([])
            elif n and "\n" in parts[2 * i] and _NUMBERED.match(pieces[i].segment.text):
                items[-1].append("<br>")  # "1. ..." lines keep their own line
            elif n and parts[2 * i]:
                items[-1].append(" ")
            items[-1].append(escape(" ".join(parts[2 * i + 1].split())))
        inner = [" ".join("".join(item).split()).replace(" <br> ", "<br>") for item in items]
        inner = [x for x in inner if x]
        if markdown and tag == "p" and inner:
            tag, inner = _numbered_list(inner[0]) or (tag, inner)
            if tag == "p" and _QUOTED_LINE.match(text, text.rfind("\n", 0, first.start) + 1):
                tag = "blockquote"
        if inner:
            blocks.append((tag, inner, first.start))
    return blocks


_QUOTED_LINE = re.compile(r"[ \t]{0,3}>")
_ITEM_NUMBER = re.compile(r"(\d{1,9})[.)] ")


def _numbered_list(inner: str) -> tuple[str, list[str]] | None:
    """A Markdown paragraph of numbered lines ("1. One.<br>2. Two.") as an ``<ol>`` and its items."""
    lines = inner.split("<br>")
    marks = [_ITEM_NUMBER.match(line) for line in lines]
    if not all(marks):
        return None
    first = int(marks[0].group(1))
    tag = "ol" if first == 1 else f'ol start="{first}"'
    return tag, [line[m.end():] for line, m in zip(lines, marks)]


def _table_rows(text: str, pieces: Sequence[Piece], parts: list[str], indexes: list[int],
                escape=html.escape) -> list[str] | None:
    """A Markdown table paragraph (the segmenter made one segment per cell) as ``<tr>`` rows, else None."""
    from l10n.segment.layout import is_table_at

    start = text.rfind("\n", 0, pieces[indexes[0]].segment.start) + 1
    if not is_table_at(text, start):
        return None
    rows: dict[int, list[str]] = {}
    for i in indexes:
        line_start = text.rfind("\n", 0, pieces[i].segment.start) + 1
        rows.setdefault(line_start, []).append(escape(" ".join(parts[2 * i + 1].split())))
    return [
        "<tr>" + "".join(f"<{cell}>{x}</{cell}>" for x in cells) + "</tr>"
        for n, cells in enumerate(rows.values())
        for cell in ["th" if n == 0 else "td"]
    ]


def _code_blocks(text: str) -> list[tuple[str, list[str], int]]:
    """Fenced code blocks of a Markdown article, untranslated, as ("pre", [escaped code], start)."""
    from l10n.segment.layout import fenced_code

    blocks = []
    for start, end in fenced_code(text):
        body = text[start:end].split("\n")[1:-1]
        blocks.append(("pre", [html.escape("\n".join(line.rstrip("\r") for line in body), quote=False)], start))
    return blocks


def render_html(text: str, pieces: Sequence[Piece], lang: str, title: str, markdown: bool = False) -> str:
    """A standalone page; ``markdown``: the source is Markdown, so inline markup becomes HTML."""
    lines = []
    blocks = _paragraph_blocks(text, pieces, markdown)
    if markdown:
        blocks = sorted(blocks + _code_blocks(text), key=lambda b: b[2])
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
