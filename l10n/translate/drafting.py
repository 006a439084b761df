"""Drafting one language: translation memory first, then ONE engine call for all that is left.

Which entries get a draft:

- *missing*: no translation yet (new English, or a translator cleared it);
- *redraft* (only with ``--redraft``): machine drafts nobody edited, i.e. still
  fuzzy and exactly the draft the store holds for their English;
- *propagation* (always): such unedited machine drafts whose English the
  project memory has exactly (reviewed in another article, or imported).

A missing entry is filled from the project memory (:mod:`l10n.translate.memory`:
an exact match, else a fuzzy one of at least ``[memory] threshold`` %), else by
the engine; a redraft or propagation candidate by an exact match, else (with
``--redraft`` only) by the engine. Every draft is recorded
in the draft store with its origin: an engine that hands drafts over as its
batches finish (``on_batch``, :func:`l10n.engine.base.delivers_batches`) has
them recorded at once, so a run killed while drafting loses only the batches
in flight; the next run takes the rest from the store (catalogs are only
written at the end, as before).
"""

from __future__ import annotations

import warnings as warnings_module
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import polib

from l10n.catalog.files import CatalogFile
from l10n.catalog.merge import MergeResult
from l10n.catalog.model import DRAFT, STALE, active_entries, entry_state, fill_draft, has_translation, provenance
from l10n.engine.base import (Draft, Engine, SegmentWarning, capture_segment_warnings, checked_drafts,
                              delivers_batches)
from l10n.engine.factory import EngineFactory
from l10n.languages import LanguageInfo
from l10n.project import Document, Project
from l10n.store import DraftStore, StoredDraft
from l10n.memory.api import memory_threshold
from l10n.memory.index import MemoryIndex
from l10n.memory.sync import open_memory
from l10n.translate.memory import exact_drafts, memory_drafts
from l10n.translate.summary import DRAFTED, PROPAGATED, REDRAFTED, REUSED, LanguageSummary, tally

#: ``progress(language, done, total)`` while the engine drafts.
LanguageProgress = Callable[[str, int, int], None]

MT_PROVENANCE = "machine draft, {origin}"

MISSING = "missing"
REDRAFT = "redraft"


@dataclass
class Work:
    """One article's catalog for the language, merged with its new template."""

    doc: Document
    path: Path
    old: CatalogFile | None
    merged: MergeResult


@dataclass
class Candidate:
    work: Work
    entry: polib.POEntry
    kind: str  # MISSING or REDRAFT


@dataclass
class DraftRun:
    """What drafting a language needs besides the catalogs: where, with what, and what to report to."""

    project: Project
    info: LanguageInfo
    engine_factory: EngineFactory
    store: DraftStore
    summary: LanguageSummary
    progress: LanguageProgress | None = None
    now: datetime | None = None
    redraft: bool = False
    records: list[StoredDraft] = field(default_factory=list)
    filled: dict[int, str] = field(default_factory=dict)  # id(entry) -> DRAFTED, REUSED, PROPAGATED, REDRAFTED


def draft_language(run: DraftRun, works: list[Work]) -> None:
    """Fill every candidate of ``works`` (see the module doc), record the drafts in the store,
    and count every entry of ``works`` once in the run's summary (:func:`l10n.translate.summary.tally`)."""
    _fill(run, works)
    for work in works:
        tally(run.summary, work.merged, run.filled)


def _fill(run: DraftRun, works: list[Work]) -> None:
    lang = run.info.code
    candidates = [Candidate(w, e, MISSING) for w in works for e in active_entries(w.merged.catalog)
                  if not has_translation(e)]
    read = {w.doc.name: w.old for w in works if w.old is not None}
    with open_memory(run.project, [lang], run.summary.warnings, read) as memory:
        if run.redraft:
            candidates += [Candidate(w, e, REDRAFT) for w, e in _untouched_machine_drafts(works, lang, run.store)]
        else:  # propagation: a reviewed translation replaces unedited machine drafts of the same English
            candidates += [Candidate(w, e, REDRAFT) for w, e in
                           _untouched_machine_drafts(works, lang, run.store, memory)]
        if not candidates:
            return
        threshold = memory_threshold(run.project)
        missing = [c for c in candidates if c.kind == MISSING]
        others = [c for c in candidates if c.kind != MISSING]
        hits = memory_drafts(memory, lang, [(c.entry.msgid, c.work.doc.name) for c in missing], threshold)
        hits += exact_drafts(memory, lang, [(c.entry.msgid, c.work.doc.name) for c in others])
        left = []
        for c, hit in zip(missing + others, hits):
            if hit is None:
                if c.kind == MISSING or run.redraft:
                    left.append(c)
                continue
            doc = c.work.doc.name
            fill_draft(c.entry, hit.text, hit.provenance)
            if hit.previous is not None:
                c.entry.previous_msgid = hit.previous
            run.records.append(StoredDraft(doc, lang, c.entry.msgid, hit.origin, hit.text))
            run.filled[id(c.entry)] = REUSED if c.kind == MISSING else PROPAGATED
            if hit.percent < 100:
                run.summary.memory_fuzzy += 1
    if left:
        _draft_with_engine(run, left)
    run.store.record(run.records, now=run.now)


