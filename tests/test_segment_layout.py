"""Paragraphs, hard wraps, headings and Markdown markers: what is a unit, and exact offsets."""

from __future__ import annotations

import random
import re

import pytest

from l10n.segment import BLOCK_KINDS, segment_article, segment_text

LAYOUT_CASES = [
    # (text, [(segment text, paragraph, line, heading)])
    ("One. Two.\n\nThree.", [("One.", 0, 1, False), ("Two.", 0, 1, False), ("Three.", 1, 3, False)]),
    ("A sentence that is\nhard-wrapped here. Next.",
     [("A sentence that is\nhard-wrapped here.", 0, 1, False), ("Next.", 0, 2, False)]),
    ("CRLF text that is\r\nwrapped. Next one.\r\n\r\nPara.\r\n",
     [("CRLF text that is\r\nwrapped.", 0, 1, False), ("Next one.", 0, 2, False), ("Para.", 1, 4, False)]),
    ("First.\n\n\n\nAfter a double blank line.", [("First.", 0, 1, False), ("After a double blank line.", 1, 5, False)]),
    ("   \n  Indented para.  \n \t \nNext.", [("Indented para.", 0, 2, False), ("Next.", 1, 4, False)]),
    # headings: Markdown ATX and setext, and short standalone lines
    ("# Customs news\n\nBody text. More.",
     [("Customs news", 0, 1, True), ("Body text.", 1, 3, False), ("More.", 1, 3, False)]),
    ("## Title ##\nBody right below.", [("Title", 0, 1, True), ("Body right below.", 1, 2, False)]),
    ("### C# is a language", [("C# is a language", 0, 1, True)]),
    ("Customs Chief Re-elected\n\nThe WCO voted today.",
     [("Customs Chief Re-elected", 0, 1, True), ("The WCO voted today.", 1, 3, False)]),
    ("Title\n=====\n\nBody.", [("Title", 0, 1, True), ("Body.", 1, 4, False)]),
    ("Subtitle\n--------\nBody.", [("Subtitle", 0, 1, True), ("Body.", 1, 3, False)]),
    ("Not a title: it ends with punctuation.", [("Not a title: it ends with punctuation.", 0, 1, False)]),
    ("The list follows:", [("The list follows:", 0, 1, False)]),
    ("Read more: https://en.trend.az/a/1.html", [("Read more: https://en.trend.az/a/1.html", 0, 1, False)]),
    ('Photo: ![SOCAR HQ](/img/socar.jpg "HQ")', [('Photo: ![SOCAR HQ](/img/socar.jpg "HQ")', 0, 1, False)]),
    ("See [the report](report.html)", [("See [the report](report.html)", 0, 1, False)]),
    # lists
    ("- Trade grew.\n- Smuggling fell\n  sharply.\n* Third item",
     [("Trade grew.", 0, 1, False), ("Smuggling fell\n  sharply.", 0, 2, False), ("Third item", 0, 4, False)]),
    ("Key figures:\n• GDP rose 2.8%\n• Exports rose. Strongly.\n▪ Imports fell",
     [("Key figures:", 0, 1, False), ("GDP rose 2.8%", 1, 2, False), ("Exports rose.", 1, 3, False),
      ("Strongly.", 1, 3, False), ("Imports fell", 1, 4, False)]),
    ("1. Plan the work.\n2. Work the plan.", [("Plan the work.", 0, 1, False), ("Work the plan.", 0, 2, False)]),
    ("features\ncontact manager\nevents, activities\n",
     [("features", 0, 1, False), ("contact manager", 0, 2, False), ("events, activities", 0, 3, False)]),
    # quotes, rules, layout-only lines
    ("> Quoted once.\n> Quoted twice.", [("Quoted once.", 0, 1, False), ("Quoted twice.", 0, 2, False)]),
    ("> First quoted paragraph.\n>\n> Second one.\n>  \r\n> Third.",
     [("First quoted paragraph.", 0, 1, False), ("Second one.", 1, 3, False), ("Third.", 2, 5, False)]),
    ("Before.\n\n* * *\n\n---\n\nAfter.", [("Before.", 0, 1, False), ("After.", 1, 7, False)]),
    ("Two lines of a\nhard-wrapped sentence.\n---\nAfter the rule.",
     [("Two lines of a\nhard-wrapped sentence.", 0, 1, False), ("After the rule.", 1, 4, False)]),
    ("Text.\n* * *\nMore.", [("Text.", 0, 1, False), ("More.", 1, 3, False)]),
    # fenced code blocks are not text: no segment, fences and code stay between segments
    ("Run this:\n\n```sh\nl10n translate. Then check.\n\nl10n export\n```\n\nDone. Next.",
     [("Run this:", 0, 1, False), ("Done.", 1, 9, False), ("Next.", 1, 9, False)]),
    ("Text before.\n~~~~\nx = 1. y = 2.\n~~~~~\nText after.", [("Text before.", 0, 1, False), ("Text after.", 1, 5, False)]),
    ("A.\r\n\r\n```\r\ncode.\r\n```\r\n", [("A.", 0, 1, False)]),
    ("``` not closed. Still text.", [("``` not closed.", 0, 1, False), ("Still text.", 0, 1, False)]),
    ("Inline ```code``` stays. ~~Struck~~ too.", [("Inline ```code``` stays.", 0, 1, False), ("~~Struck~~ too.", 0, 1, False)]),
    ("```\nnot closed by ~~~\n~~~\nStill text.", [("```\nnot closed by ~~~\n~~~\nStill text.", 0, 1, False)]),
    # Markdown tables: one segment per cell, pipes and the delimiter row outside
    ("| Sector | Growth |\n|---|:---:|\n| Oil and gas | -1.3% |\n\nAfter.",
     [("Sector", 0, 1, False), ("Growth", 0, 1, False), ("Oil and gas", 0, 3, False), ("-1.3%", 0, 3, False),
      ("After.", 1, 5, False)]),
    ("Name | Note\r\n--- | ---\r\nBaku | A city. The capital \\| not a pipe\r\n",
     [("Name", 0, 1, False), ("Note", 0, 1, False), ("Baku", 0, 3, False), ("A city.", 0, 3, False),
      ("The capital \\| not a pipe", 0, 3, False)]),
    ("a|b\n-\nc", [("a|b", 0, 1, True), ("c", 1, 3, False)]),
    ("", []),
    ("\n \n\t\n", []),
    ("...", []),
]


