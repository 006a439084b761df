"""Update a catalog from a new template, like ``msgmerge`` but keeping everything translators wrote.

- same English: the entry is kept as it is (translation, flags, comments,
  state); only its ``#:`` references follow the template;
- English that only changed its whitespace (a hard-wrapped article wrapped
  again: line breaks became spaces or moved): the entry is kept as it is,
  state included, under the new English;
- changed English (the old sentence is gone and a new one is similar enough,
  see :func:`similarity`): the old translation is kept, marked ``fuzzy``, with
  ``#| msgid`` = the English it was translated from (stale);
- new English: an untranslated entry, to be drafted;
- removed English: the old entry becomes obsolete (``#~``) if it had a
  translation; an obsolete entry whose English comes back is revived;
- an entry a translator gave a ``msgctxt`` is kept (made obsolete: the
  template has no contexts), and if its sentence has no other entry, the
  sentence gets its translation back as stale, with ``#| msgctxt``.
"""

from __future__ import annotations

import copy
from collections import Counter
from dataclasses import dataclass, field

import polib
from rapidfuzz.distance import Indel

from l10n.catalog.model import (
    catalog_metadata,
    has_translation,
    is_fuzzy,
    new_pofile,
    provenance,
    set_provenance,
)
from l10n.languages import LanguageInfo

#: Minimum :func:`similarity` for an old translation to be carried to changed English.
FUZZY_THRESHOLD = 0.6


@dataclass
class MergeResult:
    catalog: polib.POFile
    unchanged: int = 0
    new: list[polib.POEntry] = field(default_factory=list)
    stale: list[polib.POEntry] = field(default_factory=list)
    obsolete: list[polib.POEntry] = field(default_factory=list)


def normalize(text: str) -> str:
    return " ".join(text.casefold().split())


def similarity(a: str, b: str) -> float:
    """``2 * LCS / (len(a) + len(b))`` of the case-folded, whitespace-collapsed texts (0..1): the
    measure of GNU gettext's fstrcmp, which msgmerge uses (rapidfuzz's normalized Indel similarity)."""
    return Indel.normalized_similarity(normalize(a), normalize(b))


class FuzzyIndex:
    """Old entries to match changed English against.

    For each query, candidates are ranked by a cheap word-multiset overlap;
    the best ``shortlist`` of them (all, for an article-sized catalog) get the
    character similarity of :func:`similarity`, msgmerge's measure.
    """

    def __init__(self, entries: list[polib.POEntry], shortlist: int = 12):
        self.shortlist = shortlist
        self.items = []
        for entry in entries:
            text = normalize(entry.msgid)
            self.items.append((entry, text, Counter(text.split())))

    def best(self, msgid: str, threshold: float = FUZZY_THRESHOLD) -> polib.POEntry | None:
        target = normalize(msgid)
        words = Counter(target.split())
        n_words = sum(words.values())
        ranked = []
        for pos, (entry, text, other_words) in enumerate(self.items):
            total = len(target) + len(text)
            if total == 0 or 2 * min(len(target), len(text)) / total < threshold:
                continue  # the lengths alone bound the ratio below the threshold
            overlap = sum((words & other_words).values())
            ranked.append((-2 * overlap / max(1, n_words + sum(other_words.values())), pos))
        ranked.sort()
        best, best_score = None, threshold
        for _, pos in ranked[: self.shortlist]:
            entry, text, _ = self.items[pos]
            # no score_cutoff: rapidfuzz turns a normalized cutoff into a whole distance and can then drop
            # a score equal to it
            score = Indel.normalized_similarity(target, text)
            if score >= best_score and (best is None or score > best_score):
                best, best_score = entry, score
        return best


def best_match(
    msgid: str, candidates: list[polib.POEntry], threshold: float = FUZZY_THRESHOLD
) -> polib.POEntry | None:
    """The candidate whose msgid is most similar to ``msgid``, if at least ``threshold`` (see FuzzyIndex)."""
    return FuzzyIndex(candidates).best(msgid, threshold)


