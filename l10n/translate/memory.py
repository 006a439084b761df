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


def exact_drafts(index: MemoryIndex, lang: str, items: list[tuple[str, str]]) -> list[MemoryDraft | None]:
    """For each (English, document): the reviewed (or imported) translation of exactly that English
    from elsewhere than the document, or None."""
    drafts: list[MemoryDraft | None] = []
    for units in index.exact_many(lang, items):
        if not units:
            drafts.append(None)
            continue
        name = units[0].shown_origin
        drafts.append(MemoryDraft(units[0].target, TM_PROVENANCE.format(name=name), TM_ORIGIN.format(name=name), 100))
    return drafts


def memory_drafts(index: MemoryIndex, lang: str, items: list[tuple[str, str]],
                  threshold: int) -> list[MemoryDraft | None]:
    """For each (English, document): an exact draft, else the best fuzzy match of at least
    ``threshold`` % (module docstring), else None. All lookups in a few SQL statements."""
    drafts = exact_drafts(index, lang, items)
    rest = [i for i, d in enumerate(drafts) if d is None]
    found = index.fuzzy_many(lang, [items[i] for i in rest], threshold, limit=1)
    for i, matches in zip(rest, found):
        if not matches:
            continue
        match, english = matches[0], items[i][0]
        carried = carry_numbers(match.source, english, match.target, lang)
        drafts[i] = MemoryDraft(
            carried if carried is not None else match.target,
            FUZZY_PROVENANCE.format(percent=match.percent, name=match.origin),
            FUZZY_ORIGIN.format(percent=match.percent, name=match.origin),
            match.percent,
            previous=match.source if match.source != english else None,
        )
    return drafts


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
