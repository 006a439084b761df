"""Issue 10, the engine: batches run concurrently on every core (workers x threads planned from
the cores; two languages share them), drafts are handed over as batches finish, and the device is chosen (auto: CUDA when
CTranslate2 sees a GPU; tested without one). The real path uses the committed demo packages; no test
measures time.
"""

from __future__ import annotations

import os
import threading
import time
import warnings

import pytest

from l10n.engine import argos
from l10n.engine.argos import load_engine, plan_workers, resolve_device
from l10n.engine.base import Draft, delivers_batches
from l10n.engine.slots import BatchSlots
from l10n.errors import L10nError

from test_engine_argos import DEMO, corpus, installed  # noqa: F401  (installed: the demo packages fixture)


# --- workers x threads from the cores -----------------------------------------------------------


@pytest.mark.parametrize(
    "cores, workers, threads, expected",
    [
        (1, 0, 0, (1, 1)),
        (2, 0, 0, (2, 1)),  # this machine: two single-threaded workers
        (8, 0, 0, (8, 1)),
        (32, 0, 0, (8, 4)),  # at most 8 workers by default; the other cores become their threads
        (4, 1, 0, (1, 4)),  # one given: the other fills the cores
        (4, 0, 2, (2, 2)),
        (4, 3, 0, (3, 1)),
        (2, 4, 3, (4, 3)),  # both given: as given, even oversubscribed
    ],
)
def test_workers_and_threads_are_planned_from_the_cores(cores, workers, threads, expected):
    assert plan_workers(cores, workers, threads) == expected


def test_one_worker_feeds_a_gpu():
    assert plan_workers(16, device="cuda") == (1, 1)
    assert plan_workers(16, 2, device="cuda") == (2, 1)


def test_the_engine_plans_from_the_process_affinity(installed, monkeypatch):
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1, 2})
    engine = load_engine("en", "az")
    assert (engine.workers, engine.threads) == (3, 1)
    assert (load_engine("en", "az", workers=1).workers, load_engine("en", "az", workers=1).threads) == (1, 3)


def test_the_translator_has_one_replica_per_worker(installed):
    engine = load_engine("en", "az", workers=3, threads=1)
    assert engine.translator.num_translators == 3
    assert engine.translator is not load_engine("en", "az", workers=2, threads=1).translator


@pytest.mark.parametrize("workers, threads", [(-1, 0), (0, -2), (65, 0), (0, 257)])
def test_workers_and_threads_are_bounded(installed, workers, threads):
    with pytest.raises(L10nError, match="workers must be from 1 to 64"):
        load_engine("en", "az", workers=workers, threads=threads)


# --- batches run at once -------------------------------------------------------------------------


class Spy:
    """A translator that records which batches run at once (synchronous calls, as the engine makes)."""

    def __init__(self, real, name, log, lock):
        self.real, self.name, self.log, self.lock = real, name, log, lock

    def translate_batch(self, source, **kwargs):
        assert not kwargs.get("asynchronous")
        with self.lock:
            self.log.append(("start", self.name))
        try:
            return self.real.translate_batch(source, **kwargs)
        finally:
            with self.lock:
                self.log.append(("end", self.name))


def spy_on(monkeypatch, engines, log):
    lock = threading.Lock()
    spies = {id(e): Spy(e.translator, e.target, log, lock) for e in engines}
    monkeypatch.setattr(argos.ArgosEngine, "translator", property(lambda self: spies[id(self)]))


def most_at_once(log) -> int:
    running = peak = 0
    for kind, _ in log:
        running += 1 if kind == "start" else -1
        peak = max(peak, running)
    return peak


def test_every_worker_runs_a_batch_at_once(installed, monkeypatch):
    rows = corpus()[:20]
    engine = load_engine("en", "ru", workers=2, threads=1, max_batch_tokens=30)
    log = []
    spy_on(monkeypatch, [engine], log)
    drafts = engine.translate([r["en"] for r in rows])
    assert [d.text for d in drafts] == [r["ru"] for r in rows]
    assert sum(1 for kind, _ in log if kind == "start") > 4
    assert most_at_once(log) == 2


