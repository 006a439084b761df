"""The Argos engine: an installed Argos Translate package run in-process by CTranslate2.

Segments are tokenized, sorted by length and cut into token-budget batches,
the biggest first. The translator has ``workers`` CTranslate2 workers
(``inter_threads``) of ``threads`` threads each, by default one single-threaded
worker per core (:func:`plan_workers`); as many Python threads take the batches
in turn, each translating one at a time while it holds one of the process's
batch slots (:mod:`l10n.engine.slots`), which the engines of other languages
share, so no core idles and none is oversubscribed. Progress advances and
``on_batch`` hands over drafts as batches finish; the drafts are also returned
at the end, in input order.
By default decoding matches argostranslate 1.11 (beam 4, one hypothesis,
``length_penalty=0.2``, ``replace_unknowns=True``, CTranslate2's defaults for
everything else), so a package drafts the same text through l10n as through
argostranslate, only faster. Faster settings (``beam_size=1``) are opt-in.

Segments longer than ``max_input_tokens`` are translated in chunks (cut at word
starts) and joined with a space; each such segment raises a
:class:`LongSegmentWarning` through the :mod:`warnings` module, so nothing is
truncated or dropped silently. Callers that want to show these use
``warnings.catch_warnings(record=True)``.

ctranslate2 and sentencepiece are imported only when an engine is created;
one ``ctranslate2.Translator`` per (model, device, compute type, workers,
threads) is kept for the life of the process. The device is ``auto`` by
default: CUDA when CTranslate2 sees a GPU, else the CPU (:func:`resolve_device`).
"""

from __future__ import annotations

import os
import threading
import warnings
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass, replace
from pathlib import Path
from queue import Empty, SimpleQueue
from typing import Any, Sequence

from l10n.engine.base import (
    DEVICES,
    MAX_BEAM,
    MAX_THREADS,
    MAX_WORKERS,
    BatchCallback,
    Draft,
    LongSegmentWarning,
    ProgressCallback,
    TruncatedDraftWarning,
)
from l10n.engine.packages import InstalledPackage, find_package
from l10n.engine.slots import batch_slots
from l10n.errors import L10nError

SPACE_MARK = "\u2581"  # SentencePiece's word-start marker


@dataclass(frozen=True)
class Decoding:
    """Decoding settings. The defaults are argostranslate 1.11's.

    ``min_decoding_length``/``max_decoding_length`` exist for benchmarks that
    need a fixed output length (random-weight models); leave them alone otherwise.
    """

    beam_size: int = 4
    length_penalty: float = 0.2
    patience: float = 1.0
    replace_unknowns: bool = True
    max_decoding_length: int = 256
    min_decoding_length: int = 1

    def kwargs(self) -> dict[str, Any]:
        return {
            "beam_size": self.beam_size,
            "num_hypotheses": 1,
            "length_penalty": self.length_penalty,
            "patience": self.patience,
            "replace_unknowns": self.replace_unknowns,
            "max_decoding_length": self.max_decoding_length,
            "min_decoding_length": self.min_decoding_length,
            "return_scores": True,
            "max_input_length": 0,  # we chunk long inputs ourselves, visibly
        }


# --- tokenizers -----------------------------------------------------------------


class SentencePieceTokenizer:
    """Pieces in, pieces out; decoding is SentencePiece's own (``_`` stays ``_``)."""

    def __init__(self, model_file: Path):
        import sentencepiece

        self.model_file = Path(model_file)
        try:
            self._sp = sentencepiece.SentencePieceProcessor(model_file=str(model_file))
        except (OSError, RuntimeError) as err:
            raise L10nError(f"cannot load the SentencePiece model: {err}", model_file) from None

    def encode(self, text: str) -> list[str]:
        return self._sp.encode(text, out_type=str)

    def decode(self, pieces: Sequence[str]) -> str:
        text = self._sp.decode_pieces(list(pieces))
        # SentencePiece already drops the dummy-prefix space; argostranslate also
        # drops one leading space, and so do we. No other character is touched.
        return text[1:] if text.startswith(" ") else text

    @staticmethod
    def starts_word(piece: str) -> bool:
        return piece.startswith(SPACE_MARK)


