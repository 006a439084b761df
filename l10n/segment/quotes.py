"""Quotations inside one block of text: where a sentence boundary is not a segment boundary.

News quotes several sentences at once (``"Our goal is clear. We will achieve
it," he said.``, ``«Мы готовы. Всё решено», — сказал он.``). Splitting inside
such a quotation leaves an unbalanced quote mark in each half, which machine
translation and translators handle badly, so a quotation that closes within
the same block, at most :data:`QUOTE_MAX` characters after it opened, is kept
in one segment. The quote pairs are language data (``quotes`` in
``l10n/lang/<lang>.json``): a pair whose two marks are the same character
(``"``) is matched by parity unless its neighbours say otherwise (after a
space and before a word it opens; after a word and before a space or
punctuation it closes, or is stray when nothing is open), the others by
nesting; a closing mark also closes the unclosed quotations opened inside its
own. An unclosed quotation, or one longer than the bound, protects nothing
(ordinary sentence boundaries).

One pass over the quote marks only, with a stack: linear time.
"""

from __future__ import annotations

import bisect

from l10n.segment.rules import LanguageRules

QUOTE_MAX = 600  # a quotation longer than this (opening to closing mark) is split like plain text


def has_opening_mark(text: str, start: int, end: int, rules: LanguageRules) -> bool:
    """A cheap test before :func:`quotations`: does ``text[start:end]`` hold an opening mark?"""
    for mark in rules.quote_closing:
        if text.find(mark, start, end) >= 0:
            return True
    return False


def quotations(text: str, start: int, end: int, rules: LanguageRules) -> list[tuple[int, int]]:
    """Disjoint (opening mark, closing mark) positions of the closed quotations of ``text[start:end]``.

    Nested quotations are inside their outer one and are merged into it; a
    quotation longer than :data:`QUOTE_MAX` is left out (its inner, shorter
    quotations still count).
    """
    marks = [m.start() for m in rules.quote_marks.finditer(text, start, end)]
    if len(marks) < 2:
        return []
    closing = rules.quote_closing  # opening mark -> its closing mark
    closers = rules.quote_openers  # the closing marks
    prefixes = rules.openers
    stack: list[tuple[str, int]] = []  # (the closing mark awaited, position of the opening mark)
    awaited = dict.fromkeys(closers, 0)  # closing mark -> how many open quotations it would close
    found: list[tuple[int, int]] = []
    for pos in marks:
        c = text[pos]
        can_close, can_open = c in closers, c in closing
        if can_close and can_open and closing[c] == c:
            # '"' by parity, but its neighbours overrule: ' "Word' opens, 'word." ' closes.
            before = text[pos - 1] if pos > start else " "
            after = text[pos + 1] if pos + 1 < end else " "
            if (before.isspace() or before in prefixes) and not after.isspace():
                can_close = False
            elif not before.isspace() and (after.isspace() or not after.isalnum()):
                can_open = False
        if can_close and awaited[c]:
            # The innermost open quotation this mark closes; those above it never closed.
            while True:
                want, at = stack.pop()
                awaited[want] -= 1
                if want == c:
                    break
            if pos - at <= QUOTE_MAX:
                found.append((at, pos))
        elif can_open:
            want = closing[c]
            stack.append((want, pos))
            awaited[want] += 1
        # else: a stray closing mark
    return _merge(found)


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    spans.sort()
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if out and s <= out[-1][1]:
            if e > out[-1][1]:
                out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def outside_quotations(cuts: list[tuple[int, int]], spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The cuts (sentence end, next start) that do not fall inside a quotation of ``spans``.

    A cut is inside when its sentence end lies after the opening mark and not
    after the closing mark: more of the same quotation follows it.
    """
    if not spans:
        return cuts
    opens = [s for s, _ in spans]
    kept = []
    for cut in cuts:
        i = bisect.bisect_left(opens, cut[0]) - 1
        if i >= 0 and cut[0] <= spans[i][1]:
            continue
        kept.append(cut)
    return kept
