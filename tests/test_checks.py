"""Quality checks: one table of passing and failing pairs per check, and the catalog runner."""

from __future__ import annotations

import polib
import pytest

from l10n.check.checks import (
    CHECKS,
    CheckContext,
    Finding,
    check_brackets,
    check_catalog,
    check_end_punctuation,
    check_entry,
    check_glossary,
    check_identical,
    check_length,
    check_numbers,
    check_pair,
    check_quotes,
    check_markup,
    check_spaces,
    check_urls,
)
from l10n.glossary import parse_glossary

GLOSSARY = parse_glossary(
    "en\taz\tru\tflags\n"
    "State Customs Committee\tDövlət Gömrük Komitəsi\tГосударственный таможенный комитет\t\n"
    "Trend\t=\t=\t\n"
    "COVID-19\t\t\tdnt\n"
)
RU = CheckContext("ru", GLOSSARY)
AZ = CheckContext("az", GLOSSARY)


def test_every_check_is_registered_and_documented():
    assert set(CHECKS) == {"numbers", "glossary", "end-punctuation", "brackets", "quotes",
                           "urls", "markup", "identical", "length", "spaces", "unsafe-link", "blocks"}
    assert all(check.__doc__ for check in CHECKS.values())


def test_numbers_check_uses_target_separators():
    assert check_numbers("It grew 1.2 times.", "Он вырос в 1,2 раза.", RU) == []
    assert check_numbers("It grew 1.2 times.", "Он вырос в 1.2 раза.", RU) == [
        "1.2 is written the English way; in ru write 1,2"
    ]


@pytest.mark.parametrize(
    "source, translation, ctx, ok",
    [
        ("head of the State Customs Committee", "председатель Государственного таможенного комитета", RU, True),
        ("head of the State Customs Committee", "председатель Государственной таможенной службы", RU, False),
        ("of the State Customs Committee", "Dövlət Gömrük Komitəsinin", AZ, True),
        ("of the State Customs Committee", "Dövlət Gömrük Xidmətinin", AZ, False),
        ("Trend reports.", "сообщает Trend.", RU, True),
        ("Trend reports.", "сообщает Тренд.", RU, False),
        ("a trend reports.", "тенденция", RU, True),  # case-sensitive: the word is not the agency
        ("the COVID-19 pandemic", "пандемия COVID-19", RU, True),
        ("the COVID-19 pandemic", "пандемия коронавируса", RU, False),
    ],
)
def test_glossary_check(source, translation, ctx, ok):
    messages = check_glossary(source, translation, ctx)
    assert (messages == []) is ok
    if not ok:
        assert "must be rendered as" in messages[0] or "must stay as is (do not translate)" in messages[0]


def test_glossary_check_without_glossary_finds_nothing():
    assert check_glossary("Trend reports.", "Тренд", CheckContext("ru")) == []


@pytest.mark.parametrize(
    "source, translation, expected",
    [
        ("He said.", "Он сказал.", []),
        ("He said?", "Он сказал?", []),
        ("He said...", "Он сказал…", []),
        ('He said "yes."', "Он сказал «да.»", []),
        ("Headline", "Заголовок", []),
        ("He said.", "Он сказал", ["the English ends with '.', the translation does not"]),
        ("Headline", "Заголовок.", ["the translation ends with '.', the English does not"]),
        ("He said?", "Он сказал.", ["the English ends with '?', the translation with '.'"]),
        # the period of a final abbreviation is not necessarily sentence punctuation
        ("GDP grows 2.8% in Jan.-Oct.", "ВВП вырос на 2,8% в январе–октябре", []),
        ("GDP grows 2.8% in Jan.-Oct.", "ВВП вырос на 2,8% в январе–октябре.", []),
        ("Talks end at 10 a.m.", "Переговоры завершатся в 10:00", []),
        ("Deal signed with the U.S.", "Сделка подписана с США", []),
        ("Prices rose 5 pct.", "Qiymətlər 5% artıb", []),
        ("He left in Oct. 2020.", "Он уехал в октябре 2020 года", ["the English ends with '.', the translation does not"]),
        ("He said so.", "Он так сказал", ["the English ends with '.', the translation does not"]),
        ("He said Oct.", "Он сказал?", ["the English ends with '.', the translation with '?'"]),
    ],
)
def test_end_punctuation(source, translation, expected):
    assert check_end_punctuation(source, translation, RU) == expected


