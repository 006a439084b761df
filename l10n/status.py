"""Review status per article and language: how many segments are reviewed, drafts, stale, untranslated.

Counts agree with ``msgfmt --statistics``: its "translated" are our reviewed
entries, its "fuzzy" our drafts plus stale entries, its "untranslated" ours.
An article without a catalog yet counts all its segments as untranslated.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Sequence

from l10n.catalog import active_entries, count_states, word_count
from l10n.catalog_io import read_catalog
from l10n.project import Document, Project, resolve_paths, split_languages


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

    @property
    def percent_reviewed(self) -> float:
        return 100.0 * self.reviewed / self.total if self.total else 100.0

    def as_dict(self) -> dict:
        data = asdict(self)
        data["percent_reviewed"] = round(self.percent_reviewed, 1)
        return data


def project_status(project: Project, documents: Sequence[Document], languages: Sequence[str]) -> list[StatusRow]:
    """One row per document and language, in that order."""
    rows = []
    for doc in documents:
        template: list[str] | None = None
        for lang in dict.fromkeys(languages):
            path = project.po_path(doc, lang)
            found = read_catalog(path)
            if found is not None:
                entries = active_entries(found.po)
                counts = count_states(entries)
                msgids = [e.msgid for e in entries]
            else:
                if template is None:
                    template = _source_segments(project, doc)
                msgids = template
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
                )
            )
    return rows


def _source_segments(project: Project, doc: Document) -> list[str]:
    """Distinct segments of an article without a catalog: from its template, else by segmenting it."""
    template = read_catalog(project.pot_path(doc))
    if template is not None:
        return [e.msgid for e in active_entries(template.po)]
    from l10n.segment import segment_file

    return list(dict.fromkeys(s.text for s in segment_file(doc.source) if s.text.strip()))


def status_paths(
    paths: Sequence[str], languages: Sequence[str] | None = None, cwd: str = "."
) -> list[StatusRow]:
    """`l10n status`: PATHS (articles or a project folder; none = the current project)."""
    project, documents = resolve_paths(paths, cwd)
    return project_status(project, documents, split_languages(languages) or list(project.languages))
