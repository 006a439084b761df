"""Export localized articles: the source layout rebuilt around the catalog's translations.

The article is rebuilt from the source text and the segment offsets::

    text[:s0.start] + tr(s0) + text[s0.end:s1.start] + tr(s1) + ... + text[sN.end:]

so paragraphs, headings (Markdown ``#`` markers stay in the text between
segments), blank lines and line endings are exactly those of the source.

What fills a segment: its reviewed translation; otherwise the ``fallback``:
``source`` (the English), ``draft`` (the draft or stale translation when there is
one, else the English) or ``skip`` (nothing; a space that separated the skipped
sentence from its neighbour in the same line goes too). An article whose share of
reviewed segments (distinct sentences) is below ``min_reviewed`` percent is
refused and nothing is written for it.

Formats: ``txt`` (the rebuilt text), ``md`` (the same; for a .txt source, headings
get a ``#``), ``html`` (a standalone page, ``<html lang>``, a ``<title>``, one
``<h1>``-``<h6>`` or ``<p>`` per paragraph, Markdown lists as ``<ul>``/``<ol>`` and
tables as ``<table>``, text escaped; for a .md source, inline links, images, code
spans and emphasis become HTML too, see :mod:`l10n.export.markdown_inline`) and ``json`` (every segment with source, translation, state, output).
Files go to ``<out_dir>/<doc>.<ext>``, default ``dist/<lang>/`` in the project.
"""

from __future__ import annotations

import html
import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import polib

from l10n.atomic import atomic_write_text
from l10n.catalog.model import DRAFT, REVIEWED, STALE, UNTRANSLATED, entry_state, msgid_for, translation_text
from l10n.errors import L10nError

FORMATS = ("txt", "md", "html", "json")
FALLBACKS = ("source", "draft", "skip")
DEFAULT_MIN_REVIEWED = 80.0


@dataclass(frozen=True)
class Piece:
    """One segment as exported: ``output`` is None when the segment is skipped."""

    segment: object  # l10n.segment.Segment
    state: str
    translation: str
    output: str | None
    filled: str = "reviewed"  # what the output is: reviewed, draft, source or skipped


@dataclass
class ExportResult:
    doc: str
    lang: str
    path: Path | None
    reviewed: int
    total: int
    refused: str | None = None
    filled: dict[str, int] = field(default_factory=dict)  # reviewed/draft/source/skipped counts

    @property
    def percent(self) -> float:
        return 100.0 * self.reviewed / self.total if self.total else 100.0

    @property
    def percent_text(self) -> str:
        """``80%``, ``72.7%``: one decimal, rounded down, so 79.96% never shows as the 80% it is refused for."""
        return f"{math.floor(self.percent * 10) / 10:.1f}".removesuffix(".0") + "%"

    def as_dict(self) -> dict:
        """The ``export --json`` record: the language both as ``lang`` and as the ``language`` of the other commands."""
        return {"document": self.doc, "lang": self.lang, "language": self.lang,
                "path": None if self.path is None else str(self.path), "reviewed": self.reviewed,
                "total": self.total, "refused": self.refused, "filled": self.filled}


def plan(segments: Sequence, entries: Mapping[str, polib.POEntry], fallback: str = "source") -> list[Piece]:
    """Decide what fills each segment (see the module docstring)."""
    if fallback not in FALLBACKS:
        raise L10nError(f"unknown fallback {fallback!r} (choose from {', '.join(FALLBACKS)})")
    pieces = []
    for seg in segments:
        entry = entries.get(msgid_for(seg.text))
        state = entry_state(entry) if entry is not None else UNTRANSLATED
        translation = translation_text(entry) if entry is not None else ""
        if state == REVIEWED:
            output, filled = translation, "reviewed"
        elif fallback == "skip":
            output, filled = None, "skipped"
        elif fallback == "draft" and state in (DRAFT, STALE):
            output, filled = translation, "draft"
        else:
            output, filled = seg.text, "source"
        pieces.append(Piece(seg, state, translation, output, filled))
    return pieces


def reviewed_count(pieces: Sequence[Piece]) -> tuple[int, int]:
    """(reviewed, total) over distinct segment texts."""
    states = {msgid_for(p.segment.text): p.state for p in pieces}
    return sum(1 for s in states.values() if s == REVIEWED), len(states)


