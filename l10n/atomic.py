"""Atomic file writes: a reader sees the old file or the new one, never a torn one."""

from __future__ import annotations

import contextlib
import ctypes
import hashlib
import os
import signal
import stat
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX
    fcntl = None  # type: ignore[assignment]

#: The rare second save displaced by :func:`replace_unless_changed` is kept under this
#: suffix for the user (never cleaned up silently).
SAVED_SUFFIX = ".l10n-saved"


@contextlib.contextmanager
def atomic_writer(path: str | Path, suffix: str = ".tmp") -> Iterator[BinaryIO]:
    """A binary file that replaces ``path`` only if the ``with`` block completes.

    It is written in the same folder as ``.<name>.<random><suffix>``, flushed,
    fsync-ed and renamed over ``path`` (keeping the old file's permissions; a new
    file gets the umask's; a symlink is written through: its target is replaced);
    on any error, or an interruption, the temporary file is removed and ``path``
    is untouched. The temporary file is ``flock``-ed until it is renamed, so
    :func:`remove_leftover_temps` can tell a killed writer's file from a live one.
    """
    path = _through_links(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=suffix, dir=path.parent)
    held = _hold(fd)
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
    finally:
        if held is not None:
            os.close(held)
    _fsync_dir(path.parent)


def _hold(fd: int) -> int | None:
    """A second descriptor holding an exclusive flock on ``fd``'s file (released when closed)."""
    if fcntl is None:
        return None
    held = os.dup(fd)
    try:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(held)
        return None
    return held


