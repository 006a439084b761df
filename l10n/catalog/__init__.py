"""Gettext catalogs: the data model, the strict reader, the one file reader/writer, merge, rebase, .mo.

- :mod:`l10n.catalog.model` — templates, entries, review states, provenance (no I/O);
- :mod:`l10n.catalog.reader` — the strict .po reader over bytes and text;
- :mod:`l10n.catalog.plural` — Plural-Forms checked with msgfmt's grammar;
- :mod:`l10n.catalog.files` — reading and writing catalog files (digests, no lost saves);
- :mod:`l10n.catalog.merge` — a catalog updated from a new template (msgmerge-like);
- :mod:`l10n.catalog.rebase` — a run's drafts folded into a catalog saved meanwhile;
- :mod:`l10n.catalog.mo` — compiled .mo files, as msgfmt writes them.
"""
