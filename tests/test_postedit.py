from __future__ import annotations

from datetime import UTC, datetime

import polib
import pytest

from l10n.catalog.model import fill_draft, new_pofile, set_provenance
from l10n.report.postedit import (
    DraftIndex,
    PostEditRow,
    catalog_rows,
    chrf,
    machine_origin,
    postedit_project,
    segment_edits,
    totals,
    word_edit_distance,
    word_edit_rate,
)
from l10n.project import Project
from l10n.store import DraftStore, StoredDraft

# Reference values computed with sacrebleu 2.6.0, CHRF() defaults, sentence_score(hyp, [ref]).score
SACREBLEU_CHRF = [
    ("The cat sat", "The cat sat on the mat", 49.59348409966008),
    ("The cat sat on the mat", "The cat sat", 79.73855444246794),
    (
        "risk assessment must be made of those who are qualified and expertise in the sector - these are the scientists .",
        ("risk assessment has to be undertaken by those who are qualified and expert in that area - that is the "
         "scientists ."),
        63.43165368117263,
    ),
    ("Komitə bazar ertəsi Bakıda toplandı.", "Komitə bazar ertəsi günü Bakıda toplaşdı.", 73.35215612079612),
    ("Комитет собрался в Баку в понедельник.", "В понедельник комитет собрался в Баку.", 82.10016701256968),
    ("Ticarət beş faiz artdı.", "Ticarət 5 faiz artıb.", 57.63439405273666),
]


@pytest.mark.parametrize(("hyp", "ref", "expected"), SACREBLEU_CHRF)
def test_chrf_agrees_with_sacrebleu(hyp, ref, expected):
    assert chrf(hyp, ref) == pytest.approx(expected, abs=1e-9)


@pytest.mark.parametrize(
    ("hyp", "ref", "expected"),
    [
        ("Niemand hat die Absicht.", "Niemand hat die Absicht.", 100.0),  # identical
        ("abcdefg", "hijklmnop", 0.0),  # no character in common
        ("a", "b", 0.0),
        ("a b c", "abc", 100.0),  # white space is removed
        ("  Die   Beziehung ", "Die Beziehung", 100.0),
        # by hand: 1-grams P = R = 1/2, 2-grams P = R = 0, no 3..6-grams: mean P = R = 1/4, F = 1/4
        ("aa", "ab", 25.0),
        # 1-grams P = R = 1, 2-grams P = R = 0: mean P = R = 1/2
        ("ab", "ba", 50.0),
        ("", "reference", 0.0),
        ("hypothesis", "", 0.0),
        ("", "  ", 100.0),  # both empty: 100 here (sacrebleu says 0)
    ],
)
def test_chrf_known_values(hyp, ref, expected):
    assert chrf(hyp, ref) == pytest.approx(expected)


def test_chrf_weights_recall_twice_as_much_as_precision():
    # by hand, hyp "ab" vs ref "abcd": 1-grams P=1 R=1/2, 2-grams P=1 R=1/3 -> P=1, R=5/12; F2 = 5PR/(4P+R)
    p, r = 1.0, 5 / 12
    assert chrf("ab", "abcd") == pytest.approx(100 * 5 * p * r / (4 * p + r))
    assert chrf("abcd", "ab") > chrf("ab", "abcd")  # missing text costs more than extra text


def test_word_edit_distance():
    assert word_edit_distance([], []) == 0
    assert word_edit_distance(["a", "b", "c"], []) == 3
    assert word_edit_distance([], ["a", "b"]) == 2
    assert word_edit_distance(["the", "cat", "sat"], ["the", "cat", "sat"]) == 0
    assert word_edit_distance(["the", "cat", "sat"], ["a", "cat", "sat", "down"]) == 2  # 1 substitution, 1 insertion
    assert word_edit_distance(["x", "a", "b", "c"], ["a", "b", "c", "y"]) == 2  # no shifts: delete x, insert y


@pytest.mark.parametrize(
    ("hyp", "ref", "expected"),
    [
        ("Trade grew by five percent.", "Trade grew by five percent.", 0.0),
        ("Trade grew by five percent.", "Trade grew by 5 percent.", 20.0),  # 1 edit / 5 final words
        ("The cat sat", "The cat sat on the mat", 50.0),
        ("The cat sat on the mat", "The cat sat", 100.0),  # 3 deletions / 3 words
        ("the cat", "The cat", 50.0),  # case-sensitive: a capital letter is an edit
        ("a  b", "a b", 0.0),  # white space between words does not count
        ("", "", 0.0),
        ("word", "", 100.0),
    ],
)
def test_word_edit_rate(hyp, ref, expected):
    assert word_edit_rate(hyp, ref) == pytest.approx(expected)


