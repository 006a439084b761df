"""The slow hostile-input cases (issue 16), each tried many times, as a table.

    uv run python scripts/hostile_inputs.py [--quick]

Every case runs real ``l10n`` commands (subprocesses, in scratch projects
under a temporary folder) or the library, and counts per attempt:

- defect: the outcome is wrong (an edit lost, a file replaced that is not a
  package, a hang past its deadline, a resource unbounded);
- traceback: "Traceback" on stderr (every user error must be one line);
- bytes lost: bytes of user work (catalog edits, project files) gone.

Goal: 0 defects, 0 tracebacks, 0 bytes lost. The fast cases are in
tests/test_hostile_*.py; this script adds the ones that take seconds to
minutes (races, bombs, a 1M-entry catalog, a full disk) and repeats them.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO))

ARTICLE = "Customs officers seized a ton of drugs this year.\n\nThe committee met in Baku on Monday.\n"


@dataclass
class Tally:
    name: str
    attempts: int = 0
    defects: int = 0
    tracebacks: int = 0
    bytes_lost: int = 0
    note: str = ""


def l10n(*args: str, cwd: Path, timeout: float = 120, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "l10n", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=timeout, env={**os.environ, **(env or {})})


def project(root: Path, articles: int = 1) -> Path:
    (root / "source").mkdir(parents=True)
    for i in range(articles):
        (root / "source" / f"a{i:03}.txt").write_text(ARTICLE.replace("Monday", f"day {i}"), encoding="utf-8")
    return root


# --- cases ------------------------------------------------------------------------


def race(tmp: Path, runs: int, mode: str) -> Tally:
    """An editor saving comments into the catalogs while translate rewrites every one of them."""
    import test_write_race as race_test

    tally = Tally(f"editor saves during translate ({mode})")
    for run in range(runs):
        folder = tmp / f"race-{mode}-{run}"
        folder.mkdir()
        try:
            race_test.test_translator_saves_during_translate_runs_survive(folder, mode)
            tally.attempts += 1
        except AssertionError as err:
            tally.attempts += 1
            tally.defects += 1
            tally.bytes_lost += len(str(err))  # at least one # EDIT-k line
            tally.note = str(err)[:80]
    return tally


def install_over_project(tmp: Path, runs: int) -> Tally:
    """A valid package whose top folder is locales/, installed with --dir . inside a project."""
    import test_packages

    tally = Tally("package named like a project folder")
    for run in range(runs):
        root = project(tmp / f"pkg-{run}")
        catalog = root / "locales" / "az" / "LC_MESSAGES" / "a000.po"
        catalog.parent.mkdir(parents=True)
        catalog.write_text('msgid ""\nmsgstr ""\n', encoding="utf-8")
        before = catalog.stat().st_size
        archive = test_packages.make_archive(tmp / f"evil-{run}.argosmodel", test_packages.good_entries("locales"))
        proc = l10n("models", "install", str(archive), "--dir", ".", cwd=root)
        tally.attempts += 1
        tally.tracebacks += "Traceback" in proc.stderr
        if not catalog.exists():
            tally.defects += 1
            tally.bytes_lost += before
        elif proc.returncode != 2:
            tally.defects += 1
    return tally


def special_files(tmp: Path, runs: int) -> Tally:
    """A FIFO, or a symlink to /dev/zero, in place of a catalog: status must answer at once."""
    tally = Tally("FIFO or /dev/zero as a catalog")
    for run in range(runs):
        root = project(tmp / f"fifo-{run}")
        path = root / "locales" / "az" / "LC_MESSAGES" / "a000.po"
        path.parent.mkdir(parents=True)
        if run % 2:
            os.mkfifo(path)
        else:
            path.symlink_to("/dev/zero")
        try:
            proc = l10n("status", cwd=root, timeout=30)
        except subprocess.TimeoutExpired:
            tally.attempts += 1
            tally.defects += 1
            tally.note = "hung"
            continue
        tally.attempts += 1
        tally.tracebacks += "Traceback" in proc.stderr
        tally.defects += proc.returncode != 2 or "not a regular file" not in proc.stderr
    return tally


def sigint(tmp: Path, runs: int) -> Tally:
    """Ctrl-C at a random moment of start-up and run: exit 130 (or death by SIGINT), no traceback."""
    import random

    tally = Tally("SIGINT during start-up")
    root = project(tmp / "sigint")
    rng = random.Random(16)
    before = 0
    for _ in range(runs):
        proc = subprocess.Popen([sys.executable, "-m", "l10n", "status"], cwd=root, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
        time.sleep(rng.uniform(0, 0.6))
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=60)
        tally.attempts += 1
        if "Traceback" in err and "/l10n/" not in err:
            # Python's own start-up (site, sitecustomize) was interrupted before any l10n code ran:
            # "Fatal Python error: init_import_site"; nothing a package can catch.
            before += 1
            continue
        tally.tracebacks += "Traceback" in err
        tally.defects += proc.returncode not in (0, 130, -signal.SIGINT)
    if before:
        tally.note = f"{before} interrupted inside Python's own start-up, before l10n (not counted)"
    return tally


def huge_catalog(tmp: Path, entries: int) -> Tally:
    """A 1M-entry catalog: status and compile finish, linearly, with no traceback."""
    from l10n.catalog.model import dump, new_pofile

    import polib

    tally = Tally(f"{entries:,}-entry catalog (status, compile)")
    root = project(tmp / "huge")
    po = new_pofile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "az",
                   "Plural-Forms": "nplurals=2; plural=(n != 1);"}
    for i in range(entries):
        po.append(polib.POEntry(msgid=f"Sentence number {i}.", msgstr=f"Cümlə {i}." if i % 3 else ""))
    path = root / "locales" / "az" / "LC_MESSAGES" / "a000.po"
    path.parent.mkdir(parents=True)
    path.write_text(dump(po), encoding="utf-8")
    for command in (["status"], ["compile"]):
        start = time.monotonic()
        proc = l10n(*command, cwd=root, timeout=1200)
        took = time.monotonic() - start
        tally.attempts += 1
        tally.tracebacks += "Traceback" in proc.stderr
        tally.defects += proc.returncode not in (0, 1)
        tally.note += f"{command[0]} {took:.1f}s "
    return tally


def full_disk(tmp: Path, runs: int) -> Tally:
    """translate on a tiny tmpfs (root only): every catalog old or new, a one-line error."""
    tally = Tally("ENOSPC on a small tmpfs")
    if os.geteuid() != 0 or shutil.which("mount") is None:
        tally.note = "skipped (needs root)"
        return tally
    import l10n as package

    mount = tmp / "tmpfs"
    mount.mkdir()
    for run in range(runs):
        size = 40 + 8 * run  # KiB: the project fits, its catalogs do not, at different points
        if subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}k", "tmpfs", str(mount)]).returncode:
            tally.note = "skipped (mount refused)"
            return tally
        try:
            root = project(mount / "p", articles=4)
            models = tmp / "models"
            if not models.exists():
                l10n("models", "install", str(Path(package.__file__).parent / "demo"), "--dir", str(models),
                     cwd=tmp)
            first = l10n("translate", "--models", str(models), cwd=root)
            tally.attempts += 1
            tally.tracebacks += "Traceback" in first.stderr
            for po in (root / "locales").rglob("*.po"):
                try:
                    from l10n.catalog.files import load_catalog

                    load_catalog(po)
                except Exception:  # a torn catalog: the one thing never allowed
                    tally.defects += 1
                    tally.bytes_lost += po.stat().st_size
            if first.returncode not in (0, 2):
                tally.defects += 1
        finally:
            subprocess.run(["umount", str(mount)])
    return tally


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions and a 100k-entry catalog")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    n = 2 if args.quick else 5
    tmp = Path(tempfile.mkdtemp(prefix="l10n-hostile-"))
    tallies = []
    try:
        for case in CASES:
            tallies.append(case(tmp, n, args.quick))
            print(f"  {tallies[-1].name}: done", file=sys.stderr)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if args.json:
        print(json.dumps([t.__dict__ for t in tallies], indent=2))
        return
    width = max(len(t.name) for t in tallies)
    print(f"{'case':<{width}}  attempts  defects  tracebacks  bytes lost  note")
    for t in tallies:
        print(f"{t.name:<{width}}  {t.attempts:>8}  {t.defects:>7}  {t.tracebacks:>10}  {t.bytes_lost:>10}  {t.note}")
    total = [sum(getattr(t, k) for t in tallies) for k in ("attempts", "defects", "tracebacks", "bytes_lost")]
    print(f"{'total':<{width}}  {total[0]:>8}  {total[1]:>7}  {total[2]:>10}  {total[3]:>10}")


CASES = [
    lambda tmp, n, quick: race(tmp, n, "rename"),
    lambda tmp, n, quick: race(tmp, n, "inplace"),
    lambda tmp, n, quick: install_over_project(tmp, n),
    lambda tmp, n, quick: special_files(tmp, 2 * n),
    lambda tmp, n, quick: sigint(tmp, 20 * n),
    lambda tmp, n, quick: huge_catalog(tmp, 100_000 if quick else 1_000_000),
    lambda tmp, n, quick: full_disk(tmp, n),
]

if __name__ == "__main__":
    main()
