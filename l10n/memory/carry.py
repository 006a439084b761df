"""Numbers carried from a fuzzy match's translation to the new English (1.2 -> 1.5).

The memory unit's English C and the new English Q have their numbers in the
same order (:func:`l10n.check.numbers.english_numbers`). Where they differ
position by position, and it is unambiguous, the translation gets the new
numbers in the spelling it used for the old ones (``1,2`` stays a
comma-decimal ``1,5`` in Russian; a grouped ``1 200`` gives a grouped
``1 500``). Unambiguous means: C and Q have as many numbers; each old number
that changes occurs once in C, and once in the translation (in one of the
spellings the target language accepts). Otherwise the translation is left as
it was, and ``l10n check`` reports the numbers it lacks.
"""

from __future__ import annotations

import re
from collections import Counter

from l10n.check.numbers import Number, english_numbers, renderings


def carry_numbers(old_english: str, new_english: str, translation: str, lang: str) -> str | None:
    """``translation`` (of ``old_english``) with the numbers of ``new_english``; the same text when
    no number changed; None when the change is ambiguous (see the module docstring)."""
    old, new = english_numbers(old_english), english_numbers(new_english)
    if [n.value for n in old] == [n.value for n in new]:
        return translation
    if len(old) != len(new):
        return None
    counts = Counter(n.value for n in old)
    text = translation
    for before, after in zip(old, new):
        if before.value == after.value:
            continue
        if counts[before.value] != 1:
            return None
        spelled = _spelled_once(text, before, lang)
        if spelled is None:
            return None
        form, match = spelled
        text = text[:match.start()] + _same_style(form, before, after, lang) + text[match.end():]
    return text


def _forms(number: Number, lang: str) -> list[str]:
    forms = renderings(number, lang)
    return forms if number.text in forms else [*forms, number.text]


def _boundary(form: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\d])(?<![\d][.,])" + re.escape(form) + r"(?!\d)(?![.,]\d)")


def _spelled_once(text: str, number: Number, lang: str) -> tuple[str, re.Match[str]] | None:
    found = [(form, m) for form in dict.fromkeys(_forms(number, lang)) for m in _boundary(form).finditer(text)]
    spans = {(m.start(), m.end()) for _, m in found}
    return found[0] if len(spans) == 1 else None


def _same_style(form: str, before: Number, after: Number, lang: str) -> str:
    """``after`` written the way ``form`` wrote ``before``."""
    old_forms, new_forms = _forms(before, lang), _forms(after, lang)
    if form == before.text and form not in renderings(before, lang):
        return after.text  # kept the English spelling: keep doing so
    index = old_forms.index(form)
    grouped = renderings(after, lang)
    return grouped[index] if index < len(grouped) else new_forms[0]
