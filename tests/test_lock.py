"""The project lock, exercised with two real processes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from l10n.errors import L10nError
from l10n.lock import lock_holder, lock_path, project_lock

HOLDER = textwrap.dedent(
    """
    import sys, time
    from l10n.lock import project_lock
    with project_lock(sys.argv[1]):
        print("locked", flush=True)
        sys.stdin.readline()          # hold until the parent says so (or kills us)
    print("released", flush=True)
    """
)


@pytest.fixture
def holder(tmp_path):
    """Start a second process that holds the lock of project ``tmp_path`` until told to stop."""
    procs = []

    def start():
        proc = subprocess.Popen(
            [sys.executable, "-c", HOLDER, str(tmp_path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        procs.append(proc)
        assert proc.stdout.readline().strip() == "locked"
        return proc

    yield start
    for proc in procs:
        if proc.poll() is None:
            proc.kill()
        proc.wait()


def test_second_run_fails_at_once_naming_the_holder_pid(tmp_path, holder):
    proc = holder()
    with pytest.raises(L10nError) as info:
        with project_lock(tmp_path):
            pytest.fail("acquired a lock that another process holds")
    message = str(info.value)
    assert f"pid {proc.pid} (" in message
    assert message.startswith(str(lock_path(tmp_path)) + ": ")
    assert "--wait" in message


def test_second_run_waits_with_timeout_then_fails(tmp_path, holder):
    proc = holder()
    started = time.monotonic()
    with pytest.raises(L10nError, match=rf"after waiting 0.4 s.*pid {proc.pid}"):
        with project_lock(tmp_path, wait=0.4):
            pass
    assert time.monotonic() - started >= 0.4


def test_second_run_waits_until_the_first_finishes(tmp_path, holder):
    proc = holder()
    proc.stdin.write("\n")  # the holder releases soon after this
    proc.stdin.flush()
    with project_lock(tmp_path, wait=30) as path:
        assert path == lock_path(tmp_path)
        assert lock_holder(tmp_path).startswith(f"pid {os.getpid()} ")  # we hold it now
    assert proc.wait(timeout=30) == 0
    assert proc.stdout.read().strip() == "released"


def test_a_killed_holder_releases_the_lock(tmp_path, holder):
    proc = holder()
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    with project_lock(tmp_path):  # no stale lock after SIGKILL
        pass


def test_lock_is_reentrant_in_one_process_and_released_after(tmp_path):
    with project_lock(tmp_path):
        with project_lock(tmp_path):
            pass
        # still held by us: another process cannot take it
        other = subprocess.run(
            [sys.executable, "-c", "import sys; from l10n.lock import project_lock\n"
             "with project_lock(sys.argv[1]): pass", str(tmp_path)],
            capture_output=True,
            text=True,
        )
        assert other.returncode != 0 and "the project is busy" in other.stderr
    other = subprocess.run(
        [sys.executable, "-c", "import sys; from l10n.lock import project_lock\n"
         "with project_lock(sys.argv[1]): print('ok')", str(tmp_path)],
        capture_output=True,
        text=True,
    )
    assert other.stdout.strip() == "ok", other.stderr


def test_locking_creates_no_file(tmp_path, holder):
    with project_lock(tmp_path):
        pass
    proc = holder()
    with pytest.raises(L10nError):
        with project_lock(tmp_path):
            pass
    proc.kill()
    assert list(tmp_path.iterdir()) == []  # a failed run leaves the project as it was


def test_holder_named_with_its_command(tmp_path, holder):
    proc = holder()
    assert lock_holder(tmp_path).startswith(f"pid {proc.pid} (")
    proc.kill()
    proc.wait()
    assert lock_holder(tmp_path) == "another process"


def test_missing_project_folder_is_a_clear_error(tmp_path):
    with pytest.raises(L10nError, match="cannot lock the project") as info:
        with project_lock(tmp_path / "nope"):
            pass
    assert str(info.value).startswith(str(tmp_path / "nope") + ": ")


def test_import_creates_nothing(tmp_path):
    code = "import l10n.lock, l10n.catalog.reader"
    subprocess.run([sys.executable, "-c", code], cwd=tmp_path, check=True)
    assert list(tmp_path.iterdir()) == []


def test_cli_translate_refuses_while_another_run_holds_the_lock(tmp_path, holder):
    from typer.testing import CliRunner

    from l10n.cli import app

    (tmp_path / "source").mkdir()
    (tmp_path / "source" / "a.txt").write_text("Hello there.\n", encoding="utf-8")
    proc = holder()
    result = CliRunner().invoke(app, ["translate", str(tmp_path), "--to", "az"])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "the project is busy" in lines[0] and f"pid {proc.pid}" in lines[0]
    assert "Traceback" not in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["source"]  # nothing written

    proc.stdin.write("\n")  # the other run finishes; this one waits for it and goes on
    proc.stdin.flush()
    result = CliRunner().invoke(app, ["translate", str(tmp_path), "--to", "az", "--wait", "30"])
    assert "the project is busy" not in result.stderr
    assert "no Argos package for en->az" in result.stderr  # got past the lock (no packages installed here)