class BPETokenizer:
    """Moses tokenization + subword-nmt BPE (older Argos packages), via argostranslate.tokenizer."""

    def __init__(self, model_file: Path, source: str, target: str):
        try:
            from argostranslate.tokenizer import BPETokenizer as _Bpe  # imports only sentencepiece
        except ImportError as err:  # pragma: no cover - argostranslate is a dependency
            raise L10nError(f"BPE packages need argostranslate.tokenizer: {err}", model_file) from None
        self.model_file = Path(model_file)
        self._bpe = _Bpe(self.model_file, source, target)

    def encode(self, text: str) -> list[str]:
        return list(self._bpe.encode(text))

    def decode(self, pieces: Sequence[str]) -> str:
        return self._bpe.decode(list(pieces))

    @staticmethod
    def starts_word(piece: str) -> bool:
        return True  # any token boundary is a word boundary after Moses tokenization


def load_tokenizer(package: InstalledPackage):
    if package.tokenizer.name == "sentencepiece.model":
        return SentencePieceTokenizer(package.tokenizer)
    if package.tokenizer.name == "bpe.model":
        return BPETokenizer(package.tokenizer, package.from_code, package.to_code)
    raise L10nError("unsupported tokenizer (expected sentencepiece.model or bpe.model)", package.tokenizer)


# --- batching (pure functions) --------------------------------------------------


def token_batches(lengths: Sequence[int], max_batch_tokens: int) -> list[list[int]]:
    """Indices sorted by length, cut so that ``len(batch) * longest <= max_batch_tokens``.

    A single item longer than the budget gets a batch of its own.
    """
    order = sorted(range(len(lengths)), key=lambda i: (lengths[i], i))
    batches: list[list[int]] = []
    current: list[int] = []
    for i in order:
        longest = max(lengths[i], 1)  # sorted: the newcomer is the longest
        if current and (len(current) + 1) * longest > max_batch_tokens:
            batches.append(current)
            current = []
        current.append(i)
    if current:
        batches.append(current)
    return batches


def split_pieces(pieces: list[str], limit: int, starts_word) -> list[list[str]]:
    """Cut ``pieces`` into chunks of at most ``limit``, preferring cuts before a word start."""
    chunks = []
    rest = pieces
    while len(rest) > limit:
        cut = next((k for k in range(limit, 0, -1) if starts_word(rest[k])), limit)
        chunks.append(rest[:cut])
        rest = rest[cut:]
    chunks.append(rest)
    return chunks


# --- devices and workers -------------------------------------------------------

#: A worker never starts more than this many by default: beyond it a typical run
#: (hundreds of segments) has too few batches to feed them, and each worker holds a
#: batch's activations; the cores left over become threads of the workers.
MAX_DEFAULT_WORKERS = 8

#: Token budget of a batch (source tokens x batch size) by device. On the CPU small batches
#: waste less on finished hypotheses and padding: on 2 cores 256-token batches were 6% faster
#: than 1024-token ones with 60% less memory (230 against 560 MB), and two languages share the
#: cores better (scripts/bench_engine.py); a GPU wants big ones.
BATCH_TOKENS = {"cpu": 256, "cuda": 1024}

#: Batches are cut smaller than ``max_batch_tokens`` so that each worker gets at
#: least two, but not below this many tokens.
MIN_BATCH_TOKENS = 64


