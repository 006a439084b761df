"""Quality checks over catalog entries: each check is a small function, a runner collects all.

A check is ``check(source, translation, ctx) -> list[str]`` (messages; empty when
fine). :data:`CHECKS` lists them by name; :func:`check_catalog` runs them over every
translated entry of a catalog (drafts and stale entries too) and returns
:class:`Finding` objects that know the file, the entry's line, the check and the
entry's review state. File handling is in :mod:`l10n.check.runner`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import polib

from l10n.catalog.model import REVIEWED, UNTRANSLATED, entry_state
from l10n.export.markdown_inline import refused_targets
from l10n.export.text import LINE_BREAK, block_marker, leading_markers
from l10n.glossary import Glossary
from l10n.check.numbers import missing_numbers

#: Length ratio (translation / English, in characters) outside this range is an outlier;
#: only for English texts of at least LENGTH_MIN_CHARS characters.
LENGTH_RATIO = (0.5, 2.0)
LENGTH_MIN_CHARS = 30


@dataclass(frozen=True)
class CheckContext:
    """What checks need besides the two texts: the target language and the glossary."""

    lang: str
    glossary: Glossary | None = None


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    check: str
    message: str
    state: str
    msgid: str
    language: str = ""

    def __str__(self) -> str:
        mark = "" if self.state == REVIEWED else f" [{self.state}]"
        return f"{self.path}:{self.line}: {self.check}: {self.message}{mark}"

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.path, "line": self.line, "check": self.check,
            "message": self.message, "state": self.state, "msgid": self.msgid,
            # the keys status/postedit/export --json use for the same things
            "document": Path(self.path).stem, "language": self.language,
        }


Check = Callable[[str, str, CheckContext], list[str]]


def check_numbers(source: str, translation: str, ctx: CheckContext) -> list[str]:
    """Every number of the English appears in the translation (target separators accepted)."""
    return [reason for _number, reason in missing_numbers(source, translation, ctx.lang)]


def check_glossary(source: str, translation: str, ctx: CheckContext) -> list[str]:
    """English glossary terms require their rendering (see l10n.glossary for inflection rules)."""
    if ctx.glossary is None:
        return []
    return [
        f"{term.source!r} must stay as is (do not translate)" if term.kept(ctx.lang)
        else f"{term.source!r} must be rendered as {term.rendering(ctx.lang)!r}"
        for term in ctx.glossary.missing(source, translation, ctx.lang)
    ]


_CLOSERS = "\"'»”’“)]}"
_END_MARKS = {".": ".", "!": "!", "?": "?", ":": ":", ";": ";", "…": "…"}


def _end_mark(text: str) -> str:
    core = text.rstrip().rstrip(_CLOSERS).rstrip()
    if core.endswith("..."):
        return "…"
    return _END_MARKS.get(core[-1:], "")


_LAST_WORD = re.compile(r"([^\s\-–—/(\"'“‘«]+)\.$")
_INITIALS = re.compile(r"(?:[A-Za-z]\.){2,}$")


def _ends_with_abbreviation(text: str) -> bool:
    """The English ends with an abbreviation ("Jan.-Oct.", "10 a.m.", "the U.S."), whose period may be its only one."""
    core = text.rstrip().rstrip(_CLOSERS).rstrip()
    m = _LAST_WORD.search(core)
    if not m or core.endswith(".."):
        return False
    from l10n.segment.rules import load_rules

    word = m.group(1)
    return word.lower() in load_rules("en").known or bool(_INITIALS.search(word + "."))


def check_end_punctuation(source: str, translation: str, ctx: CheckContext) -> list[str]:
    """The translation ends with the same kind of punctuation as the English (or none).

    An English text ending with an abbreviation may be a headline whose period
    belongs to the abbreviation, so its translation may end without one.
    """
    want, got = _end_mark(source), _end_mark(translation)
    if want == got or (want == "." and not got and _ends_with_abbreviation(source)):
        return []
    if not got:
        return [f"the English ends with {want!r}, the translation does not"]
    if not want:
        return [f"the translation ends with {got!r}, the English does not"]
    return [f"the English ends with {want!r}, the translation with {got!r}"]


_BRACKETS = {"(": ")", "[": "]", "{": "}"}
_QUOTE_OPEN = {"«": "»", "„": "“”", "“": "”"}
_QUOTE_CLOSE = set("»“”")


def _imbalance(text: str, opening: dict[str, str], closing: set[str]) -> tuple[int, int]:
    """(unexpected closers, unclosed openers) of ``text`` for the given pairs."""
    stack: list[str] = []
    unexpected = 0
    marks = set(opening) | closing | {c for v in opening.values() for c in v}
    for ch in (c for c in text if c in marks):
        if stack and ch in stack[-1]:
            stack.pop()
        elif ch in opening:
            stack.append(opening[ch])
        elif ch in closing:
            unexpected += 1
    return unexpected, len(stack)


def _describe(unexpected: int, unclosed: int) -> str:
    parts = []
    if unexpected:
        parts.append(f"{unexpected} closing without opening")
    if unclosed:
        parts.append(f"{unclosed} left open")
    return ", ".join(parts) or "balanced"


def check_brackets(source: str, translation: str, ctx: CheckContext) -> list[str]:
    """Brackets are balanced as in the English, and each kind is used as often."""
    closers = set(_BRACKETS.values())
    want = _imbalance(source, _BRACKETS, closers)
    got = _imbalance(translation, _BRACKETS, closers)
    if want != got:
        return [f"unbalanced brackets: {_describe(*got)} (English: {_describe(*want)})"]
    return [
        f"the English has {source.count(o)} '{o}{c}', the translation {translation.count(o)}"
        for o, c in _BRACKETS.items()
        if source.count(o) != translation.count(o)
    ]


def _curl(text: str) -> str:
    """Straight double quotes as opening or closing marks, judged by what precedes them."""
    if '"' not in text:
        return text
    out = []
    for i, ch in enumerate(text):
        if ch == '"':
            before = text[i - 1] if i else " "
            ch = "“" if before.isspace() or before in "([{«„“—–-" else "”"
        out.append(ch)
    return "".join(out)


def _has_quotes(text: str) -> bool:
    return any(q in text for q in '"«»„“”')


def check_quotes(source: str, translation: str, ctx: CheckContext) -> list[str]:
    """Quotation marks « », „ “, “ ” and straight quotes pair up as in the English.

    A quote may span sentences, so the translation only has to be as (un)balanced
    as the English segment.
    """
    want = _imbalance(_curl(source), _QUOTE_OPEN, _QUOTE_CLOSE)
    got = _imbalance(_curl(translation), _QUOTE_OPEN, _QUOTE_CLOSE)
    found = []
    if want != got:
        found.append(f"unbalanced quotes: {_describe(*got)} (English: {_describe(*want)})")
    if _has_quotes(source) and not _has_quotes(translation):
        found.append("the English has quotation marks, the translation none")
    return found


_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"«»“”]+", re.IGNORECASE)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def _strip_url_tail(url: str) -> str:
    return url.rstrip(".,;:!?)]}'’")


_LINK_TARGET = re.compile(r"\]\(\s*<?([^\s<>()]+)")


def check_urls(source: str, translation: str, ctx: CheckContext) -> list[str]:
    """URLs, e-mail addresses and Markdown link and image targets (``](/img/a.jpg)``) are copied unchanged."""
    found = []
    urls = dict.fromkeys(_strip_url_tail(m.group(0)) for m in _URL.finditer(source))
    for url in urls:
        if url not in translation:
            found.append(f"URL {url} is missing or changed")
    if "](" in source:
        for target in dict.fromkeys(m.group(1) for m in _LINK_TARGET.finditer(source)):
            if target not in urls and f"]({target}" not in translation and f"](<{target}" not in translation:
                found.append(f"link target {target} is missing or changed")
    for mail in dict.fromkeys(_strip_url_tail(m.group(0)) for m in _EMAIL.finditer(source)):
        if mail not in translation:
            found.append(f"e-mail address {mail} is missing or changed")
    return found


_CODE_SPAN = re.compile(r"`[^`\n]+`")
_HANDLE = re.compile(r"(?<![\w@.])@\w{2,}")
_MARKS = ("*", "_", "`", "~~", "![")


def check_markup(source: str, translation: str, ctx: CheckContext) -> list[str]:
    """Inline Markdown survives: `code spans` and @handles copied unchanged, and the
    emphasis, code and image markers (``*``, ``_``, `````, ``~~``, ``![``) as many as in the English.
    """
    found = []
    if "`" in source:
        for span in dict.fromkeys(_CODE_SPAN.findall(source)):
            if span not in translation:
                found.append(f"code span {span} is missing or changed")
    if "@" in source:
        for handle in dict.fromkeys(_HANDLE.findall(source)):
            if handle not in translation:
                found.append(f"{handle} is missing or changed")
    if any(mark in source or mark in translation for mark in _MARKS):
        src, tr = _strip_names(source), _strip_names(translation)
        for mark in _MARKS:
            want, got = src.count(mark), tr.count(mark)
            if want != got:
                found.append(f"the English has {want} '{mark}', the translation {got}")
    return found


def _strip_names(text: str) -> str:
    """``text`` without code spans, URLs, e-mail addresses and handles (whose ``_``, ``*`` are not markup)."""
    for pattern in (_CODE_SPAN, _URL, _EMAIL, _HANDLE):
        text = pattern.sub("", text)
    return text


_WORD = re.compile(r"[A-Za-z]{2,}")


def check_identical(source: str, translation: str, ctx: CheckContext) -> list[str]:
    """The translation is not just the English, unless it only holds names kept as is."""
    if translation.strip() != source.strip():
        return []
    rest = source
    if ctx.glossary is not None:
        for match in reversed(ctx.glossary.find(source, ctx.lang)):
            if match.term.kept(ctx.lang):
                rest = rest[:match.start] + " " + rest[match.end:]
    rest = _EMAIL.sub(" ", _URL.sub(" ", rest))
    return ["the translation is identical to the English"] if _WORD.search(rest) else []


def check_length(source: str, translation: str, ctx: CheckContext) -> list[str]:
    """Length ratio outliers (see LENGTH_RATIO, LENGTH_MIN_CHARS)."""
    if len(source.strip()) < LENGTH_MIN_CHARS:
        return []
    ratio = len(translation.strip()) / len(source.strip())
    low, high = LENGTH_RATIO
    if low <= ratio <= high:
        return []
    return [f"the translation is {ratio:.2f} times as long as the English (expected {low}-{high})"]


def _lead(text: str) -> str:
    return text[: len(text) - len(text.lstrip())]


def _trail(text: str) -> str:
    return text[len(text.rstrip()):]


def check_spaces(source: str, translation: str, ctx: CheckContext) -> list[str]:
    """Leading and trailing whitespace as in the English; no double spaces the English lacks."""
    found = []
    if _lead(source) != _lead(translation):
        found.append(f"leading whitespace {_lead(translation)!r}, the English has {_lead(source)!r}")
    if _trail(source) != _trail(translation):
        found.append(f"trailing whitespace {_trail(translation)!r}, the English has {_trail(source)!r}")
    if "  " in translation.strip() and "  " not in source.strip():
        found.append("double space in the translation")
    return found


def check_unsafe_link(source: str, translation: str, ctx: CheckContext) -> list[str]:
    """Link and image targets are http, https, mailto or relative, read as a browser reads them
    (``\\x01javascript:``, ``&#106;avascript:`` are javascript:); the HTML export shows any other as text."""
    return [
        f"link target {target!r} is not an http(s), mailto or relative URL: the HTML export shows it as text"
        for target in dict.fromkeys(refused_targets(translation))
    ]


_BLOCK_NAMES = {
    "heading": "a heading", "bullet": "a list item", "number": "a numbered item", "quote": "a quotation",
    "fence": "a code block", "rule": "a horizontal rule", "underline": "a heading underline",
    "table": "a table row", "html": "an HTML block",
}


def check_blocks(source: str, translation: str, ctx: CheckContext) -> list[str]:
    """The translation opens no block the English lacks: no more line breaks or blank lines, and no
    Markdown block marker (``# ``, ``- ``, ``> ``, a code fence...) at the start of its lines where the
    English has none (the md and txt exports put its lines on one, and escape such a marker)."""
    found = []
    want, got = LINE_BREAK.split(source), LINE_BREAK.split(translation)
    if len(got) > len(want):
        found.append("line break in the translation, the English has none" if len(want) == 1 else
                     f"the translation has {len(got) - 1} line breaks, the English {len(want) - 1}")
    if sum(not line for line in got[1:-1]) > sum(not line for line in want[1:-1]):
        found.append("blank line in the translation (a new paragraph), the English has none")
    english = [kind for kind, _marker, _at in leading_markers(want[0])]
    for n, (kind, marker, at) in enumerate(leading_markers(got[0])):
        if n >= len(english) or english[n] != kind:
            found.append(f"the translation starts with {got[0][:at + len(marker)].strip()!r} "
                         f"({_BLOCK_NAMES[kind]} where it starts a line), the English does not")
            break
    english_lines = [m[0] for m in map(block_marker, want[1:]) if m]
    for kind, marker in (m for m in map(block_marker, got[1:]) if m):
        if kind in english_lines:
            english_lines.remove(kind)
        else:
            found.append(f"a line of the translation starts with {marker!r} ({_BLOCK_NAMES[kind]}), "
                         "the English's do not")
    return found


CHECKS: dict[str, Check] = {
    "numbers": check_numbers,
    "glossary": check_glossary,
    "end-punctuation": check_end_punctuation,
    "brackets": check_brackets,
    "quotes": check_quotes,
    "urls": check_urls,
    "markup": check_markup,
    "identical": check_identical,
    "length": check_length,
    "spaces": check_spaces,
    "unsafe-link": check_unsafe_link,
    "blocks": check_blocks,
}


def check_pair(source: str, translation: str, ctx: CheckContext) -> list[tuple[str, str]]:
    """Run every check on one English/translation pair: (check name, message) pairs."""
    return [(name, message) for name, check in CHECKS.items() for message in check(source, translation, ctx)]


def _pairs(entry: polib.POEntry) -> list[tuple[str, str]]:
    if entry.msgid_plural:
        return [
            (entry.msgid if int(n) == 0 else entry.msgid_plural, text)
            for n, text in sorted(entry.msgstr_plural.items(), key=lambda kv: int(kv[0]))
            if text
        ]
    return [(entry.msgid, entry.msgstr)]


def check_entry(entry: polib.POEntry, ctx: CheckContext) -> list[tuple[str, str]]:
    """All findings of one translated entry (plural forms checked against msgid / msgid_plural)."""
    found: list[tuple[str, str]] = []
    for source, translation in _pairs(entry):
        for item in check_pair(source, translation, ctx):
            if item not in found:
                found.append(item)
    return found


def check_catalog(po: polib.POFile, ctx: CheckContext, path: str | None = None) -> list[Finding]:
    """Findings for every translated, non-obsolete entry of ``po`` (untranslated ones are skipped)."""
    path = path if path is not None else (po.fpath or "<catalog>")
    findings = []
    for entry in po:
        if entry.obsolete or entry.msgid == "":
            continue
        state = entry_state(entry)
        if state == UNTRANSLATED:
            continue
        for check, message in check_entry(entry, ctx):
            findings.append(Finding(str(path), entry.linenum, check, message, state, entry.msgid, ctx.lang))
    return findings
