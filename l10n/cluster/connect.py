"""Where the cluster is: the ``--cluster`` address, the Dask client, and one-line errors.

``tcp://HOST:PORT`` (or ``tls://``, ``ws://``, ``wss://``; a bare ``HOST:PORT`` is
TCP) connects to a running Dask scheduler; ``local`` starts a LocalCluster of one
worker process per core on 127.0.0.1 and ``local:N`` one of N, for the life of
the run. Nothing connects or starts until the first engine is needed, so an
unchanged project starts no cluster. Without the ``l10n[cluster]`` extra
(dask + distributed) the first use is one line saying how to install it.
"""

from __future__ import annotations

import logging
import re
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from l10n.engine.base import MAX_WORKERS
from l10n.errors import L10nError

DEFAULT_CONNECT_TIMEOUT = 10.0
EXTRA_HINT = "install the cluster extra: pip install 'l10n[cluster]' (in this repository: uv sync --extra cluster)"
#: Dask settings for the workers of a local cluster. The nanny's MALLOC_TRIM_THRESHOLD_ (set so that
#: workers hand memory back) turns off glibc's adaptive mmap threshold, and CTranslate2, which allocates
#: and frees large buffers at every decoding step, ran 1.4-1.6x slower with it; the statistical profiler
#: samples every thread's stack every 10 ms for the web page. Remote workers: see README "Large archives".
WORKER_CONFIG = {
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
    "distributed.worker.profile.enabled": False,
}
_REMOTE = re.compile(r"^(?:(tcp|tls|ws|wss)://)?([A-Za-z0-9._\-]+|\[[0-9A-Fa-f:.]+\]):(\d{1,5})$")


@dataclass(frozen=True)
class ClusterAddress:
    """A parsed ``--cluster`` value: a scheduler address, or a local cluster of ``workers`` processes."""

    text: str
    scheduler: str | None = None  # tcp://host:port
    workers: int = 0  # local: worker processes (0: one per core)

    @property
    def local(self) -> bool:
        return self.scheduler is None


def parse_address(text: str) -> ClusterAddress:
    """``local``, ``local:N`` or a scheduler address; L10nError for anything else."""
    value = text.strip()
    if value == "local" or value.startswith("local:"):
        count = value.partition(":")[2]
        if count and not (count.isascii() and count.isdigit() and 1 <= int(count) <= MAX_WORKERS):
            raise L10nError(f"--cluster {text!r}: local:N needs N from 1 to {MAX_WORKERS}")
        return ClusterAddress(value, None, int(count) if count else 0)
    match = _REMOTE.match(value)
    if match is None or not 0 < int(match.group(3)) < 65536:
        raise L10nError(f"--cluster {text!r}: expected a Dask scheduler address (tcp://HOST:PORT) or local[:N]")
    scheme = match.group(1) or "tcp"
    return ClusterAddress(value, f"{scheme}://{match.group(2)}:{match.group(3)}")


def require_distributed():
    """The ``distributed`` module, or L10nError when the extra is not installed."""
    try:
        import distributed
    except ImportError as err:
        raise L10nError(f"--cluster needs dask and distributed ({err}); {EXTRA_HINT}") from None
    return distributed


class ClusterSession:
    """A Dask client for one run, connected (or a LocalCluster started) on first use, closed on exit.

    ``engine_factory`` makes the run's engines; ``report(lang)`` is what the
    engine of that language did (workers, shards, retries, shipping), for the summary.
    """

    def __init__(self, address: str, *, connect_timeout: float = DEFAULT_CONNECT_TIMEOUT):
        self.address = parse_address(address)
        self.connect_timeout = connect_timeout
        self._client: Any = None
        self._cluster: Any = None
        self._starting = threading.Lock()  # two languages draft at once: one cluster, started once
        self.reports: dict[str, dict] = {}

    def __enter__(self) -> ClusterSession:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def client(self):
        with self._starting:
            if self._client is None:
                self._client = self._connect()
        return self._client

    def _connect(self):
        distributed = require_distributed()
        if self.address.local:
            return self._start_local(distributed)
        try:
            return distributed.Client(self.address.scheduler, timeout=self.connect_timeout, set_as_default=False)
        except (OSError, TimeoutError) as err:
            reason = " ".join(str(err).split()) or type(err).__name__
            raise L10nError(f"cannot reach the Dask scheduler at {self.address.scheduler} within "
                            f"{self.connect_timeout:g} s: {reason}") from None

    def _start_local(self, distributed):
        from l10n.engine.argos import available_cores

        cores = available_cores()
        workers = self.address.workers or cores
        import dask

        try:
            with dask.config.set(WORKER_CONFIG):
                self._cluster = distributed.LocalCluster(
                    n_workers=workers, threads_per_worker=max(1, cores // workers), processes=True,
                    host="127.0.0.1", dashboard_address=None,  # no web page (its import raced with a second language)
                    silence_logs=logging.ERROR,
                )
            return distributed.Client(self._cluster, set_as_default=False)
        except (OSError, RuntimeError, TimeoutError) as err:
            self.close()
            raise L10nError(f"cannot start a local Dask cluster of {workers} worker(s): "
                            f"{' '.join(str(err).split()) or type(err).__name__}") from None

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None

    def engine_factory(self, packages_dir: Path | None = None, beam_size: int = 4, glossary_path: Path | None = None,
                       *, device: str = "auto", shard_tokens: int | None = None):
        """An :data:`l10n.engine.factory.EngineFactory` whose engines draft on this cluster."""
        from l10n.cluster.engine import cluster_engine_factory

        return cluster_engine_factory(self, packages_dir, beam_size, glossary_path, device=device,
                                      shard_tokens=shard_tokens)

    def report(self, lang: str) -> dict | None:
        return self.reports.get(lang)
