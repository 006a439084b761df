"""Post-edit report: how much did translators change the machine drafts?

For every reviewed entry (non-empty, not fuzzy) whose provenance comment says
it started as a machine draft (``# l10n: machine draft, <origin>``, or
``reviewed (was: machine draft, <origin>)`` for a draft approved as-is whose
English changed later), the raw draft is looked up in the draft store
(:mod:`l10n.store`) and compared with the final text:

- **unchanged**: the final text is exactly the draft;
- **chrF** (draft -> final): character n-gram F-score, n = 1..6, beta = 2,
  white space removed, as in Popović (2015) and sacrebleu's ``CHRF()``
  defaults (precision and recall averaged over the n-gram orders that occur,
  then combined); 100 = identical, 0 = nothing in common;
- **word edit rate**: word-level Levenshtein distance (insertions, deletions,
  substitutions of white-space separated words, case-sensitive) from draft to
  final, divided by the number of final words, in percent. It is TER without
  shifts, so it is never below TER; 0 = unchanged, may exceed 100.

Drafts and stale entries are not final, so they are not measured (only
counted as ``pending``). A reviewed entry whose raw draft is not in the
store (e.g. its English changed after drafting) is counted as ``no_draft``.
Entries from translation memory are not machine drafts and are left out.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import polib

from l10n.catalog.model import REVIEWED, active_entries, entry_state, provenance
from l10n.catalog.files import read_catalog
from l10n.project import Document, Project, resolve_paths
from l10n.languages import split_languages
from l10n.store import DraftStore, StoredDraft

__all__ = [
    "DraftIndex",
    "PostEditRow",
    "SegmentEdit",
    "catalog_rows",
    "chrf",
    "machine_origin",
    "postedit_paths",
    "postedit_project",
    "segment_edits",
    "summarize",
    "totals",
    "word_edit_distance",
    "word_edit_rate",
]

CHAR_ORDER = 6
BETA = 2.0
_MACHINE = "machine draft, "
_APPROVED = "reviewed (was: machine draft, "


# --- metrics ---------------------------------------------------------------


def _char_ngrams(text: str, n: int) -> Counter[str]:
    return Counter([text[i : i + n] for i in range(len(text) - n + 1)])


def chrf(hypothesis: str, reference: str, *, char_order: int = CHAR_ORDER, beta: float = BETA) -> float:
    """Sentence chrF (0..100) of ``hypothesis`` against ``reference``, as sacrebleu ``CHRF()`` computes it.

    One deviation: two texts that are equal once white space is removed score
    100, also when both are empty (sacrebleu gives 0 there).
    """
    hyp = "".join(hypothesis.split())
    ref = "".join(reference.split())
    if hyp == ref:
        return 100.0
    factor = beta**2
    sum_prec = sum_rec = 0.0
    orders = 0
    for n in range(1, char_order + 1):
        n_hyp, n_ref = len(hyp) - n + 1, len(ref) - n + 1  # n-grams in each
        if n_hyp <= 0 or n_ref <= 0:
            continue  # this order does not occur in one of them: left out of the averages
        hyp_grams, ref_grams = _char_ngrams(hyp, n), _char_ngrams(ref, n)
        match = sum(min(count, ref_grams[gram]) for gram, count in hyp_grams.items() if gram in ref_grams)
        sum_prec += match / n_hyp
        sum_rec += match / n_ref
        orders += 1
    if orders == 0:
        return 0.0
    prec, rec = sum_prec / orders, sum_rec / orders
    if prec + rec == 0:
        return 0.0
    return 100.0 * (1 + factor) * prec * rec / (factor * prec + rec)


def word_edit_distance(source: Sequence[str], target: Sequence[str]) -> int:
    """Fewest word insertions, deletions and substitutions that turn ``source`` into ``target``."""
    if len(source) < len(target):
        source, target = target, source  # the shorter one is the row
    previous = list(range(len(target) + 1))
    for i, word in enumerate(source, 1):
        current = [i]
        for j, other in enumerate(target, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (word != other)))
        previous = current
    return previous[-1]


def word_edit_rate(hypothesis: str, reference: str) -> float:
    """Word edit distance from ``hypothesis`` to ``reference`` per reference word, in percent.

    An empty reference gives 0 if the hypothesis is empty too, else 100 (as sacrebleu's TER).
    """
    hyp, ref = hypothesis.split(), reference.split()
    edits = word_edit_distance(hyp, ref)
    if not ref:
        return 100.0 if edits else 0.0
    return 100.0 * edits / len(ref)


# --- catalogs + store ------------------------------------------------------


def machine_origin(entry: polib.POEntry) -> str | None:
    """The engine origin of an entry that started as a machine draft (from its provenance), else None."""
    text = provenance(entry) or ""
    if text.startswith(_MACHINE):
        return text[len(_MACHINE) :] or None
    if text.startswith(_APPROVED) and text.endswith(")"):
        return text[len(_APPROVED) : -1] or None
    return None


class DraftIndex:
    """Raw drafts by (document, language, English, origin), from store rows.

    If the document has no row for a segment, the newest draft of the same
    English by the same origin in another document is used: the workflow
    reuses an origin's stored draft for the same English across documents.
    """

    def __init__(self, rows: Iterable[StoredDraft]):
        self._exact: dict[tuple[str, str, str, str], str] = {}
        self._any: dict[tuple[str, str, str], tuple[str, str]] = {}
        for row in rows:
            self._exact[(row.doc, row.lang, row.msgid, row.origin)] = row.draft
            key = (row.lang, row.msgid, row.origin)
            best = self._any.get(key)
            if best is None or row.created >= best[0]:
                self._any[key] = (row.created, row.draft)

    def find(self, document: str, language: str, msgid: str, origin: str) -> str | None:
        draft = self._exact.get((document, language, msgid, origin))
        if draft is None:
            hit = self._any.get((language, msgid, origin))
            draft = hit[1] if hit is not None else None
        return draft


@dataclass(frozen=True)
class SegmentEdit:
    """One entry of a catalog that started as a machine draft."""

    document: str
    language: str
    origin: str
    msgid: str
    state: str  # review state (catalog.STATES); only "reviewed" is final
    final: str
    draft: str | None  # the raw draft from the store; None if it is not there

    @property
    def measured(self) -> bool:
        return self.state == REVIEWED and self.draft is not None

    @property
    def chrf(self) -> float | None:
        return chrf(self.draft, self.final) if self.measured else None

    @property
    def edit_rate(self) -> float | None:
        return word_edit_rate(self.draft, self.final) if self.measured else None


def segment_edits(po: polib.POFile, document: str, language: str, drafts: DraftIndex) -> list[SegmentEdit]:
    """Every active single-form entry of ``po`` whose provenance is a machine draft, with its raw draft."""
    out = []
    for entry in active_entries(po):
        origin = machine_origin(entry)
        if origin is None or entry.msgid_plural:
            continue
        out.append(
            SegmentEdit(
                document=document, language=language, origin=origin, msgid=entry.msgid,
                state=entry_state(entry), final=entry.msgstr,
                draft=drafts.find(document, language, entry.msgid, origin),
            )
        )
    return out


@dataclass
class PostEditRow:
    """Counts and mean scores for one document, language and engine origin."""

    document: str  # "*" in totals
    language: str
    origin: str | None  # None: nothing in this catalog came from a machine draft
    reviewed_from_mt: int = 0  # reviewed entries that started as machine drafts
    unchanged: int = 0  # ... accepted exactly as drafted
    edited: int = 0  # ... changed by a translator
    no_draft: int = 0  # ... whose raw draft is not in the store (not measured)
    pending: int = 0  # machine drafts still draft or stale (not final, not counted)
    chrf_sum: float = 0.0
    edit_rate_sum: float = 0.0
    catalog: bool = True  # False: no catalog yet

    @property
    def measured(self) -> int:
        return self.unchanged + self.edited

    @property
    def chrf(self) -> float | None:
        """Mean sentence chrF, draft -> final, over the measured segments."""
        return self.chrf_sum / self.measured if self.measured else None

    @property
    def edit_rate(self) -> float | None:
        """Mean word edit rate (percent), draft -> final, over the measured segments."""
        return self.edit_rate_sum / self.measured if self.measured else None

    def add(self, edit: SegmentEdit) -> None:
        if edit.state != REVIEWED:
            self.pending += 1
            return
        self.reviewed_from_mt += 1
        if edit.draft is None:
            self.no_draft += 1
            return
        if edit.draft == edit.final:
            self.unchanged += 1
        else:
            self.edited += 1
        self.chrf_sum += edit.chrf
        self.edit_rate_sum += edit.edit_rate

    def as_dict(self) -> dict:
        return {
            "document": self.document,
            "language": self.language,
            "origin": self.origin,
            "reviewed_from_mt": self.reviewed_from_mt,
            "unchanged": self.unchanged,
            "edited": self.edited,
            "no_draft": self.no_draft,
            "pending": self.pending,
            "measured": self.measured,
            "chrf": None if self.chrf is None else round(self.chrf, 2),
            "edit_rate": None if self.edit_rate is None else round(self.edit_rate, 2),
            "catalog": self.catalog,
        }


def summarize(document: str, language: str, edits: Iterable[SegmentEdit]) -> list[PostEditRow]:
    """One row per origin (in order of first appearance); one empty row if there is no edit at all."""
    rows: dict[str, PostEditRow] = {}
    for edit in edits:
        row = rows.get(edit.origin)
        if row is None:
            row = rows[edit.origin] = PostEditRow(document, language, edit.origin)
        row.add(edit)
    return list(rows.values()) or [PostEditRow(document, language, None)]


def catalog_rows(po: polib.POFile, document: str, language: str, drafts: DraftIndex) -> list[PostEditRow]:
    """The post-edit rows of one catalog."""
    return summarize(document, language, segment_edits(po, document, language, drafts))


_SUMMED = ("reviewed_from_mt", "unchanged", "edited", "no_draft", "pending", "chrf_sum", "edit_rate_sum")


def totals(rows: Sequence[PostEditRow]) -> list[PostEditRow]:
    """One row per language and origin summing ``rows`` over documents (document ``"*"``).

    Means are over all measured segments of all documents (not means of means).
    """
    out: dict[tuple[str, str | None], PostEditRow] = {}
    for row in rows:
        if row.origin is None:
            continue
        total = out.setdefault((row.language, row.origin), PostEditRow("*", row.language, row.origin))
        for name in _SUMMED:
            setattr(total, name, getattr(total, name) + getattr(row, name))
    for lang in dict.fromkeys(r.language for r in rows):
        if not any(key[0] == lang for key in out):
            out[(lang, None)] = PostEditRow("*", lang, None)
    order = list(dict.fromkeys(r.language for r in rows))
    return sorted(out.values(), key=lambda r: order.index(r.language))


def postedit_project(project: Project, documents: Sequence[Document], languages: Sequence[str]) -> list[PostEditRow]:
    """Rows per document, language and origin: one pass over the catalogs, one query of the store."""
    langs = list(dict.fromkeys(languages))
    drafts = DraftIndex(DraftStore(project.store_path).drafts_in(langs))
    rows: list[PostEditRow] = []
    for doc in documents:
        for lang in langs:
            found = read_catalog(project.po_path(doc, lang))
            if found is None:
                rows.append(PostEditRow(doc.name, lang, None, catalog=False))
                continue
            rows.extend(catalog_rows(found.po, doc.name, lang, drafts))
    return rows


def postedit_paths(
    paths: Sequence[str | Path], languages: Sequence[str] | None = None, cwd: str | Path = "."
) -> list[PostEditRow]:
    """`l10n postedit`: PATHS (articles or a project folder; none = the current project)."""
    project, documents = resolve_paths(paths, cwd)
    return postedit_project(project, documents, split_languages(languages) or list(project.languages))
