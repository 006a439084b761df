"""The engine interface every drafting engine implements (MT, translation memory, test fakes)."""

from __future__ import annotations

import contextlib
import threading
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Callable, Protocol, Sequence, runtime_checkable

from l10n.errors import L10nError

#: The widest beam an engine accepts: argostranslate uses 4, quality stops improving long
#: before 64, and a beam of millions made CTranslate2 crash or eat 24 GB.
MAX_BEAM = 64

#: The most CTranslate2 workers (batches at once) and threads per worker a setting may ask for:
#: each worker holds a batch's activations (~240 MB at 1024 tokens on an Argos-size model), and a
#: million threads made the process fail, not go faster.
MAX_WORKERS = 64
MAX_THREADS = 256

#: Where the model runs: ``auto`` is CUDA when CTranslate2 sees a GPU, else the CPU.
DEVICES = ("auto", "cpu", "cuda")

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


#: Called as ``on_batch(indexes, drafts)`` as soon as these segments' drafts are final
#: (``indexes`` are positions in the ``translate()`` call); the drafts are also returned at the end.
BatchCallback = Callable[[list[int], list["Draft"]], None]


@runtime_checkable
class Engine(Protocol):
    """Translate many segments in one call.

    ``origin`` names where drafts come from (engine, package, version) in one
    short line, e.g. ``argos translate-en_az 1.9``; it is recorded with every draft.

    An engine may also take a keyword ``on_batch`` (a :data:`BatchCallback`) and
    hand over drafts as they are made, so that a caller can keep them before the
    call ends (see :func:`delivers_batches`); and a ``device`` attribute saying
    where it runs (``cpu``, ``cuda``).
    """

    source: str
    target: str
    origin: str

    def translate(
        self, texts: Sequence[str], progress: ProgressCallback | None = None
    ) -> list[Draft]:
        """Return one Draft per input text, in input order."""
        ...


def checked_drafts(engine: Engine, drafts: Sequence[Draft], count: int) -> list[Draft]:
    """``drafts`` as a list, or an error if the engine did not return one per segment (``count``)."""
    drafts = list(drafts)
    if len(drafts) != count:
        raise L10nError(f"engine {engine.origin} returned {len(drafts)} drafts for {count} segments")
    return drafts


def delivers_batches(engine: object) -> bool:
    """True if ``engine.translate`` takes the ``on_batch`` keyword (or any keyword)."""
    import inspect

    try:
        parameters = inspect.signature(engine.translate).parameters  # type: ignore[attr-defined]
    except (AttributeError, TypeError, ValueError):
        return False
    return "on_batch" in parameters or any(p.kind is p.VAR_KEYWORD for p in parameters.values())


_capture_lock = threading.Lock()
_capture_local = threading.local()
_capture_state: dict = {"depth": 0, "context": None, "show": None}


@contextlib.contextmanager
def capture_segment_warnings() -> Iterator[list[warnings.WarningMessage]]:
    """Collect the :class:`SegmentWarning` s this thread raises in the block, even if warnings are filtered out.

    Thread-safe, unlike ``warnings.catch_warnings`` (which swaps process-wide state,
    so two languages drafting at once would get each other's warnings): while any
    thread captures, one ``catch_warnings`` is active with SegmentWarnings set to
    "always" and a hook that hands each one to the list of the thread that raised
    it. Other warnings, and SegmentWarnings of threads not capturing, are shown as usual.
    """
    caught: list[warnings.WarningMessage] = []
    previous = getattr(_capture_local, "caught", None)
    with _capture_lock:
        if _capture_state["depth"] == 0:
            context = warnings.catch_warnings()
            context.__enter__()
            show = warnings.showwarning
            warnings.simplefilter("always", SegmentWarning)
            warnings.showwarning = _hand_to_capturing_thread
            _capture_state.update(context=context, show=show)
        _capture_state["depth"] += 1
    _capture_local.caught = caught
    try:
        yield caught
    finally:
        _capture_local.caught = previous
        with _capture_lock:
            _capture_state["depth"] -= 1
            if _capture_state["depth"] == 0:
                _capture_state["context"].__exit__(None, None, None)
                _capture_state.update(context=None, show=None)


def _hand_to_capturing_thread(message, category, filename, lineno, file=None, line=None) -> None:
    caught = getattr(_capture_local, "caught", None)
    if caught is not None and issubclass(category, SegmentWarning):
        caught.append(warnings.WarningMessage(message, category, filename, lineno, file, line))
        return
    show = _capture_state["show"] or warnings.showwarning
    show(message, category, filename, lineno, file, line)
