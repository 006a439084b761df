from __future__ import annotations

import pytest

from l10n.review.diff import word_diff


@pytest.mark.parametrize("old, new, pieces", [
    ("Customs officers seized a ton of drugs this year.", "Customs officers seized two tons of drugs this year.",
     [("same", "Customs officers seized "), ("removed", "a ton"), ("added", "two tons"),
      ("same", " of drugs this year.")]),
    ("Trade grew.", "Trade grew by five percent.", [("same", "Trade grew"), ("added", " by five percent"),
                                                    ("same", ".")]),
    ("The same.", "The same.", [("same", "The same.")]),
    ("", "New sentence.", [("added", "New sentence.")]),
    ("Old one, here.", "", [("removed", "Old one, here.")]),
])
def test_word_diff(old, new, pieces):
    assert word_diff(old, new) == pieces


@pytest.mark.parametrize("old, new", [
    ("a b c d e", "a x c y e"), ("Officials in Baku said", "Baku officials said on Monday"), ("x  y", "x y z"),
])
def test_the_pieces_rebuild_both_texts(old, new):
    pieces = word_diff(old, new)
    assert "".join(t for k, t in pieces if k != "added") == old
    assert "".join(t for k, t in pieces if k != "removed") == new
