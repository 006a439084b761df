"""`l10n translate` as a library function: segment, update templates and catalogs, draft, write.

For each language: every catalog is merged with its new template
(:mod:`l10n.catalog.merge`); entries without a translation are drafted first from
translation memory, then by the engine — all missing segments of all articles in
ONE ``engine.translate`` call (:mod:`l10n.translate.drafting`). Drafts are
``fuzzy`` with a ``# l10n:`` provenance comment. Translations that exist are
never replaced. All languages are merged first; languages with something to
draft are then drafted at once, a thread each (:func:`draft_languages`), so that
no core idles between them.

Files are written at the end, only when their content changed
(:mod:`l10n.translate.writing`); an unchanged run makes no engine call and
leaves every file byte-identical.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

import polib

from l10n.atomic import remove_leftover_temps
from l10n.catalog.files import read_catalog
from l10n.catalog.merge import merge_catalog
from l10n.catalog.model import active_entries, build_template, dump, format_date, has_translation, is_fuzzy
from l10n.engine.base import DEVICES
from l10n.engine.factory import DEFAULT_BEAM, EngineFactory, argos_engine_factory
from l10n.errors import L10nError
from l10n.glossary import find_glossary
from l10n.languages import LanguageInfo, language_info, split_languages
from l10n.lock import project_lock
from l10n.project import Document, Project, resolve_paths
from l10n.store import DraftStore
from l10n.translate.drafting import DraftRun, LanguageProgress, Work, draft_language
from l10n.translate.memory import remember_written
from l10n.translate.summary import LanguageSummary, TranslateResult
from l10n.translate.writing import Pending, same_content, write_changed


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
    engine_factory: EngineFactory | None = None,
    device: str | None = None,
    workers: int | None = None,
    cluster: str | None = None,
) -> TranslateResult:
    """`l10n translate`: PATHS (articles or a project folder; none = the current project).

    ``languages``, ``packages_dir``, ``beam_size``, ``device`` and ``workers``
    override the project's ``l10n.toml``, which overrides the defaults (az and
    ru; the Argos packages folder; beam 4; CUDA if there is a GPU, else the CPU;
    one worker per core). The project glossary (``glossary.tsv``, else
    ``glossary.tbx``: the one ``check`` uses) is applied to the engine's drafts.
    ``engine_factory`` replaces the Argos engines (tests, other engines).
    ``cluster`` (else ``l10n.toml``'s ``[cluster] address``; ``off``: neither)
    drafts on a Dask cluster (:mod:`l10n.cluster`); each summary's ``cluster`` says how it went.
    """
    if device is not None and device not in DEVICES:
        raise L10nError(f"unknown device {device!r} (expected {', '.join(DEVICES)})")
    project, documents = resolve_paths(paths, cwd)
    address = cluster if cluster is not None else project.cluster.address
    if engine_factory is None and address and address != "off":
        return _translate_on_cluster(address, project, documents, split_languages(languages) or list(project.languages),
                                     packages_dir, beam_size, device, progress=progress, redraft=redraft,
                                     lock_wait=lock_wait)
    if engine_factory is None:
        config = project.engine
        settings = {"device": device or config.device, "workers": workers or config.workers,
                    "threads": config.threads}
        engine_factory = argos_engine_factory(
            packages_dir if packages_dir is not None else config.packages_dir,
            beam_size or config.beam_size or DEFAULT_BEAM,
            find_glossary(project.root),
            **{key: value for key, value in settings.items() if value is not None},  # unset: the factory's default
        )
    langs = split_languages(languages) or list(project.languages)
    return translate_project(
        project, documents, langs, engine_factory, progress=progress, redraft=redraft, lock_wait=lock_wait
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
        if not documents:
            raise L10nError("no articles to translate (expected source/<name>.txt or .md)", path=project.source_dir)
        stamp = format_date(now or datetime.now(UTC))
        infos = [language_info(lang) for lang in dict.fromkeys(languages)]
        templates = [_update_template(project, doc, stamp) for doc in documents]
        store = DraftStore(project.store_path)
        pending: list[Pending] = list(templates)
        summaries = []
        merged = [[_merge(project, doc, tpl.po, info, store) for doc, tpl in zip(documents, templates)]
                  for info in infos]
        jobs = [(DraftRun(project, info, engine_factory, store, LanguageSummary(language=info.code,
                                                                                  documents=len(works)),
                          progress, now, redraft), works) for info, works in zip(infos, merged)]
        draft_languages(jobs)
        for (run, works), info in zip(jobs, infos):
            for work, tpl in zip(works, templates):
                pending.append(Pending(work.path, work.old, work.merged.catalog, "PO-Revision-Date", tpl.po, info))
            summaries.append(run.summary)
        written = write_changed(pending, stamp)
        remember_written(project, pending)
    catalogs = [project.po_path(doc, info.code) for info in infos for doc in documents]
    return TranslateResult(root=project.root, languages=summaries, written=written, catalogs=catalogs)


def _translate_on_cluster(address: str, project: Project, documents: Sequence[Document], languages: list[str],
                          packages_dir: Path | None, beam_size: int | None, device: str | None,
                          **options) -> TranslateResult:
    """:func:`translate_project` with engines on a Dask cluster (started or connected when first needed)."""
    from l10n.cluster import ClusterSession

    config = project.engine
    timeout = {"connect_timeout": project.cluster.connect_timeout} if project.cluster.connect_timeout else {}
    with ClusterSession(address, **timeout) as session:
        factory = session.engine_factory(packages_dir if packages_dir is not None else config.packages_dir,
                                         beam_size or config.beam_size or DEFAULT_BEAM, find_glossary(project.root),
                                         device=device or config.device or "auto")
        result = translate_project(project, documents, languages, factory, **options)
    for summary in result.languages:
        summary.cluster = session.report(summary.language)
    return result


def draft_languages(jobs: Sequence[tuple[DraftRun, list[Work]]]) -> None:
    """:func:`draft_language` for every language; those with something to draft at once, a thread each.

    Two languages drafted one after the other leave cores idle between them (the
    first one's last batches, the second one's model loading). Drafted at once, the
    engines share the process's batch slots (:mod:`l10n.engine.slots`): the language
    that asked first keeps every core while it has batches, and the other's batches
    take the cores it leaves. The first language drafts
    in this thread (Ctrl-C interrupts it as before), the others in daemon threads
    that are awaited; the first error, in language order, is raised once all are done
    (so every finished batch of every language is in the draft store).
    """
    busy = [job for job in jobs if job[0].redraft or _has_untranslated(job[1])]
    if len(busy) < 2:
        for run, works in jobs:
            draft_language(run, works)
        return
    busy[0][0].store.create()  # before any thread reads it while another creates it
    from l10n.memory.sync import open_index

    with open_index(busy[0][0].project) as index:
        index.conn  # the memory index too: created (or replaced if unreadable) here, not by two threads at once
    errors: dict[int, BaseException] = {}

    def draft(k: int) -> None:
        try:
            draft_language(*busy[k])
        except BaseException as err:  # noqa: BLE001 - raised in the calling thread below
            errors[k] = err

    threads = [threading.Thread(target=draft, args=(k,), name=f"l10n-draft-{busy[k][0].info.code}", daemon=True)
               for k in range(1, len(busy))]
    for thread in threads:
        thread.start()
    try:
        for run, works in jobs:
            if not any(run is other for other, _ in busy[1:]):
                draft_language(run, works)
    except Exception as err:  # the others finish (their drafts reach the store) before it is raised
        errors[0] = err
    for thread in threads:
        while thread.is_alive():
            thread.join(0.1)  # in slices, so that Ctrl-C still reaches this thread
    if errors:
        raise errors[min(errors)]


def _has_untranslated(works: Sequence[Work]) -> bool:
    return any(not has_translation(e) for w in works for e in active_entries(w.merged.catalog))


def _update_template(project: Project, doc: Document, stamp: str) -> Pending:
    from l10n.segment import segment_file

    segments = segment_file(doc.source)
    path = project.pot_path(doc)
    old = read_catalog(path)
    created = (old.po.metadata.get("POT-Creation-Date") if old is not None else None) or stamp
    pot = build_template(doc.name, project.relative(doc.source), segments, creation_date=created)
    if not same_content(old, dump(pot)):
        # Dated before the catalogs are merged: they copy POT-Creation-Date.
        pot.metadata["POT-Creation-Date"] = pot.metadata["PO-Revision-Date"] = stamp
    return Pending(path, old, pot, None)


def _merge(project: Project, doc: Document, template: polib.POFile, info: LanguageInfo, store: DraftStore) -> Work:
    path = project.po_path(doc, info.code)
    old = read_catalog(path)
    merged = merge_catalog(old.po if old is not None else None, template, info)
    restore_previous_english(merged.catalog, doc.name, info.code, store)
    return Work(doc=doc, path=path, old=old, merged=merged)


def restore_previous_english(catalog: polib.POFile, doc: str, lang: str, store: DraftStore) -> int:
    """Put back ``#| msgid`` where an editor or tool dropped it (``msgmerge --update`` without
    ``--previous`` does): a fuzzy entry whose msgstr is exactly a draft the store holds for other
    English of this document is stale, not a draft of this English. Returns how many."""
    lost = [e for e in active_entries(catalog)
            if is_fuzzy(e) and e.previous_msgid is None and e.msgstr and not e.msgid_plural]
    if not lost:  # the usual case: no store query at all
        return 0
    english_of = store.english_by_draft(doc, lang, (e.msgstr for e in lost))
    restored = 0
    for entry in lost:
        english = english_of.get(entry.msgstr, [])
        if english and entry.msgid not in english:  # not a draft of this very English
            entry.previous_msgid = english[0]
            restored += 1
    return restored
