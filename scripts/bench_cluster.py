"""Drafting on a Dask cluster: 1 vs 2 local workers against the in-process engine, and the cost per shard.

On an Argos-size random-weight package (6+6 layers, d_model 512, 8 heads, ffn
2048, int8; built by scripts/bench_engine.py's builder, in a temporary folder)
and the same news sentences, times:

  (a) the in-process engine (``load_engine(...).translate``: the default, no cluster);
  (b) a LocalCluster of 1 worker process (all cores as its threads);
  (c) a LocalCluster of N worker processes (default 2) of one thread each;

each with the model already loaded on every worker (loading is timed apart, as
are the cluster's start and the package shipped to a worker that lacks it), run
--repeat times in alternation (medians compared: other load on the machine falls
on all three alike). The drafts of (b) and (c) must be the same text as (a)'s.

Then the cost per shard that is not translation, for projecting N machines:

  - scheduling: shards of one empty segment (no model call) through the same
    path, one at a time (latency) and a window of them at once (throughput);
  - serialization: a real shard's task and result through distributed's own
    serializer (bytes and time, both ways);
  - the driver's share: tokenizing for the shard plan, per segment.

On a 2-core machine (b) and (c) should not beat (a): the same two cores do the same
work, plus the messages. The projection for a real cluster is printed at the end
(README "Large archives").

    nice uv run python scripts/bench_cluster.py [--sentences 400] [--workers 2] [--beam 4] [--repeat 3]
                                                [--rate SEGMENTS_PER_S] [--keep DIR]
"""

from __future__ import annotations

import argparse
import logging
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

from l10n.cluster import ClusterSession  # noqa: E402
from l10n.cluster.engine import ClusterEngine  # noqa: E402
from l10n.cluster.shards import DEFAULT_SHARD_TOKENS, plan_shards  # noqa: E402
from l10n.cluster.shipping import archive_bytes, package_spec  # noqa: E402
from l10n.cluster.worker import EngineSettings, ShardResult, draft_shard  # noqa: E402
from l10n.engine.argos import Decoding, available_cores, load_engine, load_tokenizer  # noqa: E402
from l10n.engine.install import install_archive  # noqa: E402
from l10n.engine.packages import find_package  # noqa: E402


def argos_size_package(work: Path, count: int) -> tuple[Path, str, list[str], Decoding | None]:
    """``(packages folder, target language, sentences, fixed decoding or None)`` from bench_engine's builder.

    The rewritten builder (``build_packages``) wires the random model to end its
    sentences at ~1.15x the source; the older one (``ensure_package``) never ends
    them, so every method decodes a fixed 1.3x the longest source.
    """
    import bench_engine

    sentences = bench_engine.news_sentences(count)
    packages = work / "packages"
    if hasattr(bench_engine, "build_packages"):
        archives = bench_engine.build_packages(work / "build", sentences, ["az"])
        for archive in sorted(archives.glob("*.argosmodel")):
            install_archive(archive, packages)
        return packages, "az", sentences, None
    packages = bench_engine.ensure_package(work, sentences)
    tokenizer = load_tokenizer(find_package("en", bench_engine.PAIR[1], packages))
    length = int(1.3 * max(len(tokenizer.encode(s)) for s in sentences))
    return packages, bench_engine.PAIR[1], sentences, Decoding(min_decoding_length=length,
                                                                max_decoding_length=length)


def timed(function, *args, **kwargs):
    start = time.perf_counter()
    value = function(*args, **kwargs)
    return value, time.perf_counter() - start


def preload(spec, settings: EngineSettings, dask_worker=None) -> float:
    """On a worker: find the package and load its engine (what the first shard would do); seconds."""
    from l10n.cluster.shipping import find_package_copy
    from l10n.cluster.worker import worker_engine

    start = time.perf_counter()
    worker_engine(find_package_copy(spec, Path(dask_worker.local_directory)), settings, dask_worker.state.nthreads)
    return time.perf_counter() - start


class Cluster:
    """A ``local:N`` session kept open across repeats, its workers' models loaded."""

    def __init__(self, workers: int, package, settings: EngineSettings):
        self.session = ClusterSession(f"local:{workers}")
        _, self.start = timed(lambda: self.session.client)
        self.engine = ClusterEngine(self.session, package, settings)
        self.engine._prepare_workers(self.session.client)
        self.load = max(self.session.client.run(preload, self.engine.spec, settings).values())

    def run(self, sentences: list[str]) -> tuple[list[str], float]:
        drafts, seconds = timed(self.engine.translate, sentences)
        return [d.text for d in drafts], seconds


