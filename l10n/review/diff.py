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
    out: list[DiffPiece] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            _add(out, "same", "".join(a[i1:i2]))
            continue
        if op in ("delete", "replace"):
            _add(out, "removed", "".join(a[i1:i2]))
        if op in ("insert", "replace"):
            _add(out, "added", "".join(b[j1:j2]))
    return out


def _add(out: list[DiffPiece], kind: str, text: str) -> None:
    if not text:
        return
    if out and out[-1][0] == kind:
        out[-1] = (kind, out[-1][1] + text)
    else:
        out.append((kind, text))
