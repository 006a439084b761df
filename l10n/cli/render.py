"""Text output shared by the commands: tables."""

from __future__ import annotations

from collections.abc import Callable, Sequence

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
    cells = [[str(c) for c in header]] + [[str(c) for c in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]

    def line(row: list[str], body: bool) -> str:
        return "  ".join(c.rjust(w) if body and right is not None and right(i, c) else c.ljust(w)
                         for i, (c, w) in enumerate(zip(row, widths))).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(cells[0], False), rule] + [line(row, True) for row in cells[1:]])
