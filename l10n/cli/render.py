"""Text and JSON output shared by the commands: tables, paths, sizes, JSON."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import typer

from l10n.errors import printable

#: Says whether a body cell, given its column (0-based) and text, is right-aligned.
Align = Callable[[int, str], bool]


def numbers_right(column: int, cell: str) -> bool:
    """Right-align the cells that start with a digit, except in the first column (the names)."""
    return column > 0 and cell[:1].isdigit()


def right_from(first: int) -> Align:
    """Right-align every body cell from column ``first`` on, numbers and ``-`` alike."""
    return lambda column, cell: column >= first


def table(header: Sequence[str], rows: Sequence[Sequence[object]], right: Align | None = None) -> str:
    """A header, a dashed rule and the rows, columns two spaces apart, no trailing spaces.

    Cells are left-aligned; ``right`` says which body cells are right-aligned instead
    (the header always is left-aligned).
    """
    cells = [[printable(str(c)) for c in header]] + [[printable(str(c)) for c in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]

    def line(row: list[str], body: bool) -> str:
        return "  ".join(c.rjust(w) if body and right is not None and right(i, c) else c.ljust(w)
                         for i, (c, w) in enumerate(zip(row, widths))).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(cells[0], False), rule] + [line(row, True) for row in cells[1:]])


def echo(text: str, err: bool = False) -> None:
    """One line (or block) for the terminal, control characters escaped: a file name holding
    an escape sequence (``\\e]0;PWN\\a``) must not retitle the window or rewrite the screen."""
    typer.echo(printable(text), err=err)


def shown_path(path: str | Path, root: str | Path | None = None) -> str:
    """``path`` as a user reads it: relative to ``root`` (with ``/``) when it lies below it,
    or, without a ``root``, relative to the current folder (``../`` included); else as given."""
    try:
        if root is None:
            return os.path.relpath(path)
        return Path(path).relative_to(root).as_posix()
    except ValueError:
        return str(path)


def human_size(size: int) -> str:
    """Bytes in binary units: ``512 B``, ``456.3 KB``, ``1.2 GB``."""
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} B"  # pragma: no cover


def print_json(data: Any) -> None:
    """``data`` as indented JSON on stdout, non-ASCII text as it is."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def json_or_hint(rows: Sequence[Any], json_out: bool, hint: str) -> bool:
    """For a per-article report: print the rows as JSON (``--json``), or ``hint`` on stderr when
    there are none. True when that was all there is to print."""
    if json_out:
        print_json([r.as_dict() for r in rows])
        return True
    if not rows:
        echo(hint, err=True)
        return True
    return False