@pytest.mark.parametrize(
    "source, translation, expected",
    [
        ("The WCO (Brussels) met.", "ВТамО (Брюссель) собралась.", []),
        ("The WCO (Brussels met.", "ВТамО (Брюссель собралась.", []),  # as unbalanced as the English
        ("The WCO (Brussels) met.", "ВТамО (Брюссель собралась.",
         ["unbalanced brackets: 1 left open (English: balanced)"]),
        ("The WCO (Brussels) met.", "ВТамО Брюссель) собралась.",
         ["unbalanced brackets: 1 closing without opening (English: balanced)"]),
        ("The WCO (Brussels) met.", "ВТамО, Брюссель, собралась.", ["the English has 1 '()', the translation 0"]),
        ("a [b] c", "a (b] c", ["unbalanced brackets: 1 closing without opening, 1 left open (English: balanced)"]),
    ],
)
def test_brackets(source, translation, expected):
    assert check_brackets(source, translation, RU) == expected


@pytest.mark.parametrize(
    "source, translation, expected",
    [
        ('He said "yes".', "Он сказал «да».", []),
        ('He said "a "b" c".', "Он сказал «а „б“ в».", []),
        ("He said “yes”.", "Он сказал „да“.", []),
        ("He said “yes”.", "O “bəli” dedi.", []),
        ('"We will go on.', "«Мы продолжим.", []),  # a quote spanning two sentences
        ('He said "yes".', "Он сказал «да.", ["unbalanced quotes: 1 left open (English: balanced)"]),
        ('He said "yes".', "Он сказал да».",
         ["unbalanced quotes: 1 closing without opening (English: balanced)"]),
        ('He said "yes".', 'Он сказал "да.', ["unbalanced quotes: 1 left open (English: balanced)"]),
        ('We will go on," he said.', "Мы продолжим», — сказал он.", []),
        ('We will go on," he said.', "«Мы продолжим», — сказал он.",
         ["unbalanced quotes: balanced (English: 1 closing without opening)"]),
        ('He said "yes".', "Он сказал да.", ["the English has quotation marks, the translation none"]),
    ],
)
def test_quotes(source, translation, expected):
    assert check_quotes(source, translation, RU) == expected


@pytest.mark.parametrize(
    "source, translation, expected",
    [
        ("See https://wcoomd.org/en.", "См. https://wcoomd.org/en.", []),
        ("Mail press@wcoomd.org today.", "Пишите на press@wcoomd.org сегодня.", []),
        ("See https://wcoomd.org/en.", "См. https://wcoomd.org/ru.", ["URL https://wcoomd.org/en is missing or changed"]),
        ("See www.customs.gov.az, please.", "Bax: customs.gov.az.", ["URL www.customs.gov.az is missing or changed"]),
        ("Mail press@wcoomd.org today.", "Пишите на пресс@wcoomd.org.",
         ["e-mail address press@wcoomd.org is missing or changed"]),
        # Markdown link and image targets, relative ones too
        ("Photo: ![HQ](/img/hq.jpg \"HQ\")", "Фото: ![Штаб](/img/hq.jpg \"Штаб\")", []),
        ("See [the report](report.html).", "См. [отчет](<report.html>).", []),
        ("Photo: ![HQ](/img/hq.jpg)", "Фото: ![Штаб](/img/hq-ru.jpg)", ["link target /img/hq.jpg is missing or changed"]),
        ("See [the report](report.html).", "См. отчет report.html.", ["link target report.html is missing or changed"]),
        ("[SOCAR](https://socar.az/a.html)", "[SOCAR](https://socar.az/b.html)",
         ["URL https://socar.az/a.html is missing or changed"]),
    ],
)
def test_urls(source, translation, expected):
    assert check_urls(source, translation, RU) == expected


@pytest.mark.parametrize(
    "source, translation, expected",
    [
        ("The *preliminary* estimate via the `gdp_estimate` API.", "*Предварительная* оценка через API `gdp_estimate`.", []),
        ("Follow **@TrendNewsAgency** and #Azerbaijan.", "Следите за **@TrendNewsAgency** и #Азербайджан.", []),
        ("Mail press@trend.az or see https://a.az/x_y*z.", "Пишите на press@trend.az или см. https://a.az/x_y*z.", []),
        ("![Chart](chart.png)", "![График](chart.png)", []),
        ("Text with ~~old~~ and __bold__.", "Текст со ~~старым~~ и __жирным__.", []),
        ("The *preliminary* estimate.", "*Предварительная оценка.", ["the English has 2 '*', the translation 1"]),
        ("Via the `gdp_estimate` API.", "Через API `оценка_ввп`.", ["code span `gdp_estimate` is missing or changed"]),
        ("Follow @SOCARofficial on X.", "Следите за @SOCAR в X.", ["@SOCARofficial is missing or changed"]),
        ("![Chart](chart.png)", "[График](chart.png)", ["the English has 1 '![', the translation 0"]),
    ],
)
def test_markup(source, translation, expected):
    assert check_markup(source, translation, RU) == expected