def _entry(msgid: str, msgstr: str, provenance: str | None, *, fuzzy=False, previous=None) -> polib.POEntry:
    entry = polib.POEntry(msgid=msgid, msgstr=msgstr)
    if provenance is not None:
        set_provenance(entry, provenance)
    if fuzzy:
        entry.flags.append("fuzzy")
    entry.previous_msgid = previous
    return entry


def test_machine_origin_reads_the_provenance_comment():
    assert machine_origin(_entry("A.", "Ə.", "machine draft, argos translate-en_az 1.0")) == "argos translate-en_az 1.0"
    approved = _entry("A.", "Ə.", "reviewed (was: machine draft, argos translate-en_az 1.0)")
    assert machine_origin(approved) == "argos translate-en_az 1.0"
    assert machine_origin(_entry("A.", "Ə.", "from translation memory (b.po)")) is None
    assert machine_origin(_entry("A.", "Ə.", None)) is None
    other_comments = _entry("A.", "Ə.", "machine draft, e 1")
    other_comments.tcomment += "\nTranslator: check the name"
    assert machine_origin(other_comments) == "e 1"


def test_draft_index_prefers_the_document_then_the_newest_other_document():
    rows = [
        StoredDraft("a", "az", "A.", "e1", "old", None, "2026-11-01T00:00:00+00:00"),
        StoredDraft("b", "az", "A.", "e1", "new", None, "2026-11-02T00:00:00+00:00"),
        StoredDraft("a", "az", "A.", "e2", "by e2", None, "2026-11-03T00:00:00+00:00"),
    ]
    index = DraftIndex(rows)
    assert index.find("a", "az", "A.", "e1") == "old"
    assert index.find("b", "az", "A.", "e1") == "new"
    assert index.find("c", "az", "A.", "e1") == "new"
    assert index.find("c", "az", "A.", "e2") == "by e2"
    assert index.find("a", "ru", "A.", "e1") is None
    assert index.find("a", "az", "B.", "e1") is None


def _catalog(*entries: polib.POEntry) -> polib.POFile:
    po = new_pofile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    for entry in entries:
        po.append(entry)
    return po


DRAFTS = DraftIndex(
    [
        StoredDraft("doc", "az", "Trade grew.", "e1", "Ticarət artdı."),
        StoredDraft("doc", "az", "Oil rose.", "e1", "Neft qalxdı."),
        StoredDraft("doc", "az", "Still a draft.", "e1", "Hələ qaralama."),
        StoredDraft("doc", "az", "Other engine.", "e2", "Başqa mühərrik."),
        StoredDraft("doc", "az", "Trade grew by five percent.", "e1", "Ticarət beş faiz artdı."),
    ]
)


def test_only_reviewed_machine_drafts_are_counted_and_measured():
    po = _catalog(
        _entry("Trade grew.", "Ticarət artdı.", "machine draft, e1"),  # accepted unchanged
        _entry("Oil rose.", "Neft bahalaşdı.", "machine draft, e1"),  # edited
        _entry("Still a draft.", "Hələ qaralama.", "machine draft, e1", fuzzy=True),  # draft: pending
        _entry("Trade grew by six percent.", "Ticarət beş faiz artdı.", "machine draft, e1", fuzzy=True,
               previous="Trade grew by five percent."),  # stale: pending
        _entry("Lost draft.", "İtmiş.", "machine draft, e1"),  # reviewed, but no stored draft
        _entry("From memory.", "Yaddaşdan.", "from translation memory (b.po)"),  # not MT
        _entry("Human.", "İnsan.", None),  # not MT
        _entry("Untranslated.", "", None),
        _entry("Other engine.", "Başqa mühərrik.", "machine draft, e2"),
    )
    e1, e2 = catalog_rows(po, "doc", "az", DRAFTS)
    assert (e1.origin, e1.reviewed_from_mt, e1.unchanged, e1.edited, e1.no_draft, e1.pending) == ("e1", 3, 1, 1, 1, 2)
    assert e1.measured == 2
    assert e1.chrf == pytest.approx((100.0 + chrf("Neft qalxdı.", "Neft bahalaşdı.")) / 2)
    assert e1.edit_rate == pytest.approx((0.0 + 50.0) / 2)
    assert (e2.origin, e2.reviewed_from_mt, e2.unchanged, e2.chrf, e2.edit_rate) == ("e2", 1, 1, 100.0, 0.0)
    assert e1.as_dict() == {
        "document": "doc", "language": "az", "origin": "e1", "reviewed_from_mt": 3, "unchanged": 1, "edited": 1,
        "no_draft": 1, "pending": 2, "measured": 2, "chrf": round(e1.chrf, 2), "edit_rate": 25.0, "catalog": True,
    }


