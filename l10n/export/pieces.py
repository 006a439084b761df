"""One segment as exported (a :class:`Piece`: what fills it), and the share of reviewed segments."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from l10n.catalog.model import REVIEWED, msgid_for


@dataclass(frozen=True)
class Piece:
    """One segment as exported: ``output`` is None when the segment is skipped."""

    segment: object  # l10n.segment.Segment
    state: str
    translation: str
    output: str | None
    filled: str = "reviewed"  # what the output is: reviewed, draft, source or skipped


def reviewed_count(pieces: Sequence[Piece]) -> tuple[int, int]:
    """(reviewed, total) over distinct segment texts."""
    states = {msgid_for(p.segment.text): p.state for p in pieces}
    return sum(1 for s in states.values() if s == REVIEWED), len(states)
