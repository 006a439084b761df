"""The driver's side: an Engine whose segments are drafted in shards on a Dask cluster.

:meth:`ClusterEngine.translate` tokenizes the distinct segments (the package's
own tokenizer, for lengths only), cuts them into length-sorted shards
(:mod:`l10n.cluster.shards`), makes sure every worker has the package
(:mod:`l10n.cluster.shipping`), and keeps a window of shards submitted as
data, a few per worker thread, so the scheduler never holds the whole archive.
As each shard finishes, its drafts go to ``on_batch`` (the draft store keeps
them at once: a driver killed mid-run resumes with the rest) and the progress
advances by its segments; the drafts are also returned at the end, in input order.

A worker lost mid-shard loses nothing: Dask runs its shards again elsewhere
(a shard that killed ``distributed.scheduler.allowed-failures`` workers is an
error), and the drafts are the same as anywhere, since every worker decodes
with the same package (checked by digest) and the same engine code.
"""

from __future__ import annotations

import threading
import time
import uuid
import warnings
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from l10n.cluster.shards import DEFAULT_SHARD_TOKENS, plan_shards, shard_budget
from l10n.cluster.shipping import PackageSpec, archive_bytes, package_spec
from l10n.cluster.worker import SHARD_TOPIC, EngineSettings, ShardResult, draft_shard, probe, receive_package
from l10n.cluster.worker import segment_warning
from l10n.engine.argos import Decoding, load_tokenizer
from l10n.engine.base import MAX_BEAM, BatchCallback, Draft, ProgressCallback
from l10n.engine.packages import InstalledPackage, find_package
from l10n.errors import L10nError
from l10n.languages import SOURCE_LANGUAGE

#: Shards submitted ahead per worker thread: enough that no worker waits for the driver.
SHARDS_PER_THREAD = 3
#: How often a shard may come back from a worker that lacks the package before it is an error.
MAX_MISSING = 5


