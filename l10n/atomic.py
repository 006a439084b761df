"""Atomic file writes: a reader sees the old file or the new one, never a torn one."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO


@contextlib.contextmanager
def atomic_writer(path: str | Path, suffix: str = ".tmp") -> Iterator[BinaryIO]:
    """A binary file that replaces ``path`` only if the ``with`` block completes.

    It is written in the same folder as ``.<name>.<random><suffix>``, flushed,
    fsync-ed and renamed over ``path`` (keeping the old file's permissions);
    on any error, or an interruption, the temporary file is removed and ``path``
    is untouched.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=suffix, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o7777)
        else:
            os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    _fsync_dir(path.parent)


def atomic_write_bytes(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same folder, fsync, rename."""
    with atomic_writer(path) as fh:
        fh.write(data)


def remove_leftover_temps(folder: str | Path, suffixes: tuple[str, ...]) -> list[Path]:
    """Delete temporary files that writes killed before their rename left in ``folder`` (recursively).

    Only for files named ``.<name><suffix>.<random>.tmp`` with one of ``suffixes``; call it
    only while no other process can be writing such files (e.g. under the project lock).
    """
    removed = []
    for suffix in suffixes:
        for tmp in Path(folder).rglob(f".*{suffix}.*.tmp"):
            try:
                tmp.unlink()
                removed.append(tmp)
            except OSError:
                pass
    return removed


def atomic_write_text(path: str | Path, text: str, encoding: str = "utf-8") -> None:
    atomic_write_bytes(path, text.encode(encoding))


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
