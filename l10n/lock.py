"""One run at a time per project: an exclusive ``flock`` on the project folder itself.

The kernel releases the lock when the holder exits, even on SIGKILL, so a
crashed run never leaves the project locked, and locking creates no file (a
run that fails early leaves the project exactly as it was). Who holds the
lock is read from ``/proc/locks`` (Linux), so a second run can name the pid
it is waiting for.

A process may take the same lock again while it holds it (nested ``with``
blocks share one ``flock``).
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from l10n.errors import L10nError

__all__ = ["lock_holder", "lock_path", "project_lock"]

POLL_SECONDS = 0.05

_held: dict[Path, int] = {}  # locked folder -> nesting depth, for this process
_held_guard = threading.Lock()


def lock_path(root: str | Path) -> Path:
    """What is locked for the project at ``root``: the project folder."""
    return Path(root).resolve()


def lock_holder(root: str | Path) -> str:
    """Who holds the lock of ``root``: "pid 123 (l10n translate)", or "another process" if unknown."""
    try:
        st = os.stat(lock_path(root))
        with open("/proc/locks", encoding="ascii", errors="replace") as fh:
            table = fh.read()
    except OSError:
        return "another process"
    key = f"{os.major(st.st_dev):02x}:{os.minor(st.st_dev):02x}:{st.st_ino}"
    for row in table.splitlines():
        fields = row.split()
        # "1: FLOCK  ADVISORY  WRITE 27387 fe:00:2173141 0 EOF"
        if len(fields) >= 6 and fields[1] == "FLOCK" and fields[5] == key and fields[4].isdigit():
            return f"pid {fields[4]}{_command(fields[4])}"
    return "another process"


@contextmanager
def project_lock(root: str | Path, wait: float | None = None) -> Iterator[Path]:
    """Hold the project's exclusive lock for the ``with`` block.

    ``wait`` is how many seconds to wait for another run to finish: ``None``
    or ``0`` fails at once. When the lock stays busy, raises an L10nError that
    names the holder's pid.
    """
    path = lock_path(root)
    with _held_guard:
        nested = path in _held
        if nested:
            _held[path] += 1
    if nested:
        try:
            yield path
        finally:
            with _held_guard:
                _held[path] -= 1
        return

    fd = _acquire(path, wait)
    with _held_guard:
        _held[path] = 1
    try:
        yield path
    finally:
        with _held_guard:
            del _held[path]
        os.close(fd)  # closing the descriptor releases the flock


def _acquire(path: Path, wait: float | None) -> int:
    import fcntl

    try:
        fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except OSError as err:
        raise L10nError(f"cannot lock the project: {err.strerror or err}", path) from None
    deadline = time.monotonic() + (wait or 0.0)
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return fd
        except BlockingIOError:
            pass
        except OSError as err:
            os.close(fd)
            raise L10nError(f"cannot lock the project: {err.strerror or err}", path) from None
        if time.monotonic() >= deadline:
            os.close(fd)
            waited = f" after waiting {wait:g} s" if wait else ""
            raise L10nError(
                f"the project is busy{waited}: another l10n run holds its lock ({lock_holder(path)}); "
                "wait for it to finish or retry with --wait SECONDS",
                path,
            )
        time.sleep(POLL_SECONDS)


def _command(pid: str) -> str:
    """`` (l10n translate)`` from /proc/<pid>/cmdline, or "" when it cannot be read."""
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as fh:
            argv = fh.read().split(b"\0")
    except OSError:
        return ""
    words = [a.decode(errors="replace").split("\n")[0] for a in argv if a]
    if len(words) >= 2 and Path(words[0]).name.startswith("python"):
        words = words[1:]  # "python -m l10n ..." or "python script.py ..."
    if not words:
        return ""
    words[0] = Path(words[0]).name
    return " (" + " ".join(words[:3])[:60] + ")"
