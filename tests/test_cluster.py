"""Issue 15, drafting on a Dask cluster: a real LocalCluster of two single-threaded worker processes on
127.0.0.1 (one per module: starting one takes seconds) drafts the demo project with the real demo
packages. The catalogs are byte-identical to a local run (dates aside), a worker SIGKILLed mid-run loses
nothing, a worker that lacks the package gets it shipped, and the errors are one line.

The module's cluster is reached by its tcp:// address, as a remote scheduler would be: the workers do not
use the driver's package folder (only ``local[:N]`` clusters, on the driver's machine, do), so they look
in their own (empty) Argos folder and get the package shipped.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from l10n.cli import app
from l10n.cli.commands_catalog import _cluster_line
from l10n.cluster import ClusterSession, parse_address
from l10n.cluster.shards import DEFAULT_SHARD_TOKENS, MIN_SHARD_TOKENS, plan_shards, shard_budget, shard_work
from l10n.cluster.shipping import SHIPPED_DIR
from l10n.cluster.worker import SHARD_TOPIC
from l10n.demo import make_demo_project
from l10n.engine.argos import load_engine
from l10n.errors import L10nError
from l10n.project import Project
from l10n.store import DraftStore
from l10n.translate import translate_paths, translate_project

from test_engine_argos import corpus

distributed = pytest.importorskip("distributed")
runner = CliRunner()
DATE_HEADERS = (b'"POT-Creation-Date:', b'"PO-Revision-Date:')


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """Two worker processes of one thread each, with an Argos packages folder of their own (empty)."""
    empty = tmp_path_factory.mktemp("worker-argos")
    local = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None,
        silence_logs=logging.ERROR, env={"ARGOS_PACKAGES_DIR": str(empty)},
        local_directory=str(tmp_path_factory.mktemp("dask")),
    )
    client = distributed.Client(local, set_as_default=False)
    yield local, client
    client.close()
    local.close()


def _forget_shipped(client) -> None:
    """Workers as they start: no shipped package on disk, none remembered by the process."""
    def forget(dask_worker=None):
        from l10n.cluster import shipping, worker

        shipping._FOUND.clear()
        worker._ENGINES.clear()
        shutil.rmtree(Path(dask_worker.local_directory) / SHIPPED_DIR, ignore_errors=True)

    client.wait_for_workers(2, timeout=60)
    client.run(forget)


def _demo(root: Path, extra_article: bool = False) -> Path:
    make_demo_project(root)
    if extra_article:  # ~50 more segments the demo models know: several shards
        text = "\n\n".join(row["en"] for row in corpus()) + "\n"
        (root / "source" / "news.txt").write_text(text, encoding="utf-8")
    return root


def _catalogs(root: Path) -> dict[str, bytes]:
    """Every template and catalog with its date headers left out."""
    return {p.relative_to(root).as_posix(): b"\n".join(line for line in p.read_bytes().split(b"\n")
                                                       if not line.startswith(DATE_HEADERS))
            for p in sorted((root / "locales").rglob("*")) if p.suffix in (".po", ".pot")}


def _drafts(root: Path) -> list[tuple]:
    return sorted((d.doc, d.lang, d.msgid, d.origin, d.draft, d.score)
                  for d in DraftStore(Project.open(root).store_path).drafts_in(["az", "ru"]))


def _assert_same_drafts(drafts: list[tuple], expected: list[tuple]) -> None:
    """The same draft texts; a score may differ in the 7th digit (shards batch the segments differently,
    as --workers does in-process: CTranslate2 pads a batch to its longest segment)."""
    assert [d[:5] for d in drafts] == [d[:5] for d in expected]
    assert [d[5] for d in drafts] == pytest.approx([d[5] for d in expected], abs=1e-5)


@pytest.fixture(scope="module")
def local_run(tmp_path_factory):
    """The reference: the same project drafted in this process (the default engine)."""
    root = _demo(tmp_path_factory.mktemp("local") / "project", extra_article=True)
    translate_paths([root])
    return root


# --- the address, shards: pure ------------------------------------------------------------------


@pytest.mark.parametrize("text, scheduler, workers", [
    ("local", None, 0),
    ("local:3", None, 3),
    ("tcp://10.0.0.5:8786", "tcp://10.0.0.5:8786", 0),
    ("scheduler.example:8786", "tcp://scheduler.example:8786", 0),
    ("tls://[::1]:8786", "tls://[::1]:8786", 0),
])
def test_cluster_addresses(text, scheduler, workers):
    address = parse_address(text)
    assert (address.scheduler, address.workers, address.local) == (scheduler, workers, scheduler is None)


@pytest.mark.parametrize("text", ["local:0", "local:x", "local:65", "tcp://host", "http://host:80", "host:0",
                                  "tcp://host:99999", ""])
def test_bad_cluster_addresses_are_one_line(text):
    with pytest.raises(L10nError, match="--cluster"):
        parse_address(text)


def test_shards_are_length_sorted_within_the_budget_biggest_first():
    lengths = [5, 40, 3, 40, 12, 7, 300]
    shards = plan_shards(lengths, 100)
    assert sorted(i for shard in shards for i in shard) == list(range(len(lengths)))
    assert shards[0] == [6]  # longer than the budget: a shard of its own, and the most work
    for shard in shards:
        assert [lengths[i] for i in shard] == sorted(lengths[i] for i in shard)
        assert len(shard) == 1 or shard_work(shard, lengths) <= 100
    works = [shard_work(s, lengths) for s in shards]
    assert works == sorted(works, reverse=True)


def test_a_small_run_is_cut_so_that_every_worker_thread_gets_two_shards():
    assert shard_budget([30] * 10_000, threads=8) == DEFAULT_SHARD_TOKENS  # an archive: full-size shards
    assert shard_budget([30] * 100, threads=2) == 750  # 3000 tokens over 2 x 2 shards
    assert shard_budget([30] * 10, threads=4) == MIN_SHARD_TOKENS  # never tiny: messages would cost more


def test_a_workers_engine_keeps_a_shard_in_full_size_batches(tmp_path):
    """Dask runs nthreads shards at once, so a shard is not cut again for the CTranslate2 workers."""
    from l10n.engine.argos import ArgosEngine
    from l10n.engine.packages import find_package

    package = find_package("en", "az", _demo(tmp_path / "project") / "packages")
    chunks, todo = [["\u2581w"] * 20 for _ in range(10)], list(range(10))  # 200 tokens
    assert len(ArgosEngine(package, workers=2, threads=1)._batches(chunks, todo)) == 4  # in-process: spread
    assert len(ArgosEngine(package, workers=2, threads=1, spread=False)._batches(chunks, todo)) == 1


def test_the_cluster_setting_in_l10n_toml(tmp_path):
    (tmp_path / "source").mkdir()
    (tmp_path / "l10n.toml").write_text('[cluster]\naddress = "tcp://10.1.2.3:8786"\nconnect_timeout = 2.5\n')
    project = Project.open(tmp_path)
    assert (project.cluster.address, project.cluster.connect_timeout) == ("tcp://10.1.2.3:8786", 2.5)
    for bad, message in [('address = "nowhere"', "l10n.toml: \\[cluster\\] address: --cluster"),
                         ("address = 5", "l10n.toml: \\[cluster\\] address must be"),
                         ("connect_timeout = -1", "connect_timeout must be"),
                         ('workers = 4', "unknown \\[cluster\\] setting")]:
        (tmp_path / "l10n.toml").write_text(f"[cluster]\n{bad}\n")
        with pytest.raises(L10nError, match=message):
            Project.open(tmp_path)


# --- a real cluster ------------------------------------------------------------------------------


def test_the_cluster_drafts_the_same_catalogs_and_ships_the_package(cluster, local_run, tmp_path, msgfmt):
    local, client = cluster
    _forget_shipped(client)
    root = _demo(tmp_path / "project", extra_article=True)
    result = translate_paths([root], cluster=local.scheduler_address)
    assert _catalogs(root) == _catalogs(local_run)
    _assert_same_drafts(_drafts(root), _drafts(local_run))  # the raw drafts in the store too
    report = {s.language: s.cluster for s in result.languages}
    assert set(report) == {"az", "ru"}
    distinct = len({d[2] for d in _drafts(root)})
    for lang, done in report.items():
        assert done["workers"] == 2 and done["shards"] >= 1 and done["retries"] == 0
        assert done["segments"] == distinct and done["segments_per_second"] > 0
    # neither worker had the package (their Argos folder is empty): shipped to both, installed worker-local
    assert report["az"]["shipped_to"] == 2
    installed = client.run(lambda dask_worker=None: sorted(
        p.name for p in (Path(dask_worker.local_directory) / SHIPPED_DIR).glob("*/translate-*")))
    assert all(names == ["translate-en_az-1_0", "translate-en_ru-1_0"] for names in installed.values()), installed
    for catalog in (root / "locales").rglob("*.po"):
        subprocess.run([msgfmt, "--check", "-o", os.devnull, str(catalog)], check=True)


def test_a_worker_killed_mid_run_loses_nothing(cluster, local_run, tmp_path):
    """SIGKILL (by PID) the worker that starts the first shard; its shards run again elsewhere."""
    local, client = cluster
    client.wait_for_workers(2, timeout=60)
    pids = client.run(os.getpid)
    killed: list[int] = []

    def kill_first(event) -> None:
        worker = event[1]["worker"]
        if not killed and worker in pids:
            os.kill(pids[worker], signal.SIGKILL)
            killed.append(pids[worker])

    client.subscribe_topic(SHARD_TOPIC, kill_first)
    root = _demo(tmp_path / "project", extra_article=True)
    project = Project.open(root)
    try:
        with ClusterSession(local.scheduler_address) as session:
            factory = session.engine_factory(root / "packages", shard_tokens=96)  # ~4 segments a shard
            translate_project(project, project.documents(), ["az"], factory)
    finally:
        client.unsubscribe_topic(SHARD_TOPIC)
    assert killed
    with pytest.raises(ProcessLookupError):
        os.kill(killed[0], 0)  # that worker is gone
    report = session.report("az")
    assert report["shards"] > 5
    assert report["retries"] >= 1  # the killed worker's shard ran again
    reference = {k: v for k, v in _catalogs(local_run).items() if "/ru/" not in k}
    assert _catalogs(root) == reference
    _assert_same_drafts(_drafts(root), [d for d in _drafts(local_run) if d[1] == "az"])


def test_drafts_reach_the_store_as_shards_finish(cluster, tmp_path):
    """on_batch gets each shard's drafts while others are still running (the driver may die after)."""
    local, _ = cluster
    root = _demo(tmp_path / "project")
    seen: list[int] = []
    with ClusterSession(local.scheduler_address) as session:
        engine = session.engine_factory(root / "packages", shard_tokens=96)("az")
        texts = [row["en"] for row in corpus()]
        drafts = engine.translate(texts, on_batch=lambda indexes, batch: seen.append(len(indexes)))
    assert len(seen) == session.report("az")["shards"] > 5
    assert sum(seen) == len(texts)
    local = load_engine("en", "az", packages_dir=root / "packages").translate(texts)
    assert [d.text for d in drafts] == [d.text for d in local]


