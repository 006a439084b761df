"""What a translate run reports: per-language counts and the files it wrote.

Every active catalog entry of the run (one per distinct English segment of each
article) is counted exactly once, in one of the :data:`PARTS` columns, by what
the run did with it::

    drafted + reused + propagated + redrafted + stale + unchanged + untranslated == segments

``new``, ``obsolete`` and ``memory_fuzzy`` are informational: ``new`` counts
segments that had no entry before (each of them is also in drafted, reused or
untranslated), ``obsolete`` counts entries whose English was removed (moved to
``#~``, not segments any more), and ``memory_fuzzy`` counts the ``reused``
entries that came from a fuzzy (not 100%) memory match.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path

from l10n.catalog.merge import MergeResult
from l10n.catalog.model import active_entries, has_translation

#: The columns that partition ``segments`` (see the module docstring).
PARTS = ("drafted", "reused", "propagated", "redrafted", "stale", "unchanged", "untranslated")

#: What drafting did to an entry (the values of ``filled`` in :func:`tally`).
DRAFTED, REUSED, PROPAGATED, REDRAFTED = "drafted", "reused", "propagated", "redrafted"


@dataclass
class LanguageSummary:
    """What one run did for one language, over all its articles (see the module docstring)."""

    language: str
    documents: int = 0
    segments: int = 0  # active catalog entries: distinct English segments, per article
    drafted: int = 0  # had no translation; drafted by the engine (or taken from its stored drafts)
    reused: int = 0  # had no translation; filled from translation memory (exact or fuzzy match)
    propagated: int = 0  # an unedited machine draft replaced by a reviewed translation of the same English
    redrafted: int = 0  # with --redraft: an unedited machine draft replaced by the engine
    stale: int = 0  # English changed this run: old translation kept, now fuzzy with #| msgid
    unchanged: int = 0  # same English as before, its translation (any state) kept as it was
    untranslated: int = 0  # still without a translation after the run
    new: int = 0  # informational: segments that had no entry before (drafted, reused or untranslated)
    obsolete: int = 0  # informational: English removed, entry moved to #~ (not a segment any more)
    memory_fuzzy: int = 0  # informational: of reused, from a fuzzy (< 100%) memory match
    engine_calls: int = 0
    origin: str | None = None
    device: str | None = None  # where the engine ran: cpu or cuda (None: no engine, or it does not say)
    warnings: list[str] = field(default_factory=list)
    cluster: dict | None = None  # drafted on a Dask cluster: workers, shards, retries, segments/s, shipping

    def as_dict(self) -> dict:
        return asdict(self)

    def accounted(self) -> int:
        """The sum of the :data:`PARTS` columns; equal to ``segments`` after :func:`tally`."""
        return sum(getattr(self, name) for name in PARTS)


def tally(summary: LanguageSummary, merged: MergeResult, filled: Mapping[int, str]) -> None:
    """Count one article's merged catalog into ``summary``, each active entry once.

    ``filled`` maps ``id(entry)`` to what drafting did to it (DRAFTED, REUSED,
    PROPAGATED, REDRAFTED); an entry not in it was left as the merge made it.
    """
    stale = {id(e) for e in merged.stale}
    summary.new += len(merged.new)
    summary.obsolete += len(merged.obsolete)
    for entry in active_entries(merged.catalog):
        summary.segments += 1
        part = filled.get(id(entry))
        if part is None:
            if not has_translation(entry):
                part = "untranslated"
            else:
                part = "stale" if id(entry) in stale else "unchanged"
        setattr(summary, part, getattr(summary, part) + 1)


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
