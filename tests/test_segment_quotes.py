"""Multi-sentence quotations stay one segment; table-driven: (lang, text, expected segments)."""

from __future__ import annotations

import random

import pytest

from l10n.errors import L10nError
from l10n.segment import segment_text
from l10n.segment.quotes import QUOTE_MAX, outside_quotations, quotations
from l10n.segment.rules import load_rules, rules_from_data
from l10n.segment.sentences import sentence_spans

LONG = "We will win. " * 50  # 650 characters: beyond QUOTE_MAX

CASES = [
    # kept together: the quotation goes on after a sentence end inside it
    ("en", '"Our goal is clear. We will achieve it," he said.',
     ['"Our goal is clear. We will achieve it," he said.']),
    ("en", '"Our goal is clear. We will achieve it," he said. The talks resume today.',
     ['"Our goal is clear. We will achieve it," he said.', "The talks resume today."]),
    ("en", 'Aliyev said: "Our goal is clear. We will achieve it." He left.',
     ['Aliyev said: "Our goal is clear. We will achieve it."', "He left."]),
    ("en", "“Trade grew. Smuggling fell,” the minister said. “We are proud.”",
     ["“Trade grew. Smuggling fell,” the minister said.", "“We are proud.”"]),
    ("en", '"Is it over? No! We go on," he said.', ['"Is it over? No! We go on," he said.']),
    ("en", '"Prices rose... Then they fell," the analyst noted.',
     ['"Prices rose... Then they fell," the analyst noted.']),
    ("en", '"Exports rose to $1.2 bn. in Jan.-Oct. The U.S. is our partner," he said.',
     ['"Exports rose to $1.2 bn. in Jan.-Oct. The U.S. is our partner," he said.']),
    ("en", 'Mr. Smith said "It is 5 p.m. Go home." He went.',
     ['Mr. Smith said "It is 5 p.m. Go home."', "He went."]),
    ("en", '"The talks ended.Trade resumed," she said.', ['"The talks ended.Trade resumed," she said.']),
    ("en", '"We met. We agreed. We signed. We left," Mehdiyev told Trend. Talks resume in May.',
     ['"We met. We agreed. We signed. We left," Mehdiyev told Trend.', "Talks resume in May."]),
    ("en", "The statement read: “Customs revenue grew 12%. Smuggling fell.” Officials welcomed it.",
     ["The statement read: “Customs revenue grew 12%. Smuggling fell.”", "Officials welcomed it."]),
    ("en", "«Trade grew. Smuggling fell», the report said.", ["«Trade grew. Smuggling fell», the report said."]),
    # split after the closing quote: a capitalised sentence follows the quotation
    ("en", 'He said: "We will win." The crowd cheered.', ['He said: "We will win."', "The crowd cheered."]),
    ("en", '"We will win," he said. "There is no doubt."', ['"We will win," he said.', '"There is no doubt."']),
    ("en", 'He said: "Yes." "No," she replied.', ['He said: "Yes."', '"No," she replied.']),
    ("en", '"Wait." Then: "Go. Now." Done.', ['"Wait."', 'Then: "Go. Now."', "Done."]),
    ("en", "She asked, “Is it true?” Nobody answered.", ["She asked, “Is it true?”", "Nobody answered."]),
    ("en", 'She turned to him, "This is great." She held the book out to show him.',
     ['She turned to him, "This is great."', "She held the book out to show him."]),
    ("en", 'She turned to him, "This is great." she said.', ['She turned to him, "This is great." she said.']),
    ("en", 'The so-called "green corridor" opened. It works.',
     ['The so-called "green corridor" opened.', "It works."]),
    ("en", "He said 'yes.' And left.", ["He said 'yes.'", "And left."]),
    # unclosed quotation: today's boundaries
    ("en", '"We will win. There is no doubt.', ['"We will win.', "There is no doubt."]),
    ("en", "“We will win. There is no doubt.", ["“We will win.", "There is no doubt."]),
    ("en", 'Then he said it." And left. "Yes," she said. Fine.',
     ['Then he said it."', "And left.", '"Yes," she said.', "Fine."]),
    ("en", '"We will win. We are strong. The minister also said: "Trade grows. Fast." Then he left.',
     ['"We will win.', "We are strong.", 'The minister also said: "Trade grows. Fast."', "Then he left."]),
    ("en", 'The 5" screen is small. The 7" one is big. "Buy it. Now," he said.',
     ['The 5" screen is small.', 'The 7" one is big.', '"Buy it. Now," he said.']),
    # nested quotations
    ("en", '"He told me “Wait. Not yet.” Then he left," she said. It was late.',
     ['"He told me “Wait. Not yet.” Then he left," she said.', "It was late."]),
    ("en", "“He said ‘Go. Now.’ We went,” she recalled. It was late.",
     ["“He said ‘Go. Now.’ We went,” she recalled.", "It was late."]),
    ("en", '"He told me “Wait. Not yet. Then he left," she said. It was late.',
     ['"He told me “Wait. Not yet. Then he left," she said.', "It was late."]),
    ("ru", "Он сказал: «Мы „победим“. Точно». Потом ушёл.", ["Он сказал: «Мы „победим“. Точно».", "Потом ушёл."]),
    ("ru", "«Он ответил: „Нет. Никогда“. Это всё», — сказал он. Зал молчал.",
     ["«Он ответил: „Нет. Никогда“. Это всё», — сказал он.", "Зал молчал."]),
    # Russian and Azerbaijani quotes come from their data files
    ("ru", "«Мы готовы. Всё решено», — сказал он.", ["«Мы готовы. Всё решено», — сказал он."]),
    ("ru", "«Мы готовы. Всё решено». Зал аплодировал.", ["«Мы готовы. Всё решено».", "Зал аплодировал."]),
    ("ru", "„Мы готовы. Всё решено“, — сказал он.", ["„Мы готовы. Всё решено“, — сказал он."]),
    ("ru", "«Мы готовы. Всё решено", ["«Мы готовы.", "Всё решено"]),
    ("az", '"Biz hazırıq. Hər şey həll olunub," o deyib.', ['"Biz hazırıq. Hər şey həll olunub," o deyib.']),
    ("az", "«Biz hazırıq. Hər şey həll olunub», - o deyib. Bu vacibdir.",
     ["«Biz hazırıq. Hər şey həll olunub», - o deyib.", "Bu vacibdir."]),
    # hard-wrapped lines inside one paragraph
    ("en", '"We will continue,"\nhe said. "The work is\nnot over. It never is."',
     ['"We will continue,"\nhe said.', '"The work is\nnot over. It never is."']),
    ("en", '"Our goal is\nclear. We will\nachieve it," he said.\nThe talks resume today.',
     ['"Our goal is\nclear. We will\nachieve it," he said.', "The talks resume today."]),
    ("en", "“Trade grew.\r\nSmuggling fell,” the\r\nminister said.", ["“Trade grew.\r\nSmuggling fell,” the\r\nminister said."]),
    # a quotation never crosses a paragraph (multi-paragraph quotes reopen without closing)
    ("en", '"We will win. We are strong.\n\n"And we will prevail. Always," he said.',
     ['"We will win.', "We are strong.", '"And we will prevail. Always," he said.']),
    # a quotation longer than the bound is split like plain text
    ("en", '"' + LONG + 'Always," he said.',
     ['"We will win.'] + ["We will win."] * 49 + ['Always," he said.']),
    ("en", "“" + LONG + "Always,” he said.",
     ["“We will win."] + ["We will win."] * 49 + ["Always,” he said."]),
]


