"""A word diff of the English a stale translation was made for against the English now."""

from __future__ import annotations

import difflib
import re

_TOKENS = re.compile(r"\s+|[^\W_]+|.", re.DOTALL)

#: One piece of a diff: ("same" | "removed" | "added", text).
DiffPiece = tuple[str, str]


def word_diff(old: str, new: str) -> list[DiffPiece]:
    """``old`` -> ``new`` as same/removed/added pieces, word by word (white space and punctuation are tokens).

    Joining the "same" and "removed" pieces gives ``old``; "same" and "added" give ``new``.
    """
    a, b = _TOKENS.findall(old), _TOKENS.findall(new)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    runs: list[tuple[bool, str, str]] = []  # (equal?, old text, new text)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        runs.append((op == "equal", "".join(a[i1:i2]), "".join(b[j1:j2])))
    # a lone space between two changes belongs to them: "a ton" -> "two tons" is one change, not two
    merged: list[tuple[bool, str, str]] = []
    for n, run in enumerate(runs):
        between = 0 < n < len(runs) - 1 and run[0] and not run[1].strip() and not runs[n + 1][0]
        if merged and not merged[-1][0] and (between or not run[0]):
            merged[-1] = (False, merged[-1][1] + run[1], merged[-1][2] + run[2])
        else:
            merged.append(run)
    out: list[DiffPiece] = []
    for equal, was, now in merged:
        if equal:
            _add(out, "same", was)
        else:
            _add(out, "removed", was)
            _add(out, "added", now)
    return out


def _add(out: list[DiffPiece], kind: str, text: str) -> None:
    if not text:
        return
    if out and out[-1][0] == kind:
        out[-1] = (kind, out[-1][1] + text)
    else:
        out.append((kind, text))
