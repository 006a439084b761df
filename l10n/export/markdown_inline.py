"""Inline Markdown of one segment as HTML: code spans, images, links, strong, emphasis, strike-through.

Only what a news article uses inline; block structure (headings, lists,
tables) is the exporter's business. Everything that is not markup is escaped,
so the result is always safe to put inside an HTML element. Unmatched markers
(``*`` alone, ``[`` without ``](...)``) stay as text, and so do links and images
whose target is not http, https, mailto or relative (:func:`safe_url`: judged
as a browser reads the target, so ``\\x01javascript:`` or ``&#106;avascript:``
is refused too).

The markup is what this regular expression finds, left to right (at each
position the first alternative that matches; a marker's text ends at the first
closing marker that qualifies)::

    (?P<code>(?P<ticks>`+).+?(?P=ticks))
    |(?P<image>!\\[[^\\]]*\\]TAIL) | (?P<link>\\[[^\\]]+\\]TAIL)
    |(?P<strong>(?P<mark>\\*\\*|__)(?=\\S).+?(?<=\\S)(?P=mark))
    |(?P<em>\\*(?=[^\\s*]).+?(?<=[^\\s*])\\*|(?<!\\w)_(?=[^\\s_]).+?(?<=[^\\s_])_(?!\\w))
    |(?P<del>~~(?=\\S).+?(?<=\\S)~~)

with ``TAIL`` = :data:`_TAIL` (``.`` stops at a line break; tests/test_hostile_export.py
holds the whole expression and checks the two agree). Run by ``re`` it takes time
quadratic in the line (``"**a " * 8000``: every ``**`` scans to the end of the line
for its closer), so it is run here by hand: the closing markers of each kind are
listed once per text, each opening marker takes the first closer after it from
that list, and each ``](...)`` tail is matched once, in time linear in the text
(times: scripts/bench_export.py).
"""

from __future__ import annotations

import html
import re
from bisect import bisect_left, bisect_right

_SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
_SCHEME = re.compile(r"[a-z][a-z0-9+.-]*(?=:)")
#: Stripped at both ends of a target: C0 controls and space (as browsers do), and Unicode spaces.
_EDGES = "".join(map(chr, range(0x21))) + "".join(ch for ch in map(chr, range(0x7F, 0x3001)) if ch.isspace())
_TAB_NEWLINE = re.compile(r"[\t\n\r]")
_DECODE_ROUNDS = 4


def browser_url(url: str) -> str | None:
    """``url`` as a browser decides its scheme from it, lower case; None when it will not settle.

    The browser's steps, and a little more: HTML character references decoded
    (``&#106;``, ``&colon;``; repeatedly, up to :data:`_DECODE_ROUNDS` rounds, a
    target that still decodes after them is None), tab and line breaks removed
    anywhere (the WHATWG URL parser does), C0 controls and spaces stripped at both
    ends, case folded.
    """
    for _ in range(_DECODE_ROUNDS):
        decoded = html.unescape(url)
        if decoded == url:
            break
        url = decoded
    else:
        if html.unescape(url) != url:
            return None
    return _TAB_NEWLINE.sub("", url).strip(_EDGES).casefold()


def safe_url(url: str) -> bool:
    """True for a link or image target the HTML export may keep: http, https, mailto or relative
    (no scheme), as a browser reads it (:func:`browser_url`)."""
    seen = browser_url(url)
    if seen is None:
        return False
    m = _SCHEME.match(seen)
    return m is None or m.group(0) in _SAFE_SCHEMES


def _attr(name: str, value: str | None) -> str:
    return f' {name}="{html.escape(value, quote=True)}"' if value is not None else ""


def inline_html(text: str) -> str:
    """``text`` with its inline Markdown as HTML tags and everything else escaped."""
    out: list[str] = []
    _render(text, out, None)
    return "".join(out)


def refused_targets(text: str) -> list[str]:
    """The link and image targets of ``text`` that :func:`inline_html` refuses (shows as text), in order."""
    refused: list[str] = []
    _render(text, [], refused)
    return refused


_CANDIDATE = re.compile(r"[`!\[*_~]")
_TAIL = re.compile(r"\(\s*<?(?P<url>[^\s<>()]+)>?(?:\s+\"(?P<title>[^\"]*)\")?\s*\)")
_TICKS = re.compile(r"`+")
_OPEN = {
    "**": re.compile(r"\*\*(?=\S)"), "__": re.compile(r"__(?=\S)"), "~~": re.compile(r"~~(?=\S)"),
    "*": re.compile(r"\*(?=[^\s*])"), "_": re.compile(r"(?<!\w)_(?=[^\s_])"),
}
_CLOSE = {
    "**": re.compile(r"(?<=\S)(?=\*\*)"), "__": re.compile(r"(?<=\S)(?=__)"), "~~": re.compile(r"(?<=\S)(?=~~)"),
    "*": re.compile(r"(?<=[^\s*])\*"), "_": re.compile(r"(?<=[^\s_])_(?!\w)"),
}
_TAG = {"**": "strong", "__": "strong", "~~": "del", "*": "em", "_": "em"}


