"""The Argos package index: fetching ``index.json`` and downloading a pair's package.

What comes from the network is bounded: only http(s) URLs are opened (the
index's, its links, and redirects), an index of at most :data:`MAX_INDEX_BYTES`
and a package of at most its Content-Length (a longer body is refused), else
:data:`MAX_DOWNLOAD_BYTES`; and each transfer has :data:`DOWNLOAD_DEADLINE`
seconds in all besides the per-read socket timeout (a server sending a byte
every few seconds is cut off). A SIGTERM during a download unwinds it like
Ctrl-C does, so no partial file or download folder is left (see
:func:`unwind_on_sigterm`).
"""

from __future__ import annotations

import contextlib
import http.client
import io
import json
import signal
import socket
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from l10n.atomic import atomic_writer
from l10n.engine.packages import DownloadProgress, _version_key, index_url, size_text
from l10n.errors import L10nError

#: The Argos index is ~100 KB.
MAX_INDEX_BYTES = 32 << 20
#: A package download without a Content-Length (real packages are 100-300 MB).
MAX_DOWNLOAD_BYTES = 2 << 30
#: Seconds one transfer (connecting, headers and body) may take in all.
DOWNLOAD_DEADLINE = 30 * 60.0
#: Seconds one connect or read may wait.
SOCKET_TIMEOUT = 30.0
#: Links of an index entry tried, in order (Argos entries have one to three).
MAX_LINKS = 8


def _check_url(url: str, what: str) -> None:
    try:
        scheme = urllib.parse.urlsplit(url).scheme.lower()
    except ValueError:
        scheme = ""
    if scheme not in ("http", "https"):
        shown = url if len(url) <= 200 else url[:200] + "..."
        raise L10nError(f"{what} {shown!r} is not an http(s) URL")


class _Deadline:
    """Cuts a transfer off when ``seconds`` have passed: a timer thread shuts down the
    sockets of its connections, which ends a read blocked on them at once."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> _Deadline:
        self._timer.start()
        return self

    def __exit__(self, *exc) -> None:
        self._timer.cancel()

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.append(sock)
            if self.expired:
                _shut_down(sock)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                _shut_down(sock)

    def error(self, url: str) -> L10nError:
        return L10nError(f"download of {url} took longer than {self.seconds:g} s, the limit (a stalled server?)")


def _shut_down(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)


class _Watched:
    """For urllib's HTTP(S) handlers: every connection they open is watched by ``deadline``."""

    deadline: _Deadline

    def do_open(self, http_class, req, **kwargs):
        deadline = self.deadline

        class Connection(http_class):
            def connect(self):
                super().connect()
                deadline.watch(self.sock)

        return super().do_open(Connection, req, **kwargs)


class _HTTPHandler(_Watched, urllib.request.HTTPHandler):
    pass


class _HTTPSHandler(_Watched, urllib.request.HTTPSHandler):
    pass


