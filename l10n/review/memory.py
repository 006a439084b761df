"""Translation-memory matches for the review page, from the project memory (:mod:`l10n.memory`).

The page shows, per segment, the best reviewed (or imported) translations of the same or
similar English, with their match percentage and where they come from; the segment's own
entry is left out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from l10n.project import Project


@dataclass(frozen=True)
class MemoryMatch:
    """A reviewed translation of the same or similar English."""

    document: str  # the article (``other``) or the imported memory (``memory/agency.tmx``)
    english: str
    translation: str
    score: float  # percent; 100 = the same English


class Memory(Protocol):
    warnings: list[str]

    def matches(self, english: str, exclude: str, limit: int) -> list[MemoryMatch]:
        """Up to ``limit`` matches for ``english``, best first, not document ``exclude``'s own entry."""
        ...


class ProjectMemory:
    """The project memory of one language, as the page needs it."""

    def __init__(self, project: Project, lang: str):
        self.project, self.lang = project, lang
        self.warnings: list[str] = []

    def matches(self, english: str, exclude: str, limit: int) -> list[MemoryMatch]:
        from l10n.memory import matches

        rows = [MemoryMatch(_document(m.origin), m.source, m.target, float(m.percent))
                for m in matches(self.project, self.lang, english, limit + 1)]
        return [m for m in rows if not (m.document == exclude and m.english == english)][:limit]


def _document(origin: str) -> str:
    """``story.po`` -> ``story``; an imported memory keeps its file name."""
    return origin.removesuffix(".po") if "/" not in origin else origin


def open_memory(project: Project, lang: str) -> ProjectMemory:
    """The page's memory of ``lang`` (the project memory's index syncs itself, reading only the
    catalogs that changed: it needs no catalog cache of the server's)."""
    return ProjectMemory(project, lang)
