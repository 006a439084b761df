"""The one exception type users see: a message with a file and line."""

from __future__ import annotations

import re
from pathlib import Path

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """``text`` safe for a terminal: C0/C1 control characters (ESC, BEL, CR...) as ``\\xNN``,
    so a file name holding an escape sequence cannot retitle the window or hide output."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


class L10nError(Exception):
    """A user-facing error. The CLI prints ``str(err)`` on one line and exits non-zero.

    ``str()`` is compiler style: ``path:line: message`` (or ``path: message``,
    or just ``message`` when there is no location).
    """

    def __init__(self, message: str, path: str | Path | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = None if path is None else str(path)
        self.line = line

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = printable(self.path.replace("\n", "\\n")) + (f":{self.line}" if self.line is not None else "") + ": "
        return where + printable(" ".join(self.message.split("\n")))
