"""SIGKILL `l10n translate` at every interesting moment: catalogs are old or new, never torn; a rerun finishes.

The run is a real ``python -m l10n translate`` subprocess with the real demo
Argos packages (no fake engine: the workflow has no engine hook for tests).
A ``sitecustomize`` shim on PYTHONPATH kills the child with SIGKILL at the
kill point named in ``L10N_KILL_AT`` (``<point>:<n>`` = at the n-th hit):

- ``draft-start``    engine.translate called for the n-th language (drafting)
- ``draft-progress`` after the engine's first batch of the n-th language
- ``store-after``    right after the n-th draft-store commit
- ``fsync``          before the n-th os.fsync: a temp file is written, not yet renamed
- ``replace-before`` right before the n-th commit of an atomic write (os.replace,
  os.link of a new file, or the renameat2 exchange of an existing catalog)
- ``replace-after``  right after it

With ``L10N_PAUSE_MARK=<file>`` the child pauses there instead (creates the
file and waits until the test deletes it): two real runs at once.

The run under test updates a project whose article changed (one sentence
edited, one added) and whose az catalog has a reviewed entry; it writes three
files (the template, the az and the ru catalog).
"""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import polib
import pytest

from l10n.demo import demo_file, install_demo_packages
from l10n.catalog.files import load_catalog

ARTICLE = "wco-europe-customs.txt"
REVIEWED_MSGID = "Mehdiyev informed the participants about the work done by the Azerbaijani State Customs Committee during the chairmanship in the European region."
REVIEWED_MSGSTR = "Mehdiyev iştirakçıları sədrlik dövründə görülən işlər barədə məlumatlandırıb (redaktə)."
ADDED = "The conference will be held in Vienna next month."

SHIM = textwrap.dedent(
    """
    import os, signal

    _spec = os.environ.get("L10N_KILL_AT")
    if _spec:
        _point, _, _n = _spec.partition(":")
        _n = int(_n or 1)
        _hits = {"n": 0}

        def _hit():
            _hits["n"] += 1
            return _hits["n"] == _n

        def _die():
            mark = os.environ.get("L10N_PAUSE_MARK")
            if mark:  # pause instead of dying: create the mark, wait until the test removes it
                import time

                open(mark, "w").close()
                for _ in range(1200):
                    if not os.path.exists(mark):
                        return
                    time.sleep(0.05)
                return
            os.kill(os.getpid(), signal.SIGKILL)

        if _point in ("replace-before", "replace-after"):
            _replace = os.replace

            def replace(src, dst, *args, **kwargs):
                if _point == "replace-before" and _hit():
                    _die()
                _replace(src, dst, *args, **kwargs)
                if _point == "replace-after" and _hit():
                    _die()

            os.replace = replace
            _link = os.link

            def link(src, dst, *args, **kwargs):  # a new catalog: linked into place (no-replace)
                if _point == "replace-before" and _hit():
                    _die()
                _link(src, dst, *args, **kwargs)
                if _point == "replace-after" and _hit():
                    _die()

            os.link = link

            import importlib.abc, importlib.machinery, sys

            class _WrapExchange(importlib.abc.MetaPathFinder):
                # An existing catalog: swapped into place by l10n.atomic._exchange (renameat2).
                def find_spec(self, name, path, target=None):
                    if name != "l10n.atomic":
                        return None
                    sys.meta_path.remove(self)
                    spec = importlib.machinery.PathFinder.find_spec(name, path)
                    run = spec.loader.exec_module

                    def exec_module(module):
                        run(module)
                        _exchange = module._exchange

                        def exchange(a, b):
                            if _point == "replace-before" and _hit():
                                _die()
                            done = _exchange(a, b)
                            if _point == "replace-after" and _hit():
                                _die()
                            return done

                        module._exchange = exchange

                    spec.loader.exec_module = exec_module
                    return spec

            sys.meta_path.insert(0, _WrapExchange())
        elif _point == "fsync":
            _fsync = os.fsync

            def fsync(fd):
                if _hit():
                    _die()
                return _fsync(fd)

            os.fsync = fsync
        elif _point in ("draft-start", "draft-progress"):
            from l10n.engine import argos

            _translate = argos.ArgosEngine.translate

            def translate(self, texts, progress=None):
                if _point == "draft-start" and _hit():
                    _die()
                if _point == "draft-progress":
                    kill_now = _hit()

                    def progress_then_die(done, total):
                        if progress is not None:
                            progress(done, total)
                        if kill_now:
                            _die()

                    return _translate(self, texts, progress=progress_then_die)
                return _translate(self, texts, progress=progress)

            argos.ArgosEngine.translate = translate
        elif _point == "store-after":
            from l10n import store

            _record = store.DraftStore.record

            def record(self, *args, **kwargs):
                result = _record(self, *args, **kwargs)
                if _hit():
                    _die()
                return result

            store.DraftStore.record = record
    """
)