def atomic_write_bytes(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same folder, fsync, rename."""
    with atomic_writer(path) as fh:
        fh.write(data)


def remove_leftover_temps(folder: str | Path, suffixes: tuple[str, ...]) -> list[Path]:
    """Delete temporary files that writes killed before their rename left in ``folder`` (recursively).

    Only files named ``.<name><suffix>.<random>.tmp`` with one of ``suffixes``, and
    only those no live writer holds (:func:`atomic_writer` flocks its temporary
    file; a temp file of :func:`replace_unless_changed` is only removed under the
    project lock, which its writers hold).
    """
    removed = []
    folder = Path(folder)
    if not folder.is_dir():
        return removed
    for suffix in suffixes:
        for tmp in folder.rglob(f".*{suffix}.*.tmp"):
            if not tmp.is_file() or tmp.is_symlink() or _in_use(tmp):
                continue
            try:
                tmp.unlink()
                removed.append(tmp)
            except OSError:
                pass
    return removed


def _in_use(path: Path) -> bool:
    if fcntl is None:
        return False
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return False
    except OSError:
        return True
    finally:
        os.close(fd)


def atomic_write_text(path: str | Path, text: str, encoding: str = "utf-8") -> None:
    atomic_write_bytes(path, text.encode(encoding))


def digest_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def replace_unless_changed(path: str | Path, data: bytes, expected: str | None) -> bool:
    """Put ``data`` at ``path`` atomically unless the file no longer is the one the caller read.

    ``expected`` is the digest of the file as the caller read it (None: it did
    not exist). Returns True when ``data`` replaced exactly that; False when
    the file holds something else (an editor saved it since): then the file is
    left as the editor saved it, and the caller reads it again, merges, and
    calls again.

    How the check-then-rename window is closed (Linux):

    - The file is checked through a descriptor holding a read lease
      (``F_SETLEASE``), granted only while nobody has the file open for
      writing; an editor that then opens it to write *in place* breaks the
      lease, which is seen below.
    - The new file and the checked one are swapped in one
      ``renameat2(RENAME_EXCHANGE)``, and the file swapped out is examined
      *after* the swap: if it is not the checked inode (an editor renamed its
      save over the file in the microseconds between check and swap) or its
      lease is being broken (an editor is opening it to write), the two are
      swapped back and False is returned.
    - While the new file stands at ``path`` it holds a write lease: whoever
      opens it then waits until the lease is released. If someone did, and
      the swap is undone, the new file is first rewritten with the editor's
      saved bytes, so even a tool that re-reads the file in those
      microseconds and saves from it reads the editor's save, never the
      unmerged one.

    What remains is a writer preempted inside ``open()`` between its path
    lookup (before the swap) and its lease break (after the examination).
    Without leases (another OS, some network file systems, a file owned by
    someone else) in-place writes are only caught up to the swap; without the
    exchange the digest is compared just before a plain rename (a window of
    about one system call).

    A symlink at ``path`` is written through (its target is what is replaced, the
    link stays); the new file keeps the old one's mode, or gets the umask's.
    """
    path = _through_links(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    tmp = Path(tmp_name)
    try:
        _write_all(fd, data)
        os.fchmod(fd, 0o666 & ~_umask())  # mkstemp's 0600 is not what the user's umask says
        if expected is None:
            os.close(fd)
            fd = -1
            written = _link_new(tmp, path)
            tmp.unlink()
            if written:
                _fsync_dir(path.parent)
            return written
        with contextlib.suppress(OSError):
            os.chmod(tmp, path.stat().st_mode & 0o7777)
        try:
            checked = os.open(path, os.O_RDONLY)
        except FileNotFoundError:  # deleted meanwhile (a checkout?): write all the run has
            written = _link_new(tmp, path)
            tmp.unlink()
            return written
        try:
            return _swap_if_unchanged(tmp, path, checked, expected, fd)
        finally:
            os.close(checked)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise
    finally:
        if fd >= 0:
            os.close(fd)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]
    os.fsync(fd)


def _swap_if_unchanged(tmp: Path, path: Path, checked: int, expected: str, new: int) -> bool:
    # A write lease on the new file: anyone who opens it while it stands at ``path`` waits
    # until it is released, so nobody can read it during a swap that is then undone.
    guarded = _take_lease(new, fcntl.F_WRLCK if fcntl is not None else None, limit=0) is True
    leased = _take_lease(checked, fcntl.F_RDLCK if fcntl is not None else None)
    try:
        if leased is None or digest_bytes(_read_all(checked)) != expected:
            tmp.unlink()
            return False
        if not _exchange(tmp, path):  # no atomic exchange here
            os.replace(tmp, path)
            _fsync_dir(path.parent)
            return True
        # ``tmp`` names what stood at ``path`` at the moment of the swap.
        swapped_out = os.stat(tmp).st_ino == os.fstat(checked).st_ino
        if swapped_out and not (leased and _lease_breaking(checked, fcntl.F_RDLCK)):
            tmp.unlink()
            _fsync_dir(path.parent)
            return True
        mine = os.stat(path).st_ino
        if guarded and _lease_breaking(new, fcntl.F_WRLCK):
            # Someone opened the new file while it stood at ``path`` (an editor reloading):
            # make it hold exactly what the editor had saved before it can read it.
            _rewrite(new, tmp.read_bytes())
        if not _exchange(tmp, path):  # put the editor's file back (it vanished meanwhile: link it)
            if _link_new(tmp, path):
                tmp.unlink()
            return False
        if os.stat(tmp).st_ino == mine:
            tmp.unlink()
            return False
        kept = tmp.with_name(tmp.name.removesuffix(".tmp") + SAVED_SUFFIX)
        os.rename(tmp, kept)
        raise FileSavedTwiceError(path, kept)
    finally:
        for fd, held in ((checked, leased), (new, guarded)):
            if held:
                with contextlib.suppress(OSError):
                    fcntl.fcntl(fd, fcntl.F_SETLEASE, fcntl.F_UNLCK)


def _rewrite(fd: int, data: bytes) -> None:
    os.ftruncate(fd, 0)
    os.lseek(fd, 0, os.SEEK_SET)
    _write_all(fd, data)


class FileSavedTwiceError(OSError):
    """Two saves landed within microseconds of l10n's write; the file holds one, ``kept`` the other."""

    def __init__(self, path: Path, kept: Path):
        super().__init__(f"saved twice while l10n wrote it; the other save is kept in {kept.name}")
        self.path = path
        self.kept = kept


def _take_lease(fd: int, kind: int | None, limit: float = 2.0) -> bool | None:
    """Take a lease of ``kind`` on ``fd``: True; False where leases are not available; None if
    others kept the file open past ``limit`` seconds (the caller treats the file as changed).

    A read lease is granted only while nobody has the file open for writing, a write lease
    only while nobody else has it open at all. A lease break is signalled with SIGURG
    (ignored by default) instead of SIGIO, whose default action would end the process.
    """
    setlease = getattr(fcntl, "F_SETLEASE", None) if fcntl is not None else None
    if setlease is None or kind is None:
        return False
    try:
        fcntl.fcntl(fd, fcntl.F_SETSIG, signal.SIGURG)
    except (AttributeError, OSError):
        return False
    deadline = time.monotonic() + limit
    while True:
        try:
            fcntl.fcntl(fd, setlease, kind)
            return True
        except BlockingIOError:  # open by someone: wait for the save to finish
            if time.monotonic() >= deadline:
                return None
            time.sleep(0.001)
        except OSError:  # EINVAL (no leases on this file system), EACCES (not our file)
            return False


def _lease_breaking(fd: int, kind: int) -> bool:
    """True once someone has started to open the file in a way the ``kind`` lease forbids."""
    try:
        return fcntl.fcntl(fd, fcntl.F_GETLEASE) != kind
    except OSError:
        return True


def _read_all(fd: int) -> bytes:
    os.lseek(fd, 0, os.SEEK_SET)
    chunks = []
    while chunk := os.read(fd, 1 << 20):
        chunks.append(chunk)
    return b"".join(chunks)


def _link_new(tmp: Path, path: Path) -> bool:
    """Create ``path`` as ``tmp`` only if it does not exist (True), atomically."""
    try:
        os.link(tmp, path)
    except OSError:  # it exists, or no hard links here: the exchange / compare path decides
        return False
    return True


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100
_renameat2 = None


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (Linux ``renameat2``); False where that is not available
    or ``b`` does not exist (then nothing happened)."""
    global _renameat2
    if not sys.platform.startswith("linux"):
        return False
    if _renameat2 is None:
        try:
            fn = ctypes.CDLL(None, use_errno=True).renameat2
        except (AttributeError, OSError):
            _renameat2 = False
            return False
        fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
        fn.restype = ctypes.c_int
        _renameat2 = fn
    if _renameat2 is False:
        return False
    if _renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err == 2:  # ENOENT: the target vanished (deleted meanwhile): nothing to displace
        return False
    if err in (22, 38, 95, 18):  # EINVAL, ENOSYS, EOPNOTSUPP, EXDEV: not supported here
        return False
    raise OSError(err, os.strerror(err), str(b))


def _through_links(path: str | Path) -> Path:
    """The file a write to ``path`` must replace: a symlink's final target when that is a regular file
    (the link stays a link); a link to anything else (a device, nothing) is replaced itself, as before."""
    path = Path(path)
    if not path.is_symlink():
        return path
    target = Path(os.path.realpath(path))
    try:
        return target if stat.S_ISREG(os.stat(target).st_mode) else path
    except OSError:
        return path


def _umask() -> int:
    """The process umask, read without changing it where Linux tells it (``os.umask`` sets it for a
    moment, and the review server writes from threads)."""
    with contextlib.suppress(OSError, ValueError):
        with open("/proc/self/status", encoding="ascii", errors="replace") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    mask = os.umask(0o022)
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
