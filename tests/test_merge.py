from __future__ import annotations

from dataclasses import dataclass

import polib
import pytest

from l10n.catalog.model import STALE, build_template, entry_state, new_pofile
from l10n.languages import language_info
from l10n.catalog.merge import FUZZY_THRESHOLD, best_match, merge_catalog, similarity

AZ = language_info("az")


@dataclass(frozen=True)
class Seg:
    text: str
    line: int


def template(*texts: str) -> polib.POFile:
    return build_template("doc", "source/doc.txt", [Seg(t, i + 1) for i, t in enumerate(texts)],
                          creation_date="2026-11-28 10:00+0000")


def catalog(*entries: polib.POEntry) -> polib.POFile:
    po = new_pofile()
    po.metadata = {"Language": "az", "Last-Translator": "Aygun", "Content-Type": "text/plain; charset=UTF-8"}
    for e in entries:
        po.append(e)
    return po


def by_id(po: polib.POFile) -> dict[str, polib.POEntry]:
    return {e.msgid: e for e in po if not e.obsolete}


def test_no_old_catalog_gives_untranslated_entries_with_references():
    result = merge_catalog(None, template("A.", "B."), AZ)
    assert [e.msgid for e in result.catalog] == ["A.", "B."]
    assert all(e.msgstr == "" for e in result.catalog)
    assert len(result.new) == 2 and result.unchanged == 0
    assert result.catalog.metadata["Language"] == "az"
    assert result.catalog.metadata["Plural-Forms"] == AZ.plural_forms


def test_unchanged_entries_keep_translation_state_comments_and_follow_references():
    old = catalog(
        polib.POEntry(msgid="A.", msgstr="Ə.", tcomment="l10n: machine draft, x\nmy note",
                      occurrences=[("source/doc.txt", "9")]),
        polib.POEntry(msgid="B.", msgstr="Bə.", flags=["fuzzy"]),
    )
    result = merge_catalog(old, template("A.", "B."), AZ)
    a, b = result.catalog
    assert (a.msgstr, a.flags, a.tcomment) == ("Ə.", [], "l10n: machine draft, x\nmy note")
    assert a.occurrences == [("source/doc.txt", "1")]
    assert (b.msgstr, b.flags) == ("Bə.", ["fuzzy"])
    assert result.unchanged == 2 and not result.new and not result.stale
    assert result.catalog.metadata["Last-Translator"] == "Aygun"
    assert old[0].occurrences == [("source/doc.txt", "9")], "the old catalog is not modified"


def test_changed_sentence_keeps_translation_as_stale_with_previous_msgid():
    old = catalog(polib.POEntry(msgid="The committee met in Baku on Monday.", msgstr="Komitə bazar ertəsi toplandı.",
                                tcomment="checked"))
    new = "The committee met in Baku on Tuesday."
    result = merge_catalog(old, template(new), AZ)
    (entry,) = result.catalog
    assert entry.msgid == new and entry.msgstr == "Komitə bazar ertəsi toplandı."
    assert entry.previous_msgid == "The committee met in Baku on Monday."
    assert "fuzzy" in entry.flags and entry.tcomment == "checked"
    assert entry_state(entry) == STALE
    assert result.stale == [entry] and not result.obsolete and not result.new


def test_rewrapped_english_keeps_its_entry_and_state():
    """A hard-wrapped article wrapped again: only whitespace changed, nothing goes stale."""
    old = catalog(
        polib.POEntry(msgid="The rouble strengthened by 0.8% after\nthe announcement.",
                      msgstr="Рубль укрепился на 0,8% после\nобъявления.", tcomment="l10n: machine draft, x"),
        polib.POEntry(msgid="Rates\nrose.", msgstr="Ставки выросли.", flags=["fuzzy"]),
        polib.POEntry(msgid="Prices  fell.", msgstr="Цены упали."),
    )
    new = template("The rouble strengthened by 0.8%\nafter the announcement.", "Rates rose.", "Prices Fell.")
    result = merge_catalog(old, new, AZ)
    got = by_id(result.catalog)
    # the template's msgids join wrapped lines (catalog.msgid_for); the old catalog's were wrapped
    first = got["The rouble strengthened by 0.8% after the announcement."]
    assert first.msgstr == "Рубль укрепился на 0,8% после\nобъявления." and first.flags == []
    assert first.tcomment == "l10n: machine draft, x" and first.previous_msgid is None
    assert got["Rates rose."].msgstr == "Ставки выросли." and got["Rates rose."].flags == ["fuzzy"]
    assert got["Rates rose."].previous_msgid is None
    assert entry_state(got["Prices Fell."]) == STALE  # a change of case is a change of the English
    assert result.unchanged == 2 and len(result.stale) == 1 and result.obsolete == [] and result.new == []


def test_a_stale_entry_that_changes_again_keeps_the_english_it_was_translated_from():
    old = catalog(polib.POEntry(msgid="Trade grew by 5 percent.", msgstr="Ticarət 4 faiz artdı.",
                                flags=["fuzzy"], previous_msgid="Trade grew by 4 percent."))
    (entry,) = merge_catalog(old, template("Trade grew by 6 percent."), AZ).catalog
    assert entry.previous_msgid == "Trade grew by 4 percent."


