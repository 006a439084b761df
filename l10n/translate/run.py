"""`l10n translate` as a library function: segment, update templates and catalogs, draft, write.

For each language: every catalog is merged with its new template
(:mod:`l10n.catalog.merge`); entries without a translation are drafted first from
translation memory (reviewed entries with the same English in the language's
other catalogs), then by the engine — all missing segments of all articles in
ONE ``engine.translate`` call (drafts already in the store for the same
engine are reused). Drafts are ``fuzzy`` with a ``# l10n:`` provenance
comment. Translations that exist are never replaced.

Files are written at the end, only when their content changed; an unchanged
run makes no engine call and leaves every file byte-identical.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import warnings as warnings_module

import polib

from l10n.atomic import remove_leftover_temps
from l10n.catalog.model import (
    DRAFT,
    REVIEWED,
    STALE,
    LanguageInfo,
    active_entries,
    build_template,
    dump,
    entry_state,
    fill_draft,
    format_date,
    has_translation,
    language_info,
    provenance,
)
from l10n.catalog.files import (
    CatalogChangedError,
    CatalogFile,
    read_catalog,
    write_catalog,
)
from l10n.engine.base import Engine, SegmentWarning
from l10n.errors import L10nError
from l10n.lock import project_lock
from l10n.catalog.merge import MergeResult, merge_catalog
from l10n.project import (
    SOURCE_LANGUAGE,
    Document,
    Project,
    resolve_paths,
    split_languages,
)
from l10n.store import DraftStore, StoredDraft

#: Makes the engine for a target language; only called when something needs drafting.
EngineFactory = Callable[[str], Engine]
#: ``progress(language, done, total)`` while the engine drafts.
LanguageProgress = Callable[[str, int, int], None]

MT_PROVENANCE = "machine draft, {origin}"
TM_PROVENANCE = "from translation memory ({name})"
TM_ORIGIN = "translation memory ({name})"
GLOSSARY_FILE = "glossary.tsv"


@dataclass
class LanguageSummary:
    """What one run did for one language (counts of catalog entries over all its articles)."""

    language: str
    documents: int = 0
    new: int = 0  # English segments that had no entry before
    drafted: int = 0  # filled by the engine (or its stored drafts)
    reused: int = 0  # filled from translation memory
    stale: int = 0  # changed English: old translation kept, now fuzzy with #| msgid
    unchanged: int = 0  # same English as before, entry kept
    obsolete: int = 0  # English removed: entry moved to #~
    untranslated: int = 0  # still without a translation after the run
    redrafted: int = 0  # with redraft: unedited machine drafts replaced (other engine, or English changed)
    engine_calls: int = 0
    origin: str | None = None
    warnings: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass
class TranslateResult:
    root: Path
    languages: list[LanguageSummary]
    written: list[Path] = field(default_factory=list)
    catalogs: list[Path] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "project": str(self.root),
            "languages": [s.as_dict() for s in self.languages],
            "written": [str(p) for p in self.written],
            "catalogs": [str(p) for p in self.catalogs],
        }


@dataclass
class _Pending:
    """A file to write if its new text differs from what was read."""

    path: Path
    old: CatalogFile | None
    po: polib.POFile
    date_key: str | None  # header date set to now when the file changes
    template: polib.POFile | None = None  # for a catalog: to merge again if an editor saved it meanwhile
    info: LanguageInfo | None = None


@dataclass
class _Work:
    doc: Document
    path: Path
    old: CatalogFile | None
    merged: MergeResult


DEFAULT_BEAM = 4


def argos_engine_factory(
    packages_dir: Path | None = None, beam_size: int = DEFAULT_BEAM, glossary_path: Path | None = None
) -> EngineFactory:
    """Engines from installed Argos packages (loaded lazily, only when a draft is needed).

    With ``glossary_path`` (a project's ``glossary.tsv``) each engine is wrapped
    in :class:`l10n.glossary.GlossaryEngine`.
    """

    def factory(target: str) -> Engine:
        from l10n.engine.argos import load_engine

        engine = load_engine(SOURCE_LANGUAGE, target, packages_dir=packages_dir, beam_size=beam_size)
        if glossary_path is not None:
            from l10n.glossary import GlossaryEngine, load_glossary

            engine = GlossaryEngine(engine, load_glossary(glossary_path))
        return engine

    return factory


def translate_paths(
    paths: Sequence[str | Path],
    languages: Sequence[str] | None = None,
    *,
    packages_dir: Path | None = None,
    beam_size: int | None = None,
    progress: LanguageProgress | None = None,
    redraft: bool = False,
    cwd: str | Path = ".",
    lock_wait: float | None = None,
) -> TranslateResult:
    """`l10n translate`: PATHS (articles or a project folder; none = the current project).

    ``languages``, ``packages_dir`` and ``beam_size`` override the project's
    ``l10n.toml``, which overrides the defaults (az and ru; the Argos packages
    folder; beam 4). A project ``glossary.tsv`` is applied to the engine's drafts.
    """
    project, documents = resolve_paths(paths, cwd)
    glossary = project.root / GLOSSARY_FILE
    factory = argos_engine_factory(
        packages_dir if packages_dir is not None else project.engine.packages_dir,
        beam_size or project.engine.beam_size or DEFAULT_BEAM,
        glossary if glossary.is_file() else None,
    )
    langs = split_languages(languages) or list(project.languages)
    return translate_project(
        project, documents, langs, factory, progress=progress, redraft=redraft, lock_wait=lock_wait
    )


def translate_project(
    project: Project,
    documents: Sequence[Document],
    languages: Sequence[str],
    engine_factory: EngineFactory,
    *,
    progress: LanguageProgress | None = None,
    now: datetime | None = None,
    redraft: bool = False,
    lock_wait: float | None = None,
) -> TranslateResult:
    """Update the templates and catalogs of ``documents`` for ``languages`` and draft what is missing.

    With ``redraft``, machine drafts nobody has edited (their msgstr is still
    exactly the stored draft) are replaced by this engine's drafts, e.g. after
    installing real Argos packages in place of the demo ones.

    Holds the project lock (:mod:`l10n.lock`; another run waits ``lock_wait``
    seconds, then fails). A catalog saved by an editor during the run is
    merged again before writing (:mod:`l10n.catalog.rebase`), so the edit survives.
    """
    with project_lock(project.root, wait=lock_wait):
        # Temp files of a run killed before its renames; only translate writes .po/.pot, and we hold the lock.
        remove_leftover_temps(project.locales_dir, (".po", ".pot"))
        return _translate_locked(project, documents, languages, engine_factory, progress, now, redraft)


def _translate_locked(
    project: Project,
    documents: Sequence[Document],
    languages: Sequence[str],
    engine_factory: EngineFactory,
    progress: LanguageProgress | None,
    now: datetime | None,
    redraft: bool,
) -> TranslateResult:
    if not documents:
        raise L10nError("no articles to translate (expected source/<name>.txt or .md)", path=project.source_dir)
    stamp = format_date(now or datetime.now(UTC))
    infos = [language_info(lang) for lang in dict.fromkeys(languages)]
    templates = [_update_template(project, doc, stamp) for doc in documents]
    store = DraftStore(project.store_path)
    pending: list[_Pending] = list(templates)
    summaries = []
    for info in infos:
        works = [_merge(project, doc, tpl.po, info) for doc, tpl in zip(documents, templates)]
        summary = LanguageSummary(language=info.code, documents=len(works))
        _draft_language(project, info, works, engine_factory, store, summary, progress, now, redraft)
        for work, tpl in zip(works, templates):
            summary.new += len(work.merged.new)
            summary.stale += len(work.merged.stale)
            summary.unchanged += work.merged.unchanged
            summary.obsolete += len(work.merged.obsolete)
            summary.untranslated += sum(1 for e in active_entries(work.merged.catalog) if not has_translation(e))
            pending.append(
                _Pending(work.path, work.old, work.merged.catalog, "PO-Revision-Date", tpl.po, info)
            )
        summaries.append(summary)
    written = _write_changed(pending, stamp)
    catalogs = [project.po_path(doc, info.code) for info in infos for doc in documents]
    return TranslateResult(root=project.root, languages=summaries, written=written, catalogs=catalogs)


def _update_template(project: Project, doc: Document, stamp: str) -> _Pending:
    from l10n.segment import segment_file

    segments = segment_file(doc.source)
    path = project.pot_path(doc)
    old = read_catalog(path)
    created = (old.po.metadata.get("POT-Creation-Date") if old is not None else None) or stamp
    pot = build_template(doc.name, project.relative(doc.source), segments, creation_date=created)
    if not _same_content(old, dump(pot)):
        # Dated before the catalogs are merged: they copy POT-Creation-Date.
        pot.metadata["POT-Creation-Date"] = pot.metadata["PO-Revision-Date"] = stamp
    return _Pending(path, old, pot, None)


def _merge(project: Project, doc: Document, template: polib.POFile, info: LanguageInfo) -> _Work:
    path = project.po_path(doc, info.code)
    old = read_catalog(path)
    merged = merge_catalog(old.po if old is not None else None, template, info)
    return _Work(doc=doc, path=path, old=old, merged=merged)


def _draft_language(
    project: Project,
    info: LanguageInfo,
    works: list[_Work],
    engine_factory: EngineFactory,
    store: DraftStore,
    summary: LanguageSummary,
    progress: LanguageProgress | None,
    now: datetime | None,
    redraft: bool = False,
) -> None:
    need = [(w, e) for w in works for e in active_entries(w.merged.catalog) if not has_translation(e)]
    untouched = _untouched_machine_drafts(works, info.code, store) if redraft else []
    if not need and not untouched:
        return
    memory = _translation_memory(project, info.code, works, summary.warnings)
    records: list[StoredDraft] = []
    for_engine: list[tuple[_Work, polib.POEntry]] = []
    untouched_left: list[tuple[_Work, polib.POEntry]] = []
    for n, (work, entry) in enumerate(need + untouched):
        hit = next(((name, text) for name, text in memory.get(entry.msgid, []) if name != work.doc.name), None)
        if hit is None:
            (for_engine if n < len(need) else untouched_left).append((work, entry))
            continue
        name, text = hit
        fill_draft(entry, text, TM_PROVENANCE.format(name=f"{name}.po"))
        records.append(StoredDraft(work.doc.name, info.code, entry.msgid, TM_ORIGIN.format(name=f"{name}.po"), text))
        summary.reused += 1
    untouched = untouched_left
    if for_engine or untouched:
        engine = engine_factory(info.code)
        mine = MT_PROVENANCE.format(origin=engine.origin)
        # a stale draft is for English that changed: redraft it even if this engine made it
        replace = [(w, e) for w, e in untouched if provenance(e) != mine or e.previous_msgid is not None]
        todo = for_engine + replace
        if todo:
            summary.origin = engine.origin
            where = {e.msgid: _first_reference(e) for _, e in reversed(todo)}
            drafts = _engine_drafts(engine, info.code, [e.msgid for _, e in todo], store, summary, progress, where)
            for n, (work, entry) in enumerate(todo):
                draft = drafts[entry.msgid]
                if not draft.draft:
                    continue
                fill_draft(entry, draft.draft, mine)
                records.append(
                    StoredDraft(work.doc.name, info.code, entry.msgid, engine.origin, draft.draft, draft.score)
                )
                if n < len(for_engine):
                    summary.drafted += 1
                else:
                    summary.redrafted += 1
    store.record(records, now=now)


def _untouched_machine_drafts(works: list[_Work], lang: str, store: DraftStore) -> list[tuple[_Work, polib.POEntry]]:
    """Machine drafts nobody has edited: still fuzzy, and the msgstr is exactly a draft in the store.

    That includes stale ones (the English changed; the msgstr is the untouched
    draft of the previous English). Without a store record an entry counts as
    edited: a person's work is never replaced on a guess.
    """
    machine = MT_PROVENANCE.split("{")[0]
    found = []
    for work in works:
        for entry in active_entries(work.merged.catalog):
            state = entry_state(entry)
            if state not in (DRAFT, STALE) or not (provenance(entry) or "").startswith(machine):
                continue
            english = entry.msgid if state == DRAFT else entry.previous_msgid
            if store.is_untouched_draft(work.doc.name, lang, english, entry.msgstr):
                found.append((work, entry))
    return found


def _engine_drafts(
    engine: Engine,
    lang: str,
    msgids: list[str],
    store: DraftStore,
    summary: LanguageSummary,
    progress: LanguageProgress | None,
    where: dict[str, str] | None = None,
) -> dict[str, StoredDraft]:
    """Drafts for every distinct msgid: from the store if this engine made them before, else ONE engine call.

    An engine's SegmentWarning (a segment translated in chunks, a draft cut at
    the output limit) becomes a run warning naming the segment's source line;
    it is shown even when Python's warnings are filtered out.
    """
    texts = list(dict.fromkeys(msgids))
    drafts = store.cached(lang, engine.origin, texts)
    missing = [t for t in texts if t not in drafts]
    if missing:
        callback = None if progress is None else (lambda done, total: progress(lang, done, total))
        with warnings_module.catch_warnings(record=True) as caught:
            warnings_module.simplefilter("always", SegmentWarning)
            results = engine.translate(missing, progress=callback)
        for w in caught:
            if isinstance(w.message, SegmentWarning) and 0 <= w.message.index < len(missing):
                text = missing[w.message.index]
                summary.warnings.append(
                    f"{(where or {}).get(text, '?')}: {w.message.detail} ({engine.origin}; check the draft)"
                )
            else:
                warnings_module.warn_explicit(w.message, w.category, w.filename, w.lineno)
        summary.engine_calls += 1
        if len(results) != len(missing):
            raise L10nError(f"engine {engine.origin} returned {len(results)} drafts for {len(missing)} segments")
        for text, result in zip(missing, results):
            drafts[text] = StoredDraft("", lang, text, engine.origin, result.text.strip(), result.score)
        empty = [t for t in missing if t.strip() and not drafts[t].draft]
        if empty:  # a broken or mismatched package: say so instead of a silent "drafted 0"
            summary.warnings.append(
                f"{(where or {}).get(empty[0], '?')}: {engine.origin} returned an empty draft for "
                f"{len(empty)} of {len(missing)} segment(s); left untranslated (is the package right for {lang}?)"
            )
    return drafts


def _first_reference(entry: polib.POEntry) -> str:
    """``source/doc.txt:12`` for an entry, from its first ``#:`` reference."""
    if entry.occurrences:
        path, line = entry.occurrences[0]
        return f"{path}:{line}" if line else path
    return "?"