class ClusterEngine:
    """Implements :class:`l10n.engine.base.Engine` on the workers of ``session`` (a ClusterSession)."""

    def __init__(self, session, package: InstalledPackage, settings: EngineSettings, *,
                 shard_tokens: int = DEFAULT_SHARD_TOKENS):
        self.session = session
        self.package = package
        self.settings = settings
        self.shard_tokens = shard_tokens
        self.source, self.target = package.from_code, package.to_code
        self.origin = f"argos {package.name} {package.version}".strip()  # as ArgosEngine: same store, same catalogs
        self.device = None if settings.device == "auto" else settings.device  # auto: each worker picks
        self._spec: PackageSpec | None = None
        self._archive: tuple[bytes, str] | None = None
        self._tokenizer = None
        self.shipped: set[str] = set()
        self.last: dict = {}  # the last translate call: workers_used, shards, retries, segments, seconds

    @property
    def spec(self) -> PackageSpec:
        if self._spec is None:
            self._spec = package_spec(self.package, same_machine=self.session.address.local)
        return self._spec

    def _lengths(self, texts: Sequence[str]) -> list[int]:
        if self._tokenizer is None:
            self._tokenizer = load_tokenizer(self.package)
        prefix = 1 if self.package.target_prefix else 0
        return [len(self._tokenizer.encode(" ".join(t.split()))) + prefix for t in texts]

    # --- the workers' packages ------------------------------------------------------------------

    def _prepare_workers(self, client) -> dict[str, dict]:
        """Every worker's answer to :func:`probe`; the package shipped to those that lack it."""
        try:
            client.wait_for_workers(1, timeout=self.session.connect_timeout)
        except (TimeoutError, OSError):
            raise L10nError(f"the Dask scheduler at {self.session.address.text} has no workers "
                            f"(none joined within {self.session.connect_timeout:g} s)") from None
        answers = _on_workers(client, probe, self.spec)
        import l10n

        other = {a["l10n"] for a in answers.values()} - {l10n.__version__}
        if other:
            raise L10nError(f"the cluster's workers run l10n {', '.join(sorted(other))}, this driver "
                            f"{l10n.__version__}; install the same version on both")
        self.ship(client, [worker for worker, a in answers.items() if a["package"] is None])
        return answers

    def ship(self, client, workers: list[str]) -> None:
        """Send the package (``.argosmodel`` bytes and their SHA-256) to ``workers``; they install it."""
        if not workers:
            return
        if self._archive is None:
            self._archive = archive_bytes(self.package)
        data, sha256 = self._archive
        _on_workers(client, receive_package, self.spec, data, sha256, workers=workers)
        self.shipped.update(workers)

    # --- translate --------------------------------------------------------------------------------

    def translate(
        self,
        texts: Sequence[str],
        progress: ProgressCallback | None = None,
        *,
        on_batch: BatchCallback | None = None,
    ) -> list[Draft]:
        """Drafts for ``texts`` in input order; ``on_batch``/``progress`` as each shard finishes."""
        texts = list(texts)
        total = len(texts)
        if total == 0:
            return []
        client = self.session.client
        from distributed import as_completed

        answers = self._prepare_workers(client)
        threads = sum(a["nthreads"] for a in answers.values())
        lengths = self._lengths(texts)
        shards = plan_shards(lengths, min(self.shard_tokens, shard_budget(lengths, threads)))
        run = uuid.uuid4().hex
        starts: Counter[int] = Counter()
        lock = threading.Lock()

        def started(event) -> None:  # on the client's event loop: one event per shard start (retries too)
            message = event[1]
            if isinstance(message, dict) and message.get("run") == run:
                with lock:
                    starts[message["shard"]] += 1

        client.subscribe_topic(SHARD_TOPIC, started)
        began = time.perf_counter()
        drafts: list[Draft | None] = [None] * total
        done = 0
        if progress is not None:
            progress(0, total)
        pending = list(range(len(shards)))[::-1]  # popped from the end: the biggest shard first
        owners: dict[str, int] = {}
        live: dict[str, Any] = {}  # the futures not yet read
        missing: Counter[int] = Counter()
        used: set[str] = set()
        devices: set[str] = set()
        window = SHARDS_PER_THREAD * max(1, threads)
        queue = as_completed(loop=client.loop)

        def submit(number: int) -> None:
            future = client.submit(draft_shard, run, number, self.spec, self.settings,
                                   [texts[i] for i in shards[number]],
                                   key=f"l10n-shard-{run}-{number}-{missing[number]}", pure=False)
            owners[future.key] = number
            live[future.key] = future
            queue.add(future)

        try:
            while pending and len(owners) < window:
                submit(pending.pop())
            for future in queue:
                number = owners.pop(future.key)
                del live[future.key]
                result = _result(future, self.session.address.text)
                future.release()
                if result.missing:  # a worker that joined after the start (e.g. restarted): ship, resubmit
                    missing[number] += 1
                    if missing[number] > MAX_MISSING:
                        raise L10nError(f"worker {result.worker} still lacks {self.package.name} after it was shipped")
                    self.ship(client, [result.worker])
                    submit(number)
                    continue
                used.add(result.worker)
                devices.add(result.device)
                indexes = shards[number]
                batch = [Draft(text, score) for text, score in result.drafts]
                for i, draft in zip(indexes, batch):
                    drafts[i] = draft
                for kind, index, detail, extra in result.warnings:
                    warnings.warn(segment_warning(kind, indexes[index], detail, extra), stacklevel=2)
                if on_batch is not None:
                    on_batch(list(indexes), batch)
                done += len(indexes)
                if progress is not None:
                    progress(done, total)
                while pending and len(owners) < window:
                    submit(pending.pop())
        finally:
            client.unsubscribe_topic(SHARD_TOPIC)
            if live:  # stopped by an error or Ctrl-C: the cluster stops the rest too
                client.cancel(list(live.values()))
        seconds = time.perf_counter() - began
        with lock:
            retries = max(0, sum(starts.values()) - len(shards) - sum(missing.values()))
        self._report(len(answers), used, devices, len(shards), retries, total, seconds)
        return drafts  # type: ignore[return-value]  # every shard delivered

    def _report(self, workers: int, used: set[str], devices: set[str], shards: int, retries: int,
                segments: int, seconds: float) -> None:
        self.last = {"workers_used": len(used), "shards": shards, "retries": retries, "segments": segments,
                     "seconds": seconds}
        reports = self.session.reports
        old = reports.get(self.target, {})
        total_seconds = old.get("seconds", 0.0) + seconds
        total_segments = old.get("segments", 0) + segments
        reports[self.target] = {
            "address": self.session.address.text,
            "workers": max(workers, old.get("workers", 0)),
            "workers_used": len(used | set(old.get("used", ()))),
            "used": sorted(used | set(old.get("used", ()))),
            "shards": old.get("shards", 0) + shards,
            "retries": old.get("retries", 0) + retries,
            "segments": total_segments,
            "seconds": round(total_seconds, 3),
            "segments_per_second": round(total_segments / total_seconds, 1) if total_seconds > 0 else None,
            "shipped_to": len(self.shipped),
            "devices": sorted(devices | set(old.get("devices", ()))),
        }


def _on_workers(client, function, *args, workers: list[str] | None = None) -> dict[str, Any]:
    """``client.run`` with what goes wrong on a worker as one line."""
    try:
        return client.run(function, *args, workers=workers)
    except L10nError:
        raise
    except Exception as err:  # noqa: BLE001 - a worker's failure of any kind, reported in one line
        raise L10nError(f"a Dask worker could not run l10n's code ({type(err).__name__}: {err}); "
                        "are l10n and its cluster extra installed on the workers?") from None


def _result(future, address: str) -> ShardResult:
    from distributed import KilledWorker

    try:
        return future.result()
    except KilledWorker as err:
        raise L10nError(f"a shard of segments killed every worker it ran on ({err}); "
                        f"out of memory? (cluster {address})") from None
    except L10nError:
        raise
    except Exception as err:  # noqa: BLE001
        raise L10nError(f"a shard failed on a Dask worker ({type(err).__name__}: {err})") from None


def cluster_engine_factory(session, packages_dir: Path | None = None, beam_size: int = 4,
                           glossary_path: Path | None = None, *, device: str = "auto",
                           shard_tokens: int | None = None):
    """Engines for ``session``'s cluster from the driver's installed Argos packages (glossary as locally)."""
    from l10n.engine.factory import with_glossary

    if not 1 <= beam_size <= MAX_BEAM:
        raise L10nError(f"beam size must be from 1 to {MAX_BEAM}")
    settings = EngineSettings(decoding=replace(Decoding(), beam_size=beam_size), device=device)

    def factory(target: str):
        package = find_package(SOURCE_LANGUAGE, target, packages_dir)
        engine = ClusterEngine(session, package, settings, shard_tokens=shard_tokens or DEFAULT_SHARD_TOKENS)
        return with_glossary(engine, glossary_path)

    return factory
