"""Review status per article and language: how many segments are reviewed, drafts, stale, untranslated.

Counts agree with ``msgfmt --statistics``: its "translated" are our reviewed
entries, its "fuzzy" our drafts plus stale entries, its "untranslated" ours.
An article without a catalog yet counts all its segments as untranslated; a
catalog whose English no longer matches its article is flagged ``outdated``.
A catalog whose article was deleted or renamed is not counted; ``orphan_catalogs``
names it (translation memory still reads it).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass

from l10n.catalog.model import active_entries, count_states, msgid_for, word_count
from l10n.catalog.files import read_catalog
from l10n.project import Document, Project, resolve_paths
from l10n.languages import split_languages


@dataclass(frozen=True)
class StatusRow:
    document: str
    language: str
    total: int  # distinct segments (catalog entries)
    words: int  # English words in those segments
    reviewed: int
    draft: int
    stale: int
    untranslated: int
    catalog: str  # path relative to the project root
    exists: bool  # False: no catalog yet (run `l10n translate`)
    outdated: bool = False  # the article's sentences differ from the catalog's (run `l10n translate`)

    @property
    def percent_reviewed(self) -> float:
        return 100.0 * self.reviewed / self.total if self.total else 100.0

    def as_dict(self) -> dict:
        data = asdict(self)
        data["percent_reviewed"] = round(self.percent_reviewed, 1)
        return data


def project_status(project: Project, documents: Sequence[Document], languages: Sequence[str]) -> list[StatusRow]:
    """One row per document and language, in that order."""
    from l10n.segment import segment_file

    rows = []
    for doc in documents:
        current = list(dict.fromkeys(msgid_for(s.text) for s in segment_file(doc.source) if s.text.strip()))
        for lang in dict.fromkeys(languages):
            path = project.po_path(doc, lang)
            found = read_catalog(path)
            if found is not None:
                entries = active_entries(found.po)
                counts = count_states(entries)
                msgids = [e.msgid for e in entries]
            else:
                msgids = current
                counts = {"reviewed": 0, "draft": 0, "stale": 0, "untranslated": len(msgids)}
            rows.append(
                StatusRow(
                    document=doc.name,
                    language=lang,
                    total=len(msgids),
                    words=sum(word_count(m) for m in msgids),
                    reviewed=counts["reviewed"],
                    draft=counts["draft"],
                    stale=counts["stale"],
                    untranslated=counts["untranslated"],
                    catalog=project.relative(path),
                    exists=found is not None,
                    outdated=found is not None and set(msgids) != set(current),
                )
            )
    return rows


def totals(rows: Sequence[StatusRow]) -> list[StatusRow]:
    """One row per language summing ``rows`` over all documents (document ``"*"``)."""
    out = []
    for lang in dict.fromkeys(r.language for r in rows):
        mine = [r for r in rows if r.language == lang]
        out.append(
            StatusRow(
                document="*",
                language=lang,
                **{k: sum(getattr(r, k) for r in mine)
                   for k in ("total", "words", "reviewed", "draft", "stale", "untranslated")},
                catalog="",
                exists=all(r.exists for r in mine),
                outdated=any(r.outdated for r in mine),
            )
        )
    return out


def status_paths(
    paths: Sequence[str], languages: Sequence[str] | None = None, cwd: str = "."
) -> list[StatusRow]:
    """`l10n status`: PATHS (articles or a project folder; none = the current project)."""
    project, documents = resolve_paths(paths, cwd)
    return project_status(project, documents, split_languages(languages) or list(project.languages))


def orphan_catalogs(project: Project, languages: Sequence[str]) -> list[str]:
    """Catalogs of ``languages`` with no article in ``source/`` (deleted or renamed), relative paths."""
    names = {doc.name for doc in project.documents()}
    return [project.relative(path) for lang in dict.fromkeys(languages)
            for path in project.catalogs(lang) if path.stem not in names]


def _whole_project(paths: Sequence[str], cwd: str) -> Project | None:
    """The project PATHS name as a whole; None when they name single articles (no project-wide notes then)."""
    from pathlib import Path

    if any(Path(cwd, p).is_file() for p in paths):
        return None
    project, _documents = resolve_paths(paths, cwd)
    return project


def orphan_paths(paths: Sequence[str], languages: Sequence[str] | None = None, cwd: str = ".") -> list[str]:
    """`l10n status` notes: orphan catalogs of the project PATHS name (none when PATHS name articles)."""
    project = _whole_project(paths, cwd)
    if project is None:
        return []
    return orphan_catalogs(project, split_languages(languages) or list(project.languages))


def skipped_paths(paths: Sequence[str], cwd: str = ".") -> list[str]:
    """`l10n status` notes: what the project's ``source/`` holds that is not read as an article (relative paths)."""
    project = _whole_project(paths, cwd)
    if project is None:
        return []
    return [project.relative(path) for path in project.skipped_sources()]
