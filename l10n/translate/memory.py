"""Drafts from the project translation memory (:mod:`l10n.memory`), before any engine call.

For an entry without a translation: an exact match (the same English reviewed
in another article, or in an imported TMX) is taken as it is; else the best
fuzzy match of at least the threshold (``[memory] threshold``, default 85) is
taken with its numbers carried over to the new English where that is
unambiguous (:mod:`l10n.memory.carry`). Both are drafts (``fuzzy``); a fuzzy
one has ``#| msgid`` = the English it was made for, so editors show the diff,
and the provenance ``memory 92% from <doc>.po``.

For an unedited machine draft (propagation): only an exact match replaces it.
"""

from __future__ import annotations

from dataclasses import dataclass

from l10n.memory.carry import carry_numbers
from l10n.memory.index import MemoryIndex

TM_PROVENANCE = "from translation memory ({name})"
TM_ORIGIN = "translation memory ({name})"
FUZZY_PROVENANCE = "memory {percent}% from {name}"
FUZZY_ORIGIN = "translation memory {percent}% ({name})"


@dataclass(frozen=True)
class MemoryDraft:
    text: str
    provenance: str  # the ``# l10n:`` comment
    origin: str  # the draft store's origin
    percent: int
    previous: str | None = None  # the English a fuzzy match was for (``#| msgid``)


def exact_draft(index: MemoryIndex, lang: str, english: str, doc: str) -> MemoryDraft | None:
    """The reviewed (or imported) translation of exactly ``english`` from elsewhere than ``doc``."""
    units = index.exact(lang, english, exclude=doc)
    if not units:
        return None
    unit = units[0]
    name = unit.shown_origin
    return MemoryDraft(unit.target, TM_PROVENANCE.format(name=name), TM_ORIGIN.format(name=name), 100)


def memory_draft(index: MemoryIndex, lang: str, english: str, doc: str, threshold: int) -> MemoryDraft | None:
    """An exact draft, else the best fuzzy match of at least ``threshold`` % (module docstring)."""
    exact = exact_draft(index, lang, english, doc)
    if exact is not None:
        return exact
    found = index.fuzzy(lang, english, threshold, limit=1, exclude=doc)
    if not found:
        return None
    match = found[0]
    carried = carry_numbers(match.source, english, match.target, lang)
    name = match.origin
    return MemoryDraft(
        carried if carried is not None else match.target,
        FUZZY_PROVENANCE.format(percent=match.percent, name=name),
        FUZZY_ORIGIN.format(percent=match.percent, name=name),
        match.percent,
        previous=match.source if match.source != english else None,
    )


def remember_written(project, pending) -> None:
    """After a run wrote catalogs: the memory index learns what they now hold (no re-reading)."""
    from l10n.memory.sync import open_index, record_written

    by_lang: dict[str, list] = {}
    for item in pending:
        if item.info is not None and item.written is not None:
            po, text = item.written
            by_lang.setdefault(item.info.code, []).append((item.path, po, text))
    if not by_lang:
        return
    with open_index(project) as index:
        for lang, written in by_lang.items():
            record_written(index, lang, written)