def test_two_languages_share_the_workers_the_earlier_call_first(installed, monkeypatch):
    """az and ru drafted at once on 2 workers: never more than 2 batches run, and ru's start once
    az has no batch left to start (each model keeps the cores while it has work)."""
    rows = corpus()
    az = load_engine("en", "az", workers=2, threads=1, max_batch_tokens=30)
    ru = load_engine("en", "ru", workers=2, threads=1, max_batch_tokens=30)
    log: list[tuple[str, str]] = []
    spy_on(monkeypatch, [az, ru], log)
    got = {}
    az_started = threading.Event()

    def draft(engine, progress=None):
        got[engine.target] = engine.translate([r["en"] for r in rows], progress=progress)

    first = threading.Thread(target=draft, args=(az, lambda done, total: az_started.set()))
    first.start()
    assert az_started.wait(30)  # az's call has its ticket before ru's
    second = threading.Thread(target=draft, args=(ru,))
    second.start()
    first.join(60), second.join(60)
    assert [d.text for d in got["az"]] == [r["az"] for r in rows]
    assert [d.text for d in got["ru"]] == [r["ru"] for r in rows]
    assert most_at_once(log) == 2
    starts = [name for kind, name in log if kind == "start"]
    last_az = [k for k, name in enumerate(starts) if name == "az"][-2]
    assert starts[:last_az].count("ru") <= 1  # at most one, while az's second thread was starting: it took
    # the slot back after that batch, and ru's batches ran once az's were all started
    assert set(starts) == {"az", "ru"}
    assert argos.batch_slots("cpu", 2).free == 2


def test_an_error_in_a_batch_is_raised_and_no_slot_is_kept(installed, monkeypatch):
    engine = load_engine("en", "az", workers=2, threads=1, max_batch_tokens=30)

    class Broken:
        def translate_batch(self, source, **kwargs):
            raise RuntimeError("out of memory")

    monkeypatch.setattr(argos.ArgosEngine, "translator", property(lambda self: Broken()))
    with pytest.raises(RuntimeError, match="out of memory"):
        engine.translate([r["en"] for r in corpus()[:10]])
    deadline = time.monotonic() + 10
    while argos.batch_slots("cpu", 2).free != 2 and time.monotonic() < deadline:
        time.sleep(0.01)  # the other thread ends its batch and lets go
    assert argos.batch_slots("cpu", 2).free == 2


# --- the slots themselves ---------------------------------------------------------------------------


def test_slots_go_to_the_earliest_ticket_waiting():
    slots = BatchSlots(1)
    first, second, third = slots.ticket(), slots.ticket(), slots.ticket()
    assert slots.acquire(second)  # nobody earlier is waiting: served at once
    order = []

    def wait(ticket):
        assert slots.acquire(ticket)
        order.append(ticket)
        slots.release()

    late = threading.Thread(target=wait, args=(third,))
    late.start()
    time.sleep(0.1)
    early = threading.Thread(target=wait, args=(first,))
    early.start()
    time.sleep(0.1)
    assert order == []  # both wait for the slot
    slots.release()
    late.join(5), early.join(5)
    assert order == [first, third]  # the earlier ticket first, though it came later
    assert slots.free == 1


def test_a_cancelled_wait_gives_up_without_a_slot():
    slots = BatchSlots(1)
    assert slots.acquire(slots.ticket())
    cancelled = threading.Event()
    result = []
    waiter = threading.Thread(target=lambda: result.append(slots.acquire(slots.ticket(), cancelled)))
    waiter.start()
    cancelled.set()
    waiter.join(5)
    assert result == [False]
    slots.release()
    assert slots.free == 1
    assert slots.acquire(slots.ticket())  # the cancelled ticket does not block the queue
    with pytest.raises(RuntimeError, match="released more often"):
        slots.release(), slots.release()


def test_batches_shrink_so_that_every_worker_gets_two_and_the_biggest_go_first(installed):
    chunks = [["x"] * n for n in [20] * 8 + [60] * 8 + [100] * 4]  # 1040 tokens
    four = load_engine("en", "az", workers=4, threads=1, max_batch_tokens=1024)._batches(chunks, list(range(20)))
    assert sorted(j for b in four for j in b) == list(range(20))
    padded = [len(b) * max(len(chunks[j]) for j in b) for b in four]
    assert len(four) >= 2 * 4 and max(padded) <= 130  # 1040 / (2 x 4 workers)
    assert padded == sorted(padded, reverse=True)
    one = load_engine("en", "az", workers=1, threads=1, max_batch_tokens=1024)._batches(chunks, list(range(20)))
    assert [len(b) for b in one] == [8, 4, 8]  # budget 520: the 60s (480), the 100s (400), the 20s (160)
    tiny = load_engine("en", "az", workers=4, threads=1, max_batch_tokens=1024)._batches([["x"]] * 10, list(range(10)))
    assert tiny == [list(range(10))]  # never below MIN_BATCH_TOKENS


