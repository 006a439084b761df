"""What to export: per article and language, what fills each segment, refusals, output paths, writing.

What fills a segment: its reviewed translation; otherwise the ``fallback``:
``source`` (the English), ``draft`` (the draft or stale translation when there is
one, else the English) or ``skip`` (nothing; a space that separated the skipped
sentence from its neighbour in the same line goes too). An article whose share of
reviewed segments (distinct sentences) is below ``min_reviewed`` percent is
refused and nothing is written for it.

Formats: ``txt`` and ``md`` (the source layout rebuilt around the translations,
:mod:`l10n.export.text`), ``html`` (a standalone page, :mod:`l10n.export.html`) and
``json`` (every segment with source, translation, state, output, :mod:`l10n.export.json`).
Files go to ``<out_dir>/<doc>.<ext>``, default ``dist/<lang>/`` in the project. A
*preview* (``fallback="draft"``, or ``min_reviewed`` below the default) goes to
``dist/preview/<lang>/`` instead, so it is never taken for a publishable export.
A language with no catalog in the project is refused: nothing would be exported
but English files under its name.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import polib

from l10n.atomic import atomic_write_text, remove_leftover_temps
from l10n.catalog.model import DRAFT, REVIEWED, STALE, UNTRANSLATED, entry_state, msgid_for, translation_text
from l10n.errors import L10nError
from l10n.export.html import page_title, render_html
from l10n.export.json import render_json
from l10n.export.pieces import Piece, reviewed_count
from l10n.export.text import rebuild, render_md

FORMATS = ("txt", "md", "html", "json")
FALLBACKS = ("source", "draft", "skip")
DEFAULT_MIN_REVIEWED = 80.0


@dataclass
class ExportResult:
    doc: str
    lang: str
    path: Path | None
    reviewed: int
    total: int
    refused: str | None = None
    filled: dict[str, int] = field(default_factory=dict)  # reviewed/draft/source/skipped counts
    preview: bool = False  # drafts or a lowered minimum: written under dist/preview/ by default

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
                "total": self.total, "refused": self.refused, "filled": self.filled, "preview": self.preview}


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


def render(fmt: str, doc: str, lang: str, source_path: Path, text: str, pieces: Sequence[Piece],
           fallback: str = "source", code: Sequence[tuple[int, int]] = (), layout=None,
           allow_html: bool = False) -> str:
    """The exported article in ``fmt`` (one of FORMATS); ``code``: its fenced code blocks; ``layout``: a
    Markdown article's parsed layout; ``allow_html``: keep its raw HTML in the html page."""
    from l10n.segment.segmenter import is_markdown

    if fmt == "txt":
        return rebuild(text, pieces)
    if fmt == "md":
        return render_md(text, pieces, is_markdown(source_path))
    if fmt == "html":
        return render_html(text, pieces, lang, page_title(pieces, doc), is_markdown(source_path), code, layout,
                           allow_html)
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
    allow_html: bool = False,
) -> ExportResult:
    """Export one article; a refused article (too few reviewed segments) writes nothing.

    ``fmt`` None means the article's own format: ``txt`` for a .txt article, ``md`` for .md.
    """
    from l10n.catalog.files import load_catalog
    from l10n.segment import read_source, segment_article
    from l10n.segment.segmenter import is_markdown

    if fmt is None:
        fmt = "md" if Path(source_path).suffix.lower() == ".md" else "txt"
    if fmt not in FORMATS:
        raise L10nError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
    text = read_source(source_path)
    po = load_catalog(po_path).po if po_path.is_file() else None
    entries = catalog_entries(po)
    article = segment_article(text, markdown=is_markdown(source_path))
    pieces = plan(article.segments, entries, fallback)
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
    output = render(fmt, doc, lang, source_path, text, pieces, fallback, article.code, article.layout, allow_html)
    if fmt in ("txt", "md") and _starts_with_bom(source_path):
        output = "\ufeff" + output  # like the source (read_source drops the BOM)
    # temp files of an export that was killed (never a live one's: atomic_writer flocks them)
    remove_leftover_temps(result.path.parent, (result.path.suffix,))
    atomic_write_text(result.path, output)
    return result


def _starts_with_bom(path: Path) -> bool:
    with open(path, "rb") as fh:
        return fh.read(3) == b"\xef\xbb\xbf"


def export_project(project, docs: Sequence, lang: str, *, out_dir: Path | None = None, fmt: str | None = None,
                   min_reviewed: float = DEFAULT_MIN_REVIEWED, fallback: str = "source",
                   allow_html: bool = False) -> list[ExportResult]:
    """Export ``docs`` of ``project`` into ``out_dir`` (default ``<project>/dist/<lang>``)."""
    if fallback not in FALLBACKS:
        raise L10nError(f"unknown fallback {fallback!r} (choose from {', '.join(FALLBACKS)})")
    if not 0 <= min_reviewed <= 100:
        raise L10nError(f"--min-reviewed must be between 0 and 100, not {min_reviewed:g}")
    if not project.catalogs(lang):
        raise L10nError(f"no {lang} catalogs in {project.locales_dir} (run `l10n translate --to {lang}` first)")
    preview = is_preview(min_reviewed, fallback)
    if out_dir is not None:
        target = out_dir
    else:
        target = project.root / "dist" / "preview" / lang if preview else project.root / "dist" / lang
    results = [
        export_document(doc.name, doc.source, project.po_path(doc, lang), lang, target,
                        fmt=fmt, min_reviewed=min_reviewed, fallback=fallback, allow_html=allow_html)
        for doc in docs
    ]
    for result in results:
        result.preview = preview
    return results


def is_preview(min_reviewed: float, fallback: str) -> bool:
    """Drafts in the output, or a lowered bar: not the publishable export."""
    return fallback == "draft" or min_reviewed < DEFAULT_MIN_REVIEWED


def export_paths(paths: Sequence[str | Path], lang: str, *, out_dir: str | Path | None = None,
                 fmt: str | None = None, min_reviewed: float = DEFAULT_MIN_REVIEWED, fallback: str = "source",
                 cwd: str | Path = ".", allow_html: bool = False) -> list[ExportResult]:
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
                          min_reviewed=min_reviewed, fallback=fallback, allow_html=allow_html)