@pytest.mark.parametrize(
    "source, translation, ok",
    [
        ("The conference was held.", "Конференция состоялась.", True),
        ("The conference was held.", "The conference was held.", False),
        ("Trend", "Trend", True),  # a name kept as is by the glossary
        ("COVID-19", "COVID-19", True),
        ("https://wcoomd.org", "https://wcoomd.org", True),
        ("2021", "2021", True),
    ],
)
def test_identical(source, translation, ok):
    assert (check_identical(source, translation, RU) == []) is ok


def test_length_ratio_outliers():
    source = "The conference of the heads of customs services was held online."
    assert check_length(source, "Конференция руководителей таможенных служб прошла онлайн.", RU) == []
    assert check_length(source, "Да.", RU) == ["the translation is 0.05 times as long as the English (expected 0.5-2.0)"]
    assert check_length(source, source * 3, RU)[0].startswith("the translation is 3.00 times")
    assert check_length("Short.", "Очень-очень длинный перевод короткой фразы.", RU) == []  # too short to judge


@pytest.mark.parametrize(
    "source, translation, expected",
    [
        ("He said.", "Он сказал.", []),
        ("He said.", " Он сказал.", ["leading whitespace ' ', the English has ''"]),
        ("He said.", "Он сказал. ", ["trailing whitespace ' ', the English has ''"]),
        ("He said. ", "Он сказал. ", []),
        ("He said.", "Он  сказал.", ["double space in the translation"]),
        ("He  said.", "Он  сказал.", []),
    ],
)
def test_spaces(source, translation, expected):
    assert check_spaces(source, translation, RU) == expected


def test_check_pair_names_each_finding():
    found = check_pair("The State Customs Committee seized 53 tons.", "Тренд изъял 35 тонн груза на границе", RU)
    assert ("numbers", "53 is missing (expected 53)") in found
    assert [c for c, _ in found] == ["numbers", "glossary", "end-punctuation"]


def _catalog() -> polib.POFile:
    po = polib.POFile()
    po.metadata = {"Language": "ru", "Content-Type": "text/plain; charset=UTF-8"}
    po.append(polib.POEntry(msgid="It weighs 53 tons.", msgstr="Он весит 53 тонны."))
    po.append(polib.POEntry(msgid="It weighs 54 tons.", msgstr="Он весит 45 тонн."))
    po.append(polib.POEntry(msgid="Trend reports.", msgstr="Сообщает Тренд.", flags=["fuzzy"]))
    po.append(polib.POEntry(msgid="Trend wrote.", msgstr="Trend писал", flags=["fuzzy"],
                            previous_msgid="Trend writes."))
    po.append(polib.POEntry(msgid="Not yet.", msgstr=""))
    po.append(polib.POEntry(msgid="Gone 1.", msgstr="Ушло 2.", obsolete=True))
    po.append(polib.POEntry(msgid="One file", msgid_plural="%d files",
                            msgstr_plural={0: "Один файл", 1: "%d файла", 2: "%d файлов."}))
    return polib.pofile(po.__unicode__())


def test_check_catalog_reports_states_lines_and_skips_untranslated():
    po = _catalog()
    findings = check_catalog(po, RU, "x.po")
    summary = [(f.check, f.state, f.msgid) for f in findings]
    assert summary == [
        ("numbers", "reviewed", "It weighs 54 tons."),
        ("glossary", "draft", "Trend reports."),
        ("end-punctuation", "stale", "Trend wrote."),
        ("end-punctuation", "reviewed", "One file"),
    ]
    by_msgid = {e.msgid: e.linenum for e in po}
    assert [f.line for f in findings] == [by_msgid[f.msgid] for f in findings]
    assert str(findings[0]) == f"x.po:{findings[0].line}: numbers: 54 is missing (expected 54)"
    assert str(findings[1]).endswith("[draft]")
    assert findings[2].as_dict() == {
        "path": "x.po", "line": findings[2].line, "check": "end-punctuation",
        "message": "the English ends with '.', the translation does not",
        "state": "stale", "msgid": "Trend wrote.", "document": "x", "language": "ru",
    }


def test_check_entry_plural_forms_compare_with_msgid_plural():
    entry = polib.POEntry(msgid="One file", msgid_plural="%d files.",
                          msgstr_plural={0: "Один файл", 1: "%d файла.", 2: "%d файлов"})
    assert check_entry(entry, RU) == [("end-punctuation", "the English ends with '.', the translation does not")]


def test_finding_str_marks_non_reviewed():
    f = Finding("a.po", 3, "numbers", "53 is missing", "draft", "x")
    assert str(f) == "a.po:3: numbers: 53 is missing [draft]"


def test_glossary_messages():
    assert check_glossary("Trend reports.", "сообщает Тренд.", RU) == ["'Trend' must stay as is (do not translate)"]
    assert check_glossary("The State Customs Committee", "Комитет", RU) == [
        "'State Customs Committee' must be rendered as 'Государственный таможенный комитет'"]