@pytest.mark.parametrize("workers", [1, 2, 3])
def test_drafts_do_not_depend_on_the_number_of_workers(installed, workers):
    rows = corpus()
    engine = load_engine("en", "az", workers=workers, threads=1, max_batch_tokens=60)
    assert [d.text for d in engine.translate([r["en"] for r in rows])] == [r["az"] for r in rows]


def test_on_batch_hands_over_each_segment_once_before_its_progress(installed):
    rows = corpus()[:15]
    texts = [r["en"] for r in rows] + ["", "   "]
    events = []
    engine = load_engine("en", "az", workers=2, threads=1, max_batch_tokens=40)
    drafts = engine.translate(
        texts,
        progress=lambda done, total: events.append(("progress", done, total)),
        on_batch=lambda indexes, batch: events.append(("batch", indexes, batch)),
    )
    handed = {}
    for event in events:
        if event[0] == "batch":
            for i, d in zip(event[1], event[2]):
                assert i not in handed
                handed[i] = d
    assert handed == dict(enumerate(drafts))
    assert [d.text for d in drafts[:15]] == [r["az"] for r in rows] and drafts[15].text == drafts[16].text == ""
    done = 0
    for n, event in enumerate(events):  # each batch is followed by the progress that counts it
        if event[0] == "batch":
            done += len(event[1])
            assert events[n + 1] == ("progress", done, len(texts))
    assert events[0] == ("batch", [15, 16], [Draft("", 0.0), Draft("", 0.0)])  # blank ones: at once
    assert events[-1] == ("progress", len(texts), len(texts))


def test_a_chunked_segment_is_handed_over_when_its_last_chunk_is_done(installed):
    rows = corpus()
    long_text = " ".join([rows[0]["en"]] * 6)
    engine = load_engine("en", "az", workers=2, threads=1, max_input_tokens=60, max_batch_tokens=60)
    got = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        drafts = engine.translate([rows[1]["en"], long_text], on_batch=lambda i, d: got.extend(zip(i, d)))
    assert sorted(i for i, _ in got) == [0, 1]
    assert dict(got)[1] == drafts[1] and drafts[1].text.count(" ") > 10


def test_delivers_batches_reads_the_signature():
    class Old:
        def translate(self, texts, progress=None):
            return []

    class Wrapper:
        def translate(self, texts, progress=None, **kwargs):
            return []

    assert not delivers_batches(Old())
    assert delivers_batches(Wrapper())
    assert not delivers_batches(object())
    assert delivers_batches(argos.ArgosEngine.__new__(argos.ArgosEngine))


# --- the device -------------------------------------------------------------------------------------


def test_auto_is_cuda_only_when_ctranslate2_sees_a_gpu(monkeypatch):
    import ctranslate2

    monkeypatch.setattr(ctranslate2, "get_cuda_device_count", lambda: 0)
    assert resolve_device("auto") == "cpu"
    with pytest.raises(L10nError, match="no CUDA GPU"):
        resolve_device("cuda")
    monkeypatch.setattr(ctranslate2, "get_cuda_device_count", lambda: 2)
    assert resolve_device("auto") == "cuda"
    assert resolve_device("cuda") == "cuda"
    assert resolve_device("cpu") == "cpu"
    with pytest.raises(L10nError, match="unknown device 'gpu'"):
        resolve_device("gpu")


def test_a_cuda_build_without_a_driver_counts_as_no_gpu(monkeypatch):
    import ctranslate2

    def broken():
        raise RuntimeError("CUDA driver version is insufficient")

    monkeypatch.setattr(ctranslate2, "get_cuda_device_count", broken)
    assert resolve_device("auto") == "cpu"


def test_load_engine_resolves_auto_and_plans_for_the_gpu(installed, monkeypatch):
    import ctranslate2

    monkeypatch.setattr(ctranslate2, "get_cuda_device_count", lambda: 1)
    engine = load_engine("en", "az")  # the model is not loaded yet: no GPU is needed for this
    assert engine.device == "cuda" and (engine.workers, engine.threads) == (1, 1)
    monkeypatch.setattr(ctranslate2, "get_cuda_device_count", lambda: 0)
    assert load_engine("en", "az").device == "cpu"
    assert load_engine("en", "az", device="cpu").device == "cpu"