def test_threshold_both_sides():
    old_text, new_text = "Customs officers seized drugs.", "Customs officers seized a ton of drugs at the border."
    score = similarity(old_text, new_text)
    assert 0.5 < score < 0.9
    old = catalog(polib.POEntry(msgid=old_text, msgstr="Gömrük narkotik tutdu."))
    at = merge_catalog(old, template(new_text), AZ, threshold=score)
    assert [e.previous_msgid for e in at.catalog] == [old_text]
    above = merge_catalog(old, template(new_text), AZ, threshold=score + 0.01)
    (entry,) = [e for e in above.catalog if not e.obsolete]
    assert entry.msgstr == "" and entry.previous_msgid is None
    assert [e.msgid for e in above.obsolete] == [old_text]


def test_default_threshold_on_real_edits():
    assert FUZZY_THRESHOLD == 0.6
    assert similarity("Trade grew by five percent.", "Trade grew by six percent this year.") >= FUZZY_THRESHOLD
    assert similarity("Trade grew by five percent.", "Exports of oil rose sharply in March.") < FUZZY_THRESHOLD
    assert similarity("Hello  World", "hello world") == 1.0


def test_best_match_prefers_the_most_similar_candidate():
    cands = [polib.POEntry(msgid=t, msgstr="x") for t in
             ("Oil exports rose in March.", "The committee met in Baku on Monday.", "The committee met in Baku.")]
    assert best_match("The committee met in Baku on Friday.", cands).msgid == "The committee met in Baku on Monday."
    assert best_match("Completely unrelated words here.", cands) is None
    assert best_match("", cands) is None


def test_removed_sentences_become_obsolete_and_come_back():
    old = catalog(
        polib.POEntry(msgid="A.", msgstr="Ə."),
        polib.POEntry(msgid="Zebra crossings were repainted.", msgstr="Zebr keçidləri rənglənib.", tcomment="note"),
        polib.POEntry(msgid="Never translated sentence.", msgstr=""),
    )
    result = merge_catalog(old, template("A."), AZ)
    obsolete = [e for e in result.catalog if e.obsolete]
    assert [(e.msgid, e.msgstr, e.tcomment) for e in obsolete] == [
        ("Zebra crossings were repainted.", "Zebr keçidləri rənglənib.", "note")
    ]
    assert "#~ msgid \"Zebra crossings were repainted.\"" in str(result.catalog)
    back = merge_catalog(result.catalog, template("A.", "Zebra crossings were repainted."), AZ)
    assert not [e for e in back.catalog if e.obsolete]
    assert by_id(back.catalog)["Zebra crossings were repainted."].msgstr == "Zebr keçidləri rənglənib."
    assert back.unchanged == 2


def test_old_obsolete_entries_are_kept_once():
    old = catalog(polib.POEntry(msgid="A.", msgstr="Ə."),
                  polib.POEntry(msgid="Old gone.", msgstr="Köhnə.", obsolete=True))
    first = merge_catalog(old, template("A."), AZ)
    second = merge_catalog(first.catalog, template("A."), AZ)
    assert [e.msgid for e in second.catalog if e.obsolete] == ["Old gone."]
    assert str(first.catalog) == str(second.catalog)


def test_msgctxt_entries_added_by_hand_never_stand_for_a_sentence_and_are_kept():
    """Regression: msgctxt entries were keyed by msgid only; one with a sentence's msgid replaced the
    reviewed entry (lost) and an obsolete one came back active with its context (export ignored it)."""
    old = catalog(
        polib.POEntry(msgid="A.", msgstr="Ə."),
        polib.POEntry(msgctxt="title", msgid="A.", msgstr="Başlıq Ə"),
        polib.POEntry(msgctxt="other", msgid="B.", msgstr="Bə ctx", obsolete=True),
        polib.POEntry(msgid="B.", msgstr="Bə.", obsolete=True),
        polib.POEntry(msgctxt="x", msgid="C.", msgstr="Cə ctx", obsolete=True),
    )
    result = merge_catalog(old, template("A.", "B.", "C."), AZ)
    active = [(e.msgctxt, e.msgid, e.msgstr) for e in result.catalog if not e.obsolete]
    assert active == [(None, "A.", "Ə."), (None, "B.", "Bə."), (None, "C.", "")]
    obsolete = sorted((e.msgctxt, e.msgid, e.msgstr) for e in result.catalog if e.obsolete)
    assert obsolete == [("other", "B.", "Bə ctx"), ("title", "A.", "Başlıq Ə"), ("x", "C.", "Cə ctx")]
    assert [e.msgid for e in result.new] == ["C."] and result.unchanged == 2
    again = merge_catalog(result.catalog, template("A.", "B.", "C."), AZ).catalog
    assert [(e.msgctxt, e.msgid, e.msgstr, e.obsolete) for e in again] == [
        (e.msgctxt, e.msgid, e.msgstr, e.obsolete) for e in result.catalog]




