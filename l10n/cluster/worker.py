"""What runs on a Dask worker: the package found or installed, one engine per process, a shard's drafts.

Functions here are sent by reference (``l10n`` must be installed on the
workers, the same version as the driver's); their arguments are plain data.
The CTranslate2 translator cannot be pickled, so each worker process builds
its engine on the first shard and keeps it (:func:`worker_engine`), sized by
the worker's own thread count: ``nthreads`` CTranslate2 workers of one thread,
one per task slot Dask runs at once, so nothing oversubscribes; a shard's
batches are full-size (``spread=False``), not cut again for those workers. Decoding is
:class:`l10n.engine.argos.ArgosEngine`'s own ``translate``, the same code as a
local run.
"""

from __future__ import annotations

import threading
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from l10n.cluster.shipping import PackageSpec, find_package_copy, install_shipped
from l10n.engine.argos import ArgosEngine, Decoding
from l10n.engine.base import LongSegmentWarning, SegmentWarning, TruncatedDraftWarning
from l10n.engine.packages import read_package

#: The event topic a worker logs each shard start on (the driver counts retries from it).
SHARD_TOPIC = "l10n-shard-start"


@dataclass(frozen=True)
class EngineSettings:
    """How the workers' engines decode and batch (the driver's settings)."""

    decoding: Decoding = field(default_factory=Decoding)
    device: str = "auto"
    max_batch_tokens: int = 0  # the device's default (l10n.engine.argos.BATCH_TOKENS)
    max_input_tokens: int = 250


@dataclass
class ShardResult:
    """A shard's drafts as ``(text, score)`` in shard order, its warnings, and where it ran.

    ``missing`` is True (and nothing else set) when the worker has no copy of the package.
    """

    worker: str
    drafts: list[tuple[str, float | None]] = field(default_factory=list)
    warnings: list[tuple[str, int, str, dict]] = field(default_factory=list)  # (kind, index, detail, extra)
    device: str = ""
    seconds: float = 0.0
    missing: bool = False


_ENGINES: dict[tuple, ArgosEngine] = {}
_ENGINES_LOCK = threading.Lock()


def worker_engine(folder: Path, settings: EngineSettings, nthreads: int) -> ArgosEngine:
    """This process's engine for the package in ``folder`` (built once, then kept)."""
    key = (str(folder), settings, nthreads)
    with _ENGINES_LOCK:
        engine = _ENGINES.get(key)
        if engine is None:
            from l10n.engine.argos import resolve_device

            engine = ArgosEngine(
                read_package(folder), decoding=settings.decoding, workers=max(1, nthreads), threads=1,
                device=resolve_device(settings.device), max_batch_tokens=settings.max_batch_tokens,
                max_input_tokens=settings.max_input_tokens,
                spread=False,  # the shards are the parallel unit: Dask runs nthreads of them at once
            )
            engine.translator  # noqa: B018  (load the model now, once, under the lock)
            _ENGINES[key] = engine
    return engine


def probe(spec: PackageSpec, dask_worker=None) -> dict:
    """What the driver asks every worker first: its l10n version, threads, and whether it has the package."""
    import l10n

    folder = find_package_copy(spec, Path(dask_worker.local_directory))
    return {"l10n": l10n.__version__, "nthreads": dask_worker.state.nthreads,
            "package": None if folder is None else str(folder)}


def receive_package(spec: PackageSpec, data: bytes, sha256: str, dask_worker=None) -> str:
    """Install the package the driver shipped (checked by hash, validated) into the worker-local folder."""
    folder = find_package_copy(spec, Path(dask_worker.local_directory))
    if folder is None:
        folder = install_shipped(spec, data, sha256, Path(dask_worker.local_directory))
    return str(folder)


def draft_shard(run: str, number: int, spec: PackageSpec, settings: EngineSettings, texts: list[str]) -> ShardResult:
    """Drafts for one shard's texts, in order (a Dask task)."""
    from distributed import get_worker

    worker = get_worker()
    worker.log_event(SHARD_TOPIC, {"run": run, "shard": number, "worker": worker.address})
    folder = find_package_copy(spec, Path(worker.local_directory))
    if folder is None:
        return ShardResult(worker=worker.address, missing=True)
    engine = worker_engine(folder, settings, worker.state.nthreads)
    start = time.perf_counter()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", SegmentWarning)
        drafts = engine.translate(texts)
    found = [_plain_warning(w.message) for w in caught if isinstance(w.message, SegmentWarning)]
    return ShardResult(worker=worker.address, drafts=[(d.text, d.score) for d in drafts], warnings=found,
                       device=engine.device, seconds=time.perf_counter() - start)


def _plain_warning(warning: SegmentWarning) -> tuple[str, int, str, dict]:
    if isinstance(warning, LongSegmentWarning):
        return "long", warning.index, warning.detail, {"tokens": warning.tokens, "chunks": warning.chunks}
    if isinstance(warning, TruncatedDraftWarning):
        return "truncated", warning.index, warning.detail, {"limit": warning.limit}
    return "segment", warning.index, warning.detail, {}


def segment_warning(kind: str, index: int, detail: str, extra: dict) -> SegmentWarning:
    """The driver's warning for a worker's, at the segment's index in the driver's call."""
    message = f"segment {index + 1}: {detail}"
    if kind == "long":
        return LongSegmentWarning(message, index, **extra)
    if kind == "truncated":
        return TruncatedDraftWarning(message, index, **extra)
    return SegmentWarning(message, index, detail)
