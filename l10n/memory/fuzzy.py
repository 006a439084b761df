"""The match percentage: word-level edit similarity, as CAT tools report it.

For the English of the segment to draft, Q, and the English of a memory unit,
C, both as tokens (:mod:`l10n.memory.normalize`: words case-folded, numbers,
tags and glossary terms as one token each)::

    match % = floor(100 * (max(|Q|, |C|) - lev(Q, C)) / max(|Q|, |C|)) - p

where ``lev`` is the Levenshtein distance over tokens (insert, delete or
substitute one token costs 1; computed by rapidfuzz) and ``p`` is one point
per number or tag of Q that C does not have (so "1.2 billion" against "1.5
billion" in a ten-word sentence is 99%, not 90%). A match is 100% only when
the two English texts are the same (white space aside); any other difference
(case, punctuation, a number) caps it at 99.
"""

from __future__ import annotations

from collections import Counter

from rapidfuzz.distance import Levenshtein

from l10n.memory.normalize import Tokens


def max_distance(length: int, threshold: int) -> int:
    """The largest token edit distance a unit of any length can have from a ``length``-token query
    and still score ``threshold`` % (the longest such unit has ``floor(100 * length / threshold)`` tokens)."""
    longest = (100 * length) // threshold
    return (longest * (100 - threshold)) // 100


def length_range(length: int, threshold: int) -> tuple[int, int]:
    """Token counts a unit must have to score ``threshold`` % against a ``length``-token query."""
    return -(-length * threshold // 100), (100 * length) // threshold


def percent(query: Tokens, unit: Tokens, same_text: bool, cutoff: int = 0) -> int:
    """The match % of ``unit`` for ``query`` (module docstring); below ``cutoff`` it may return any lower value."""
    if same_text:
        return 100
    longest = max(len(query.tokens), len(unit.tokens))
    if longest == 0:
        return 99
    allowed = longest - (-(-cutoff * longest // 100)) if cutoff else None
    distance = Levenshtein.distance(query.tokens, unit.tokens, score_cutoff=allowed)
    if allowed is not None and distance > allowed:
        return 0
    score = (100 * (longest - distance)) // longest
    penalty = 0
    if query.placeables and query.placeables != unit.placeables:
        penalty = sum((Counter(query.placeables) - Counter(unit.placeables)).values())
    return max(0, min(99, score - penalty))
