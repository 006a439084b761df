"""The engine interface every drafting engine implements (MT, translation memory, test fakes)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Protocol, Sequence, runtime_checkable

#: The widest beam an engine accepts: argostranslate uses 4, quality stops improving long
#: before 64, and a beam of millions made CTranslate2 crash or eat 24 GB.
MAX_BEAM = 64

#: Called as ``progress(done, total)`` with counts of segments.
ProgressCallback = Callable[[int, int], None]


class SegmentWarning(UserWarning):
    """Something about one segment's draft that a person must check.

    ``index`` is the segment's position in the ``translate()`` call, so a caller
    can say which article and line it came from; ``detail`` says what happened
    in a phrase that needs no segment text.
    """

    def __init__(self, message: str, index: int = -1, detail: str = ""):
        super().__init__(message)
        self.index = index
        self.detail = detail or message


class LongSegmentWarning(SegmentWarning):
    """A segment was longer than the model takes and was translated in chunks."""

    def __init__(self, message: str, index: int = -1, tokens: int = 0, chunks: int = 0):
        super().__init__(
            message, index,
            f"segment of {tokens} tokens is longer than the model takes; translated in {chunks} chunks",
        )
        self.tokens = tokens
        self.chunks = chunks


class TruncatedDraftWarning(SegmentWarning):
    """A draft (or a chunk of it) reached the decoder's output limit and may be cut short."""

    def __init__(self, message: str, index: int = -1, limit: int = 0):
        super().__init__(message, index, f"the draft reached the {limit}-token output limit and may be cut short")
        self.limit = limit


@dataclass(frozen=True)
class Draft:
    """One machine draft: the text and the model's score (None when it has none)."""

    text: str
    score: float | None = None


@runtime_checkable
class Engine(Protocol):
    """Translate many segments in one call.

    ``origin`` names where drafts come from (engine, package, version) in one
    short line, e.g. ``argos translate-en_az 1.9``; it is recorded with every draft.
    """

    source: str
    target: str
    origin: str

    def translate(
        self, texts: Sequence[str], progress: ProgressCallback | None = None
    ) -> list[Draft]:
        """Return one Draft per input text, in input order."""
        ...
