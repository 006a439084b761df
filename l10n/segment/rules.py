"""Per-language segmentation data, loaded from ``l10n/lang/<lang>.json``.

The algorithm in :mod:`l10n.segment.sentences` is language-neutral; everything
that differs between languages (abbreviation classes, quotes, words that
usually start a sentence) lives in the data file. Files are read lazily, on
first use, and cached.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from importlib import resources

from l10n.errors import L10nError

_KEYS = ("prepositive", "numeric", "postpositive", "abbreviations")
_DEFAULT_QUOTES = [['"', '"'], ["“", "”"], ["«", "»"]]


@dataclass(frozen=True)
class LanguageRules:
    """Boundary data for one language (see ``l10n/lang/en.json`` for the meaning of each set)."""

    language: str
    terminals: str
    openers: str
    closers: str
    prepositive: frozenset[str]
    numeric: frozenset[str]
    postpositive: frozenset[str]
    abbreviations: frozenset[str]
    sentence_starters: frozenset[str]
    phrase_openers: frozenset[str]
    known: frozenset[str]
    """Every abbreviation of the four classes."""
    candidate: re.Pattern[str]
    """A run of terminal punctuation (with single spaces between dots, as in ``. . .``), then closers."""
    quote_closing: dict[str, str]
    """Quotation marks (``quotes``): opening mark -> its closing mark (the same character for ``"``)."""
    quote_openers: dict[str, str]
    """Closing mark -> the opening marks it closes."""
    quote_marks: re.Pattern[str]
    """Any opening or closing quotation mark."""
    continuation_words: frozenset[str]
    """Lower-case words that cannot end a headline line ("and", "of"): the next line continues it."""

    def __repr__(self) -> str:
        return f"LanguageRules({self.language!r})"


def available_languages() -> list[str]:
    """Language codes that have a data file."""
    folder = resources.files("l10n") / "lang"
    return sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".json"))


def load_rules(lang: str) -> LanguageRules:
    """The rules for ``lang`` (e.g. ``"en"``, ``"ru_RU"``); L10nError if there is no data file for it."""
    return _load(lang.strip().lower().replace("_", "-").split("-")[0])


@functools.cache
def _load(code: str) -> LanguageRules:
    lang = code
    source = resources.files("l10n") / "lang" / f"{code}.json"
    if not code.isalpha() or not source.is_file():
        raise L10nError(
            f"no segmentation rules for language {lang!r} (available: {', '.join(available_languages())})"
        )
    try:
        data = json.loads(source.read_text(encoding="utf-8"))
    except ValueError as err:
        raise L10nError(f"invalid segmentation data: {err}", path=str(source)) from None
    return rules_from_data(data)


def rules_from_data(data: dict) -> LanguageRules:
    """Build rules from a parsed data file (also used by tests for hand-made languages)."""
    terminals = data.get("terminals", ".?!")
    if "." not in terminals:
        raise L10nError("segmentation data: 'terminals' must contain '.'")
    openers = data.get("openers", "\"'([")
    closers = data.get("closers", "\"')]")
    sets = {key: frozenset(_norm(a) for a in data.get(key, [])) for key in _KEYS}
    term = re.escape(terminals)
    candidate = re.compile(f"[{term}](?:[{term}]| (?=[.…]))*[{re.escape(closers)}]*")
    quotes = data.get("quotes", _DEFAULT_QUOTES)
    if not all(isinstance(q, list) and len(q) == 2 and all(len(m) == 1 for m in q) for q in quotes):
        raise L10nError("segmentation data: 'quotes' must be a list of [opening, closing] mark pairs")
    quote_closing = {o: c for o, c in quotes}
    quote_openers: dict[str, str] = {}
    for o, c in quotes:
        quote_openers[c] = quote_openers.get(c, "") + o
    marks = "".join(sorted({m for q in quotes for m in q}))
    return LanguageRules(
        language=data.get("language", "?"),
        terminals=terminals,
        openers=openers,
        closers=closers,
        sentence_starters=frozenset(data.get("sentence_starters", [])),
        phrase_openers=frozenset(w.lower() for w in data.get("phrase_openers", [])),
        candidate=candidate,
        quote_closing=quote_closing,
        quote_openers=quote_openers,
        quote_marks=re.compile(f"[{re.escape(marks)}]" if marks else "(?!)"),
        continuation_words=frozenset(w.lower() for w in data.get("continuation_words", [])),
        known=frozenset().union(*sets.values()),
        **sets,
    )


def _norm(abbreviation: str) -> str:
    return abbreviation.strip().lower().rstrip(".")