def shard_overhead(session, package, settings: EngineSettings, count: int = 200) -> dict:
    """Seconds per shard of scheduling and messages, with no translation in it (one empty segment)."""
    client = session.client
    spec = package_spec(package, same_machine=session.address.local)
    latencies = []
    for n in range(20):
        future = client.submit(draft_shard, "bench", n, spec, settings, [""], pure=False)
        _, seconds = timed(future.result)
        latencies.append(seconds)
    futures = [client.submit(draft_shard, "bench", n, spec, settings, [""], pure=False) for n in range(count)]
    start = time.perf_counter()
    client.gather(futures)
    throughput = count / (time.perf_counter() - start)
    del futures
    return {"latency": statistics.median(latencies[5:]), "shards_per_second": throughput}


def serialization(package, settings: EngineSettings, sentences: list[str], drafts: list[str]) -> dict:
    """A real (default-size) shard's task and result through distributed's serializer."""
    from distributed.protocol import deserialize_bytes, serialize_bytes

    tokenizer = load_tokenizer(package)
    lengths = [len(tokenizer.encode(s)) for s in sentences]
    shard = plan_shards(lengths, DEFAULT_SHARD_TOKENS)[0]
    spec = package_spec(package, same_machine=False)
    task = (draft_shard, "bench", 0, spec, settings, [sentences[i] for i in shard])
    result = ShardResult(worker="tcp://10.0.0.1:40000", drafts=[(drafts[i], -0.5) for i in shard], seconds=1.0)
    out = {"shard_segments": len(shard)}
    for name, value in (("task", task), ("result", result)):
        data, dumps = timed(lambda: [serialize_bytes(value) for _ in range(50)])
        _, loads = timed(lambda: [deserialize_bytes(data[0]) for _ in range(50)])
        out[f"{name}_bytes"] = len(data[0])
        out[f"{name}_ms"] = (dumps + loads) / 50 * 1000
    _, tokenize = timed(lambda: [tokenizer.encode(s) for s in sentences])
    out["tokenize_us_per_segment"] = tokenize / len(sentences) * 1e6
    out["store_ms"] = store_cost(shard, sentences, drafts)
    return out


def store_cost(shard: list[int], sentences: list[str], drafts: list[str], repeat: int = 20) -> float:
    """Milliseconds the driver spends keeping one shard's drafts in the draft store (one commit)."""
    from l10n.store import DraftStore, StoredDraft

    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "locales").mkdir()
        store = DraftStore(Path(folder) / "locales" / "drafts.sqlite")
        _, seconds = timed(lambda: [store.record([StoredDraft(f"doc{n}", "az", sentences[i], "bench", drafts[i], -0.5)
                                                  for i in shard]) for n in range(repeat)])
    return seconds / repeat * 1000


def shipping(package, settings: EngineSettings, empty: Path) -> dict:
    """Seconds to build the archive, and to ship and install it on a worker that lacks it.

    The worker is a LocalCluster's, reached by its tcp:// address as a remote one
    would be (so it does not use the driver's folder), with an empty Argos folder.
    """
    import distributed

    (data, _sha), build = timed(archive_bytes, package)
    cluster = distributed.LocalCluster(n_workers=1, threads_per_worker=1, host="127.0.0.1",
                                       dashboard_address="127.0.0.1:0", silence_logs=logging.ERROR,
                                       env={"ARGOS_PACKAGES_DIR": str(empty)})
    try:
        with ClusterSession(cluster.scheduler_address) as session:
            engine = ClusterEngine(session, package, settings)
            _, ship = timed(engine._prepare_workers, session.client)
            shipped = len(engine.shipped)
    finally:
        cluster.close()
    return {"archive_mb": len(data) / 1e6, "archive_s": build, "ship_s": ship, "shipped": shipped}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sentences", type=int, default=400)
    parser.add_argument("--workers", type=int, default=2, help="worker processes of run (c)")
    parser.add_argument("--beam", type=int, default=4)
    parser.add_argument("--repeat", type=int, default=3, help="runs of (a), (b), (c), alternated; medians")
    parser.add_argument("--rate", type=float, help="segments/s of one worker machine for the projection "
                        "(default: (a) as measured here)")
    parser.add_argument("--keep", type=Path, help="build the package here (and keep it) instead of a temp folder")
    args = parser.parse_args()
    import distributed  # noqa: F401  (its logging set up first, then quieted)

    logging.getLogger("distributed").setLevel(logging.ERROR)
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-cluster-"))
    try:
        bench(args, work)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


