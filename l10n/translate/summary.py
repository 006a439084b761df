"""What a translate run reports: per-language counts and the files it wrote."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path


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
    device: str | None = None  # where the engine ran: cpu or cuda (None: no engine, or it does not say)
    warnings: list[str] = field(default_factory=list)
    cluster: dict | None = None  # drafted on a Dask cluster: workers, shards, retries, segments/s, shipping

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