def _translation_memory(
    project: Project, lang: str, works: list[_Work], warnings: list[str]
) -> dict[str, list[tuple[str, str]]]:
    """English -> [(document name, reviewed translation)] from every catalog of ``lang``.

    A malformed catalog of an article not in this run is skipped (with a
    warning): it must not block the articles being translated.
    """
    catalogs: dict[str, polib.POFile] = {}
    for work in works:
        if work.old is not None:
            catalogs[work.doc.name] = work.old.po
    for path in project.catalogs(lang):
        if path.stem not in catalogs:
            try:
                other = read_catalog(path)
            except L10nError as err:
                warnings.append(f"not used as translation memory: {err}")
                continue
            if other is not None:
                catalogs[path.stem] = other.po
    memory: dict[str, list[tuple[str, str]]] = {}
    for name in sorted(catalogs):
        for entry in active_entries(catalogs[name]):
            if not entry.msgid_plural and entry.msgctxt is None and entry_state(entry) == REVIEWED:
                memory.setdefault(entry.msgid, []).append((name, entry.msgstr))
    return memory


def _write_changed(pending: list[_Pending], stamp: str) -> list[Path]:
    """Write each file whose content changed (dating it now); leave the others untouched."""
    written = []
    for item in pending:
        if _same_content(item.old, dump(item.po)):
            continue
        if item.date_key is not None:
            item.po.metadata[item.date_key] = stamp
        _write_checked(item, stamp)
        written.append(item.path)
    return written