@pytest.mark.parametrize("text,expected", LAYOUT_CASES, ids=[repr(c[0][:30]) for c in LAYOUT_CASES])
def test_layout(text, expected):
    segments = segment_text(text)
    assert [(s.text, s.paragraph, s.line, s.heading) for s in segments] == expected
    for s in segments:
        assert text[s.start : s.end] == s.text


HEADLINE_CASES = [
    # (lang, text, [(segment text, heading)]): a headline hard-wrapped over two short lines is one heading
    ("en", "Azerbaijan and Georgia sign\ncustoms agreement", [("Azerbaijan and Georgia sign\ncustoms agreement", True)]),
    ("en", "Talks between Baku and\nTbilisi resume", [("Talks between Baku and\nTbilisi resume", True)]),
    ("en", "Customs chief\nre-elected", [("Customs chief\nre-elected", True)]),
    ("en", "Azerbaijani customs seized more than a ton of drugs\nthis year",
     [("Azerbaijani customs seized more than a ton of drugs\nthis year", True)]),
    ("en", "WCO Europe region meets in\nBaku", [("WCO Europe region meets in\nBaku", True)]),
    ("en", "5 things to know about\nthe customs reform", [("5 things to know about\nthe customs reform", True)]),
    ("en", "Azerbaijan and Georgia sign\r\ncustoms agreement\r\n\r\nThe deal was signed. It covers trade.",
     [("Azerbaijan and Georgia sign\r\ncustoms agreement", True), ("The deal was signed.", False),
      ("It covers trade.", False)]),
    ("ru", "Азербайджан и Грузия подписали\nтаможенное соглашение",
     [("Азербайджан и Грузия подписали\nтаможенное соглашение", True)]),
    ("ru", "Таможенные службы Азербайджана и\nГрузии подписали соглашение",
     [("Таможенные службы Азербайджана и\nГрузии подписали соглашение", True)]),
    ("az", "Azərbaycan və Gürcüstan gömrük sazişi\nimzalayıb", [("Azərbaycan və Gürcüstan gömrük sazişi\nimzalayıb", True)]),
    # not a wrapped headline: still one segment a line (golden rule 42 and its kin)
    ("en", "features\ncontact manager\nevents, activities\n",
     [("features", False), ("contact manager", False), ("events, activities", False)]),
    ("en", "features\ncontact manager", [("features", False), ("contact manager", False)]),
    ("en", "Exports\nImports", [("Exports", False), ("Imports", False)]),
    ("en", "Features\ncontact manager", [("Features", False), ("contact manager", False)]),
    ("en", "Azerbaijan, Georgia to Sign\nCustoms Agreement",
     [("Azerbaijan, Georgia to Sign", False), ("Customs Agreement", False)]),
    ("en", "Azerbaijan and Georgia sign customs agreement\nBaku, 28 November",
     [("Azerbaijan and Georgia sign customs agreement", False), ("Baku, 28 November", False)]),
    ("en", "Azerbaijan and Georgia sign\ncustoms agreement\nin Baku",
     [("Azerbaijan and Georgia sign", False), ("customs agreement", False), ("in Baku", False)]),
    ("en", "- Trade and\n- exports", [("Trade and", False), ("exports", False)]),
    ("en", "# Customs news\nsecond line", [("Customs news", True), ("second line", False)]),
    # a wrapped sentence with final punctuation is text, as before
    ("en", "Azerbaijan and Georgia signed\na customs agreement.", [("Azerbaijan and Georgia signed\na customs agreement.", False)]),
]