def _draft_with_engine(run: DraftRun, candidates: list[Candidate]) -> None:
    engine = run.engine_factory(run.info.code)
    mine = MT_PROVENANCE.format(origin=engine.origin)
    # An unedited draft is redrafted if another engine made it, or if it is stale
    # (it is for English that changed), even when this engine made it.
    todo = [c for c in candidates
            if c.kind == MISSING or provenance(c.entry) != mine or c.entry.previous_msgid is not None]
    if not todo:
        return
    run.summary.origin = engine.origin
    run.summary.device = getattr(engine, "device", None)
    where = {c.entry.msgid: _first_reference(c.entry) for c in reversed(todo)}
    docs: dict[str, dict[str, None]] = {}  # msgid -> its documents, for the store's rows
    for c in todo:
        docs.setdefault(c.entry.msgid, {})[c.work.doc.name] = None
    drafts = _engine_drafts(engine, run, [c.entry.msgid for c in todo], where, docs)
    for c in todo:
        draft = drafts[c.entry.msgid]
        if not draft.draft:
            continue
        fill_draft(c.entry, draft.draft, mine)
        run.records.append(
            StoredDraft(c.work.doc.name, run.info.code, c.entry.msgid, engine.origin, draft.draft, draft.score)
        )
        run.filled[id(c.entry)] = DRAFTED if c.kind == MISSING else REDRAFTED


def _untouched_machine_drafts(works: list[Work], lang: str, store: DraftStore,
                              memory: MemoryIndex | None = None) -> list[tuple[Work, polib.POEntry]]:
    """Machine drafts nobody has edited: still fuzzy, and the msgstr is exactly a draft in the store.

    That includes stale ones (the English changed; the msgstr is the untouched
    draft of the previous English). Without a store record an entry counts as
    edited: a person's work is never replaced on a guess. With ``memory``, only
    those whose English the memory has exactly (from another document).
    """
    machine = MT_PROVENANCE.split("{")[0]
    drafts = []
    for work in works:
        for entry in active_entries(work.merged.catalog):
            state = entry_state(entry)
            if state in (DRAFT, STALE) and (provenance(entry) or "").startswith(machine):
                drafts.append((work, entry, state))
    if memory is not None:
        known = memory.exact_many(lang, [(e.msgid, w.doc.name) for w, e, _ in drafts])
        drafts = [d for d, units in zip(drafts, known) if units]
    found = []
    for work, entry, state in drafts:
        english = entry.msgid if state == DRAFT else entry.previous_msgid
        if store.is_untouched_draft(work.doc.name, lang, english, entry.msgstr):
            found.append((work, entry))
    return found


def _engine_drafts(
    engine: Engine, run: DraftRun, msgids: list[str], where: dict[str, str], docs: dict[str, dict[str, None]]
) -> dict[str, StoredDraft]:
    """Drafts for every distinct msgid: from the store if this engine made them before, else ONE engine call.

    Drafts the engine hands over by batch are recorded in the store at once, one
    row per document of ``docs[msgid]``. An engine's SegmentWarning (a segment
    translated in chunks, a draft cut at the output limit) becomes a run warning
    naming the segment's source line; it is shown even when Python's warnings
    are filtered out.
    """
    lang, summary, progress = run.info.code, run.summary, run.progress
    texts = list(dict.fromkeys(msgids))
    drafts = run.store.cached(lang, engine.origin, texts)
    missing = [t for t in texts if t not in drafts]
    if not missing:
        return drafts
    callback = None if progress is None else (lambda done, total: progress(lang, done, total))

    def keep(indexes: list[int], batch: list[Draft]) -> None:
        run.store.record(
            [StoredDraft(doc, lang, missing[i], engine.origin, d.text.strip(), d.score)
             for i, d in zip(indexes, batch) if d.text.strip() for doc in docs.get(missing[i], ())],
            now=run.now,
        )

    extra = {"on_batch": keep} if delivers_batches(engine) else {}
    with capture_segment_warnings() as caught:  # thread-safe: languages may draft at once (run.py)
        results = checked_drafts(engine, engine.translate(missing, progress=callback, **extra), len(missing))
    for w in caught:
        if isinstance(w.message, SegmentWarning) and 0 <= w.message.index < len(missing):
            text = missing[w.message.index]
            summary.warnings.append(f"{where.get(text, '?')}: {w.message.detail} ({engine.origin}; check the draft)")
        else:
            warnings_module.warn_explicit(w.message, w.category, w.filename, w.lineno)
    summary.engine_calls += 1
    for text, result in zip(missing, results):
        drafts[text] = StoredDraft("", lang, text, engine.origin, result.text.strip(), result.score)
    empty = [t for t in missing if t.strip() and not drafts[t].draft]
    if empty:  # a broken or mismatched package: say so instead of a silent "drafted 0"
        summary.warnings.append(
            f"{where.get(empty[0], '?')}: {engine.origin} returned an empty draft for "
            f"{len(empty)} of {len(missing)} segment(s); left untranslated (is the package right for {lang}?)"
        )
    return drafts


def _first_reference(entry: polib.POEntry) -> str:
    """``source/doc.txt:12`` for an entry, from its first ``#:`` reference."""
    if entry.occurrences:
        path, line = entry.occurrences[0]
        path = path.strip("\u2068\u2069")  # a name with spaces is isolated in #: (see catalog.model)
        return f"{path}:{line}" if line else path
    return "?"
