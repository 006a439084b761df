"""English text as the tokens translation memory compares, and the word bigrams it indexes.

A segment becomes a list of tokens: words (compared case-folded), single
punctuation marks, and three kinds of *placeables* that stand for one token
whatever they spell:

- a number (``1.2``, ``1,000``, ``2021``) is the token ``<num>``, so
  "1.2 billion" and "1.5 billion" differ in no token (the score then takes a
  point off per differing number, see :mod:`l10n.memory.fuzzy`);
- an inline-tag placeholder of an imported TMX segment (``{1}``, ``{/1}``,
  ``{2/}``, see :mod:`l10n.memory.tmx`) is the token ``<tag>``;
- a glossary term (``World Customs Organization``) is one token, its
  case-folded English: a three-word name counts as one word, as a CAT tool's
  recognised term does.

:func:`grams` gives the distinct word bigrams of a token list, padded at both
ends, as 63-bit integers (the keys of the index, with the language mixed in).
"""

from __future__ import annotations

import functools
import re
import zlib
from dataclasses import dataclass

from l10n.glossary import Glossary

NUMBER = "<num>"
TAG = "<tag>"

_TOKEN = re.compile(
    r"(?P<tag>\{/?\d+/?\})"
    r"|(?P<num>\d+(?:[.,]\d+)*)"
    r"|(?P<word>\w+(?:['’\-]\w+)*)"
    r"|(?P<punct>[^\w\s])"
)


@dataclass(frozen=True)
class Tokens:
    """The compared tokens of a text and its placeables as written (numbers, tags), in order."""

    tokens: tuple[str, ...]
    placeables: tuple[str, ...]


def tokenize(text: str, glossary: Glossary | None = None) -> Tokens:
    """The tokens of ``text`` (see the module docstring)."""
    tokens: list[str] = []
    placeables: list[str] = []
    pos = 0
    for start, end, term in _terms(text, glossary):
        _scan(text[pos:start], tokens, placeables)
        tokens.append(term)
        pos = end
    _scan(text[pos:], tokens, placeables)
    return Tokens(tuple(tokens), tuple(placeables))


def _terms(text: str, glossary: Glossary | None) -> list[tuple[int, int, str]]:
    if glossary is None or not len(glossary):
        return []
    return [(m.start, m.end, "_".join(m.term.source.casefold().split())) for m in glossary.find(text)]


def _scan(text: str, tokens: list[str], placeables: list[str]) -> None:
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup
        if kind == "tag":
            tokens.append(TAG)
            placeables.append(m.group())
        elif kind == "num":
            tokens.append(NUMBER)
            placeables.append(m.group())
        else:
            tokens.append(m.group().casefold())


def grams(lang: str, tokens: tuple[str, ...] | list[str]) -> list[int]:
    """The distinct padded bigrams of ``tokens`` (``^ t1``, ``t1 t2``, ..., ``tn $``) as integer keys.

    A token list of n tokens has n + 1 bigram occurrences; one edit (insert,
    delete or substitute a token) removes at most two of them. That is the
    bound :mod:`l10n.memory.index` prunes candidates with.
    """
    padded = ["\x02", *tokens, "\x03"]
    out = dict.fromkeys(_key(lang, a, b) for a, b in zip(padded, padded[1:]))
    return list(out)


@functools.lru_cache(maxsize=1 << 16)  # bigrams repeat a lot ("of the", "<num> billion")
def _key(lang: str, a: str, b: str) -> int:
    """63 bits (SQLite's INTEGER is signed) from CRC-32 and Adler-32: a collision only adds a candidate,
    which is then scored on its tokens, so the key needs to be cheap and spread, not cryptographic."""
    data = f"{lang}\x1f{a}\x1f{b}".encode()
    return (zlib.crc32(data) << 31) | (zlib.adler32(data) & 0x7FFFFFFF)


def same_english(text: str) -> str:
    """The English as exact (100%) matching compares it: white space runs as one space."""
    return " ".join(text.split())