@pytest.mark.parametrize("texts", [("A.", "B."), ("B.", "A.", "C.")])
def test_entries_follow_template_order(texts):
    old = catalog(*(polib.POEntry(msgid=t, msgstr=t.lower()) for t in ("C.", "A.", "B.")))
    result = merge_catalog(old, template(*texts), AZ)
    assert [e.msgid for e in result.catalog if not e.obsolete] == list(texts)


# --- properties: whatever the edit, no translation is lost and merging is idempotent ---------------

from hypothesis import given, settings
from hypothesis import strategies as st

WORDS = ["customs", "trade", "Baku", "committee", "drugs", "region", "met", "grew", "the", "in", "on", "of"]
sentence = st.lists(st.sampled_from(WORDS), min_size=2, max_size=8).map(lambda ws: " ".join(ws).capitalize() + ".")


@st.composite
def old_and_new(draw):
    old_texts = draw(st.lists(sentence, min_size=0, max_size=8, unique=True))
    states = draw(st.lists(st.sampled_from(["empty", "draft", "reviewed", "stale"]),
                           min_size=len(old_texts), max_size=len(old_texts)))
    entries = []
    for i, (text, state) in enumerate(zip(old_texts, states)):
        e = polib.POEntry(msgid=text, msgstr="" if state == "empty" else f"T{i}", tcomment=f"note {i}")
        if state in ("draft", "stale"):
            e.flags = ["fuzzy"]
        if state == "stale":
            e.previous_msgid = "Earlier " + text
        entries.append(e)
    kept = [t for t in old_texts if draw(st.booleans())]
    edited = [t[:-1] + " " + draw(st.sampled_from(WORDS)) + "." for t in old_texts if draw(st.booleans())]
    fresh = draw(st.lists(sentence, max_size=4))
    new_texts = list(dict.fromkeys(draw(st.permutations(kept + edited + fresh))))
    return entries, new_texts


@settings(max_examples=150, deadline=None)
@given(old_and_new())
def test_merge_loses_no_translation_and_is_idempotent(case):
    old_entries, new_texts = case
    old = catalog(*old_entries)
    result = merge_catalog(old, template(*new_texts), AZ)
    active = [e for e in result.catalog if not e.obsolete]
    assert [e.msgid for e in active] == new_texts
    survivors = {(e.msgstr, e.tcomment) for e in result.catalog}
    for e in old_entries:
        if e.msgstr:
            assert (e.msgstr, e.tcomment) in survivors, f"lost translation of {e.msgid!r}"
        same = next((a for a in active if a.msgid == e.msgid), None)
        if same is not None:
            assert (same.msgstr, same.flags, same.previous_msgid) == (e.msgstr, e.flags, e.previous_msgid)
    for e in active:
        if e.previous_msgid is not None and e.msgstr:
            assert "fuzzy" in e.flags or any(o.msgid == e.msgid for o in old_entries)
    again = merge_catalog(result.catalog, template(*new_texts), AZ)
    assert str(again.catalog) == str(result.catalog)
    assert again.unchanged == len(new_texts) and not again.stale and not again.obsolete


def test_a_context_added_to_a_reviewed_entry_offers_its_translation_as_stale(msgfmt, tmp_path):
    """Adding a msgctxt moved the review to #~ and the sentence was redrafted (issue 16)."""
    from catalog_helpers import msgfmt_check

    from l10n.catalog.model import dump

    old = catalog(polib.POEntry(msgid="Trade grew.", msgctxt="headline", msgstr="Ticarət artdı."))
    result = merge_catalog(old, template("Trade grew."), AZ)
    (entry,) = [e for e in result.catalog if not e.obsolete and e.msgid]
    assert entry_state(entry) == STALE and entry.msgstr == "Ticarət artdı."
    assert entry.previous_msgctxt == "headline" and entry.msgctxt is None
    assert result.stale == [entry] and result.new == []
    kept = [e for e in result.catalog if e.obsolete]
    assert [(e.msgctxt, e.msgstr) for e in kept] == [("headline", "Ticarət artdı.")]
    path = tmp_path / "doc.po"
    path.write_text(dump(result.catalog), encoding="utf-8")
    msgfmt_check(msgfmt, path)


def test_an_obsolete_entry_that_was_reviewed_says_so():
    """It still said '# l10n: machine draft' once its English was gone (issue 14)."""
    from l10n.catalog.model import provenance, set_provenance

    approved = polib.POEntry(msgid="Gone sentence here.", msgstr="Getdi.")
    set_provenance(approved, "machine draft, argos translate-en_az 1.0")
    draft = polib.POEntry(msgid="Other gone sentence.", msgstr="Digər.", flags=["fuzzy"])
    set_provenance(draft, "machine draft, argos translate-en_az 1.0")
    result = merge_catalog(catalog(approved, draft), template("Something else entirely."), AZ)
    by_id = {e.msgid: e for e in result.obsolete}
    assert provenance(by_id["Gone sentence here."]) == "reviewed (was: machine draft, argos translate-en_az 1.0)"
    assert provenance(by_id["Other gone sentence."]) == "machine draft, argos translate-en_az 1.0"