class _Scan:
    """One text's positions of closing markers, brackets, line breaks and backtick runs, each found once."""

    def __init__(self, text: str):
        self.text = text
        self._lists: dict[str, list[int]] = {}
        self._tails: dict[int, re.Match | None] = {}
        self._runs: tuple[list[int], list[int], list[int]] | None = None

    def positions(self, key: str) -> list[int]:
        found = self._lists.get(key)
        if found is None:
            if key in _CLOSE:
                found = [m.start() for m in _CLOSE[key].finditer(self.text)]
            else:  # "]" or "\n"
                found = [m.start() for m in re.finditer(re.escape(key), self.text)]
            self._lists[key] = found
        return found

    def first(self, key: str, start: int) -> int:
        """The first position >= ``start`` of ``key`` (len(text) when none)."""
        found = self.positions(key)
        i = bisect_left(found, start)
        return found[i] if i < len(found) else len(self.text)

    def line_end(self, start: int) -> int:
        return self.first("\n", start)

    def tail(self, bracket: int) -> re.Match | None:
        """``](url "title")`` after the ``]`` at ``bracket``: its ``_TAIL`` match (each one tried once)."""
        if bracket not in self._tails:
            self._tails[bracket] = _TAIL.match(self.text, bracket + 1)
        return self._tails[bracket]

    def runs(self) -> tuple[list[int], list[int], list[int]]:
        """Backtick runs: starts, lengths, and for each the index of the next longer run (len when none)."""
        if self._runs is None:
            starts, lengths = [], []
            for m in _TICKS.finditer(self.text):
                starts.append(m.start())
                lengths.append(m.end() - m.start())
            longer = [len(starts)] * len(starts)
            stack: list[int] = []
            for i in range(len(starts) - 1, -1, -1):
                while stack and lengths[stack[-1]] <= lengths[i]:
                    stack.pop()
                if stack:
                    longer[i] = stack[-1]
                stack.append(i)
            self._runs = (starts, lengths, longer)
        return self._runs


def _code(scan: _Scan, p: int) -> tuple[int, int] | None:
    """A code span at ``p`` as the regex finds it: (number of backticks k, where the closing k start).

    The regex tries k = r (the backticks from ``p`` on) down to 1, each with the first later place
    where k backticks follow on the same line. For k <= (r - 1) // 2 that place is in the opening run
    itself; a larger k needs a later run of at least k backticks. So: the longest later run up to r
    long (followed along the chain of ever longer runs), else (r - 1) // 2 within the run.
    """
    starts, lengths, longer = scan.runs()
    i = bisect_right(starts, p) - 1
    r = starts[i] + lengths[i] - p
    limit = scan.line_end(p)
    best, t = -1, i + 1
    while t < len(starts) and starts[t] < limit:
        best = t
        if lengths[t] >= r:
            break
        t = longer[t]
    if best >= 0 and min(r, lengths[best]) > (r - 1) // 2:
        return min(r, lengths[best]), starts[best]
    if r >= 3:
        k = (r - 1) // 2
        return k, p + k + 1
    return None


def _closed(scan: _Scan, p: int, mark: str) -> int | None:
    """Where the closing ``mark`` of an emphasis opened at ``p`` starts (the first that qualifies), or None."""
    if not _OPEN[mark].match(scan.text, p):
        return None
    inner = p + len(mark)
    q = scan.first(mark, inner + 1)
    return q if q < scan.line_end(inner) else None


def _render(text: str, out: list[str], refused: list[str] | None) -> None:
    """Append the HTML of ``text`` to ``out`` (refused link and image targets to ``refused``)."""
    if not _CANDIDATE.search(text):
        out.append(html.escape(text, quote=False))
        return
    scan = _Scan(text)
    n, pos = len(text), 0
    for cand in _CANDIDATE.finditer(text):
        p = cand.start()
        if p < pos:
            continue
        c = text[p]
        end = None
        if c == "`":
            found = _code(scan, p)
            if found:
                k, q = found
                end = q + k
                piece = f"<code>{html.escape(text[p + k:q].strip(), quote=False)}</code>"
        elif c == "[" or (c == "!" and text.startswith("![", p)):
            image = c == "!"
            label = p + 2 if image else p + 1
            bracket = scan.first("]", label)
            tail = scan.tail(bracket) if bracket < n and (image or bracket > label) else None
            if tail is not None:
                end = tail.end()
                url, title = tail.group("url"), tail.group("title")
                if not safe_url(url):
                    piece = html.escape(text[p:end], quote=False)
                    if refused is not None:
                        refused.append(url)
                elif image:
                    piece = f"<img{_attr('src', url)}{_attr('alt', text[label:bracket])}{_attr('title', title)}>"
                else:
                    inner: list[str] = []
                    _render(text[label:bracket], inner, refused)
                    piece = f"<a{_attr('href', url)}{_attr('title', title)}>{''.join(inner)}</a>"
        elif c in "*_~":
            for mark in ((c * 2, c) if c != "~" else ("~~",)):
                q = _closed(scan, p, mark) if text.startswith(mark, p) else None
                if q is not None:
                    end = q + len(mark)
                    inner = []
                    _render(text[p + len(mark):q], inner, refused)
                    piece = f"<{_TAG[mark]}>{''.join(inner)}</{_TAG[mark]}>"
                    break
        if end is not None:
            out.append(html.escape(text[pos:p], quote=False))
            out.append(piece)
            pos = end
    out.append(html.escape(text[pos:], quote=False))