def test_a_shard_that_fails_on_a_worker_is_one_line(cluster, tmp_path):
    """A worker's L10nError (here: --device cuda on workers without a GPU) reaches the driver as it is."""
    local, _ = cluster
    root = _demo(tmp_path / "project")
    with ClusterSession(local.scheduler_address) as session:
        engine = session.engine_factory(root / "packages", device="cuda")("az")
        with pytest.raises(L10nError, match="device cuda: CTranslate2 sees no CUDA GPU"):
            engine.translate(["Trade grew by five percent."])


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_an_unreachable_scheduler_is_one_line_after_the_timeout(tmp_path, monkeypatch):
    root = _demo(tmp_path / "project")
    with (root / "l10n.toml").open("a") as fh:
        fh.write("\n[cluster]\nconnect_timeout = 1\n")
    monkeypatch.chdir(root)
    address = f"tcp://127.0.0.1:{_free_port()}"
    result = runner.invoke(app, ["translate", "--cluster", address])
    assert result.exit_code == 2
    assert result.stderr.strip() == result.stderr.strip().splitlines()[0]  # one line
    assert f"cannot reach the Dask scheduler at {address} within 1 s" in result.stderr
    assert not list((root / "locales").rglob("*.po"))  # nothing written


def test_without_the_extra_the_option_is_one_line(tmp_path, monkeypatch):
    root = _demo(tmp_path / "project")
    monkeypatch.chdir(root)
    monkeypatch.setitem(sys.modules, "distributed", None)  # `import distributed` fails as if not installed
    result = runner.invoke(app, ["translate", "--cluster", "local:2"])
    assert result.exit_code == 2
    assert "l10n[cluster]" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert not list((root / "locales").rglob("*.po"))