@pytest.mark.parametrize("lang,text,expected", HEADLINE_CASES, ids=[repr(c[1][:30]) for c in HEADLINE_CASES])
def test_wrapped_headline(lang, text, expected):
    segments = segment_text(text, lang)
    assert [(s.text, s.heading) for s in segments] == expected
    for s in segments:
        assert text[s.start : s.end] == s.text


def rebuild(text, segments, translate):
    out, pos = [], 0
    for s in segments:
        out.append(text[pos : s.start])
        out.append(translate(s.text))
        pos = s.end
    out.append(text[pos:])
    return "".join(out)


def test_article_rebuilds_exactly_and_markers_stay_outside():
    text = (
        "\ufeff# Customs news ##\r\n\r\nLt. Gen. Mehdiyev spoke. The U.S. delegation\r\nlistened.\r\n\r\n"
        "- First point.\r\n- Second point\r\n\r\n> A quote. Another.\r\n\r\n\r\nThe end."
    )
    segments = segment_text(text)
    assert rebuild(text, segments, lambda t: t) == text
    marked = rebuild(text, segments, lambda t: "<" + t + ">")
    assert marked.startswith("\ufeff# <Customs news> ##\r\n")
    assert "- <First point.>\r\n- <Second point>" in marked
    assert "> <A quote.> <Another.>" in marked
    assert "<The U.S. delegation\r\nlistened.>" in marked


def test_random_texts_are_lossless():
    rng = random.Random(7)
    pieces = ["Mr.", "U.S.", "a.m.", "1.5", "...", ". . .", "?!", "\"", "”", "(", ")", "\n", "\n\n", "\r\n",
              "# ", "- ", "> ", "1. ", "word", "Word", " ", " ", "  ", "e.g.", "…", "[...]", "@", "www.x.Yz"]
    for _ in range(500):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 40)))
        segments = segment_text(text)
        pos = 0
        for s in segments:
            assert pos <= s.start < s.end and text[s.start : s.end] == s.text == s.text.strip()
            assert s.line == text.count("\n", 0, s.start) + 1
            pos = s.end
        assert [s.paragraph for s in segments] == sorted(s.paragraph for s in segments)


