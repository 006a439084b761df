"""Translation-memory matches for the review page, behind one small adapter.

Today the memory is exact (:func:`l10n.translate.memory.translation_memory`: the
reviewed translations of the same English in the project's other catalogs). When a
fuzzy memory is installed as ``l10n.memory`` with a
``matches(project, language, english, limit)`` function, :func:`open_memory` uses it
instead; the page only sees :class:`MemoryMatch` rows either way.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import polib

from l10n.catalog.files import CatalogFile
from l10n.project import Project


@dataclass(frozen=True)
class MemoryMatch:
    """A reviewed translation of the same (or, from a fuzzy memory, similar) English."""

    document: str
    english: str
    translation: str
    score: float  # percent; 100 = the same English


class Memory(Protocol):
    def matches(self, english: str, exclude: str, limit: int) -> list[MemoryMatch]:
        """Up to ``limit`` matches for ``english``, best first, none from document ``exclude``'s same entry."""
        ...


class ExactMemory:
    """Reviewed translations of exactly this English in the project's other articles."""

    def __init__(self, project: Project, lang: str, cache: CatalogCache | None = None):
        from l10n.translate.memory import translation_memory

        self.warnings: list[str] = []
        read = cache.catalogs(project, lang) if cache is not None else {}
        self._memory = translation_memory(project, lang, read, self.warnings)

    def matches(self, english: str, exclude: str, limit: int) -> list[MemoryMatch]:
        found = [MemoryMatch(doc, english, text, 100.0) for doc, text in self._memory.get(english, []) if doc != exclude]
        return found[:limit]


class FuzzyMemory:
    """An adapter over ``l10n.memory.matches`` (its rows may be objects or mappings)."""

    def __init__(self, project: Project, lang: str, lookup: Callable[..., Any]):
        self.project, self.lang, self._lookup = project, lang, lookup
        self.warnings: list[str] = []

    def matches(self, english: str, exclude: str, limit: int) -> list[MemoryMatch]:
        rows = [_as_match(row, english) for row in self._lookup(self.project, self.lang, english, limit + 1)]
        return [m for m in rows if not (m.document == exclude and m.english == english)][:limit]


def _field(row: Any, *names: str) -> Any:
    for name in names:
        value = row.get(name) if isinstance(row, dict) else getattr(row, name, None)
        if value is not None:
            return value
    return None


def _as_match(row: Any, english: str) -> MemoryMatch:
    score = _field(row, "score", "percent", "similarity")
    score = 100.0 if score is None else float(score)
    if score <= 1.0:  # a ratio rather than a percentage
        score *= 100.0
    return MemoryMatch(
        document=str(_field(row, "document", "doc", "source_document") or ""),
        english=str(_field(row, "english", "source", "msgid") or english),
        translation=str(_field(row, "translation", "target", "msgstr") or ""),
        score=score,
    )


def open_memory(project: Project, lang: str, cache: CatalogCache | None = None) -> ExactMemory | FuzzyMemory:
    """The fuzzy memory when ``l10n.memory`` provides one, else the exact memory (its catalogs from
    ``cache`` where they have not changed on disk)."""
    try:
        from l10n.memory import matches  # type: ignore[import-not-found]
    except ImportError:
        return ExactMemory(project, lang, cache)
    return FuzzyMemory(project, lang, matches)


class CatalogCache:
    """The project's parsed catalogs, kept for one review server: a catalog is parsed again only when
    its size, modification time or inode changed (an action, an editor's save, a translate run), so the
    memory of 300 segments is not rebuilt from every file on every request. What it returns is shared:
    only read it (an action reads its own copy to change)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._parsed: dict[Path, tuple[tuple[int, int, int], CatalogFile]] = {}

    def read(self, path: Path) -> CatalogFile | None:
        """:func:`l10n.catalog.files.read_catalog`, from the cache while the file is unchanged."""
        from l10n.catalog.files import read_catalog

        try:
            info = os.stat(path)
        except FileNotFoundError:
            return None
        except OSError:
            return read_catalog(path)  # its own clear error
        key = (info.st_size, info.st_mtime_ns, info.st_ino)
        with self._lock:
            held = self._parsed.get(path)
        if held is not None and held[0] == key:
            return held[1]
        found = read_catalog(path)
        if found is not None:
            with self._lock:
                self._parsed[path] = (key, found)
        return found

    def catalogs(self, project: Project, lang: str) -> dict[str, polib.POFile]:
        """The readable catalogs of ``lang`` by document name (a malformed or unreadable one is left out:
        the memory reads it itself and warns)."""
        from l10n.errors import L10nError

        out: dict[str, polib.POFile] = {}
        for path in project.catalogs(lang):
            try:
                found = self.read(path)
            except L10nError:
                continue
            if found is not None:
                out[path.stem] = found.po
        return out
