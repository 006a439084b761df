"""What the review page shows for one article and language, as plain data (no HTML here).

The English article is laid out from its segments' layout kinds (headline,
paragraphs, list items...: :class:`l10n.segment.Segment`); each segment carries
its catalog entry's state and translation, the raw machine draft and its engine
(:class:`l10n.store.DraftStore`), for a stale entry the word diff of the English
it was made for against the English now, translation-memory matches, the
glossary terms in the English with their required renderings, and the
``l10n check`` findings of the entry.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import polib

from l10n.catalog.model import (
    REVIEWED, STALE, STATES, UNTRANSLATED, active_entries, entry_state, is_fuzzy, msgid_for, provenance,
    translation_text,
)
from l10n.glossary import Glossary, rendering_found
from l10n.project import Document
from l10n.review.diff import DiffPiece, word_diff
from l10n.review.memory import Memory, MemoryMatch, open_memory
from l10n.review.session import ReviewSession
from l10n.segment.layout import HEADING, LIST_ITEM, NUMBERED_ITEM
from l10n.store import DraftStore, StoredDraft

MEMORY_LIMIT = 3


@dataclass(frozen=True)
class TermView:
    source: str
    rendering: str
    kept: bool  # the term stays in English
    found: bool  # the rendering is in the translation


@dataclass
class EntryView:
    """One distinct English segment of the article and its catalog entry (if any)."""

    msgid: str
    line: int
    state: str = UNTRANSLATED
    translation: str = ""
    in_catalog: bool = False
    editable: bool = False  # a plural entry or one with a msgctxt is left to a full editor
    provenance: str | None = None
    base: str = ""  # the digest of the entry's reviewable state as shown (see shown_state)
    draft: StoredDraft | None = None  # the raw machine draft of this English, as the engine wrote it
    previous: str | None = None  # stale: the English the translation was made for
    diff: list[DiffPiece] = field(default_factory=list)
    memory: list[MemoryMatch] = field(default_factory=list)
    terms: list[TermView] = field(default_factory=list)
    english: list[tuple[str, str | None]] = field(default_factory=list)  # the msgid in pieces; a term's rendering
    findings: list[tuple[str, str]] = field(default_factory=list)  # (check, message)

    @property
    def check_rows(self) -> list[tuple[str, str]]:
        """The findings shown as "Check" rows: a glossary finding is already the term's "✗" row."""
        if not self.terms:
            return self.findings
        return [(check, message) for check, message in self.findings if check != "glossary"]


@dataclass
class Item:
    """A segment in the layout: the first occurrence of its English holds the entry; a repeat points to it."""

    entry: EntryView
    repeat: bool = False


@dataclass
class Block:
    kind: str
    level: int
    items: list[Item] = field(default_factory=list)

    @property
    def tag(self) -> str:
        if self.kind == HEADING:
            return f"h{min(max(self.level, 1), 6)}" if self.level else "h1"
        return "li" if self.kind in (LIST_ITEM, NUMBERED_ITEM) else "p"


@dataclass
class Group:
    """Consecutive blocks shown together: a list's items (``ul``/``ol``), or one block (``tag`` None)."""

    tag: str | None
    blocks: list[Block]


@dataclass
class ArticleView:
    doc: str
    lang: str
    groups: list[Group]
    entries: list[EntryView]  # distinct segments in article order
    catalog_exists: bool
    not_in_article: int = 0  # catalog entries the article no longer has (run `l10n translate`)
    warnings: list[str] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(STATES, 0)
        for entry in self.entries:
            counts[entry.state] += 1
        return counts

    @property
    def total(self) -> int:
        return len(self.entries)

    @property
    def reviewed(self) -> int:
        return self.counts[REVIEWED]

    @property
    def percent(self) -> float:
        return 100.0 * self.reviewed / self.total if self.total else 100.0


def catalog_entries(po: polib.POFile | None) -> dict[str, polib.POEntry]:
    """The entries a segment can stand for: active, by msgid (a msgctxt variant is not the segment's)."""
    if po is None:
        return {}
    return {e.msgid: e for e in active_entries(po) if e.msgctxt is None}


def shown_state(entry: polib.POEntry | None) -> str:
    """A digest of everything about ``entry`` a review action rests on: its translation, ``fuzzy`` flag,
    previous English and provenance. The page carries it; an action is refused when the entry on disk no
    longer has it (approved or edited in another tab or editor meanwhile). A digest rather than the text:
    the browser would normalise a ``\r`` in the text it carries back."""
    import hashlib
    import json

    if entry is None:
        return ""
    state = [entry.msgstr, is_fuzzy(entry), entry.previous_msgid, entry.previous_msgctxt, provenance(entry)]
    return hashlib.sha256(json.dumps(state, ensure_ascii=True).encode()).hexdigest()[:32]


def machine_draft(store: DraftStore, doc: str, lang: str, entry: polib.POEntry | None, msgid: str) -> StoredDraft | None:
    """The raw machine draft of ``msgid``: the one by the engine the entry's provenance names, else the newest
    engine draft (translation-memory rows are not machine drafts)."""
    from l10n.report.postedit import machine_origin

    rows = [d for d in store.drafts_for(doc, lang, msgid) if not d.origin.startswith("translation memory")]
    if not rows:
        return None
    origin = machine_origin(entry) if entry is not None else None
    return next((d for d in rows if d.origin == origin), rows[0])


