"""Issue 10, resumable runs: drafts reach the draft store as the engine's batches finish, so a run
killed while drafting resumes with only the rest (catalogs stay old-or-new, as before): in process
(an engine that raises after some batches) and for real (SIGKILL of `l10n translate` on the demo
packages, right after a draft-store commit).
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Sequence
from datetime import UTC, datetime

import pytest
from catalog_helpers import ARTICLE_A, ARTICLE_B, make_project

from l10n.engine.base import Draft, ProgressCallback
from l10n.project import Project
from l10n.store import DraftStore
from l10n.translate import translate_project


class Killed(Exception):
    pass


class BatchingEngine:
    """Drafts ``[<target>] text`` in batches of ``size``, handed over through ``on_batch``;
    raises Killed after ``die_after`` batches (a run killed mid-drafting)."""

    def __init__(self, target: str, size: int = 2, die_after: int | None = None):
        self.source, self.target = "en", target
        self.origin = f"batching translate-en_{target} 1.0"
        self.device = "cpu"
        self.size = size
        self.die_after = die_after
        self.calls: list[list[str]] = []

    def translate(self, texts: Sequence[str], progress: ProgressCallback | None = None, *, on_batch=None):
        texts = list(texts)
        self.calls.append(texts)
        for n, start in enumerate(range(0, len(texts), self.size)):
            if self.die_after is not None and n == self.die_after:
                raise Killed
            indexes = list(range(start, min(start + self.size, len(texts))))
            if on_batch is not None:
                on_batch(indexes, [Draft(f"[{self.target}] {texts[i]}", -0.1) for i in indexes])
            if progress is not None:
                progress(indexes[-1] + 1, len(texts))
        return [Draft(f"[{self.target}] {t}", -0.1) for t in texts]


class Factory:
    def __init__(self, **kwargs):
        self.kwargs = kwargs
        self.engines: dict[str, BatchingEngine] = {}

    def __call__(self, target):
        return self.engines.setdefault(target, BatchingEngine(target, **self.kwargs))


def test_a_run_killed_while_drafting_resumes_with_the_rest(tmp_path):
    now = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)
    killed_root, reference_root = (make_project(tmp_path / n, {"a.txt": ARTICLE_A, "b.txt": ARTICLE_B})
                                   for n in ("killed", "reference"))
    project = Project.open(killed_root)

    with pytest.raises(Killed):
        translate_project(project, project.documents(), ["az"], Factory(size=1, die_after=3), now=now)
    assert not list((killed_root / "locales").rglob("*.po"))  # catalogs stay old (none): never half-written
    kept = DraftStore(project.store_path).drafts_in(["az"])
    assert len({d.msgid for d in kept}) == 3  # the three batches that finished, one row per document

    again = Factory(size=1)
    result = translate_project(project, project.documents(), ["az"], again, now=now)
    (call,) = again.engines["az"].calls
    everything = {d.msgid for d in DraftStore(project.store_path).drafts_in(["az"])}
    assert len(everything) == 4 and sorted(call) == sorted(everything - {d.msgid for d in kept})  # only the rest
    summary = result.languages[0]
    assert summary.drafted == summary.new == 5 and summary.untranslated == 0

    reference = Project.open(reference_root)
    translate_project(reference, reference.documents(), ["az"], Factory(size=1), now=now)

    def catalogs(root):
        return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted((root / "locales").rglob("*.po"))}

    assert catalogs(killed_root) == catalogs(reference_root)  # resumed = never interrupted


def test_a_glossary_project_resumes_too(tmp_path):
    """The glossary wrapper hands drafts over as the engine's batches finish: a killed run keeps those
    that kept their terms; one whose term needs a second pass is drafted again by the next run."""
    from l10n.engine.factory import with_glossary

    root = make_project(tmp_path, {"a.txt": ARTICLE_A, "b.txt": ARTICLE_B})
    (root / "glossary.tsv").write_text("en\taz\nBaku\tBakı\n", encoding="utf-8")
    project = Project.open(root)
    inner = Factory(size=1, die_after=3)
    with pytest.raises(Killed):
        translate_project(project, project.documents(), ["az"],
                          lambda lang: with_glossary(inner(lang), root / "glossary.tsv"))
    (first_call,) = inner.engines["az"].calls
    kept = {d.msgid for d in DraftStore(project.store_path).drafts_in(["az"])}
    assert kept == {t for t in first_call[:3] if "Baku" not in t} and kept  # the finished batches, less Baku's

    again = Factory(size=1)
    translate_project(project, project.documents(), ["az"],
                      lambda lang: with_glossary(again(lang), root / "glossary.tsv"))
    assert sorted(again.engines["az"].calls[0]) == sorted(set(first_call) - kept)


def test_engines_without_on_batch_still_record_at_the_end(tmp_path):
    from fakes import FakeEngines

    make_project(tmp_path, {"a.txt": ARTICLE_A})
    project = Project.open(tmp_path)
    translate_project(project, project.documents(), ["az"], FakeEngines())
    assert len(DraftStore(project.store_path).drafts_in(["az"])) > 0


SHIM = textwrap.dedent(
    """
    # Test instrumentation: small batches and one worker (batches finish in order); SIGKILL right
    # after the n-th draft-store commit; log how many segments each engine call got.
    import json, os, signal

    from l10n import store
    from l10n.engine import argos

    _init = argos.ArgosEngine.__init__

    def __init__(self, *args, **kwargs):
        _init(self, *args, **dict(kwargs, max_batch_tokens=40, workers=1, threads=1))

    argos.ArgosEngine.__init__ = __init__
    _translate = argos.ArgosEngine.translate

    def translate(self, texts, progress=None, *, on_batch=None):
        with open(os.environ["ENGINE_LOG"], "a") as log:
            log.write(json.dumps([self.target, len(texts)]) + "\\n")
        return _translate(self, texts, progress, on_batch=on_batch)

    argos.ArgosEngine.translate = translate
    _record = store.DraftStore.record
    _hits = {"n": 0}

    def record(self, drafts, now=None):
        _record(self, drafts, now=now)
        _hits["n"] += 1
        if str(_hits["n"]) == os.environ.get("KILL_AFTER_RECORD"):
            os.kill(os.getpid(), signal.SIGKILL)

    store.DraftStore.record = record
    """
)


def test_sigkill_after_some_batches_then_the_next_run_drafts_only_the_rest(tmp_path):
    from l10n.demo import demo_file, install_demo_packages

    project = tmp_path / "project"
    (project / "source").mkdir(parents=True)
    (project / "source" / "a.txt").write_bytes(demo_file("wco-europe-customs.txt").read_bytes())
    install_demo_packages(project / "models")
    shim = tmp_path / "shim"
    shim.mkdir()
    (shim / "sitecustomize.py").write_text(SHIM, encoding="utf-8")
    log = tmp_path / "engine.log"

    def translate(kill_after: int | None) -> subprocess.CompletedProcess:
        path = os.pathsep.join(p for p in [str(shim), os.environ.get("PYTHONPATH", "")] if p)
        env = dict(os.environ, PYTHONPATH=path, ENGINE_LOG=str(log))
        if kill_after is not None:
            env["KILL_AFTER_RECORD"] = str(kill_after)
        return subprocess.run([sys.executable, "-m", "l10n", "translate", str(project), "--to", "az",
                               "--models", str(project / "models"), "--json"],
                              capture_output=True, text=True, env=env, timeout=120)

    killed = translate(kill_after=3)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert not list((project / "locales").rglob("*.po"))  # no catalog written: they stay old (none)
    with sqlite3.connect(project / "locales" / ".l10n" / "drafts.sqlite") as db:
        stored = db.execute("SELECT count(DISTINCT msgid) FROM drafts WHERE lang = 'az'").fetchone()[0]
    (first,) = [json.loads(line) for line in log.read_text().splitlines()]
    assert first[0] == "az" and 3 <= stored < first[1]  # three batches of one segment or more, not all

    log.unlink()
    rerun = translate(kill_after=None)
    assert rerun.returncode == 0, rerun.stderr
    (second,) = [json.loads(line) for line in log.read_text().splitlines()]
    assert second == ["az", first[1] - stored]  # the engine got only the rest
    summary = json.loads(rerun.stdout)["languages"][0]
    assert summary["drafted"] == first[1] and summary["untranslated"] == 0
