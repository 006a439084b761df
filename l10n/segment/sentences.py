"""Sentence boundaries inside one block of running text.

One linear pass: the language's ``candidate`` pattern finds runs of terminal
punctuation (plus closing quotes/brackets); each run is judged by the word
before it and the text after it, using the abbreviation classes of the
language. Inline lists ("1) ... 2) ...", "a. ... b. ...") add forced breaks.
A boundary inside a closed quotation is dropped (:mod:`l10n.segment.quotes`).
Look-behind and look-ahead are bounded, so the cost per character is constant.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from l10n.segment.quotes import has_opening_mark, outside_quotations
from l10n.segment.quotes import quotations as quotation_spans
from l10n.segment.rules import LanguageRules

_LOOK = 64  # how far to look for the word before / after a candidate
_SHORT = 12  # a segment this short with no letter in it ("1.", "2021.") does not end yet
_SPACE = re.compile(r"\s*")
_TOKEN = re.compile(r"\S{1,64}")
_LETTERS = re.compile(r"[^\W\d_]+")
_MULTI_PERIOD = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")
_INITIAL = re.compile(r"[^\W\d_]\.")
_NO_BREAK_BEFORE = ",;:)]}%-–"
# Inline list markers: "1.", "1)", "1.)", "a.", optionally after a bullet.
_LIST_MARKER = re.compile(r"(?<!\S)(?:[•⁃▪‣◦]\s?)?(?:(\d{1,3})|([a-z]))(\.\)|\)|\.)(?=\s)")


def sentence_spans(
    text: str, start: int, end: int, rules: LanguageRules, quotations: bool = True,
    keep: Sequence[tuple[int, int]] = (),
) -> list[tuple[int, int]]:
    """The sentences of ``text[start:end]`` as (start, end) spans, trimmed of whitespace.

    Spans are in order and never overlap; only whitespace lies between them.
    With ``quotations`` (the default), a closed quotation of several sentences
    stays in one span. No boundary falls inside a span of ``keep`` (sorted and
    disjoint: a Markdown link's or emphasis's source text stays in one sentence).
    """
    cuts: list[tuple[int, int]] = []  # (end of a sentence, start of the next one)
    forced, skip = _list_breaks(text, start, end)
    seg_start = start
    for m in rules.candidate.finditer(text, start, end):
        p0, p1 = m.start(), m.end()
        if p0 in skip:
            continue
        if p0 - seg_start <= _SHORT and not _LETTERS.search(text, seg_start, p0):
            continue  # "1. First", "2021. The": a number alone is not a sentence
        cut = _judge(text, p0, p1, seg_start, end, rules)
        if cut is not None:
            cuts.append(cut)
            seg_start = cut[1]
    if quotations and cuts and has_opening_mark(text, start, end, rules):
        cuts = outside_quotations(cuts, quotation_spans(text, start, end, rules))
    if forced:
        cuts.extend(forced)
        cuts.sort()
    if keep and cuts:
        cuts = [cut for cut in cuts if not _inside(keep, cut[0])]
    spans = []
    pos = start
    for cut_end, next_start in cuts:
        if cut_end <= pos:
            continue
        s, e = _trim(text, pos, cut_end)
        if s < e:
            spans.append((s, e))
        pos = max(next_start, cut_end)
    s, e = _trim(text, pos, end)
    if s < e:
        spans.append((s, e))
    return spans


def _inside(spans: Sequence[tuple[int, int]], pos: int) -> bool:
    """``pos`` is strictly inside one of ``spans`` (sorted, disjoint)."""
    k = bisect.bisect_left(spans, (pos,)) - 1  # the last span that starts before pos
    return k >= 0 and spans[k][1] > pos


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and (text[s].isspace() or text[s] == "\ufeff"):
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _list_breaks(text: str, start: int, end: int) -> tuple[list[tuple[int, int]], set[int]]:
    """Breaks before the 2nd, 3rd, ... item of an inline numbered or lettered list.

    Only markers that form a run (n, n+1, ... with the same style) count, so a
    lone "5." in prose is left to the ordinary rules. Returns the breaks and the
    positions of the markers' periods, which must not end a sentence.
    """
    if end - start < 6:
        return [], set()
    markers = []
    for m in _LIST_MARKER.finditer(text, start, end):
        value = int(m.group(1)) if m.group(1) else ord(m.group(2)) - ord("a") + 1
        markers.append((m.start(), value, bool(m.group(1)), m.group(3), m.start(3)))
    if len(markers) < 2:
        return [], set()
    keep: set[int] = set()
    for i in range(len(markers) - 1):
        a, b = markers[i], markers[i + 1]
        if b[1] == a[1] + 1 and b[2:4] == a[2:4]:
            keep.update((i, i + 1))
    forced = [
        (markers[i][0], markers[i][0])
        for i in sorted(keep)
        if markers[i][0] > start and _char_before(text, markers[i][0], start) not in ",;:"
    ]
    skip = {markers[i][4] for i in keep if markers[i][3].startswith(".")}
    return forced, skip


def _char_before(text: str, pos: int, start: int) -> str:
    """The last non-space character before ``pos`` (or "")."""
    while pos > start and text[pos - 1].isspace():
        pos -= 1
    return text[pos - 1] if pos > start else ""


def _judge(text: str, p0: int, p1: int, seg_start: int, end: int, rules: LanguageRules):
    """Decide whether the punctuation run text[p0:p1] ends a sentence.

    Returns (end of sentence, start of next) or None.
    """
    run = text[p0:p1]
    closers = rules.closers
    punct = run.rstrip(closers)
    has_closer = len(punct) < len(run)
    # "[...]", "(?)", "(!)": elisions and editorial marks inside brackets.
    if p0 > seg_start and text[p0 - 1] in "[(" and has_closer and run[len(punct)] in "])":
        return None
    if p1 < end and not text[p1].isspace():
        return _glued(text, p0, p1, seg_start, end, rules)
    if p1 >= end:
        return None  # the block ends here anyway
    ns = _SPACE.match(text, p1, end).end()
    if ns >= end:
        return None  # only spaces (a Markdown hard break's) to the end of the block: it ends here anyway
    nxt = _TOKEN.match(text, ns, end).group()
    bare = nxt.lstrip(rules.openers)
    first = bare[:1] if bare else nxt[:1]
    lower = first.islower()
    if punct.strip(". …"):  # "?", "!", "?!", ... : no abbreviation to weigh
        if lower or (first and first in _NO_BREAK_BEFORE):
            return None
        return (p1, ns)
    if len(punct) > 1 or punct == "…":
        return _ellipsis(text, p0, p1, ns, punct, lower, first, seg_start)
    # A single period.
    if lower or (first in _NO_BREAK_BEFORE and first):
        return None
    raw = _word_before(text, p0, seg_start, rules, strip=False)
    if has_closer and raw[:1] == "(" and run[len(punct)] == ")":
        return None  # a one-word parenthesis: "Gen. (ret.) Smith"
    word = raw.lstrip(rules.openers)
    key = _key(word, rules)
    if key in rules.prepositive:
        return None
    digit = first.isdigit()
    if key in rules.postpositive:
        if digit or _opening_phrase(text, seg_start, p1, rules):
            return None
        return (p1, ns)
    if digit:
        if key in rules.numeric or key in rules.abbreviations or _MULTI_PERIOD.fullmatch(word):
            return None
        if len(word) == 1 and word.isalpha():
            return None
        return (p1, ns)
    if key in rules.abbreviations or _MULTI_PERIOD.fullmatch(word):
        # "Energy Corp. "Demand is growing," he said": a capitalised quotation starts a sentence
        quoted = nxt[:1] in rules.quote_closing and first.isupper()
        return (p1, ns) if quoted or _starter(bare, rules) else None
    if len(word) == 1 and word.isalpha():
        # An initial ("J. F. Kennedy", "Albert I. Jones") unless a sentence starter follows.
        if _INITIAL.match(bare) and (len(bare) == 2 or not bare[2].isalpha()):
            return None
        return (p1, ns) if _starter(bare, rules) else None
    return (p1, ns)


def _glued(text: str, p0: int, p1: int, seg_start: int, end: int, rules: LanguageRules):
    """A run directly followed by a non-space: "world.Today", but not "Jane.Doe@x.com" or "U.S.A"."""
    if p1 + 1 >= end or not (text[p1].isupper() and text[p1 + 1].islower()):
        return None
    if p0 == seg_start or not (text[p0 - 1].isalnum()):
        return None
    word = _word_before(text, p0, seg_start, rules)
    if len(word) < 2 or _key(word, rules) in rules.known:
        return None
    if any(c in word for c in "@/\\:") or word.lower().startswith("www"):
        return None
    after = _TOKEN.match(text, p1, end).group()
    if "@" in after or "/" in after:
        return None
    return (p1, p1)


def _ellipsis(text: str, p0: int, p1: int, ns: int, punct: str, lower: bool, first: str, seg_start: int):
    """Runs of dots: "...", "…", "....", ". . .", ". . . .", "word. . . ." (period + ellipsis)."""
    if lower or (first and first in _NO_BREAK_BEFORE):
        return None
    dots = punct.replace(" ", "")
    count = dots.count(".") + 3 * dots.count("…")
    if " " not in punct:
        return (p1, ns) if first.isupper() or first.isdigit() or not first.isalnum() else None
    attached = p0 > seg_start and not text[p0 - 1].isspace()
    if count >= 4 and attached and punct.startswith(". ."):
        # Golden rule 51: "compounds. . . . The" = period, then an ellipsis that opens the next sentence.
        return (p0 + 1, p0 + 2)
    if count >= 4:
        return (p1, ns)
    return None  # ". . ." is an omission inside a sentence


def _word_before(text: str, p0: int, seg_start: int, rules: LanguageRules, strip: bool = True) -> str:
    lo = max(seg_start, p0 - _LOOK)
    j = max(text.rfind(" ", lo, p0), text.rfind("\n", lo, p0), text.rfind("\t", lo, p0), text.rfind("\u00a0", lo, p0))
    word = text[(j + 1 if j >= 0 else lo) : p0]
    return word.lstrip(rules.openers) if strip else word


def _key(word: str, rules: LanguageRules) -> str:
    """The abbreviation key of a word: lower-cased; "Jan.-Sept" -> "sept" when the whole is unknown."""
    key = word.lower()
    if key in rules.known:
        return key
    cut = max(key.rfind("-"), key.rfind("–"), key.rfind("/"))
    if cut >= 0 and key[cut + 1 :] in rules.known:
        return key[cut + 1 :]
    return key


def _starter(bare: str, rules: LanguageRules) -> bool:
    m = _LETTERS.match(bare)
    return bool(m) and m.group() in rules.sentence_starters


def _opening_phrase(text: str, seg_start: int, p1: int, rules: LanguageRules) -> bool:
    """True for a short opening phrase like "At 5 a.m." that cannot be a sentence by itself."""
    if p1 - seg_start > 40:
        return False
    words = text[seg_start:p1].split()
    return len(words) <= 4 and words[0].lower().strip("\"'“‘«(") in rules.phrase_openers
