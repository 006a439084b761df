"""One run at a time per project: an exclusive ``flock`` on ``locales/.l10n/lock``.

The kernel releases the lock when the holder exits, even on SIGKILL, so a
crashed run never leaves the project locked. The lock file itself is never
replaced or deleted (that would let two processes lock two different inodes);
who holds it is written next to it, atomically, in ``lock.owner`` (pid, time,
command) so that a second run can say whom it is waiting for.

A process may take the same lock again while it holds it (nested ``with``
blocks share one ``flock``).
"""

from __future__ import annotations

import os
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from l10n.atomic import atomic_write_text
from l10n.errors import L10nError

__all__ = ["project_lock", "lock_path", "lock_holder"]

LOCK_DIR = Path("locales") / ".l10n"
POLL_SECONDS = 0.05

_held: dict[Path, int] = {}  # lock path -> nesting depth, for this process
_held_guard = threading.Lock()


def lock_path(root: str | Path) -> Path:
    """The lock file of the project at ``root``."""
    return Path(root).resolve() / LOCK_DIR / "lock"


def lock_holder(root: str | Path) -> str:
    """A description of the current holder, from ``lock.owner`` ("pid 123 (l10n translate) since ...")."""
    owner = lock_path(root).with_name("lock.owner")
    try:
        text = owner.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return "another process"
    return text or "another process"


@contextmanager
def project_lock(root: str | Path, wait: float | None = None) -> Iterator[Path]:
    """Hold the project's exclusive lock for the ``with`` block.

    ``wait`` is how many seconds to wait for another run to finish: ``None``
    or ``0`` fails at once. When the lock stays busy, raises an L10nError that
    names the holder's pid.
    """
    path = lock_path(root)
    with _held_guard:
        if path in _held:
            _held[path] += 1
            nested = True
        else:
            nested = False
    if nested:
        try:
            yield path
        finally:
            with _held_guard:
                _held[path] -= 1
        return

    fd = _acquire(path, wait)
    owner = path.with_name("lock.owner")
    with _held_guard:
        _held[path] = 1
    try:
        atomic_write_text(owner, _describe_self())
        yield path
    finally:
        with _held_guard:
            del _held[path]
        try:
            owner.unlink()
        except OSError:
            pass
        os.close(fd)  # closing the descriptor releases the flock


def _acquire(path: Path, wait: float | None) -> int:
    import fcntl

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o666)
    except OSError as err:
        raise L10nError(f"cannot create the project lock: {err.strerror or err}", path) from None
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
            root = path.parent.parent.parent
            waited = f" after waiting {wait:g} s" if wait else ""
            raise L10nError(
                f"the project is busy{waited}: another l10n run holds the lock ({lock_holder(root)}); "
                "wait for it to finish or retry with --wait SECONDS",
                path,
            )
        time.sleep(POLL_SECONDS)


def _describe_self() -> str:
    command = " ".join(Path(sys.argv[0]).name.split() + sys.argv[1:2]) if sys.argv and sys.argv[0] else "python"
    since = time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime())
    return f"pid {os.getpid()} ({command}) since {since}\n"