def _chunks(text: str, pieces: Sequence[Piece]) -> list[str]:
    """[gap0, out0, gap1, out1, ..., gapN] with skipped segments and their spacing removed."""
    chunks, pos = [], 0
    for p in pieces:
        chunks += [text[pos:p.segment.start], p.output or ""]
        pos = p.segment.end
    chunks.append(text[pos:])
    horizontal = re.compile(r"[ \t\u00a0]+")
    for i, p in enumerate(pieces):
        if p.output is not None:
            continue
        if i + 1 < len(pieces) and horizontal.fullmatch(chunks[2 * i + 2]):
            chunks[2 * i + 2] = ""
            continue
        j = i  # else drop the space before the run of skipped segments that ends here
        while j > 0 and chunks[2 * j] == "" and pieces[j - 1].output is None:
            j -= 1
        if j > 0 and horizontal.fullmatch(chunks[2 * j]):
            chunks[2 * j] = ""
    return chunks


def rebuild(text: str, pieces: Sequence[Piece]) -> str:
    """The article with every segment replaced by its output."""
    return "".join(_chunks(text, pieces))


def render_md(text: str, pieces: Sequence[Piece], markdown_source: bool) -> str:
    if markdown_source:
        return rebuild(text, pieces)
    marked = [
        Piece(p.segment, p.state, p.translation, "# " + p.output, p.filled)
        if p.segment.heading and p.output and _line_start(text, p.segment.start)
        else p
        for p in pieces
    ]
    return rebuild(text, marked)


def _line_start(text: str, pos: int) -> bool:
    return pos == 0 or text[pos - 1] == "\n"


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


def _html_blocks(text: str, pieces: Sequence[Piece], markdown: bool = False) -> list[tuple[str, list[str], int]]:
    """Per paragraph: (tag, [inner HTML], start offset); a Markdown list paragraph is ("ul"|"ol", items, start)."""
    chunks = _chunks(text, pieces)
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
        if (rows := _table_rows(text, pieces, chunks, indexes, escape)) is not None:
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
            elif n and "\n" in chunks[2 * i] and _NUMBERED.match(pieces[i].segment.text):
                items[-1].append("<br>")  # "1. ..." lines keep their own line
            elif n and chunks[2 * i]:
                items[-1].append(" ")
            items[-1].append(escape(" ".join(chunks[2 * i + 1].split())))
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


def _table_rows(text: str, pieces: Sequence[Piece], chunks: list[str], indexes: list[int],
                escape=html.escape) -> list[str] | None:
    """A Markdown table paragraph (the segmenter made one segment per cell) as ``<tr>`` rows, else None."""
    from l10n.segment.layout import is_table_at

    start = text.rfind("\n", 0, pieces[indexes[0]].segment.start) + 1
    if not is_table_at(text, start):
        return None
    rows: dict[int, list[str]] = {}
    for i in indexes:
        line_start = text.rfind("\n", 0, pieces[i].segment.start) + 1
        rows.setdefault(line_start, []).append(escape(" ".join(chunks[2 * i + 1].split())))
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
    blocks = _html_blocks(text, pieces, markdown)
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


