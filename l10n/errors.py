"""The one exception type users see: a message with a file and line."""

from __future__ import annotations

from pathlib import Path


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
            where = self.path + (f":{self.line}" if self.line is not None else "") + ": "
        return where + " ".join(self.message.split("\n"))
