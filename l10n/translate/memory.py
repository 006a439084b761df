"""Translation memory: reviewed translations of the same English in the project's catalogs."""

from __future__ import annotations

from collections.abc import Mapping

import polib

from l10n.catalog.files import read_catalog
from l10n.catalog.model import REVIEWED, active_entries, entry_state
from l10n.errors import L10nError
from l10n.project import Project

#: English -> [(document name, reviewed translation)], documents in name order.
Memory = dict[str, list[tuple[str, str]]]


def translation_memory(project: Project, lang: str, read: Mapping[str, polib.POFile], warnings: list[str]) -> Memory:
    """The memory of every catalog of ``lang``; ``read`` holds catalogs this run already read (by
    document name), the others are read from disk.

    A malformed catalog of an article not in this run is skipped (with a
    warning): it must not block the articles being translated. Entries with a
    msgctxt (a variant added by hand) and plural entries are not offered.
    """
    catalogs: dict[str, polib.POFile] = dict(read)
    for path in project.catalogs(lang):
        if path.stem not in catalogs:
            try:
                other = read_catalog(path)
            except L10nError as err:
                warnings.append(f"not used as translation memory: {err}")
                continue
            if other is not None:
                catalogs[path.stem] = other.po
    memory: Memory = {}
    for name in sorted(catalogs):
        for entry in active_entries(catalogs[name]):
            if not entry.msgid_plural and entry.msgctxt is None and entry_state(entry) == REVIEWED:
                memory.setdefault(entry.msgid, []).append((name, entry.msgstr))
    return memory


def reviewed_elsewhere(memory: Memory, msgid: str, exclude: str) -> tuple[str, str] | None:
    """The first reviewed translation of ``msgid`` from another document than ``exclude``."""
    return next(((name, text) for name, text in memory.get(msgid, []) if name != exclude), None)
