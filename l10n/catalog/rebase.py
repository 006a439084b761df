"""Fold a run's drafts into a catalog that a translator saved while the run was drafting.

``l10n translate`` reads a catalog, drafts for minutes, then writes. If an
editor saved the file in between (the digest on disk changed), writing the
run's version would destroy the translator's edit. Instead the saved file is
merged again with the template, and the run's new drafts are put only into
entries that are still untranslated in the saved file: everything the
translator has (reviewed, drafts, stale entries, comments, header) stays.
"""

from __future__ import annotations

import polib

from l10n.catalog.model import active_entries, fill_draft, has_translation, is_fuzzy, provenance
from l10n.languages import LanguageInfo
from l10n.catalog.merge import merge_catalog

__all__ = ["rebase_drafts"]


def rebase_drafts(
    saved: polib.POFile | None,
    template: polib.POFile,
    lang: LanguageInfo,
    run: polib.POFile,
    before: polib.POFile | None,
) -> polib.POFile:
    """The catalog to write instead of ``run``.

    ``saved`` is the file as the translator left it, ``before`` the file as the
    run read it at its start (None if it did not exist), ``run`` what the run
    would have written. Only drafts the run itself added (untranslated in
    ``before``) are carried over, and only into entries ``saved`` leaves
    untranslated: a translator who cleared a draft on purpose keeps it cleared.
    """
    catalog = merge_catalog(saved, template, lang).catalog
    had = {e.msgid for e in (before or []) if not e.obsolete and has_translation(e)}
    drafts = {
        e.msgid: e
        for e in active_entries(run)
        if not e.msgid_plural and e.msgid not in had and has_translation(e) and is_fuzzy(e)
    }
    for entry in active_entries(catalog):
        if entry.msgid_plural or has_translation(entry):
            continue
        draft = drafts.get(entry.msgid)
        if draft is not None:
            fill_draft(entry, draft.msgstr, provenance(draft) or "")
    return catalog
