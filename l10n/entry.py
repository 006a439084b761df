"""The ``l10n`` command's entry point: Ctrl-C is exit 130 without a traceback, at any moment.

Imports take a noticeable moment (typer, rich); a SIGINT then used to print a
traceback from whatever module was loading. Until the CLI is loaded, SIGINT
ends the process at once (nothing has been written yet). From then on it
raises :class:`Interrupted`, which Click does not turn into "Aborted!" and
exit 1, so every ``with`` block (atomic writes, the project lock) cleans up
on the way out, and the process exits 130 as a shell expects.
"""

from __future__ import annotations

import _signal  # built in and already loaded: installing the handler costs no import time
import os


def _quit_while_starting(signum, frame) -> None:
    os._exit(EXIT_INTERRUPTED)


EXIT_INTERRUPTED = 128 + _signal.SIGINT
_signal.signal(_signal.SIGINT, _quit_while_starting)  # before anything slow is imported

import sys  # noqa: E402


class Interrupted(BaseException):
    """Ctrl-C (SIGINT) while a command runs."""


def _interrupt(signum, frame) -> None:
    raise Interrupted()


def main() -> None:
    from l10n.cli import app  # SIGINT still ends the process at once (set when this module loaded)

    _signal.signal(_signal.SIGINT, _interrupt)
    try:
        app()
    except Interrupted:
        try:
            sys.stderr.write("interrupted\n")
            sys.stderr.flush()
        except (OSError, ValueError):
            pass
        sys.exit(EXIT_INTERRUPTED)