class _RedirectHandler(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        _check_url(newurl, f"{req.full_url} redirects to")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _fetch(url: str, deadline: _Deadline):
    handlers = [_HTTPHandler(), _HTTPSHandler()]
    for handler in handlers:
        handler.deadline = deadline
    opener = urllib.request.build_opener(*handlers, _RedirectHandler())
    try:
        return opener.open(url, timeout=SOCKET_TIMEOUT)
    except (urllib.error.URLError, http.client.HTTPException, OSError, ValueError) as err:
        if deadline.expired:
            raise deadline.error(url) from None
        reason = getattr(err, "reason", err)
        raise L10nError(
            f"cannot reach {url}: {reason} (offline? install from a file: l10n models install FILE.argosmodel)"
        ) from None


def _copy(
    response,
    out: BinaryIO,
    url: str,
    limit: int,
    deadline: _Deadline,
    subject: str,
    progress: DownloadProgress | None = None,
    label: str = "",
) -> None:
    """Copy the body of ``response`` to ``out``: at most its Content-Length (refused at once
    above ``limit``), else at most ``limit`` bytes; within the deadline. ``subject`` starts
    the refusals (``download of URL``)."""
    length = response.headers.get("Content-Length")
    total = int(length) if length and length.isascii() and length.isdigit() and len(length) < 20 else None
    if total is not None and total > limit:
        raise L10nError(f"{subject} is refused: it announces {total} bytes, more than the {size_text(limit)} allowed")
    done = 0
    while True:
        try:
            block = response.read1(1 << 16)  # what has arrived (one read of the socket at most)
        except (OSError, http.client.HTTPException, ValueError) as err:
            if deadline.expired:
                raise deadline.error(url) from None
            raise L10nError(f"download of {url} failed: {err}") from None
        if not block:
            break
        done += len(block)
        if total is not None and done > total:
            raise L10nError(f"{subject} is refused: it sends more than the {total} bytes it announced")
        if done > limit:
            raise L10nError(f"{subject} is refused: it is larger than {size_text(limit)}, the limit")
        out.write(block)
        if progress is not None:
            progress(done, total, label)
    if deadline.expired:
        raise deadline.error(url)
    if total is not None and done != total:
        raise L10nError(f"download of {url} is incomplete ({done} of {total} bytes)")


def fetch_index(url: str | None = None) -> list[dict]:
    """The Argos package index (a JSON list of package metadata with ``links``)."""
    url = index_url() if url is None else url
    _check_url(url, "the package index")
    buffer = io.BytesIO()
    with _Deadline(DOWNLOAD_DEADLINE) as deadline, _fetch(url, deadline) as response:
        _copy(response, buffer, url, MAX_INDEX_BYTES, deadline, f"the package index at {url}")
    try:
        index = json.loads(buffer.getvalue().decode("utf-8"))
    except RecursionError:
        raise L10nError(f"the package index at {url} is not valid JSON: nested too deeply") from None
    except (UnicodeDecodeError, ValueError) as err:
        raise L10nError(f"the package index at {url} is not valid JSON: {err}") from None
    if not isinstance(index, list):
        raise L10nError(f"the package index at {url} is not a JSON list")
    return [entry for entry in index if isinstance(entry, dict)]


def download(url: str, dest: Path, progress: DownloadProgress | None = None) -> Path:
    """Download ``url`` to ``dest`` (atomically: a temp file renamed at the end)."""
    dest = Path(dest)
    _check_url(url, "the package link")
    with (
        unwind_on_sigterm(),
        _Deadline(DOWNLOAD_DEADLINE) as deadline,
        atomic_writer(dest, suffix=".part") as out,
        _fetch(url, deadline) as response,
    ):
        _copy(response, out, url, MAX_DOWNLOAD_BYTES, deadline, f"download of {url}", progress, dest.name)
    return dest


def download_pair(
    source: str,
    target: str,
    folder: Path,
    progress: DownloadProgress | None = None,
    index: str | None = None,
) -> Path:
    """Download the newest index package for ``source`` -> ``target`` into ``folder``; its path."""
    url = index_url() if index is None else index
    entries = [
        e
        for e in fetch_index(url)
        if e.get("from_code") == source
        and e.get("to_code") == target
        and e.get("type", "translate") == "translate"
        and e.get("links")
    ]
    if not entries:
        raise L10nError(f"the package index at {url} has no package for {source}->{target}")
    entry = max(entries, key=lambda e: _version_key(str(e.get("package_version", ""))))
    links = entry["links"]
    if not isinstance(links, list) or not all(isinstance(link, str) for link in links):
        raise L10nError(
            f"the package index at {url} has a malformed entry for {source}->{target}: "
            "'links' must be a list of URLs"
        )
    errors = []
    for link in links[:MAX_LINKS]:
        dest = Path(folder) / f"translate-{source}_{target}.argosmodel"
        try:
            return download(link, dest, progress)
        except L10nError as err:
            errors.append(str(err))
    raise L10nError("; ".join(errors) or f"no usable link for {source}->{target}")


class _Terminated(SystemExit):
    """What SIGTERM raises inside :func:`unwind_on_sigterm`: exit status 143 (128 + 15), as a
    shell reports a process ended by SIGTERM; no ``except Exception`` stops it."""


def _raise_terminated(signum, frame) -> None:
    signal.signal(signal.SIGTERM, signal.SIG_IGN)  # the unwinding is not cut short by a second one
    raise _Terminated(128 + signum)


@contextlib.contextmanager
def unwind_on_sigterm() -> Iterator[None]:
    """While in the block, SIGTERM raises (SystemExit 143) instead of ending the process at
    once, so that every ``with`` and ``finally`` cleans up (partial downloads, temporary
    folders, staging folders); SIGINT already does that (KeyboardInterrupt).

    Only in the main thread and while SIGTERM has its default action (not when the
    program handles or ignores it, nor nested); otherwise nothing changes.
    """
    if (
        threading.current_thread() is not threading.main_thread()
        or signal.getsignal(signal.SIGTERM) is not signal.SIG_DFL
    ):
        yield
        return
    try:
        signal.signal(signal.SIGTERM, _raise_terminated)
        yield
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
