"""The ``html`` export: a standalone page a newsroom could publish, rendered from the segmenter's layout.

The page: ``<html lang>``, a viewport meta, a built-in stylesheet (:file:`page.css`: a serif body
at a readable measure, responsive, print), a ``<title>`` (:func:`page_title`), and for a
Markdown article its front matter's description and tags as ``<meta>``. Every English segment
that fills in for a missing translation (``--fallback source``) is a ``<span lang="en">``, so
screen readers and hyphenation read it as English.

A Markdown article is rendered from the blocks its CommonMark parse found
(:class:`l10n.segment.markdown.MarkdownLayout`, carried by :class:`l10n.segment.Article`):
headings, paragraphs, nested lists, quotations, tables, figures with captions, code, each leaf's
inline text rebuilt with the translations and rendered by markdown-it-py
(:mod:`l10n.export.markdown_inline`: escaped, raw HTML only with ``allow_html``, links only to
safe targets, bare URLs and e-mails linked). A plain-text article is rendered from its segments'
kinds (a ``<p>`` or ``<h1>``-``<h6>`` per paragraph, ``<ul>`` for a list, ``<table>`` for a table,
a "1. " line keeps its own line), its text escaped with bare URLs and e-mails linked; its fenced
code is a ``<pre>``.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Sequence
from importlib import resources

from l10n.export.pieces import Piece
from l10n.export.text import LINE_BREAK, chunks
from l10n.segment.layout import FRONT_MATTER, LIST_ITEM, NUMBERED_ITEM, TABLE_CELL, TABLE_HEADER

_TITLE_MAX = 70  # characters of a title made from the first words
#: Where an English fallback starts and ends in a leaf's text while markdown-it-py renders it (then they become
#: a span). Rare punctuation, so that emphasis and linkify see a boundary as at the text's own punctuation; a leaf
#: whose text has them gets no spans.
_OPEN_EN, _CLOSE_EN = "\u2e3e", "\u2e3f"
_MARKED = re.compile(f"{_OPEN_EN}([^{_OPEN_EN}{_CLOSE_EN}]*){_CLOSE_EN}")
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*>")
_VOID = frozenset({"br", "img", "hr", "input", "wbr"})

Block = tuple[str, list[str], int]  # (tag, [inner HTML], start offset)


def render_html(text: str, pieces: Sequence[Piece], lang: str, title: str, markdown: bool = False,
                code: Sequence[tuple[int, int]] = (), layout=None, allow_html: bool = False) -> str:
    """A standalone page. ``markdown``: render the CommonMark ``layout`` (parsed from ``text`` when None);
    else the plain-text layout of the segments, with ``code`` (its fenced code blocks) shown as it is.
    ``allow_html``: keep a Markdown article's raw HTML (else it is shown as text)."""
    mark = lang.split("-")[0].lower() != "en"
    meta = []
    if markdown:
        if layout is None:
            from l10n.segment.markdown import markdown_layout

            layout = markdown_layout(text)
        body = _markdown_body(text, pieces, layout, mark, allow_html)
        meta = _front_matter_meta(pieces)
    else:
        body = _text_body(text, pieces, code, mark)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{html.escape(lang, quote=True)}">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)}</title>\n"
        + "".join(f"{m}\n" for m in meta)
        + f"<style>\n{stylesheet()}</style>\n"
        "</head>\n"
        "<body>\n<article>\n"
        f"{body}\n"
        "</article>\n</body>\n</html>\n"
    )


@functools.cache
def stylesheet() -> str:
    """The built-in stylesheet (``l10n/export/page.css``)."""
    return resources.files("l10n.export").joinpath("page.css").read_text(encoding="utf-8")


def page_title(pieces: Sequence[Piece], default: str) -> str:
    """The front matter's title, else the first heading's output, else the first output's first words
    (up to :data:`_TITLE_MAX` characters, cut at a word boundary), else ``default``."""
    outputs = [(p, " ".join(p.output.split())) for p in pieces if p.output and p.output.strip()]
    for p, words in outputs:
        if p.segment.kind == FRONT_MATTER and getattr(p.segment, "key", "") == "title":
            return words
    for p, words in outputs:
        if p.segment.heading:
            return words
    for p, words in outputs:
        if p.segment.kind == FRONT_MATTER:
            continue
        if len(words) <= _TITLE_MAX:
            return words
        cut = words.rfind(" ", 0, _TITLE_MAX)
        return (words[:cut] if cut > 0 else words[:_TITLE_MAX - 1]).rstrip(" ,;:—–-") + "…"
    return default


def _front_matter_meta(pieces: Sequence[Piece]) -> list[str]:
    """``<meta>`` description and keywords from the front matter's values."""
    values: dict[str, list[str]] = {}
    for p in pieces:
        if p.segment.kind == FRONT_MATTER and p.output:
            values.setdefault(p.segment.key, []).append(" ".join(p.output.split()))
    meta = []
    description = values.get("description") or values.get("summary")
    if description:
        meta.append(f'<meta name="description" content="{html.escape(" ".join(description), quote=True)}">')
    if values.get("tags"):
        meta.append(f'<meta name="keywords" content="{html.escape(", ".join(values["tags"]), quote=True)}">')
    return meta


