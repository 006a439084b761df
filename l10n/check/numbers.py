"""Numbers in English text and how a target language may write them (CLDR symbols via Babel).

English ``1,000,000.5`` is the value ``1000000.5``. In a target language the same
value may be written with that language's CLDR decimal symbol and with or without
its grouping: Russian ``1 000 000,5`` (no-break or narrow no-break space, or a
plain space), Azerbaijani ``1.000.000,5``. Signs and range dashes are not part of
a number, so ``2021-2023`` is the two numbers 2021 and 2023 in any dash style.
Digits joined by two dots or more (dates ``12.11.2024``, versions ``1.2.3``) are
one token that a translation keeps as written, not the decimal ``12.11``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache, lru_cache

_EN_NUMBER = re.compile(r"(?<![\d.,])(?:(\d+(?:\.\d+){2,})|(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?)(?![\d])")
_SPACES = ("\u00a0", "\u202f", " ")


@dataclass(frozen=True)
class Number:
    """A number as written (``text``) and its canonical value (``1000000.5``)."""

    text: str
    integer: str
    fraction: str | None

    @property
    def value(self) -> str:
        return self.integer + ("." + self.fraction if self.fraction is not None else "")


def english_numbers(text: str) -> list[Number]:
    """The numbers of an English text, in order."""
    return [
        Number(m.group(0), m.group(1), None) if m.group(1)
        else Number(m.group(0), m.group(2).replace(",", ""), m.group(3))
        for m in _EN_NUMBER.finditer(text)
    ]


@cache
def symbols(lang: str) -> tuple[str, tuple[str, ...]]:
    """(decimal symbol, accepted group separators) of ``lang`` from Babel's CLDR data."""
    from babel.numbers import get_decimal_symbol, get_group_symbol

    decimal = get_decimal_symbol(lang)
    group = get_group_symbol(lang)
    return decimal, tuple(dict.fromkeys((group, *_SPACES)))


def renderings(number: Number, lang: str) -> list[str]:
    """Every accepted way to write ``number`` in ``lang``: ungrouped, or grouped by threes."""
    decimal, groups = symbols(lang)
    tail = decimal + number.fraction if number.fraction is not None else ""
    forms = [number.integer + tail]
    if len(number.integer) > 3 and number.integer.isdigit():
        digits = number.integer
        chunks = [digits[max(0, i - 3):i] for i in range(len(digits), 0, -3)][::-1]
        forms += [g.join(chunks) + tail for g in groups]
    return forms


@lru_cache(maxsize=4096)
def _pattern(form: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\d])(?<![\d][.,])" + re.escape(form) + r"(?!\d)(?![.,]\d)")


def count_in(text: str, number: Number, lang: str) -> int:
    """How often ``number`` is written in ``text`` in one of the accepted ``lang`` forms."""
    return max(len(_pattern(form).findall(text)) for form in renderings(number, lang))


def missing_numbers(source: str, translation: str, lang: str) -> list[tuple[Number, str]]:
    """English numbers not found (often enough) in ``translation``, each with a short reason."""
    result: list[tuple[Number, str]] = []
    wanted = Counter(n.value for n in english_numbers(source))
    first = {}
    for n in english_numbers(source):
        first.setdefault(n.value, n)
    for value, count in wanted.items():
        number = first[value]
        have = count_in(translation, number, lang)
        if have >= count:
            continue
        forms = renderings(number, lang)
        if number.text not in forms and _pattern(number.text).search(translation):
            reason = f"{number.text} is written the English way; in {lang} write {_show(forms[1] if len(forms) > 1 else forms[0])}"
        elif count > 1:
            reason = f"{number.text} occurs {count} times in the English, {have} in the translation"
        else:
            reason = f"{number.text} is missing (expected {' or '.join(dict.fromkeys(_show(f) for f in forms))})"
        result.append((number, reason))
    return result


def _show(form: str) -> str:
    return form.replace("\u00a0", " ").replace("\u202f", " ")
