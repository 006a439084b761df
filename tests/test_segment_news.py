"""News-style sentence boundaries, table-driven: (text, expected sentences)."""

from __future__ import annotations

import pytest

from l10n.segment import segment_text

CASES = [
    # titles and ranks
    ("Lt. Gen. Safar Mehdiyev met Dr. Kunio Mikuriya in Brussels.",
     ["Lt. Gen. Safar Mehdiyev met Dr. Kunio Mikuriya in Brussels."]),
    ("Sec. Gen. Mikuriya spoke first. Prof. Aliyev followed.",
     ["Sec. Gen. Mikuriya spoke first.", "Prof. Aliyev followed."]),
    ("Mr. and Mrs. Smith arrived. Ms. Jones did not.", ["Mr. and Mrs. Smith arrived.", "Ms. Jones did not."]),
    ("St. Petersburg and Mt. Everest are far apart.", ["St. Petersburg and Mt. Everest are far apart."]),
    # initials
    ("J. F. Kennedy was born in 1917. He was elected in 1960.",
     ["J. F. Kennedy was born in 1917.", "He was elected in 1960."]),
    ("Prof. J. F. Kennedy Jr. visited the office.", ["Prof. J. F. Kennedy Jr. visited the office."]),
    # multi-period abbreviations
    ("The U.S. imposed tariffs. The E.U. responded.", ["The U.S. imposed tariffs.", "The E.U. responded."]),
    ("The U.S. Treasury said so. Officials agreed.", ["The U.S. Treasury said so.", "Officials agreed."]),
    ("Prices rose in the U.S. and in the E.U. last year.", ["Prices rose in the U.S. and in the E.U. last year."]),
    ("The data came from the U.N. It was published.", ["The data came from the U.N.", "It was published."]),
    ("She works for the U.N. in Geneva.", ["She works for the U.N. in Geneva."]),
    # an abbreviation before a capitalised quotation ends the sentence; a lower-case one does not
    ('He is an analyst at Energy Corp. "Demand is growing," he said.',
     ["He is an analyst at Energy Corp.", '"Demand is growing," he said.']),
    ("He is an analyst at Energy Corp. “Demand is growing.”", ["He is an analyst at Energy Corp.", "“Demand is growing.”"]),
    ('The U.S. "war on terror" ended.', ['The U.S. "war on terror" ended.']),
    ("Washington, D.C. is the capital.", ["Washington, D.C. is the capital."]),
    # a.m. / p.m.
    ("The meeting starts at 10 a.m. and ends at 5 p.m. on Friday.",
     ["The meeting starts at 10 a.m. and ends at 5 p.m. on Friday."]),
    ("The meeting ended at 5 p.m. The ministers left.", ["The meeting ended at 5 p.m.", "The ministers left."]),
    ("At 9 a.m. Mr. Aliyev opened the session.", ["At 9 a.m. Mr. Aliyev opened the session."]),
    ("He arrived at 9 a.m. Mr. Aliyev was waiting.", ["He arrived at 9 a.m.", "Mr. Aliyev was waiting."]),
    # amounts and units
    ("Revenue reached $1.2 bn. in 2021.", ["Revenue reached $1.2 bn. in 2021."]),
    ("Revenue reached 3 mln. The rest was spent.", ["Revenue reached 3 mln.", "The rest was spent."]),
    ("Azerbaijan's GDP rose 5.6 pct. in 2021.", ["Azerbaijan's GDP rose 5.6 pct. in 2021."]),
    ("It costs approx. 5 manats.", ["It costs approx. 5 manats."]),
    # numbered references
    ("See No. 5 and Art. 12 of the law.", ["See No. 5 and Art. 12 of the law."]),
    ("The report (Vol. 3, pp. 45-47) is online.", ["The report (Vol. 3, pp. 45-47) is online."]),
    ("Is this the end? No. It is not!", ["Is this the end?", "No.", "It is not!"]),
    ("Exports rose to $1.9 bn. in Jan.-Sept. 2021. The figure is new.",
     ["Exports rose to $1.9 bn. in Jan.-Sept. 2021.", "The figure is new."]),
    ("Officials, incl. Dep. Minister Mammadov, attended.", ["Officials, incl. Dep. Minister Mammadov, attended."]),
    ("Gen. (ret.) Smith spoke. Then Col. Jones answered.", ["Gen. (ret.) Smith spoke.", "Then Col. Jones answered."]),
    ("Output grew approx. 4.5 times vs. 2019. This is a record.",
     ["Output grew approx. 4.5 times vs. 2019.", "This is a record."]),
    ("Trading volume was 2.3 mln. shares.", ["Trading volume was 2.3 mln. shares."]),
    # a quotation of several sentences stays one segment (more in test_segment_quotes.py)
    ('Aliyev said: "Our goal is clear. We will achieve it." He left.',
     ['Aliyev said: "Our goal is clear. We will achieve it."', "He left."]),
    # i.e., e.g., vs.
    ("Some goods, e.g. oil and gas, are exempt.", ["Some goods, e.g. oil and gas, are exempt."]),
    ("Other goods, i.e. food, are taxed.", ["Other goods, i.e. food, are taxed."]),
    ("The vote was 5 vs. 3. It passed.", ["The vote was 5 vs. 3.", "It passed."]),
    # companies
    ("Apple Inc. and Samsung Co. Ltd. signed.", ["Apple Inc. and Samsung Co. Ltd. signed."]),
    ("It was founded by Smith Jr. in 1990.", ["It was founded by Smith Jr. in 1990."]),
    ("The company, Azersun Holding Ltd., grew. It hired staff.",
     ["The company, Azersun Holding Ltd., grew.", "It hired staff."]),
    # numbers, dates, ranges
    ("Growth was 1.2% in 2020. Inflation was 3.4%.", ["Growth was 1.2% in 2020.", "Inflation was 3.4%."]),
    ("The fund holds 1,000,000 shares. It was founded in 1990.",
     ["The fund holds 1,000,000 shares.", "It was founded in 1990."]),
    ("The decree of 12.11.2020 entered into force.", ["The decree of 12.11.2020 entered into force."]),
    ("The plan covers 2021-2023. It was approved.", ["The plan covers 2021-2023.", "It was approved."]),
    ("Exports grew in Jan.-Oct. by 5%.", ["Exports grew in Jan.-Oct. by 5%."]),
    ("He scored 9.5 out of 10. The judges agreed.", ["He scored 9.5 out of 10.", "The judges agreed."]),
    ("The talks failed. 25 people were detained.", ["The talks failed.", "25 people were detained."]),
    ("Temperatures fell to -5°C. Roads were closed.", ["Temperatures fell to -5°C.", "Roads were closed."]),
    ("Baku, Nov. 28. The conference opened today.", ["Baku, Nov. 28.", "The conference opened today."]),
    ("COVID-19 hit hard. The WCO responded.", ["COVID-19 hit hard.", "The WCO responded."]),
    # URLs and e-mail addresses
    ("Read more at https://trend.az/news/123.html. Thanks.",
     ["Read more at https://trend.az/news/123.html.", "Thanks."]),
    ("Write to press@customs.gov.az. We reply fast.", ["Write to press@customs.gov.az.", "We reply fast."]),
    ("Contact Jane.Doe@customs.gov.az for details.", ["Contact Jane.Doe@customs.gov.az for details."]),
    # quotes and brackets after terminal punctuation
    ('He said: "We will win." The crowd cheered.', ['He said: "We will win."', "The crowd cheered."]),
    ('"We will win," he said. "There is no doubt."', ['"We will win," he said.', '"There is no doubt."']),
    ("She asked, “Is it true?” Nobody answered.", ["She asked, “Is it true?”", "Nobody answered."]),
    ("He said 'yes.' And left.", ["He said 'yes.'", "And left."]),
    ("The minister (who arrived late.) spoke briefly.", ["The minister (who arrived late.) spoke briefly."]),
    ("The decision was final (see below). Talks ended.", ["The decision was final (see below).", "Talks ended."]),
    ("The figure [sic.] was wrong (?) but stood.", ["The figure [sic.] was wrong (?) but stood."]),
    # ellipses, ? and !
    ("Wait... what happened?", ["Wait... what happened?"]),
    ("He paused… Then he left.", ["He paused…", "Then he left."]),
    ("He paused... Then he left.", ["He paused...", "Then he left."]),
    ("Really?! Yes.", ["Really?!", "Yes."]),
    ("Who won? The team from Baku!", ["Who won?", "The team from Baku!"]),
    ("She works at Yahoo! in Baku.", ["She works at Yahoo! in Baku."]),
    # inline lists
    ("Steps: 1. Plan 2. Act 3. Check", ["Steps: 1. Plan", "2. Act", "3. Check"]),
    ("The results: 1) growth, 2) stability.", ["The results: 1) growth, 2) stability."]),
    # no space after the period
    ("The talks ended.Trade resumed.", ["The talks ended.", "Trade resumed."]),
    # the sample article's longest sentence, untouched
    (("Stressing that the Azerbaijani customs is also successfully developing during the COVID-19 pandemic, "
     "the chairman of the State Customs Committee spoke about the projects based on information technologies, "
     "the development of international trade, steps being taken in the fight against smuggling, "
     "especially drug trafficking."),
     [("Stressing that the Azerbaijani customs is also successfully developing during the COVID-19 pandemic, "
      "the chairman of the State Customs Committee spoke about the projects based on information technologies, "
      "the development of international trade, steps being taken in the fight against smuggling, "
      "especially drug trafficking.")]),
]


@pytest.mark.parametrize("text,expected", CASES, ids=[c[0][:40] for c in CASES])
def test_news_case(text, expected):
    segments = segment_text(text)
    assert [s.text for s in segments] == expected
    for s in segments:
        assert text[s.start : s.end] == s.text


@pytest.mark.parametrize("text,expected", CASES[:20], ids=[c[0][:40] for c in CASES[:20]])
def test_news_case_hard_wrapped(text, expected):
    """A line break in place of a space changes nothing but the segment's own whitespace."""
    wrapped = text.replace(" ", "\n", 1).replace(" ", "\r\n", 1)
    segments = segment_text(wrapped)
    assert [" ".join(s.text.split()) for s in segments] == expected
