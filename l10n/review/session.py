"""What one ``l10n review`` server serves: a project, some of its articles, some languages; nothing else.

Every request names an article and a language by the names listed here; a name
that is not in the lists (``../../etc/passwd``, an article of another folder) is
refused before any path is built from it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from l10n.errors import L10nError
from l10n.project import Document, Project


@dataclass
class ReviewSession:
    project: Project
    documents: dict[str, Document]
    languages: tuple[str, ...]
    glossary_path: Path | None = field(default=None)
    #: Parsed catalogs of the pages and progress, kept while the server runs (l10n.review.catalogs.CatalogCache).
    parsed: object | None = field(default=None, repr=False, compare=False)

    def catalog_cache(self):
        from l10n.review.catalogs import CatalogCache

        if self.parsed is None:
            self.parsed = CatalogCache()
        return self.parsed

    def document(self, name: str) -> Document | None:
        return self.documents.get(name)

    def serves(self, name: str, lang: str) -> bool:
        return name in self.documents and lang in self.languages

    def po_path(self, doc: Document, lang: str) -> Path:
        return self.project.po_path(doc, lang)


def open_session(paths: Sequence[str | Path], to: Sequence[str] | None, cwd: str | Path = ".") -> ReviewSession:
    """The session for command-line PATHS (articles or a project; default: the current project) and ``--to``."""
    from l10n.glossary import find_glossary
    from l10n.languages import split_languages
    from l10n.project import resolve_paths

    project, docs = resolve_paths(list(paths), cwd)
    if not docs:
        raise L10nError("no articles to review: put English articles in source/ and run `l10n translate`",
                        path=project.source_dir)
    languages = tuple(split_languages(list(to) if to else None) or project.languages)
    return ReviewSession(project, {d.name: d for d in docs}, languages, find_glossary(project.root))