def _same_content(old: CatalogFile | None, text: str) -> bool:
    """True if ``text`` says what the file as read says (byte-equal, or equal once re-serialized:
    a file an editor saved with its own line wrapping is left alone when nothing changed)."""
    return old is not None and (text == old.text or text == dump(old.po))


def _write_checked(item: _Pending, stamp: str, attempts: int = 5) -> None:
    """Write unless the file changed on disk since it was read; then merge the saved file again.

    A template is derived from its article only, so it is simply rewritten. A
    catalog the translator saved is re-read (strictly: a malformed save stops
    the run with its path:line, and nothing is written over it) and merged
    with the template; the run's drafts fill only what is still untranslated.
    """
    try:
        write_catalog(item.path, dump(item.po), read_digest=item.old.digest if item.old else None)
        return
    except CatalogChangedError:
        if item.template is None or item.info is None:
            write_catalog(item.path, dump(item.po), read_digest=None, check=False)
            return
    from l10n.catalog.rebase import rebase_drafts

    for _ in range(attempts):
        saved = read_catalog(item.path)
        if saved is None:  # deleted meanwhile (a checkout?): write all the run has, so nothing is lost
            po = item.po
        else:
            before = item.old.po if item.old else None
            po = rebase_drafts(saved.po, item.template, item.info, item.po, before)
        po.metadata["PO-Revision-Date"] = stamp
        try:
            write_catalog(item.path, dump(po), read_digest=saved.digest if saved else None)
            return
        except CatalogChangedError:
            continue
    raise L10nError("keeps changing on disk while l10n writes it; close the editor and run again", path=item.path)
