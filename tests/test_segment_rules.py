"""Per-language data files: every language loads, and the data (not the code) decides."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from l10n.errors import L10nError
from l10n.segment import segment_text
from l10n.segment.layout import units
from l10n.segment.rules import available_languages, load_rules, rules_from_data
from l10n.segment.sentences import sentence_spans


def test_languages_available():
    assert {"en", "ru", "az"} <= set(available_languages())


@pytest.mark.parametrize("lang", ["en", "ru", "az"])
def test_data_file_is_well_formed(lang):
    data = json.loads((resources.files("l10n") / "lang" / f"{lang}.json").read_text(encoding="utf-8"))
    assert data["language"] == lang
    for key in ("prepositive", "numeric", "postpositive", "abbreviations", "sentence_starters"):
        assert isinstance(data[key], list) and data[key], key
    rules = load_rules(lang)
    assert "." in rules.terminals and rules.candidate.pattern


def test_language_codes_are_normalised():
    assert load_rules("EN") is load_rules("en")
    assert load_rules("ru_RU").language == "ru"


def test_unknown_language_is_a_user_error():
    with pytest.raises(L10nError, match="no segmentation rules for language 'xx'.*en"):
        segment_text("Hello.", "xx")


LANG_CASES = [
    ("ru", "В 2020 г. объём торговли вырос. Об этом сообщил проф. Иванов.",
     ["В 2020 г. объём торговли вырос.", "Об этом сообщил проф. Иванов."]),
    ("ru", "Он сказал: «Мы победим». Зал аплодировал.", ["Он сказал: «Мы победим».", "Зал аплодировал."]),
    ("ru", "Товары, т.е. нефть и газ, и т.д. Это важно.", ["Товары, т.е. нефть и газ, и т.д.", "Это важно."]),
    ("ru", "См. ст. 5 закона. Он вступил в силу.", ["См. ст. 5 закона.", "Он вступил в силу."]),
    ("az", "Azərbaycan gömrüyü uğurla işləyir. Bu barədə prof. Məmmədov bildirib.",
     ["Azərbaycan gömrüyü uğurla işləyir.", "Bu barədə prof. Məmmədov bildirib."]),
    ("az", "Saat 10-da başladı. İclas bitdi.", ["Saat 10-da başladı.", "İclas bitdi."]),
    ("az", "Qanunun səh. 5 hissəsinə baxın. Bu vacibdir.", ["Qanunun səh. 5 hissəsinə baxın.", "Bu vacibdir."]),
]


@pytest.mark.parametrize("lang,text,expected", LANG_CASES, ids=[f"{c[0]}-{c[1][:25]}" for c in LANG_CASES])
def test_other_languages(lang, text, expected):
    assert [s.text for s in segment_text(text, lang)] == expected


def spans(text, data):
    rules = rules_from_data(data)
    return [text[s:e] for s, e in sentence_spans(text, 0, len(text), rules)]


def test_abbreviation_class_comes_from_the_data():
    text = "We met the Zq. Committee today."
    assert spans(text, {"terminals": ".?!"}) == ["We met the Zq.", "Committee today."]
    assert spans(text, {"terminals": ".?!", "prepositive": ["zq"]}) == [text]
    text = "See Zn. 4 for details."
    assert spans(text, {"terminals": ".?!"}) == ["See Zn.", "4 for details."]
    assert spans(text, {"terminals": ".?!", "numeric": ["Zn."]}) == [text]


def test_sentence_starters_come_from_the_data():
    text = "Sold by Acme Co. Bob bought it."
    assert spans(text, {"abbreviations": ["co"]}) == [text]
    assert spans(text, {"abbreviations": ["co"], "sentence_starters": ["Bob"]}) == ["Sold by Acme Co.", "Bob bought it."]


def test_terminals_and_closers_come_from_the_data():
    text = "Tamam։ Next one."  # Armenian full stop
    assert spans(text, {"terminals": ".?!"}) == ["Tamam։ Next one."]
    assert spans(text, {"terminals": ".?!։"}) == ["Tamam։", "Next one."]
    assert spans("He said ‹Go.› Then left.", {"closers": "›"}) == ["He said ‹Go.›", "Then left."]


def test_terminals_must_include_the_period():
    with pytest.raises(L10nError):
        rules_from_data({"terminals": "?!"})


@pytest.mark.parametrize("lang", ["en", "ru", "az"])
def test_quotes_and_continuation_words_are_data(lang):
    rules = load_rules(lang)
    assert rules.quote_closing and all(rules.quote_marks.match(m) for m in rules.quote_closing)
    assert rules.continuation_words and all(w == w.lower() for w in rules.continuation_words)


def test_continuation_words_decide_a_wrapped_headline():
    text = "Baku hosts the zq\nRegional Forum"
    assert [u.kind for u in units(text)] == ["text", "text"]
    assert [(u.kind, text[u.start : u.end]) for u in units(text, frozenset({"zq"}))] == [("heading", text)]