def test_segment_edits_keep_draft_and_final_text():
    po = _catalog(_entry("Oil rose.", "Neft bahalaşdı.", "machine draft, e1"),
                  _entry("Still a draft.", "Hələ qaralama.", "machine draft, e1", fuzzy=True))
    reviewed, draft = segment_edits(po, "doc", "az", DRAFTS)
    assert (reviewed.draft, reviewed.final, reviewed.measured) == ("Neft qalxdı.", "Neft bahalaşdı.", True)
    assert reviewed.edit_rate == 50.0
    assert (draft.state, draft.measured, draft.chrf, draft.edit_rate) == ("draft", False, None, None)


def test_a_catalog_without_machine_drafts_gives_one_empty_row():
    (row,) = catalog_rows(_catalog(_entry("Human.", "İnsan.", None)), "doc", "ru", DRAFTS)
    assert (row.origin, row.reviewed_from_mt, row.measured, row.chrf, row.edit_rate) == (None, 0, 0, None, None)
    assert row.as_dict()["chrf"] is None


def test_totals_weight_every_segment_equally_per_language_and_origin():
    a = PostEditRow("a", "az", "e1", reviewed_from_mt=3, unchanged=3, chrf_sum=300.0, edit_rate_sum=0.0)
    b = PostEditRow("b", "az", "e1", reviewed_from_mt=2, unchanged=0, edited=1, no_draft=1, pending=4,
                    chrf_sum=50.0, edit_rate_sum=40.0)
    c = PostEditRow("b", "az", "e2", reviewed_from_mt=1, edited=1, chrf_sum=70.0, edit_rate_sum=10.0)
    d = PostEditRow("a", "ru", None)
    az1, az2, ru = totals([a, b, c, d])
    assert (az1.document, az1.language, az1.origin) == ("*", "az", "e1")
    assert (az1.reviewed_from_mt, az1.unchanged, az1.edited, az1.no_draft, az1.pending) == (5, 3, 1, 1, 4)
    assert az1.chrf == pytest.approx(350.0 / 4)  # not the mean of the documents' means (100 and 50)
    assert az1.edit_rate == pytest.approx(10.0)
    assert (az2.origin, az2.chrf) == ("e2", 70.0)
    assert (ru.document, ru.language, ru.origin, ru.chrf) == ("*", "ru", None, None)


def test_drafts_in_reads_the_languages_asked_for_in_one_query(tmp_path):
    store = DraftStore(tmp_path / "drafts.sqlite")
    assert store.drafts_in(["az"]) == []
    assert not store.path.exists()
    when = datetime(2026, 11, 28, 10, 0, tzinfo=UTC)
    store.record([StoredDraft("a", "az", "A.", "e", "Ə."), StoredDraft("a", "ru", "A.", "e", "А."),
                  StoredDraft("a", "tr", "A.", "e", "Â.")], now=when)
    assert sorted(d.lang for d in store.drafts_in(["az", "ru", "az"])) == ["az", "ru"]
    assert store.drafts_in([]) == []


def test_postedit_project_reads_each_catalog_once_and_the_store_once(tmp_path, monkeypatch):
    (tmp_path / "source").mkdir()
    for name in ("a", "b"):
        (tmp_path / "source" / f"{name}.txt").write_text("Trade grew.\n", encoding="utf-8")
    project = Project.open(tmp_path)
    DraftStore(project.store_path).record([StoredDraft("a", "az", "Trade grew.", "e1", "Ticarət artdı.")])
    entry = polib.POEntry(msgid="Trade grew.")
    fill_draft(entry, "Ticarət artdı.", "machine draft, e1")
    entry.flags.remove("fuzzy")  # the translator approves it
    path = project.po_path(project.documents()[0], "az")
    path.parent.mkdir(parents=True)
    path.write_text(str(_catalog(entry)), encoding="utf-8")

    queries = []
    original = DraftStore.drafts_in
    monkeypatch.setattr(DraftStore, "drafts_in", lambda self, langs: queries.append(list(langs)) or original(self, langs))
    monkeypatch.setattr(DraftStore, "drafts_for", lambda *a: pytest.fail("one query per store"))
    rows = postedit_project(project, project.documents(), ["az", "ru"])
    assert queries == [["az", "ru"]]
    assert [(r.document, r.language, r.origin, r.unchanged, r.catalog) for r in rows] == [
        ("a", "az", "e1", 1, True), ("a", "ru", None, 0, False), ("b", "az", None, 0, False),
        ("b", "ru", None, 0, False),
    ]