def render_json(doc: str, lang: str, source: str, pieces: Sequence[Piece], fallback: str) -> str:
    reviewed, total = reviewed_count(pieces)
    data = {
        "document": doc,
        "lang": lang,
        "source": source,
        "fallback": fallback,
        "reviewed": reviewed,
        "total": total,
        "segments": [
            {
                "index": i,
                "paragraph": p.segment.paragraph,
                "heading": p.segment.heading,
                "line": p.segment.line,
                "source": p.segment.text,
                "translation": p.translation or None,
                "state": p.state,
                "output": p.output,
            }
            for i, p in enumerate(pieces)
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _title(pieces: Sequence[Piece], default: str) -> str:
    for p in pieces:
        if p.segment.heading and p.output:
            return " ".join(p.output.split())
    for p in pieces:
        if p.output:
            words = " ".join(p.output.split())
            return words if len(words) <= 80 else words[:79].rstrip() + "…"
    return default


def render(fmt: str, doc: str, lang: str, source_path: Path, text: str, pieces: Sequence[Piece],
           fallback: str = "source") -> str:
    """The exported article in ``fmt`` (one of FORMATS)."""
    if fmt == "txt":
        return rebuild(text, pieces)
    if fmt == "md":
        return render_md(text, pieces, source_path.suffix == ".md")
    if fmt == "html":
        return render_html(text, pieces, lang, _title(pieces, doc), source_path.suffix == ".md")
    if fmt == "json":
        return render_json(doc, lang, str(source_path), pieces, fallback)
    raise L10nError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")


def catalog_entries(po: polib.POFile | None) -> dict[str, polib.POEntry]:
    if po is None:
        return {}
    return {e.msgid: e for e in po if not e.obsolete and e.msgid and not e.msgctxt}


def export_document(
    doc: str,
    source_path: Path,
    po_path: Path,
    lang: str,
    out_dir: Path,
    *,
    fmt: str | None = None,
    min_reviewed: float = DEFAULT_MIN_REVIEWED,
    fallback: str = "source",
) -> ExportResult:
    """Export one article; a refused article (too few reviewed segments) writes nothing.

    ``fmt`` None means the article's own format: ``txt`` for a .txt article, ``md`` for .md.
    """
    from l10n.catalog.files import load_catalog
    from l10n.segment import read_source, segment_text

    if fmt is None:
        fmt = "md" if Path(source_path).suffix.lower() == ".md" else "txt"
    if fmt not in FORMATS:
        raise L10nError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
    text = read_source(source_path)
    po = load_catalog(po_path).po if po_path.is_file() else None
    entries = catalog_entries(po)
    pieces = plan(segment_text(text), entries, fallback)
    reviewed, total = reviewed_count(pieces)
    result = ExportResult(doc, lang, None, reviewed, total)
    if result.percent < min_reviewed:
        unknown = len({msgid_for(p.segment.text) for p in pieces} - entries.keys())
        if po is None:
            missing = f" (no catalog {po_path})"
        elif unknown:
            missing = f" ({unknown} not in the catalog: run `l10n translate`)"
        else:
            missing = ""
        result.refused = (
            f"{doc}: {result.percent_text} reviewed in {lang} ({reviewed} of {total} segments){missing}, "
            f"below the minimum of {min_reviewed:g}%; nothing written"
        )
        return result
    for p in pieces:
        result.filled[p.filled] = result.filled.get(p.filled, 0) + 1
    result.path = out_dir / f"{doc}.{fmt}"
    output = render(fmt, doc, lang, source_path, text, pieces, fallback)
    if fmt in ("txt", "md") and _starts_with_bom(source_path):
        output = "\ufeff" + output  # like the source (read_source drops the BOM)
    atomic_write_text(result.path, output)
    return result


def _starts_with_bom(path: Path) -> bool:
    with open(path, "rb") as fh:
        return fh.read(3) == b"\xef\xbb\xbf"


def export_project(project, docs: Sequence, lang: str, *, out_dir: Path | None = None, fmt: str | None = None,
                   min_reviewed: float = DEFAULT_MIN_REVIEWED, fallback: str = "source") -> list[ExportResult]:
    """Export ``docs`` of ``project`` into ``out_dir`` (default ``<project>/dist/<lang>``)."""
    if fallback not in FALLBACKS:
        raise L10nError(f"unknown fallback {fallback!r} (choose from {', '.join(FALLBACKS)})")
    if not 0 <= min_reviewed <= 100:
        raise L10nError(f"--min-reviewed must be between 0 and 100, not {min_reviewed:g}")
    target = out_dir if out_dir is not None else project.root / "dist" / lang
    return [
        export_document(doc.name, doc.source, project.po_path(doc, lang), lang, target,
                        fmt=fmt, min_reviewed=min_reviewed, fallback=fallback)
        for doc in docs
    ]


def export_paths(paths: Sequence[str | Path], lang: str, *, out_dir: str | Path | None = None,
                 fmt: str | None = None, min_reviewed: float = DEFAULT_MIN_REVIEWED, fallback: str = "source",
                 cwd: str | Path = ".") -> list[ExportResult]:
    """``l10n export``: PATHS are articles or project folders (default: the current project)."""
    from l10n.project import resolve_paths
    from l10n.languages import normalize_language

    if fmt is not None and fmt not in FORMATS:
        raise L10nError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
    lang = normalize_language(lang)
    project, docs = resolve_paths(list(paths), cwd)
    if not docs:
        raise L10nError("no articles to export", path=project.source_dir)
    target = Path(cwd, out_dir) if out_dir is not None else None
    return export_project(project, docs, lang, out_dir=target, fmt=fmt,
                          min_reviewed=min_reviewed, fallback=fallback)
