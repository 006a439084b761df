"""Protect glossary terms through machine translation with placeholder tokens.

A term in the English text is replaced by a short token such as ``ZX1`` that an MT
model copies like a code or a name; after translation the token is replaced by the
term's required rendering. The token prefix is chosen so that it does not occur in
the text, so a text can never be confused with its placeholders. A token the model
dropped, duplicated or changed is reported, never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from l10n.glossary import Glossary

_PREFIXES = ("ZX", "QZX", "XQZ", "ZQXJ")


@dataclass(frozen=True)
class Slot:
    token: str
    term: str  # the glossary term (its English source)
    rendering: str


@dataclass(frozen=True)
class Protected:
    """An English text with its terms replaced by tokens."""

    text: str
    slots: tuple[Slot, ...]

    def restore(self, translation: str) -> tuple[str, list[Slot]]:
        """Put the renderings back; return the text and the slots that did not come out intact."""
        lost: list[Slot] = []
        for slot in self.slots:
            pattern = re.compile(r"(?<![\w])" + re.escape(slot.token) + r"(?!\d)")
            hits = pattern.findall(translation)
            if len(hits) != 1:
                lost.append(slot)
                continue
            translation = pattern.sub(lambda _m, r=slot.rendering: r, translation)
        return translation, lost


def protect(text: str, glossary: Glossary, lang: str) -> Protected:
    """Replace every glossary term of ``text`` that has a ``lang`` rendering by a token."""
    matches = glossary.find(text, lang)
    if not matches:
        return Protected(text, ())
    prefix = next((p for p in _PREFIXES if p.lower() not in text.lower()), None)
    if prefix is None:  # pathological text containing every prefix: leave it alone
        return Protected(text, ())
    parts: list[str] = []
    slots: list[Slot] = []
    pos = 0
    for n, match in enumerate(matches, start=1):
        token = f"{prefix}{n}"
        parts += [text[pos:match.start], token]
        slots.append(Slot(token, match.term.source, match.term.rendering(lang) or ""))
        pos = match.end
    parts.append(text[pos:])
    return Protected("".join(parts), tuple(slots))
