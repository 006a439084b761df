"""Numbers: English extraction and the target-language forms accepted (CLDR via Babel)."""

from __future__ import annotations

import pytest

from l10n.check.numbers import english_numbers, missing_numbers, renderings, symbols


def test_english_numbers_values():
    found = english_numbers("In 2021-2023, 1,000,000 people paid 1.5 each; COVID-19 and 53.")
    assert [n.value for n in found] == ["2021", "2023", "1000000", "1.5", "19", "53"]
    assert found[2].text == "1,000,000"
    assert [n.value for n in english_numbers("On 12.11.2024, 2.5% (v1.2.3).")] == ["12.11.2024", "2.5", "1.2.3"]


def test_cldr_symbols():
    assert symbols("ru") == (",", ("\u00a0", "\u202f", " "))
    assert symbols("az") == (",", (".", "\u00a0", "\u202f", " "))


def test_renderings_group_by_threes():
    (n,) = english_numbers("1,234,567.25")
    assert renderings(n, "az") == [
        "1234567,25", "1.234.567,25", "1\u00a0234\u00a0567,25", "1\u202f234\u202f567,25", "1 234 567,25",
    ]


@pytest.mark.parametrize(
    "source, translation, lang",
    [
        ("1.2 million", "1,2 млн", "ru"),
        ("1.2 million", "1,2 milyon", "az"),
        ("1,000,000 people", "1\u00a0000\u00a0000 человек", "ru"),
        ("1,000,000 people", "1 000 000 человек", "ru"),
        ("1,000,000 people", "1.000.000 nəfər", "az"),
        ("1,000,000 people", "1000000 nəfər", "az"),
        ("for 2021-2023.", "2021–2023-cü illər üçün.", "az"),
        ("for 2021–2023.", "на 2021-2023 годы.", "ru"),
        ("53 member-states", "53 государств-членов", "ru"),
        ("COVID-19", "COVID-19", "ru"),
        ("will start on 12.11.2024.", "начнется 12.11.2024.", "ru"),  # a dotted date is not the decimal 12.11
        ("on 12.11.2024", "12.11.2024-cü ildə", "az"),
        ("version 1.2.3", "версия 1.2.3", "ru"),
    ],
)
def test_accepted(source, translation, lang):
    assert missing_numbers(source, translation, lang) == []


@pytest.mark.parametrize(
    "source, translation, lang, reason",
    [
        ("1.2 million", "1.2 млн", "ru", "1.2 is written the English way; in ru write 1,2"),
        ("1,000 tons", "1,000 ton", "az", "1,000 is written the English way; in az write 1.000"),
        ("53 states", "35 стран", "ru", "53 is missing (expected 53)"),
        ("1.2 million", "1,25 млн", "ru", "1.2 is missing (expected 1,2)"),
        ("2 and 2", "2 и 3", "ru", "2 occurs 2 times in the English, 1 in the translation"),
        ("for 2021-2023", "на 2021 год", "ru", "2023 is missing (expected 2023 or 2 023)"),
        ("1,000,000", "1 000", "ru", "1,000,000 is missing (expected 1000000 or 1 000 000)"),
        ("on 12.11.2024", "12.11.2025", "ru", "12.11.2024 is missing (expected 12.11.2024)"),
        ("on 12.11.2024", "12,11,2024", "ru", "12.11.2024 is missing (expected 12.11.2024)"),
    ],
)
def test_rejected(source, translation, lang, reason):
    assert [r for _n, r in missing_numbers(source, translation, lang)] == [reason]