def merge_catalog(
    old: polib.POFile | None,
    template: polib.POFile,
    lang: LanguageInfo,
    threshold: float = FUZZY_THRESHOLD,
) -> MergeResult:
    """A new catalog for ``template`` that keeps the translations of ``old`` (see module docstring).

    Neither ``old`` nor ``template`` is modified.
    """
    result = MergeResult(catalog=new_pofile())
    out = result.catalog
    out.header = old.header if old is not None and old.header else _header_comment(template, lang)
    out.metadata = catalog_metadata(old.metadata if old is not None else None, template, lang)
    out.metadata_is_fuzzy = False

    # Template entries have no msgctxt: an entry with one (added by hand) never stands for a
    # sentence; it is kept (made obsolete if active), like any entry the English no longer has.
    plain = [e for e in (old or []) if e.msgid and e.msgctxt is None]
    old_active = {e.msgid: e for e in plain if not e.obsolete}
    old_obsolete = {e.msgid: e for e in plain if e.obsolete}
    wanted = {e.msgid for e in template}
    gone_entries = [e for e in old_active.values() if e.msgid not in wanted and has_translation(e)]
    gone = FuzzyIndex(gone_entries)
    rewrapped = {}
    for e in gone_entries:
        rewrapped.setdefault(_words(e.msgid), e)
    matched: set[str] = set()
    # A translator who gave a reviewed entry a msgctxt took it away from its sentence: the
    # sentence gets that translation back as stale (#| msgctxt shows why), not a new draft.
    with_context = {}
    for e in (old or []):
        if e.msgid and e.msgctxt is not None and not e.obsolete and has_translation(e) and not e.msgid_plural:
            with_context.setdefault(e.msgid, e)

    for tentry in template:
        source = old_active.get(tentry.msgid)
        if source is None and tentry.msgid in old_obsolete:
            source = old_obsolete.pop(tentry.msgid)
        if source is None and (same := rewrapped.get(_words(tentry.msgid))) is not None and same.msgid not in matched:
            source = copy.deepcopy(same)
            source.msgid = tentry.msgid
            matched.add(same.msgid)
        if source is not None:
            entry = _revive(source, tentry)
            matched.add(source.msgid)
            result.unchanged += 1
        elif (variant := with_context.get(tentry.msgid)) is not None and tentry.msgid not in old_active:
            entry = _stale(variant, tentry)
            entry.msgctxt = None
            entry.previous_msgctxt = variant.msgctxt
            entry.previous_msgid = variant.msgid
            result.stale.append(entry)
        else:
            similar = gone.best(tentry.msgid, threshold)
            if similar is not None:
                entry = _stale(similar, tentry)
                matched.add(similar.msgid)
                result.stale.append(entry)
            else:
                entry = polib.POEntry(
                    msgid=tentry.msgid, msgstr="", occurrences=list(tentry.occurrences), comment=tentry.comment
                )
                result.new.append(entry)
        out.append(entry)

    newly_obsolete = []
    for entry in (old or []):
        if entry.obsolete or not entry.msgid:
            continue
        if entry.msgctxt is None and (entry.msgid in wanted or entry.msgid in matched):
            continue
        if has_translation(entry):
            dead = copy.deepcopy(entry)
            dead.obsolete = True
            dead.occurrences = []
            _keep_review_said(entry, dead)
            newly_obsolete.append(dead)
    result.obsolete = newly_obsolete
    dead_ids = {(e.msgctxt, e.msgid) for e in newly_obsolete}
    kept_obsolete = [*old_obsolete.values(), *(e for e in (old or []) if e.obsolete and e.msgctxt is not None)]
    for entry in kept_obsolete:
        if (entry.msgctxt, entry.msgid) not in dead_ids:
            out.append(copy.deepcopy(entry))
    out.extend(newly_obsolete)
    return result


def _words(text: str) -> str:
    """``text`` with every run of whitespace (line breaks included) as one space."""
    return " ".join(text.split())


def _revive(source: polib.POEntry, tentry: polib.POEntry) -> polib.POEntry:
    entry = copy.deepcopy(source)
    entry.obsolete = False
    entry.occurrences = list(tentry.occurrences)
    entry.comment = tentry.comment
    return entry


def _stale(similar: polib.POEntry, tentry: polib.POEntry) -> polib.POEntry:
    entry = copy.deepcopy(similar)
    # A translation that was already stale was made for its previous English: keep that one.
    if not (is_fuzzy(similar) and similar.previous_msgid is not None):
        entry.previous_msgid = similar.msgid
    entry.msgid = tentry.msgid
    entry.occurrences = list(tentry.occurrences)
    entry.comment = tentry.comment
    # Once fuzzy again, an approved draft must not pass for an untouched machine draft
    # (translate --redraft would replace it).
    _keep_review_said(similar, entry)
    if "fuzzy" not in entry.flags:
        entry.flags.insert(0, "fuzzy")
    return entry


def _keep_review_said(before: polib.POEntry, after: polib.POEntry) -> None:
    """A machine draft a person approved as it was (not fuzzy) says so in ``after``'s provenance:
    ``reviewed (was: machine draft, ...)``, in a stale entry and in an obsolete one alike."""
    if not is_fuzzy(before) and (provenance(before) or "").startswith("machine draft"):
        set_provenance(after, f"reviewed (was: {provenance(before)})")


def _header_comment(template: polib.POFile, lang: LanguageInfo) -> str:
    name = template.metadata.get("Project-Id-Version", "")
    return f"{lang.name} translation of {name}.\nDrafted by l10n; reviewed by translators."