@pytest.mark.parametrize("lang,text,expected", CASES, ids=[f"{c[0]}-{c[1][:40]}" for c in CASES])
def test_quotation_case(lang, text, expected):
    segments = segment_text(text, lang)
    assert [s.text for s in segments] == expected
    for s in segments:
        assert text[s.start : s.end] == s.text


def test_bound_is_on_the_quotation_length():
    inside = "We will win. " * ((QUOTE_MAX - 20) // 13)
    text = '"' + inside + 'Always," he said.'
    assert len(text) < QUOTE_MAX
    assert [s.text for s in segment_text(text)] == [text]


def test_quotation_spans_are_merged_and_bounded():
    rules = load_rules("en")
    text = '"A “b. c” d." x "e' + "f" * QUOTE_MAX + '"'
    assert quotations(text, 0, len(text), rules) == [(0, 12)]


def test_cut_inside_a_quotation_is_dropped_and_after_it_kept():
    spans = [(10, 40)]
    cuts = [(5, 6), (11, 12), (40, 41), (41, 42)]
    assert outside_quotations(cuts, spans) == [(5, 6), (41, 42)]


def test_quote_pairs_come_from_the_data():
    text = "‹Go. Now.› Then left."
    plain = rules_from_data({"closers": "›", "quotes": []})
    paired = rules_from_data({"closers": "›", "quotes": [["‹", "›"]]})
    assert [text[s:e] for s, e in sentence_spans(text, 0, len(text), plain)] == ["‹Go.", "Now.›", "Then left."]
    assert [text[s:e] for s, e in sentence_spans(text, 0, len(text), paired)] == ["‹Go. Now.›", "Then left."]


def test_bad_quote_data_is_a_user_error():
    with pytest.raises(L10nError, match="quotes"):
        rules_from_data({"quotes": [["«"]]})


def test_many_quotes_stay_linear_and_lossless():
    text = ('"A. B," he said. ' * 5000) + ("“" * 5000) + ("”" * 5000) + ('"x. ' * 5000)
    segments = segment_text(text)
    pos = 0
    for s in segments:
        assert s.start >= pos and text[s.start : s.end] == s.text
        pos = s.end
    assert segments[0].text == '"A. B," he said.'


@pytest.mark.parametrize(
    "text,heading",
    [
        ("“Trade grew. Smuggling fell”", False),  # a pull quote of two sentences is not a title
        ('"We will win. We are strong"', False),
        ("“Customs Chief Re-elected”", True),
        ("Dr. Aliyev re-elected", True),
    ],
)
def test_a_quotation_alone_is_a_title_only_if_it_is_one_sentence(text, heading):
    assert [(s.text, s.heading) for s in segment_text(text)] == [(text, heading)]


def test_random_quote_soup_is_lossless():
    rng = random.Random(11)
    pieces = ['"', "“", "”", "«", "»", "„", "‘", "’", "Go.", "Now!", "he said", ",", " ", " ", "\n", "\n\n", "We", "x"]
    for lang in ("en", "ru"):
        for _ in range(400):
            text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 50)))
            pos = 0
            for s in segment_text(text, lang):
                assert pos <= s.start < s.end and text[s.start : s.end] == s.text == s.text.strip()
                pos = s.end
