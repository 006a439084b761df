"""The Argos engine: an installed Argos Translate package run in-process by CTranslate2.

Segments are tokenized, sorted by length and cut into token-budget batches;
each batch is one ``translate_batch`` call. Drafts come back in input order.
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
one ``ctranslate2.Translator`` per (model, device, compute type, threads) is
kept for the life of the process.
"""

from __future__ import annotations

import threading
import warnings
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Sequence

from l10n.engine.base import MAX_BEAM, Draft, LongSegmentWarning, ProgressCallback, TruncatedDraftWarning
from l10n.engine.packages import InstalledPackage, find_package
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


# --- the translator cache -------------------------------------------------------

_TRANSLATORS: dict[tuple, Any] = {}
_TRANSLATORS_LOCK = threading.Lock()


def get_translator(model_path: Path, device: str, compute_type: str, threads: int):
    """The process-wide ``ctranslate2.Translator`` for these settings, created on first use."""
    key = (str(Path(model_path).resolve()), device, compute_type, threads)
    with _TRANSLATORS_LOCK:
        translator = _TRANSLATORS.get(key)
        if translator is None:
            import ctranslate2

            try:
                translator = ctranslate2.Translator(
                    str(model_path),
                    device=device,
                    compute_type=compute_type,
                    inter_threads=1,
                    intra_threads=threads,
                )
            except (RuntimeError, ValueError) as err:
                raise L10nError(f"cannot load the CTranslate2 model: {err}", model_path) from None
            _TRANSLATORS[key] = translator
    return translator


# --- the engine -----------------------------------------------------------------


class ArgosEngine:
    """Implements :class:`l10n.engine.base.Engine` for one installed package."""

    def __init__(
        self,
        package: InstalledPackage,
        *,
        decoding: Decoding | None = None,
        threads: int = 0,
        compute_type: str = "auto",
        device: str = "cpu",
        max_batch_tokens: int = 1024,
        max_input_tokens: int = 250,
    ):
        if max_input_tokens < 2 or max_batch_tokens < 1:
            raise ValueError("max_input_tokens must be >= 2 and max_batch_tokens >= 1")
        self.package = package
        self.source = package.from_code
        self.target = package.to_code
        self.origin = f"argos {package.name} {package.version}".strip()
        self.decoding = decoding or Decoding()
        self.threads = threads
        self.compute_type = compute_type
        self.device = device
        self.max_batch_tokens = max_batch_tokens
        self.max_input_tokens = max_input_tokens
        self._tokenizer = None

    @property
    def tokenizer(self):
        if self._tokenizer is None:
            self._tokenizer = load_tokenizer(self.package)
        return self._tokenizer

    @property
    def translator(self):
        return get_translator(self.package.model_path, self.device, self.compute_type, self.threads)

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

    def translate(
        self, texts: Sequence[str], progress: ProgressCallback | None = None
    ) -> list[Draft]:
        """Translate all ``texts`` in length-sorted token-budget batches; drafts in input order.

        ``progress(done, total)`` is called once before the first batch and after
        each batch, with segment counts.
        The score of a draft is CTranslate2's (length-normalized log-probability);
        a chunked segment's score is the sum over its chunks, as argostranslate sums
        over sentences.
        """
        texts = list(texts)
        total = len(texts)
        if total == 0:
            return []
        chunks, owners = self._chunks(texts)
        translator = self.translator
        prefix = self._prefix()
        options = self.decoding.kwargs()
        results: list[tuple[str, float] | None] = [None] * len(chunks)
        remaining = [0] * total
        for owner in owners:
            remaining[owner] += 1
        limit = self.decoding.max_decoding_length
        check_limit = self.decoding.min_decoding_length < limit  # a fixed length (benchmarks) always hits it
        cut: set[int] = set()
        done = 0
        for j, chunk in enumerate(chunks):
            if not chunk:  # an empty or blank segment translates to nothing
                results[j] = ("", 0.0)
                remaining[owners[j]] -= 1
                done += remaining[owners[j]] == 0
        todo = [j for j, chunk in enumerate(chunks) if chunk]
        if progress is not None and todo:  # drafting starts now: a bar shows 0/N and its clock starts
            progress(done, total)
        lengths = [len(chunks[j]) + len(prefix) for j in todo]
        for positions in token_batches(lengths, self.max_batch_tokens):
            batch = [todo[k] for k in positions]
            source = [chunks[j] for j in batch]
            outputs = translator.translate_batch(
                source,
                target_prefix=[list(prefix) for _ in batch] if prefix else None,
                **options,
            )
            for j, output in zip(batch, outputs):
                if check_limit and len(output.hypotheses[0]) >= limit:
                    cut.add(owners[j])
                tokens = self._strip_prefix(list(output.hypotheses[0]))
                text = self.tokenizer.decode(tokens)
                if self.package.target_prefix and text.startswith(self.package.target_prefix):
                    text = text[len(self.package.target_prefix) :].lstrip(" ")
                score = float(output.scores[0]) if output.scores else 0.0
                results[j] = (text, score)
                remaining[owners[j]] -= 1
                if remaining[owners[j]] == 0:
                    done += 1
            if progress is not None:
                progress(done, total)
        if progress is not None and not todo:
            progress(done, total)
        for i in sorted(cut):
            warnings.warn(
                TruncatedDraftWarning(
                    f"segment {i + 1}: the draft reached the {limit}-token output limit and may be cut short",
                    index=i,
                    limit=limit,
                ),
                stacklevel=2,
            )
        drafts: list[list[tuple[str, float]]] = [[] for _ in range(total)]
        for j, owner in enumerate(owners):
            drafts[owner].append(results[j])  # type: ignore[arg-type]
        return [
            Draft(" ".join(t for t, _ in parts if t), sum(s for _, s in parts)) for parts in drafts
        ]


def load_engine(
    source: str,
    target: str,
    *,
    packages_dir: Path | None = None,
    beam_size: int = 4,
    threads: int = 0,
    compute_type: str = "auto",
    decoding: Decoding | None = None,
    max_batch_tokens: int = 1024,
    max_input_tokens: int = 250,
    device: str = "cpu",
) -> ArgosEngine:
    """An engine for the installed ``source`` -> ``target`` package.

    Raises L10nError naming the pair and the install commands when none is
    installed. The CTranslate2 model itself loads on the first ``translate``.
    ``decoding`` overrides every decoding setting (``beam_size`` included).
    """
    if not 1 <= (decoding.beam_size if decoding is not None else beam_size) <= MAX_BEAM:
        raise L10nError(f"beam size must be from 1 to {MAX_BEAM}")
    package = find_package(source, target, packages_dir)
    if decoding is None:
        decoding = replace(Decoding(), beam_size=beam_size)
    return ArgosEngine(
        package,
        decoding=decoding,
        threads=threads,
        compute_type=compute_type,
        device=device,
        max_batch_tokens=max_batch_tokens,
        max_input_tokens=max_input_tokens,
    )