def available_cores() -> int:
    """The cores this process may run on (its CPU affinity, e.g. under ``taskset``)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def plan_workers(cores: int, workers: int = 0, threads: int = 0, device: str = "cpu") -> tuple[int, int]:
    """``(workers, threads per worker)`` for CTranslate2; 0 means "pick one".

    On the CPU, a batch runs on one worker and small matrices gain little from
    more threads, so by default every core gets a single-threaded worker (up to
    :data:`MAX_DEFAULT_WORKERS`, the rest of the cores as threads). With only one
    of the two given, the other fills the cores. On a GPU one worker feeds it.
    """
    cores = max(1, cores)
    if device == "cuda":
        return max(1, workers or 1), max(1, threads or 1)
    if workers and threads:
        return workers, threads
    if workers:
        return workers, max(1, cores // workers)
    if threads:
        return max(1, cores // threads), threads
    count = min(cores, MAX_DEFAULT_WORKERS)
    return count, max(1, cores // count)


def cuda_device_count() -> int:
    import ctranslate2

    try:
        return int(ctranslate2.get_cuda_device_count())
    except RuntimeError:  # a CUDA build without a usable driver
        return 0


def resolve_device(device: str = "auto") -> str:
    """``cpu`` or ``cuda`` for a ``device`` setting: ``auto`` is CUDA when CTranslate2 sees a GPU."""
    if device not in DEVICES:
        raise L10nError(f"unknown device {device!r} (expected {', '.join(DEVICES)})")
    if device == "cpu":
        return device
    count = cuda_device_count()
    if device == "cuda" and count == 0:
        raise L10nError("device cuda: CTranslate2 sees no CUDA GPU here (use device auto or cpu)")
    return "cuda" if count > 0 else "cpu"


# --- the translator cache -------------------------------------------------------

_TRANSLATORS: dict[tuple, Any] = {}
_TRANSLATORS_LOCK = threading.Lock()


def get_translator(model_path: Path, device: str, compute_type: str, threads: int, workers: int = 1):
    """The process-wide ``ctranslate2.Translator`` for these settings, created on first use.

    ``workers`` is CTranslate2's ``inter_threads`` (batches run at once), ``threads``
    its ``intra_threads`` (threads per batch; 0: CTranslate2's default).
    """
    key = (str(Path(model_path).resolve()), device, compute_type, workers, threads)
    with _TRANSLATORS_LOCK:
        translator = _TRANSLATORS.get(key)
        if translator is None:
            import ctranslate2

            try:
                translator = ctranslate2.Translator(
                    str(model_path),
                    device=device,
                    compute_type=compute_type,
                    inter_threads=workers,
                    intra_threads=threads,
                )
            except (RuntimeError, ValueError) as err:
                raise L10nError(f"cannot load the CTranslate2 model: {err}", model_path) from None
            _TRANSLATORS[key] = translator
    return translator


# --- the engine -----------------------------------------------------------------


class ArgosEngine:
    """Implements :class:`l10n.engine.base.Engine` for one installed package.

    ``workers`` and ``threads`` (0: :func:`plan_workers` picks them from the
    cores) size the CTranslate2 translator; ``device`` is ``cpu`` or ``cuda``
    (:func:`load_engine` resolves ``auto``). With ``spread`` (the default) a small
    call's batches are cut smaller so that every worker gets two; without it they
    are ``max_batch_tokens`` whatever the call's size, for callers that run
    several calls at once (a cluster worker's shards, :mod:`l10n.cluster.worker`).
    """

    def __init__(
        self,
        package: InstalledPackage,
        *,
        decoding: Decoding | None = None,
        threads: int = 0,
        workers: int = 0,
        compute_type: str = "auto",
        device: str = "cpu",
        max_batch_tokens: int = 0,
        max_input_tokens: int = 250,
        spread: bool = True,
    ):
        if max_input_tokens < 2 or max_batch_tokens < 0:
            raise ValueError("max_input_tokens must be >= 2 and max_batch_tokens >= 0 (0: the device's default)")
        self.package = package
        self.source = package.from_code
        self.target = package.to_code
        self.origin = f"argos {package.name} {package.version}".strip()
        self.decoding = decoding or Decoding()
        self.workers, self.threads = plan_workers(available_cores(), workers, threads, device)
        self.compute_type = compute_type
        self.device = device
        self.max_batch_tokens = max_batch_tokens or BATCH_TOKENS.get(device, BATCH_TOKENS["cpu"])
        self.max_input_tokens = max_input_tokens
        self.spread = spread
        self._tokenizer = None

    @property
    def tokenizer(self):
        if self._tokenizer is None:
            self._tokenizer = load_tokenizer(self.package)
        return self._tokenizer

    @property
    def translator(self):
        return get_translator(self.package.model_path, self.device, self.compute_type, self.threads, self.workers)

    def _prefix(self) -> list[str]:
        return [self.package.target_prefix] if self.package.target_prefix else []

    def _chunks(self, texts: Sequence[str]) -> tuple[list[list[str]], list[int]]:
        """Tokenized chunks and, per chunk, the index of its segment.

        Runs of white space (a hard-wrapped sentence's line breaks) are one
        space for the model: a newline inside a sentence is not something MT
        models are trained on, and it garbles their output.
        """
        tokenizer = self.tokenizer
        chunks: list[list[str]] = []
        owners: list[int] = []
        for i, text in enumerate(texts):
            pieces = tokenizer.encode(" ".join(text.split()))
            parts = [pieces]
            if len(pieces) > self.max_input_tokens:
                parts = split_pieces(pieces, self.max_input_tokens, tokenizer.starts_word)
                preview = text if len(text) <= 60 else text[:57] + "..."
                warnings.warn(
                    LongSegmentWarning(
                        f"segment {i + 1} ({len(pieces)} tokens) is longer than the model's "
                        f"{self.max_input_tokens}-token limit; translated in {len(parts)} chunks: "
                        f"{preview!r}",
                        index=i,
                        tokens=len(pieces),
                        chunks=len(parts),
                    ),
                    stacklevel=3,
                )
            for part in parts:
                chunks.append(part)
                owners.append(i)
        return chunks, owners

    def _strip_prefix(self, tokens: list[str]) -> list[str]:
        prefix = self._prefix()
        if prefix and tokens[: len(prefix)] == prefix:
            return tokens[len(prefix) :]
        return tokens

    def _batches(self, chunks: list[list[str]], todo: list[int]) -> list[list[int]]:
        """Token-budget batches of the chunks ``todo``, the most work first.

        With ``spread``, the budget shrinks (not below :data:`MIN_BATCH_TOKENS`) so that
        every worker gets two batches; the biggest batches go first so that the last ones, which
        run while other workers may already be idle, are the smallest.
        """
        lengths = [len(chunks[j]) + len(self._prefix()) for j in todo]
        share = -(-sum(lengths) // (2 * self.workers))
        budget = min(self.max_batch_tokens, max(MIN_BATCH_TOKENS, share)) if self.spread else self.max_batch_tokens
        batches = [[todo[k] for k in positions] for positions in token_batches(lengths, budget)]
        batches.sort(key=lambda batch: -len(batch) * max(len(chunks[j]) for j in batch))
        return batches

    def translate(
        self,
        texts: Sequence[str],
        progress: ProgressCallback | None = None,
        *,
        on_batch: BatchCallback | None = None,
    ) -> list[Draft]:
        """Translate all ``texts`` in length-sorted token-budget batches; drafts in input order.

        ``progress(done, total)`` is called once before the first batch and after
        each batch, with segment counts; ``on_batch(indexes, drafts)`` (before
        ``progress``) with the segments that batch finished.
        The score of a draft is CTranslate2's (length-normalized log-probability);
        a chunked segment's score is the sum over its chunks, as argostranslate sums
        over sentences.
        """
        texts = list(texts)
        total = len(texts)
        if total == 0:
            return []
        chunks, owners = self._chunks(texts)
        parts: list[list[int]] = [[] for _ in range(total)]  # each segment's chunks
        for j, owner in enumerate(owners):
            parts[owner].append(j)
        results: list[tuple[str, float] | None] = [None] * len(chunks)
        remaining = [len(p) for p in parts]
        limit = self.decoding.max_decoding_length
        check_limit = self.decoding.min_decoding_length < limit  # a fixed length (benchmarks) always hits it
        cut: set[int] = set()
        finished: list[int] = []  # segments finished since the last report
        done = 0

        def draft(i: int) -> Draft:
            pieces = [results[j] for j in parts[i]]
            return Draft(" ".join(t for t, _ in pieces if t), sum(s for _, s in pieces))  # type: ignore[misc]

        def complete(j: int, text: str, score: float) -> None:
            results[j] = (text, score)
            remaining[owners[j]] -= 1
            if remaining[owners[j]] == 0:
                finished.append(owners[j])

        def report() -> None:
            nonlocal done
            if on_batch is not None and finished:
                on_batch(list(finished), [draft(i) for i in finished])
            done += len(finished)
            finished.clear()
            if progress is not None:
                progress(done, total)

        for j, chunk in enumerate(chunks):
            if not chunk:  # an empty or blank segment translates to nothing
                complete(j, "", 0.0)
        todo = [j for j, chunk in enumerate(chunks) if chunk]
        report()  # drafting starts now: a bar shows 0/N and its clock starts
        if todo:
            with closing(self._run_batches(chunks, self._batches(chunks, todo))) as done_batches:
                for batch, outputs in done_batches:
                    for j, output in zip(batch, outputs):
                        if check_limit and len(output.hypotheses[0]) >= limit:
                            cut.add(owners[j])
                        score = float(output.scores[0]) if output.scores else 0.0
                        complete(j, self._detokenize(output.hypotheses[0]), score)
                    report()
        for i in sorted(cut):
            warnings.warn(
                TruncatedDraftWarning(
                    f"segment {i + 1}: the draft reached the {limit}-token output limit and may be cut short",
                    index=i,
                    limit=limit,
                ),
                stacklevel=2,
            )
        return [draft(i) for i in range(total)]

    def _run_batches(self, chunks: list[list[str]], batches: list[list[int]]) -> Iterator[tuple[list[int], list]]:
        """``(batch, outputs)`` for every batch, as each finishes (in this thread).

        ``workers`` threads take the batches in order; each translates one at a time
        while it holds one of the process's batch slots (:mod:`l10n.engine.slots`),
        so that a free core goes to the next batch of whichever language has one.
        CTranslate2 releases the GIL while it translates. An error in a batch is
        raised here; on any exit the threads take no further batch.
        """
        translator = self.translator
        prefix = self._prefix()
        options = self.decoding.kwargs()
        slots = batch_slots(self.device, self.workers)
        ticket = slots.ticket()
        queue = iter(batches)
        taking = threading.Lock()
        finished: SimpleQueue = SimpleQueue()
        stop = threading.Event()

        def work() -> None:
            held = False
            try:
                while not stop.is_set():
                    with taking:
                        batch = next(queue, None)
                    if batch is None:
                        break
                    if held and slots.earlier_waiting(ticket):  # an earlier call's thread goes first
                        slots.release()
                        held = False
                    if not held:  # else kept from batch to batch: a later call's batches wait for this one's
                        held = slots.acquire(ticket, stop)
                        if not held:
                            break
                    outputs = translator.translate_batch(
                        [chunks[j] for j in batch],
                        target_prefix=[list(prefix) for _ in batch] if prefix else None,
                        **options,
                    )
                    finished.put((batch, outputs))
            except BaseException as err:  # noqa: BLE001 - raised in the calling thread
                finished.put((None, err))
            finally:
                if held:
                    slots.release()
                finished.put(None)  # this thread is done

        threads = [threading.Thread(target=work, name=f"l10n-batches-{self.target}", daemon=True)
                   for _ in range(min(self.workers, len(batches)))]
        for thread in threads:
            thread.start()
        running = len(threads)
        try:
            while running:
                try:
                    item = finished.get(timeout=0.5)  # in slices: Ctrl-C reaches this thread
                except Empty:
                    continue
                if item is None:
                    running -= 1
                elif item[0] is None:
                    raise item[1]
                else:
                    yield item
        finally:
            stop.set()

    def _detokenize(self, hypothesis: Sequence[str]) -> str:
        text = self.tokenizer.decode(self._strip_prefix(list(hypothesis)))
        if self.package.target_prefix and text.startswith(self.package.target_prefix):
            text = text[len(self.package.target_prefix) :].lstrip(" ")
        return text


def load_engine(
    source: str,
    target: str,
    *,
    packages_dir: Path | None = None,
    beam_size: int = 4,
    threads: int = 0,
    workers: int = 0,
    compute_type: str = "auto",
    decoding: Decoding | None = None,
    max_batch_tokens: int = 0,
    max_input_tokens: int = 250,
    device: str = "auto",
) -> ArgosEngine:
    """An engine for the installed ``source`` -> ``target`` package.

    Raises L10nError naming the pair and the install commands when none is
    installed. The CTranslate2 model itself loads on the first ``translate``.
    ``decoding`` overrides every decoding setting (``beam_size`` included).
    ``workers``/``threads`` of 0 are picked from the cores (:func:`plan_workers`);
    ``device`` ``auto`` is resolved here (:func:`resolve_device`).
    """
    if not 1 <= (decoding.beam_size if decoding is not None else beam_size) <= MAX_BEAM:
        raise L10nError(f"beam size must be from 1 to {MAX_BEAM}")
    if not (0 <= workers <= MAX_WORKERS and 0 <= threads <= MAX_THREADS):
        raise L10nError(f"workers must be from 1 to {MAX_WORKERS} and threads from 1 to {MAX_THREADS} "
                        "(0: picked from the cores)")
    package = find_package(source, target, packages_dir)
    if decoding is None:
        decoding = replace(Decoding(), beam_size=beam_size)
    return ArgosEngine(
        package,
        decoding=decoding,
        threads=threads,
        workers=workers,
        compute_type=compute_type,
        device=resolve_device(device),
        max_batch_tokens=max_batch_tokens,
        max_input_tokens=max_input_tokens,
    )