# --- Markdown ----------------------------------------------------------------------------------


def _markdown_body(text: str, pieces: Sequence[Piece], layout, mark: bool, allow_html: bool) -> str:
    owned = _pieces_by_leaf(layout.leaves, pieces)
    out: list[str] = []
    glue = False  # the last line is "<li>" of a tight item, or its text: the next goes on the same line
    for event in layout.events:
        kind = event[0]
        if kind == "open":
            out.append(f"<{event[1]}{''.join(_attr(k, v) for k, v in event[2].items())}>")
        elif kind == "close":
            if glue:
                out[-1] += f"</{event[1]}>"
                glue = False
            else:
                out.append(f"</{event[1]}>")
        elif kind == "code":
            out.append(f"<pre><code>{html.escape(event[3].rstrip(chr(10)), quote=False)}</code></pre>")
        elif kind == "html":
            if event[3] == "front matter":
                continue
            raw = text[event[1]:event[2]].rstrip("\r\n")
            if _COMMENT.fullmatch(raw.strip()):
                continue  # an editor's note in the article is not published, as any renderer does
            out.append(raw if allow_html else f'<pre class="raw-html">{html.escape(raw, quote=False)}</pre>')
        elif kind == "hr":
            out.append("<hr>")
        else:
            leaf = layout.leaves[event[1]]
            if leaf.kind == FRONT_MATTER:
                continue
            mine = owned[event[1]]
            english = mark and leaf.tag and not leaf.hidden and mine and all(p.filled == "source" for p in mine)
            inner = _leaf_html(text, leaf, mine, mark and not english, allow_html, layout.references)
            if leaf.hidden and out and out[-1] == "<li>":
                out[-1] += inner
                glue = True
            elif not leaf.tag:
                out.append(inner)
            else:
                attrs = (_attr("style", leaf.style) if leaf.style else "") + (' lang="en"' if english else "")
                out.append(f"<{leaf.tag}{attrs}>{inner}</{leaf.tag}>")
    return "\n".join(out)


def _pieces_by_leaf(leaves, pieces: Sequence[Piece]) -> list[list[Piece]]:
    """The pieces of each leaf (a piece belongs to the leaf whose lines hold its start)."""
    owned: list[list[Piece]] = [[] for _ in leaves]
    order = sorted(range(len(leaves)), key=lambda i: leaves[i].lines[0][0] if leaves[i].lines else -1)
    spans = [(leaves[i].lines[0][0], leaves[i].lines[-1][1], i) for i in order if leaves[i].lines]
    k = 0
    for p in sorted(pieces, key=lambda p: p.segment.start):
        while k < len(spans) and spans[k][1] < p.segment.start:
            k += 1
        if k < len(spans) and spans[k][0] <= p.segment.start:
            owned[spans[k][2]].append(p)
    return owned


def _leaf_html(text: str, leaf, pieces: Sequence[Piece], mark: bool, allow_html: bool, references: dict) -> str:
    """The leaf's inline text with every segment replaced by its output, rendered by markdown-it-py."""
    if not leaf.lines:
        return ""
    from l10n.export.markdown_inline import inline_html

    source_marks = mark and any(_OPEN_EN in x or _CLOSE_EN in x for x in (
        text[leaf.lines[0][0]:leaf.lines[-1][1]], *(p.output for p in pieces if p.output)))
    parts, pos = [], leaf.lines[0][0]
    for p in pieces:
        parts.append(_content(text, leaf.lines, pos, p.segment.start))
        if p.output is not None:
            output = LINE_BREAK.sub(" ", p.output)
            if allow_html and p.filled != "source":
                output = _only_the_articles_tags(output, p.segment.text)
            english = mark and p.filled == "source" and not source_marks
            parts.append(f"{_OPEN_EN}{output}{_CLOSE_EN}" if english else output)
        pos = p.segment.end
    parts.append(_content(text, leaf.lines, pos, leaf.lines[-1][1]))
    rendered = inline_html("".join(parts).strip(), allow_html, references)
    return _english_spans(rendered) if mark and not source_marks else rendered


_COMMENT = re.compile(r"<!--.*?-->(\s*<!--.*?-->)*", re.S)


def _only_the_articles_tags(output: str, english: str) -> str:
    """A translation's inline HTML with every tag its English does not have escaped (``&lt;``):
    ``--allow-html`` keeps the article's HTML, never markup a catalog brought in (a translator's
    ``<script>`` ran in the exported page)."""
    from markdown_it.common.html_re import HTML_TAG_RE

    allowed = set(HTML_TAG_RE.findall(english))
    return HTML_TAG_RE.sub(lambda m: m.group(0) if m.group(0) in allowed else "&lt;" + m.group(0)[1:], output)


