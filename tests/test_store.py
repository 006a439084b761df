from __future__ import annotations

from datetime import UTC, datetime

import pytest

from l10n.errors import L10nError
from l10n.store import DraftStore, StoredDraft

T1 = datetime(2026, 11, 28, 10, 0, tzinfo=UTC)
T2 = datetime(2026, 11, 28, 11, 0, tzinfo=UTC)


def test_reading_a_missing_store_creates_nothing(tmp_path):
    store = DraftStore(tmp_path / "sub" / "drafts.sqlite")
    assert store.cached("az", "argos x 1", ["A."]) == {}
    assert store.drafts_for("doc", "az", "A.") == []
    assert not store.is_untouched_draft("doc", "az", "A.", "Ə.")
    store.record([])
    assert not (tmp_path / "sub").exists()


def test_record_and_look_up(tmp_path):
    store = DraftStore(tmp_path / ".l10n" / "drafts.sqlite")
    store.record([StoredDraft("doc", "az", "A.", "argos x 1", "Ə.", -0.25),
                  StoredDraft("doc", "ru", "A.", "argos y 1", "А.", None)], now=T1)
    (row,) = store.drafts_for("doc", "az", "A.")
    assert row == StoredDraft("doc", "az", "A.", "argos x 1", "Ə.", -0.25, "2026-11-28T10:00:00+00:00")
    # cached() looks across documents, for the same origin only
    assert store.cached("az", "argos x 1", ["A.", "B."])["A."].draft == "Ə."
    assert store.cached("az", "argos x 2", ["A."]) == {}
    assert store.is_untouched_draft("doc", "az", "A.", "Ə.")
    assert not store.is_untouched_draft("doc", "az", "A.", "Ə, edited.")


def test_same_key_keeps_first_timestamp_unless_the_draft_changes(tmp_path):
    store = DraftStore(tmp_path / "drafts.sqlite")
    store.record([StoredDraft("doc", "az", "A.", "o", "Ə.")], now=T1)
    store.record([StoredDraft("doc", "az", "A.", "o", "Ə.")], now=T2)
    assert store.drafts_for("doc", "az", "A.")[0].created.startswith("2026-11-28T10:00")
    store.record([StoredDraft("doc", "az", "A.", "o", "Ə!")], now=T2)
    (row,) = store.drafts_for("doc", "az", "A.")
    assert (row.draft, row.created) == ("Ə!", "2026-11-28T11:00:00+00:00")
    store.record([StoredDraft("doc", "az", "A.", "other", "Ə?")], now=T2)
    assert {d.origin for d in store.drafts_for("doc", "az", "A.")} == {"o", "other"}


def test_a_corrupt_store_is_a_user_error_naming_the_file(tmp_path):
    path = tmp_path / "drafts.sqlite"
    path.write_bytes(b"not a database at all" * 100)
    with pytest.raises(L10nError, match="draft store unreadable") as err:
        DraftStore(path).cached("az", "o", ["A."])
    assert str(path) in str(err.value)