KIND_CASES = [
    # (text, [(segment text, kind, block, level, numbered)]): the layout block of each segment, as data
    ("# Customs news\n\nBody text. More.\n\n## Sub ##\n\nTitle\n=====\n\nCustoms Chief Re-elected",
     [("Customs news", "heading", 0, 1, False), ("Body text.", "paragraph", 1, 0, False),
      ("More.", "paragraph", 1, 0, False), ("Sub", "heading", 2, 2, False), ("Title", "heading", 3, 0, False),
      ("Customs Chief Re-elected", "heading", 4, 0, False)]),
    ("- Trade grew. Strongly.\n- Smuggling fell\n  sharply.\n2. Two.",
     [("Trade grew.", "list item", 0, 0, False), ("Strongly.", "list item", 0, 0, False),
      ("Smuggling fell\n  sharply.", "list item", 1, 0, False), ("Two.", "numbered item", 2, 0, True)]),
    ("1. Plan the work.\n2. Work the plan. Now.",
     [("Plan the work.", "numbered item", 0, 0, True), ("Work the plan.", "numbered item", 1, 0, True),
      ("Now.", "numbered item", 1, 0, False)]),
    # a numbered line after text stays in the text unit ("in\n2021. The"), but the segment that starts it knows
    ("Key figures:\n1. One.\n2. Two. More.",
     [("Key figures:\n1. One.", "paragraph", 0, 0, False), ("2. Two.", "paragraph", 0, 0, True),
      ("More.", "paragraph", 0, 0, False)]),
    ("features\n2) contact manager", [("features", "paragraph", 0, 0, False), ("2) contact manager", "paragraph", 1, 0, True)]),
    ("> Quoted once.\n> 2. Quoted number.\n>\n> Again.",
     [("Quoted once.", "quote", 0, 0, False), ("2. Quoted number.", "quote", 1, 0, True), ("Again.", "quote", 2, 0, False)]),
    ("| Sector | Growth |\n|---|---|\n| Oil | A city. The capital |",
     [("Sector", "table header", 0, 0, False), ("Growth", "table header", 1, 0, False),
      ("Oil", "table cell", 2, 0, False), ("A city.", "table cell", 3, 0, False), ("The capital", "table cell", 3, 0, False)]),
    ("  ### Indented\n###### Six", [("Indented", "heading", 0, 3, False), ("Six", "heading", 1, 6, False)]),
]


@pytest.mark.parametrize("text,expected", KIND_CASES, ids=[repr(c[0][:30]) for c in KIND_CASES])
def test_segments_carry_their_layout_block(text, expected):
    segments = segment_text(text)
    assert [(s.text, s.kind, s.block, s.level, s.numbered) for s in segments] == expected


def test_fenced_code_blocks_are_in_the_article_not_in_the_segments():
    text = "Run this:\n\n```sh\nl10n translate. x\n```\n\n~~~\ncode.\n~~~\nDone.\n\n``` not closed."
    article = segment_article(text)
    assert article.segments == segment_text(text)
    assert [text[s:e] for s, e in article.code] == ["```sh\nl10n translate. x\n```", "~~~\ncode.\n~~~"]
    assert [s.text for s in article.segments] == ["Run this:", "Done.", "``` not closed."]
    table = "| a | b |\n|---|---|\n```\nx\n```\n"  # fence lines inside a table are cells, and still code
    assert [table[s:e] for s, e in segment_article(table).code] == ["```\nx\n```"]


def test_random_texts_have_consistent_kinds():
    rng = random.Random(11)
    pieces = ["Mr.", "1.5", "...", "\n", "\n\n", "\r\n", "# ", "## ", "- ", "> ", "1. ", "2) ", "| ", " |", "|---|",
              "```", "\n```\n", "===", "word", "Word", " ", "  ", "e.g.", "•", "Key figures:"]
    for _ in range(500):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 40)))
        segments = segment_text(text)
        for prev, s in zip([None, *segments], segments):
            assert s.kind in BLOCK_KINDS and s.kind != "code"
            assert s.heading == (s.kind == "heading") and (s.level == 0 or s.heading) and 0 <= s.level <= 6
            before = text[text.rfind("\n", 0, s.start) + 1:s.start].strip(" \t>\ufeff")
            # a numbered segment starts its line, after the number when it is a numbered item's
            assert not s.numbered or not before or (s.kind == "numbered item" and re.fullmatch(r"\d{1,9}[.)]", before))
            if prev is None:
                assert s.block == 0
            else:
                assert s.block - prev.block in (0, 1)
                if s.block == prev.block:
                    assert (s.paragraph, s.kind) == (prev.paragraph, prev.kind)
