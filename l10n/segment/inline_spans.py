"""Where a Markdown block's inline spans are: link and image text, emphasis, code, inline HTML.

A sentence boundary is never looked for inside one (``[U.S. Customs. Border agency](https://x)``,
``**Dr. Smith said. Then**``): a segment that cut one would hand the translator half of its
markup. markdown-it-py's inline tokens carry no source positions, so :func:`track_positions`
wraps the parser's inline rules to note them in each token's ``meta``: the whole source span of a
link, image, code span, autolink or inline HTML (``l10n_span``), and where each emphasis and
strike-through delimiter is (``l10n_pos``). :func:`inline_spans` reads them back from an inline
token's children as offsets into its ``content``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

Span = tuple[int, int]

#: Inline rules whose match is one span that a boundary must not cut (their whole source text).
_WHOLE = ("backticks", "link", "image", "autolink", "html_inline")
#: Rules that push one text token per delimiter run, later paired into ``*_open``/``*_close``.
_DELIMITERS = ("emphasis", "strikethrough")
_MARKS = "*_~"


def track_positions(md) -> None:
    """Wrap ``md``'s inline rules (in place) so that their tokens note their source positions."""
    ruler = md.inline.ruler
    names = {rule.name for rule in ruler.__rules__}
    for name in _WHOLE + _DELIMITERS:
        if name in names:
            ruler.at(name, _wrapped(ruler.__rules__[ruler.__find__(name)].fn, name in _WHOLE))


def _wrapped(rule: Callable, whole: bool) -> Callable:
    def rule_with_positions(state, silent: bool) -> bool:
        start, first, pending = state.pos, len(state.tokens), bool(state.pending)
        matched = rule(state, silent)
        if not matched or silent:
            return matched
        new = state.tokens[first + 1 if pending else first:]  # a push first flushes the pending text
        if whole:
            if new:
                new[0].meta["l10n_span"] = (start, state.pos)
        else:
            pos = start
            for token in new:
                token.meta["l10n_pos"] = pos
                pos += len(token.content)
        return matched

    return rule_with_positions


def inline_spans(children: Sequence, content: str) -> list[Span]:
    """The (start, end) offsets into ``content`` of the inline spans of an inline token's ``children``,
    markup included, in order of their start; nested ones are inside their parents'."""
    spans: list[Span] = []
    open_marks: list[tuple[str, int]] = []
    for token in children or ():
        meta = token.meta or {}
        if "l10n_span" in meta:
            spans.append(meta["l10n_span"])
        elif token.type in ("em_open", "strong_open", "s_open") and "l10n_pos" in meta:
            open_marks.append((token.type[:-5], meta["l10n_pos"]))
        elif token.type in ("em_close", "strong_close", "s_close") and "l10n_pos" in meta:
            while open_marks and open_marks[-1][0] != token.type[:-6]:
                open_marks.pop()
            if open_marks:
                _, a = open_marks.pop()
                spans.append(_with_marks(content, a, meta["l10n_pos"] + 1))
    return sorted(spans)


def _with_marks(content: str, a: int, b: int) -> Span:
    """A paired emphasis from its opening to its closing delimiter, with all of the marks of both runs
    (``**`` is two delimiters: the token of one of them is the one the pairing kept)."""
    while a > 0 and content[a - 1] in _MARKS and content[a - 1] == content[a]:
        a -= 1
    while b < len(content) and content[b] in _MARKS and content[b] == content[b - 1]:
        b += 1
    return a, b