KILL_POINTS = [
    "draft-start:1",
    "draft-progress:1",
    "store-after:1",
    "draft-start:2",
    "draft-progress:2",
    "store-after:2",
    "fsync:1",  # temp of the 1st write (template) written, not synced/renamed
    "replace-before:1",
    "replace-after:1",
    "fsync:3",  # 2nd write (az catalog)
    "replace-before:2",
    "replace-after:2",
    "fsync:5",  # 3rd write (ru catalog)
    "replace-before:3",
    "replace-after:3",
]


def _translate(project: Path, kill_at: str | None = None, shim: Path | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env.pop("L10N_KILL_AT", None)
    if kill_at is not None:
        env["L10N_KILL_AT"] = kill_at
        env["PYTHONPATH"] = str(shim) + os.pathsep + env.get("PYTHONPATH", "")
    return subprocess.run(
        [sys.executable, "-m", "l10n", "translate", str(project), "--models", str(project / "models")],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def _files(project: Path) -> list[Path]:
    locales = project / "locales"
    return [
        locales / "wco-europe-customs.pot",
        locales / "az" / "LC_MESSAGES" / "wco-europe-customs.po",
        locales / "ru" / "LC_MESSAGES" / "wco-europe-customs.po",
    ]


def _undated(data: bytes) -> bytes:
    """File content without the header dates a run stamps with the wall clock."""
    keep = [ln for ln in data.split(b"\n") if not ln.startswith((b'"POT-Creation-Date:', b'"PO-Revision-Date:'))]
    return b"\n".join(keep)


@pytest.fixture(scope="module")
def scenario(tmp_path_factory):
    """A project just before the run under test, its files' bytes then, and the files after a clean run."""
    base = tmp_path_factory.mktemp("kill-base")
    (base / "source").mkdir()
    shutil.copy(demo_file(ARTICLE), base / "source" / ARTICLE)
    install_demo_packages(base / "models")
    first = _translate(base)
    assert first.returncode == 0, first.stderr
    # The translator reviews one az entry ...
    az = _files(base)[1]
    po = polib.pofile(str(az))
    entry = po.find(REVIEWED_MSGID)
    entry.msgstr, entry.flags = REVIEWED_MSGSTR, []
    po.save()
    # ... and the editor changes the article: one sentence edited, one added.
    article = base / "source" / ARTICLE
    text = article.read_text(encoding="utf-8")
    text = text.replace("More than a ton of drugs", "More than two tons of drugs")
    article.write_text(text.rstrip("\n") + "\n\n" + ADDED + "\n", encoding="utf-8")
    before = {p: p.read_bytes() for p in _files(base)}

    reference = tmp_path_factory.mktemp("kill-reference") / "project"
    shutil.copytree(base, reference)
    clean = _translate(reference)
    assert clean.returncode == 0, clean.stderr
    after = {name: _undated(p.read_bytes()) for name, p in zip(before, _files(reference))}
    assert all(_undated(before[p]) != after[p] for p in before), "the run under test must change every file"

    return base, before, after, _shim(tmp_path_factory)


def _shim(tmp_path_factory) -> Path:
    shim = tmp_path_factory.mktemp("kill-shim")
    (shim / "sitecustomize.py").write_text(SHIM, encoding="utf-8")
    return shim


def _check_catalogs(project: Path, msgfmt: str) -> None:
    for path in _files(project):
        load_catalog(path).po  # strict reader: parses
        check = subprocess.run([msgfmt, "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True)
        assert check.returncode == 0, (path, check.stderr)
    store = project / "locales" / ".l10n" / "drafts.sqlite"
    if store.exists():
        with sqlite3.connect(store) as db:
            assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)


@pytest.mark.parametrize("kill_at", KILL_POINTS)
def test_kill_leaves_old_or_new_and_the_next_run_completes(tmp_path, msgfmt, scenario, kill_at):
    base, before, after, shim = scenario
    project = tmp_path / "project"
    shutil.copytree(base, project)

    killed = _translate(project, kill_at, shim)
    assert killed.returncode == -signal.SIGKILL, f"kill point {kill_at} not reached: {killed.stderr}"

    states = []
    for original, path in zip(before, _files(project)):
        data = path.read_bytes()
        if data == before[original]:
            states.append("old")
        else:
            assert _undated(data) == after[original], f"{path.name} is neither old nor new after {kill_at}"
            states.append("new")
    _check_catalogs(project, msgfmt)
    reviewed = {e.msgid: e for e in load_catalog(_files(project)[1]).po}[REVIEWED_MSGID]
    assert reviewed.msgstr == REVIEWED_MSGSTR and "fuzzy" not in reviewed.flags

    rerun = _translate(project)
    assert rerun.returncode == 0, rerun.stderr
    for original, path in zip(before, _files(project)):
        assert _undated(path.read_bytes()) == after[original], f"{path.name} not completed by the rerun"
    _check_catalogs(project, msgfmt)
    print(f"\n{kill_at}: files after kill = {states}")
    assert sorted(project.rglob(".*.tmp")) == [], "the rerun removes temp files left by the killed run"


# --- package installs (helper ENG's l10n/engine/packages.py): validated and atomic ------------------

INSTALL_POINTS = [
    ("fresh", "replace-before:1"),  # extracted into the hidden staging folder, not yet renamed
    ("fresh", "replace-after:1"),
    ("reinstall", "replace-before:1"),  # before the old package is moved aside
    ("reinstall", "replace-after:1"),  # old package moved aside, new one not yet in place
    ("reinstall", "replace-after:2"),  # new one in place, old one not yet deleted
]


def _installed_state(packages: Path, archive: Path) -> str:
    """"complete" if the package folder holds exactly the archive's files, "absent" if none; else fail."""
    import zipfile

    from l10n.engine.packages import list_packages

    listed = [p for p in list_packages(packages) if (p.from_code, p.to_code) == ("en", "az")]
    if not listed:
        return "absent"
    (package,) = listed
    with zipfile.ZipFile(archive) as zf:
        for info in zf.infolist():
            if info.is_dir():
                continue
            path = packages / info.filename
            assert path.is_file() and path.read_bytes() == zf.read(info), f"torn package file {info.filename}"
    assert package.path.name == zipfile.ZipFile(archive).namelist()[0].split("/")[0]
    return "complete"


@pytest.mark.parametrize("case,kill_at", INSTALL_POINTS, ids=[f"{c}-{k}" for c, k in INSTALL_POINTS])
def test_kill_package_install_leaves_it_complete_or_absent(tmp_path, tmp_path_factory, case, kill_at):
    from l10n.engine.install import install_archive

    archive = demo_file("en_az.argosmodel")
    packages = tmp_path / "packages"
    if case == "reinstall":
        install_archive(archive, packages)
    env = dict(os.environ, L10N_KILL_AT=kill_at, PYTHONPATH=str(_shim(tmp_path_factory)))
    command = [sys.executable, "-m", "l10n", "models", "install", str(archive), "--dir", str(packages)]
    killed = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)
    assert killed.returncode == -signal.SIGKILL, f"kill point {kill_at} not reached: {killed.stderr}"
    state = _installed_state(packages, archive)
    listing = subprocess.run([sys.executable, "-m", "l10n", "models", "list", "--dir", str(packages)],
                             capture_output=True, text=True, timeout=60)
    assert listing.returncode == 0 and "Traceback" not in listing.stderr
    env.pop("L10N_KILL_AT")
    again = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)
    assert again.returncode == 0, again.stderr
    assert _installed_state(packages, archive) == "complete"
    leftovers = sorted(p.name for p in packages.iterdir() if p.name.startswith("."))
    staging = packages.parent / f".{packages.name}.l10n-staging"
    assert not staging.exists(), "the next install cleans up what the killed one left, the area too"
    print(f"\n{case} {kill_at}: package after kill = {state}; hidden leftovers after rerun = {leftovers}")


# --- two real `l10n translate` runs at once -----------------------------------------------------


def test_second_translate_fails_or_waits_while_the_first_is_drafting(tmp_path, scenario, msgfmt):
    import time

    base, before, after, shim = scenario
    project = tmp_path / "project"
    shutil.copytree(base, project)
    mark = tmp_path / "paused"
    env = dict(os.environ, L10N_KILL_AT="draft-start:1", L10N_PAUSE_MARK=str(mark), PYTHONPATH=str(shim))
    command = [sys.executable, "-m", "l10n", "translate", str(project), "--models", str(project / "models")]
    first = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    third = None
    try:
        for _ in range(1200):
            if mark.exists() or first.poll() is not None:
                break
            time.sleep(0.05)
        assert mark.exists(), "the first run never reached the drafting step"

        second = _translate(project)  # no --wait: fails at once, naming the first run
        assert second.returncode == 2
        lines = second.stderr.strip().splitlines()
        assert len(lines) == 1 and "the project is busy" in lines[0] and f"pid {first.pid}" in lines[0], lines
        assert all(p.read_bytes() == before[o] for o, p in zip(before, _files(project)))

        third = subprocess.Popen(command + ["--wait", "60"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        time.sleep(0.5)
        assert third.poll() is None, "the waiting run must wait for the lock"
        mark.unlink()  # the first run goes on and finishes; then the third gets the lock
        out, err = first.communicate(timeout=120)
        assert first.returncode == 0, err
        out, err = third.communicate(timeout=120)
        assert third.returncode == 0, err
        assert "No file changed" in out  # the first run did all the work
    finally:
        for proc in (first, third):
            if proc is not None and proc.poll() is None:
                proc.kill()
                proc.wait()
    for original, path in zip(before, _files(project)):
        assert _undated(path.read_bytes()) == after[original]
    _check_catalogs(project, msgfmt)