def entry_view(
    msgid: str, line: int, entry: polib.POEntry | None, *, doc: str, lang: str, store: DraftStore,
    memory: Memory | None, glossary: Glossary | None,
) -> EntryView:
    """Everything the page shows for one segment."""
    from l10n.check.checks import CheckContext, check_entry

    view = EntryView(msgid, line)
    view.draft = machine_draft(store, doc, lang, entry, msgid)
    if memory is not None:
        view.memory = memory.matches(msgid, doc, MEMORY_LIMIT)
    if entry is not None:
        view.in_catalog = True
        view.editable = not entry.msgid_plural
        view.state = entry_state(entry)
        view.translation = translation_text(entry)
        view.provenance = provenance(entry)
        view.base = shown_state(entry)
        if view.state == STALE:
            view.previous = entry.previous_msgid
            view.diff = word_diff(entry.previous_msgid or "", msgid)
        if view.state != UNTRANSLATED:
            view.findings = check_entry(entry, CheckContext(lang, glossary))
    view.english = [(msgid, None)]
    if glossary is not None:
        matches = glossary.find(msgid, lang)
        view.english = _marked(msgid, [(m.start, m.end, m.term.rendering(lang) or "") for m in matches])
        for match in matches:
            term = match.term
            rendering = term.rendering(lang) or ""
            if any(t.source == term.source for t in view.terms):
                continue
            found = rendering_found(rendering, view.translation, lang, exact=term.kept(lang))
            view.terms.append(TermView(term.source, rendering, term.kept(lang), bool(view.translation) and found))
    return view


def _marked(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[str, str | None]]:
    """``text`` cut at the glossary matches: (piece, rendering) for a term, (piece, None) between them."""
    out: list[tuple[str, str | None]] = []
    at = 0
    for start, end, rendering in spans:
        if start > at:
            out.append((text[at:start], None))
        out.append((text[start:end], rendering))
        at = end
    if at < len(text):
        out.append((text[at:], None))
    return out


def article_view(session: ReviewSession, doc: Document, lang: str) -> ArticleView:
    """The page data of ``doc`` in ``lang``: its layout, and per distinct segment its entry's view."""
    from l10n.segment import read_source, segment_article

    segments = segment_article(read_source(doc.source)).segments
    found = session.catalog_cache().read(session.po_path(doc, lang))
    entries = catalog_entries(found.po if found else None)
    store = DraftStore(session.project.store_path)
    glossary = _glossary(session)
    memory = open_memory(session.project, lang)
    warnings = list(memory.warnings)
    views: dict[str, EntryView] = {}
    groups: list[Group] = []
    blocks: dict[int, Block] = {}
    for seg in segments:
        msgid = msgid_for(seg.text)
        if not msgid.strip():
            continue
        repeat = msgid in views
        if not repeat:
            views[msgid] = entry_view(msgid, seg.line, entries.get(msgid), doc=doc.name, lang=lang, store=store,
                                      memory=memory, glossary=glossary)
        block = blocks.get(seg.block)
        if block is None:
            block = blocks[seg.block] = Block(seg.kind, seg.level)
            _place(groups, block)
        block.items.append(Item(views[msgid], repeat))
    return ArticleView(doc.name, lang, groups, list(views.values()), found is not None,
                       not_in_article=len(entries.keys() - views.keys()), warnings=warnings)


def entry_of(session: ReviewSession, doc: Document, lang: str, msgid: str) -> EntryView:
    """The view of one segment as it is on disk now (after an action)."""
    found = session.catalog_cache().read(session.po_path(doc, lang))
    entry = catalog_entries(found.po if found else None).get(msgid)
    return entry_view(msgid, _line(entry), entry, doc=doc.name, lang=lang, store=DraftStore(session.project.store_path),
                      memory=open_memory(session.project, lang), glossary=_glossary(session))


def _line(entry: polib.POEntry | None) -> int:
    if entry is None or not entry.occurrences:
        return 0
    number = entry.occurrences[0][1]
    return int(number) if str(number).isdigit() else 0


def _place(groups: list[Group], block: Block) -> None:
    tag = {LIST_ITEM: "ul", NUMBERED_ITEM: "ol"}.get(block.kind)
    if tag is not None and groups and groups[-1].tag == tag:
        groups[-1].blocks.append(block)
    else:
        groups.append(Group(tag, [block]))


def _glossary(session: ReviewSession) -> Glossary | None:
    from l10n.glossary import load_glossary

    return load_glossary(session.glossary_path) if session.glossary_path is not None else None


@dataclass(frozen=True)
class Progress:
    doc: str
    lang: str
    reviewed: int
    total: int
    counts: dict[str, int]
    catalog_exists: bool
    error: str | None = None  # the row's file could not be read (the index shows it in this row)

    @property
    def percent(self) -> float:
        return 100.0 * self.reviewed / self.total if self.total else 100.0


def progress_of(session: ReviewSession, doc: Document, lang: str) -> Progress:
    """Reviewed / total distinct segments of one article and language (for the index page and after actions):
    the article's segments against its catalog, nothing else looked up."""
    from l10n.segment import read_source, segment_article

    msgids = {m for m in (msgid_for(seg.text) for seg in segment_article(read_source(doc.source)).segments) if m.strip()}
    found = session.catalog_cache().read(session.po_path(doc, lang))
    entries = catalog_entries(found.po if found else None)
    counts = dict.fromkeys(STATES, 0)
    for msgid in msgids:
        entry = entries.get(msgid)
        counts[entry_state(entry) if entry is not None else UNTRANSLATED] += 1
    return Progress(doc.name, lang, counts[REVIEWED], len(msgids), counts, found is not None)