def _content(text: str, lines, s: int, e: int) -> str:
    """The leaf's text between ``s`` and ``e``: its lines' spans, without the markers between them,
    joined by line breaks (a hard break of two spaces kept as one)."""
    out = []
    for n, (a, b) in enumerate(lines):
        if n and s <= lines[n - 1][1] and e >= a:
            out.append("  \n" if _hard_after(text, lines[n - 1][1]) else "\n")
        if a < e and b > s:
            out.append(text[max(a, s):min(b, e)])
    return "".join(out)


def _hard_after(text: str, end: int) -> bool:
    """The line whose text ends at ``end`` ends in a hard break of two spaces."""
    k = end
    while k < len(text) and text[k] == " ":
        k += 1
    return k - end >= 2 and text[k:k + 1] in ("\n", "\r")


def _english_spans(rendered: str) -> str:
    """Each marked English fallback as a ``<span lang="en">`` where its tags nest inside it; marks that
    fall inside a tag or across elements are dropped."""
    inside_tag = False
    for ch in rendered:
        if ch == "<":
            inside_tag = True
        elif ch == ">":
            inside_tag = False
        elif ch in (_OPEN_EN, _CLOSE_EN) and inside_tag:
            return rendered.replace(_OPEN_EN, "").replace(_CLOSE_EN, "")

    def span(m: re.Match) -> str:
        return f'<span lang="en">{m.group(1)}</span>' if _balanced(m.group(1)) else m.group(1)

    return _MARKED.sub(span, rendered).replace(_OPEN_EN, "").replace(_CLOSE_EN, "")


def _balanced(fragment: str) -> bool:
    stack: list[str] = []
    for m in _TAG.finditer(fragment):
        name = m.group(2).lower()
        if name in _VOID:
            continue
        if not m.group(1):
            stack.append(name)
        elif not stack or stack.pop() != name:
            return False
    return not stack


def _attr(name: str, value) -> str:
    return f' {name}="{html.escape(str(value), quote=True)}"'


# --- plain text --------------------------------------------------------------------------------


def _text_body(text: str, pieces: Sequence[Piece], code: Sequence[tuple[int, int]], mark: bool) -> str:
    lines = []
    blocks = _paragraph_blocks(text, pieces, mark)
    if code:  # fenced code of a .txt article too (it vanished from the page)
        blocks = sorted(blocks + _code_blocks(text, code), key=lambda b: b[2])
    for tag, inner, _start in blocks:
        if tag == "pre":
            lines.append(f"<pre><code>{inner[0]}</code></pre>")
        elif tag.split()[0] == "table":
            lines.append(f"<{tag}>\n" + "\n".join(inner) + "\n</table>")
        elif tag.split()[0] == "ul":
            lines.append(f"<{tag}>\n" + "\n".join(f"<li>{x}</li>" for x in inner) + "\n</ul>")
        else:
            lines.append(f"<{tag}>{inner[0]}</{tag.split()[0]}>")
    return "\n".join(lines)


def linked_text(text: str) -> str:
    """Plain text as HTML: escaped, bare URLs and e-mail addresses as links (linkify-it-py)."""
    from l10n.export.markdown_inline import safe_url

    matches = _linkify().match(text) if _linkify().test(text) else None
    out, pos = [], 0
    for m in matches or []:
        if not safe_url(m.url):
            continue
        out += [html.escape(text[pos:m.index], quote=False),
                f"<a{_attr('href', m.url)}>{html.escape(m.text, quote=False)}</a>"]
        pos = m.last_index
    out.append(html.escape(text[pos:], quote=False))
    return "".join(out)


@functools.cache
def _linkify():
    from linkify_it import LinkifyIt

    return LinkifyIt()


def _paragraph_blocks(text: str, pieces: Sequence[Piece], mark: bool) -> list[Block]:
    """Per paragraph: (tag, [inner HTML], start offset); a list paragraph is ("ul", items, start)."""
    parts = chunks(text, pieces)
    paragraphs: dict[int, list[int]] = {}
    for i, p in enumerate(pieces):
        paragraphs.setdefault(p.segment.paragraph, []).append(i)
    blocks: list[Block] = []
    for indexes in paragraphs.values():
        first = pieces[indexes[0]].segment
        whole = mark and all(pieces[i].filled == "source" for i in indexes)  # lang="en" on the block
        outputs = []
        for i in indexes:
            out = linked_text(" ".join(parts[2 * i + 1].split()))
            english = mark and not whole and pieces[i].filled == "source" and out
            number = html.escape(_number_of(text, pieces[i].segment), quote=False) if out else ""
            outputs.append(number + (f'<span lang="en">{out}</span>' if english else out))
        if first.kind in (TABLE_HEADER, TABLE_CELL):
            blocks.append(("table" + (' lang="en"' if whole else ""),
                           _table_rows([pieces[i].segment for i in indexes], outputs), first.start))
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
        if inner:
            blocks.append((tag + (' lang="en"' if whole else ""), inner, first.start))
    return blocks


def _number_of(text: str, seg) -> str:
    """A plain-text numbered item's "1. " (not in its segment: the page shows it), else ""."""
    if seg.kind != NUMBERED_ITEM or not seg.numbered:
        return ""
    return " ".join(text[text.rfind("\n", 0, seg.start) + 1:seg.start].split()) + " "


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
