"""Serve a review session with uvicorn on 127.0.0.1 until Ctrl-C (or SIGTERM: the same clean stop)."""

from __future__ import annotations

import signal
import socket
from collections.abc import Callable

from l10n.errors import L10nError
from l10n.review.session import ReviewSession

HOST = "127.0.0.1"  # loopback only, never 0.0.0.0


def bind(port: int) -> socket.socket:
    """A listening socket on 127.0.0.1:``port`` (0: a free port)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((HOST, port))
        sock.listen(128)
    except OSError as err:
        sock.close()
        reason = "is in use: choose another with --port N (0: any free port)" if err.errno == 98 else (
            f"cannot be opened: {err.strerror or err}")
        raise L10nError(f"port {port} on {HOST} {reason}") from None
    return sock


def serve(session: ReviewSession, port: int, *, open_browser: bool, say: Callable[[str], None]) -> None:
    """Bind, print the URL, open the browser (unless told not to) and serve until Ctrl-C or SIGTERM."""
    import uvicorn

    from l10n.review.app import create_app

    sock = bind(port)
    actual = sock.getsockname()[1]
    url = f"http://{HOST}:{actual}/"
    app = create_app(session, hosts=[f"{HOST}:{actual}", f"localhost:{actual}"])
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off", server_header=False)
    server = uvicorn.Server(config)
    say(f"Reviewing {len(session.documents)} article(s) in {', '.join(session.languages)} at {url}")
    say("Press Ctrl-C to stop.")
    if open_browser:
        _open_later(url)
    # uvicorn handles SIGINT and SIGTERM itself (a graceful shutdown), then raises the signal again for
    # whoever ran it: here handlers that raise KeyboardInterrupt, so both end the command cleanly.
    before = {sig: signal.signal(sig, _interrupt) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:
        pass
    finally:
        for sig, handler in before.items():
            signal.signal(sig, handler)
        sock.close()
    say("Stopped.")


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def _open_later(url: str) -> None:
    import threading
    import webbrowser

    threading.Timer(0.3, webbrowser.open, args=(url,)).start()