def bench(args, work: Path) -> None:
    cores = available_cores()
    print(f"{cores} cores; building the Argos-size random package in {work} ...", flush=True)
    (packages, lang, sentences, fixed), build = timed(argos_size_package, work, args.sentences)
    decoding = fixed or Decoding(beam_size=args.beam)
    if fixed is not None:
        decoding = Decoding(beam_size=args.beam, min_decoding_length=fixed.min_decoding_length,
                            max_decoding_length=fixed.max_decoding_length)
    package = find_package("en", lang, packages)
    print(f"built in {build:.0f} s: {package.name}, {len(sentences)} sentences, beam {args.beam}", flush=True)

    settings = EngineSettings(decoding=decoding)
    engine = load_engine("en", lang, packages_dir=packages, decoding=decoding)
    engine.translate(sentences[:2])  # the model loaded, as the clusters' are
    clusters = {"b": Cluster(1, package, settings), "c": Cluster(args.workers, package, settings)}
    times: dict[str, list[float]] = {"a": [], "b": [], "c": []}
    local: list[str] = []
    same = {"b": True, "c": True}
    for _ in range(args.repeat):  # alternated, so the machine's other load falls on each alike
        drafts, seconds = timed(engine.translate, sentences)
        local = [d.text for d in drafts]
        times["a"].append(seconds)
        for label, cluster in clusters.items():
            texts, seconds = cluster.run(sentences)
            times[label].append(seconds)
            same[label] = same[label] and texts == local
    median = {label: statistics.median(values) for label, values in times.items()}
    print(f"(a) in-process engine: {median['a']:.2f} s, {len(sentences) / median['a']:.1f} segments/s "
          f"(median of {args.repeat})", flush=True)
    for label, cluster in clusters.items():
        last = cluster.engine.last
        print(f"({label}) {cluster.session.address.text}: {median[label]:.2f} s, "
              f"{len(sentences) / median[label]:.1f} segments/s, {last['shards']} shards on {last['workers_used']} "
              f"worker(s); {median['a'] / median[label]:.2f}x (a); "
              f"{'same drafts' if same[label] else 'DRAFTS DIFFER'}; cluster start {cluster.start:.1f} s, "
              f"model load {cluster.load:.1f} s", flush=True)
    c = shard_overhead(clusters["c"].session, package, settings)
    for cluster in clusters.values():
        cluster.session.close()
    local_s = median["a"]
    cost = serialization(package, settings, sentences, local)
    ship = shipping(package, settings, work / "empty-argos")
    print()
    print("cost per shard (no translation):")
    print(f"  one at a time: {c['latency'] * 1000:.1f} ms round trip; pipelined: {c['shards_per_second']:.0f} shards/s "
          f"({1000 / c['shards_per_second']:.1f} ms each) through one scheduler")
    print(f"  a {cost['shard_segments']}-segment shard: task {cost['task_bytes'] / 1e3:.1f} kB "
          f"({cost['task_ms']:.2f} ms to serialize and back), result {cost['result_bytes'] / 1e3:.1f} kB "
          f"({cost['result_ms']:.2f} ms)")
    print(f"  driver: tokenizing for the plan {cost['tokenize_us_per_segment']:.0f} us per segment; keeping a "
          f"shard's drafts in the draft store {cost['store_ms']:.1f} ms")
    print(f"  the package as .argosmodel bytes: {ship['archive_mb']:.0f} MB, built in {ship['archive_s']:.1f} s; "
          f"shipped to {ship['shipped']} worker that lacked it and installed there in {ship['ship_s']:.1f} s")
    per_machine = args.rate or len(sentences) / local_s
    shard_s = cost["shard_segments"] / per_machine
    print()
    print(f"projection (a machine like this one drafts {per_machine:.1f} segments/s; a {cost['shard_segments']}-segment "
          f"shard is {shard_s:.1f} s of work):")
    segments = 100_000 * 25 * 2
    for machines in (1, 10, 100):
        compute = segments / (per_machine * machines)
        shards = segments / cost["shard_segments"]
        scheduler = shards / c["shards_per_second"]  # the scheduler's busy time, spread over the run
        ship_s = machines * ship["ship_s"]  # measured here; one worker after another out of the driver
        driver = shards * (cost["store_ms"] + cost["result_ms"]) / 1000 + segments * cost["tokenize_us_per_segment"] / 1e6
        print(f"  {segments:,} segments (100k articles x 25 x 2 languages) on {machines:3d} machine(s): "
              f"{compute / 3600:6.1f} h drafting + {ship_s / 60:.1f} min shipping the package; "
              f"scheduler busy {scheduler / compute:.1%}, driver busy {driver / compute:.1%} of the run")


if __name__ == "__main__":
    main()