def test_an_unchanged_project_starts_no_cluster(tmp_path, monkeypatch):
    root = _demo(tmp_path / "project")
    translate_paths([root])
    monkeypatch.setitem(sys.modules, "distributed", None)  # would fail if anything tried to connect
    result = translate_paths([root], cluster="local:2")
    assert [s.cluster for s in result.languages] == [None, None] and result.written == []


def test_cli_local_cluster_and_the_summary_line(tmp_path, monkeypatch, local_run):
    """``--cluster local:1`` starts (and stops) a LocalCluster of its own; the workers use the driver's folder."""
    root = _demo(tmp_path / "project", extra_article=True)
    monkeypatch.chdir(root)
    result = runner.invoke(app, ["translate", "--cluster", "local:1", "--json"])
    assert result.exit_code == 0, result.output
    report = {s["language"]: s["cluster"] for s in json.loads(result.stdout)["languages"]}
    assert report["az"]["address"] == "local:1" and report["az"]["workers"] == report["az"]["workers_used"] == 1
    assert report["az"]["shipped_to"] == 0  # same machine: the driver's package folder, checked by digest
    assert _catalogs(root) == _catalogs(local_run)
    line = _cluster_line(report["az"])
    assert line.startswith(f"drafted on the Dask cluster local:1: 1 of 1 worker(s), {report['az']['shards']} "
                           f"shard(s), 0 retried, {report['az']['segments']} segments in ")
    assert "shipped" not in line
    assert _cluster_line({**report["az"], "shipped_to": 3}).endswith(
        "; package shipped to 3 worker(s) that lacked it")


def test_without_the_option_dask_is_never_imported(tmp_path):
    root = _demo(tmp_path / "project")
    code = ("import sys; from l10n.translate import translate_paths; translate_paths([sys.argv[1]]);"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed', 'l10n.cluster')))")
    out = subprocess.run([sys.executable, "-c", code, str(root)], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
    assert list((root / "locales").rglob("*.po"))  # it did draft


def test_help_imports_no_dask():
    code = ("import sys, runpy; sys.argv = ['l10n', 'translate', '--help']\n"
            "try:\n    runpy.run_module('l10n', run_name='__main__')\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed') "
            "or m.startswith('l10n.cluster')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "--cluster" in out
    assert out.strip().splitlines()[-1] == "[]"


def test_the_report_counts_each_language_once_per_call(cluster, tmp_path):
    local, _ = cluster
    root = _demo(tmp_path / "project")
    with ClusterSession(local.scheduler_address) as session:
        engine = session.engine_factory(root / "packages")("ru")
        engine.translate(["Trade grew by five percent."])
        engine.translate([])
        engine.translate(["Trade grew by five percent.", "The committee met in Baku on Monday."])
    report = session.report("ru")
    assert report["segments"] == 3 and report["shards"] == 2  # two calls, one shard each; the empty call none
