"""Segmentation defects a translator sees, table-driven: (source, [(msgid, kind)]), and the export round trip.

1. Markdown: a sentence hard-wrapped inside a ``>`` quotation is one segment (its ``> `` markers are
   not in the msgid; the export puts them back).
2. Markdown: no sentence boundary inside an inline span (link text, emphasis, code): the span stays
   in one segment, so its markup is never split between two msgids.
3. Plain text: a numbered item's "1. " is not in its msgid (as a bullet's "- " is not); the export
   puts it back.
4. Plain text: a credit line ("Photo: Reuters", a short "Label: Value") is a paragraph, not a heading.
"""

from __future__ import annotations

from pathlib import Path

import polib
import pytest

from l10n.catalog.model import msgid_for
from l10n.export import export_paths
from l10n.export.html import render_html
from l10n.export.plan import plan
from l10n.export.text import rebuild, render_md
from l10n.segment import segment_article

P, H, LI, NI, Q = "paragraph", "heading", "list item", "numbered item", "quote"


def _msgids(source: str, markdown: bool) -> list[tuple[str, str]]:
    return [(msgid_for(s.text), s.kind) for s in segment_article(source, markdown=markdown).segments]


def _identity(source: str, markdown: bool) -> None:
    """An untranslated catalog's export (the English fills every segment) is the source, byte for byte."""
    article = segment_article(source, markdown=markdown)
    pieces = plan(article.segments, {}, "source")
    assert rebuild(source, pieces) == source
    if markdown:
        assert render_md(source, pieces, True) == source


def _reviewed(translations: dict[str, str]) -> dict[str, polib.POEntry]:
    return {msgid: polib.POEntry(msgid=msgid, msgstr=msgstr) for msgid, msgstr in translations.items()}


def _export(source: str, markdown: bool, translations: dict[str, str]) -> str:
    article = segment_article(source, markdown=markdown)
    pieces = plan(article.segments, _reviewed(translations), "source")
    return render_md(source, pieces, markdown) if markdown else rebuild(source, pieces)


# --- 1. a sentence hard-wrapped inside a quotation ---------------------------------------------------

QUOTE_CASES = [
    ("wrapped", "> The minister said the plan\n> would cut delays.\n",
     [("The minister said the plan would cut delays.", Q)]),
    ("wrapped, then a sentence", "> The minister said the plan\n> would cut delays. He left.\n",
     [("The minister said the plan would cut delays.", Q), ("He left.", Q)]),
    ("a sentence a line", "> First quoted.\n> Second quoted.\n", [("First quoted.", Q), ("Second quoted.", Q)]),
    ("a sentence ends at a line's end", "> The plan is\n> ready. Officials\n> agree.\n",
     [("The plan is ready.", Q), ("Officials agree.", Q)]),
    ("over three lines", "> One sentence\n> over three\n> lines.\n", [("One sentence over three lines.", Q)]),
    ("no blank after >", ">The minister said\n>it works.\n", [("The minister said it works.", Q)]),
    ("indented markers", "  > The minister said\n  > it works.\n", [("The minister said it works.", Q)]),
    ("CRLF", "> The minister said\r\n> it works.\r\n", [("The minister said it works.", Q)]),
    ("nested quotation", "> > A nested quote that\n> > wraps here.\n", [("A nested quote that wraps here.", Q)]),
    ("lazy continuation", "> The economy is\nresilient.\n", [("The economy is resilient.", Q)]),
    ("lazy, then a marker", "> The economy\nis resilient\n> again.\n", [("The economy is resilient again.", Q)]),
    ("list item in a quote", "> - A quoted item that\n>   wraps.\n", [("A quoted item that wraps.", LI)]),
    ("hard break stays a break", "> First line  \n> second line\n", [("First line", Q), ("second line", Q)]),
    ("backslash break", "> First line\\\n> second line\n", [("First line", Q), ("second line", Q)]),
    ("two paragraphs", "> One is\n> here.\n>\n> Two is\n> there.\n", [("One is here.", Q), ("Two is there.", Q)]),
    ("setext heading in a quote", "> A title over\n> two lines\n> ---\n", [("A title over two lines", H)]),
    ("a quotation mark across lines", '> "We will cut\n> delays," he said.\n', [('"We will cut delays," he said.', Q)]),
    ("a quote in a list item", "- > A quote in an item\n  > that wraps.\n", [("A quote in an item that wraps.", Q)]),
    ("the paragraph before is unchanged", "Before this\nline.\n\n> Quoted\n> line.\n",
     [("Before this line.", P), ("Quoted line.", Q)]),
]


@pytest.mark.parametrize("name, source, expected", QUOTE_CASES, ids=[c[0] for c in QUOTE_CASES])
def test_a_sentence_wrapped_in_a_quotation_is_one_segment(name, source, expected):
    assert _msgids(source, True) == expected
    _identity(source, True)


def test_a_wrapped_quotation_keeps_its_markers_on_export():
    source = "Intro.\n\n> The minister said the plan\n> would cut delays.\n\nAfter.\n"
    msgid = "The minister said the plan would cut delays."
    # a translation with the English's line breaks keeps them, each line of the quotation marked again
    assert _export(source, True, {msgid: "Министр сказал, что план\nсократит задержки."}) == (
        "Intro.\n\n> Министр сказал, что план\n> сократит задержки.\n\nAfter.\n")
    # one line (or other breaks): one line of the quotation
    assert _export(source, True, {msgid: "Министр сказал, что план сократит задержки."}) == (
        "Intro.\n\n> Министр сказал, что план сократит задержки.\n\nAfter.\n")
    assert _export(source, True, {msgid: "Министр\nсказал, что\nплан сократит."}) == (
        "Intro.\n\n> Министр сказал, что план сократит.\n\nAfter.\n")
    # a translation line that would open a block inside the quotation is joined to the one before
    assert _export(source, True, {msgid: "Министр сказал:\n- план сократит задержки."}) == (
        "Intro.\n\n> Министр сказал: - план сократит задержки.\n\nAfter.\n")


def test_a_wrapped_quotation_keeps_its_own_markers_crlf_and_nesting():
    source = "> > The plan\r\n> > works.\r\n"
    msgid = "The plan works."
    assert _msgids(source, True) == [(msgid, Q)]
    # the source's line ends, as the quotation's lines had them
    assert _export(source, True, {msgid: "План\nработает."}) == "> > План\r\n> > работает.\r\n"


def test_a_wrapped_quotation_in_the_html_page():
    source = "> The minister said the plan\n> would cut delays.\n"
    article = segment_article(source, markdown=True)
    pieces = plan(article.segments, _reviewed({"The minister said the plan would cut delays.": "Министр сказал."}))
    page = render_html(source, pieces, "ru", "T", markdown=True, code=article.code, layout=article.layout)
    assert "<blockquote>\n<p>Министр сказал.</p>\n</blockquote>" in page


# --- 2. no boundary inside an inline span --------------------------------------------------------------

INLINE_CASES = [
    ("link text", "See [U.S. Customs. Border agency](https://x) now.\n",
     [("See [U.S. Customs. Border agency](https://x) now.", P)]),
    ("link text, then a sentence", "See [U.S. Customs. Border agency](https://x). It opened.\n",
     [("See [U.S. Customs. Border agency](https://x).", P), ("It opened.", P)]),
    ("strong", "**Dr. Smith said. Then** he left.\n", [("**Dr. Smith said. Then** he left.", P)]),
    ("strong, sentences around", "It began. **Dr. Smith said. Then** he left. It ended.\n",
     [("It began.", P), ("**Dr. Smith said. Then** he left.", P), ("It ended.", P)]),
    ("emphasis", "She said *it works. Really* today. Next.\n",
     [("She said *it works. Really* today.", P), ("Next.", P)]),
    ("underscore emphasis", "She said _it works. Really_ today.\n", [("She said _it works. Really_ today.", P)]),
    ("strike-through", "The ~~old plan. New~~ plan works.\n", [("The ~~old plan. New~~ plan works.", P)]),
    ("code span", "Run `l10n translate. Then` now. Done.\n", [("Run `l10n translate. Then` now.", P), ("Done.", P)]),
    ("image alt text", "An ![Port. Baku](p.png) image. Next.\n", [("An ![Port. Baku](p.png) image.", P), ("Next.", P)]),
    ("emphasis inside a link", "See [the **U.S. Customs. Border** page](https://x) now.\n",
     [("See [the **U.S. Customs. Border** page](https://x) now.", P)]),
    ("link inside strong", "**Read [the report. Now](https://x) here**. Next.\n",
     [("**Read [the report. Now](https://x) here**.", P), ("Next.", P)]),
    ("reference link", "See [U.S. Customs. Border][r] now.\n\n[r]: https://x\n", [("See [U.S. Customs. Border][r] now.", P)]),
    ("emphasis over a line break", "She said *it works.\nReally* today.\n", [("She said *it works. Really* today.", P)]),
    ("emphasis over a quotation's lines", "> She said *it works.\n> Really* today. Next.\n",
     [("She said *it works. Really* today.", Q), ("Next.", Q)]),
    ("in a list item", "- See [U.S. Customs. Border](https://x) now.\n", [("See [U.S. Customs. Border](https://x) now.", LI)]),
    ("in a table cell", "| a |\n|---|\n| See [U.S. Customs. Border](https://x) now. |\n",
     [("a", "table header"), ("See [U.S. Customs. Border](https://x) now.", "table cell")]),
    # emphasis around the whole paragraph stays outside its segments, which split as before
    ("a whole paragraph in emphasis", "*Reporting by A. Smith. Editing by B. Jones.*\n",
     [("Reporting by A. Smith.", P), ("Editing by B. Jones.", P)]),
    ("spans closed before the boundary", "The *plan* works. The **deal** holds.\n",
     [("The *plan* works.", P), ("The **deal** holds.", P)]),
    ("a stray mark is no span", "Prices rose 5 * 2. Then fell.\n", [("Prices rose 5 * 2.", P), ("Then fell.", P)]),
]


@pytest.mark.parametrize("name, source, expected", INLINE_CASES, ids=[c[0] for c in INLINE_CASES])
def test_no_sentence_boundary_inside_an_inline_span(name, source, expected):
    assert _msgids(source, True) == expected
    _identity(source, True)


def test_an_inline_span_exports_whole_with_its_translation():
    source = "It began. **Dr. Smith said. Then** he left.\n"
    out = _export(source, True, {"It began.": "Началось.", "**Dr. Smith said. Then** he left.":
                                 "**Доктор Смит сказал. Потом** он ушёл."})
    assert out == "Началось. **Доктор Смит сказал. Потом** он ушёл.\n"
    article = segment_article(source, markdown=True)
    pieces = plan(article.segments, _reviewed({"**Dr. Smith said. Then** he left.": "**Доктор Смит. Потом** ушёл."}))
    page = render_html(source, pieces, "ru", "T", markdown=True, code=article.code, layout=article.layout)
    assert "<strong>Доктор Смит. Потом</strong> ушёл." in page


# --- 3. a plain-text numbered item's number ------------------------------------------------------------

NUMBERED_CASES = [
    ("numbered items", "1. Customs seized 5 kg of heroin. Police arrested two.\n2. Border guards found cash.\n",
     [("Customs seized 5 kg of heroin.", NI), ("Police arrested two.", NI), ("Border guards found cash.", NI)]),
    ("parenthesis", "1) Customs seized cash.\n2) Guards found more.\n",
     [("Customs seized cash.", NI), ("Guards found more.", NI)]),
    ("after a bullet", "- Trade grew.\n2. Two.\n", [("Trade grew.", LI), ("Two.", NI)]),
    ("indented", "  10. Tenth point.\n", [("Tenth point.", NI)]),
    ("a wrapped item", "1. Customs seized\n   cash.\n", [("Customs seized cash.", NI)]),
    ("bullets as before", "- Bullet one.\n• Bullet two.\n", [("Bullet one.", LI), ("Bullet two.", LI)]),
    # a number inside running text stays in it ("in\n2021. The"), and an inline list splits at its numbers
    ("a numbered line after text", "Key figures:\n1. One.\n2. Two.\n",
     [("Key figures: 1. One.", P), ("2. Two.", P)]),
    ("a year after a wrapped line", "Prices rose in\n2021. The rest fell.\n", [("Prices rose in 2021.", P), ("The rest fell.", P)]),
    ("an inline list", "1) The first item 2) The second item\n", [("1) The first item", NI), ("2) The second item", NI)]),
    ("in a quote", "> 2. Quoted number.\n", [("2. Quoted number.", Q)]),
]


@pytest.mark.parametrize("name, source, expected", NUMBERED_CASES, ids=[c[0] for c in NUMBERED_CASES])
def test_a_numbered_items_number_is_not_in_its_msgid(name, source, expected):
    assert _msgids(source, False) == expected
    _identity(source, False)


def test_a_numbered_items_number_comes_back_on_export():
    source = "Figures\n\n1. Customs seized heroin. Police arrested two.\n2. Border guards found cash.\n"
    translations = {"Customs seized heroin.": "Таможня изъяла 5 кг.", "Police arrested two.": "Двое задержаны.",
                    "Border guards found cash.": "Пограничники нашли деньги.", "Figures": "Цифры"}
    assert _export(source, False, translations) == (
        "Цифры\n\n1. Таможня изъяла 5 кг. Двое задержаны.\n2. Пограничники нашли деньги.\n")
    # a translation that starts with a number of its own is escaped: the item is not numbered twice
    assert _export(source, False, {"Border guards found cash.": "3. Деньги."}).endswith("\n2. 3\\. Деньги.\n")
    article = segment_article(source)
    pieces = plan(article.segments, _reviewed(translations))
    page = render_html(source, pieces, "ru", "T", code=article.code)
    assert "<p>1. Таможня изъяла 5 кг. Двое задержаны.<br>2. Пограничники нашли деньги.</p>" in page
    skipped = plan(article.segments, _reviewed(translations | {"Border guards found cash.": ""}), "skip")
    assert "2." not in render_html(source, skipped, "ru", "T", code=article.code).split("<article>")[1]


# --- 4. credit lines are paragraphs ----------------------------------------------------------------------

CREDIT_CASES = [
    ("photo credit", "Photo: Reuters\n\nThe talks lasted two hours.\n", [("Photo: Reuters", P), ("The talks lasted two hours.", P)]),
    ("photo by", "Photo by Jane Doe/AP\n", [("Photo by Jane Doe/AP", P)]),
    ("source", "Source: State Customs Committee\n", [("Source: State Customs Committee", P)]),
    ("a caption", "Photo: a customs officer in Baku\n", [("Photo: a customs officer in Baku", P)]),
    ("editing", "Editing: John Smith\n", [("Editing: John Smith", P)]),
    ("courtesy", "Courtesy: AZERTAC\n", [("Courtesy: AZERTAC", P)]),
    ("under a headline", "Customs talks resume\n\nPhoto: Reuters\n", [("Customs talks resume", H), ("Photo: Reuters", P)]),
    ("not a wrapped headline", "Customs reform passes in\nPhoto: Reuters\n", [("Customs reform passes in", P), ("Photo: Reuters", P)]),
    # real headings stay headings
    ("a headline", "Customs Chief Re-elected\n", [("Customs Chief Re-elected", H)]),
    ("a kicker", "Exclusive: Customs Union\n", [("Exclusive: Customs Union", H)]),
    ("an analysis", "Analysis: Why the talks failed\n", [("Analysis: Why the talks failed", H)]),
    ("a place and a verb", "Georgia: talks resume\n", [("Georgia: talks resume", H)]),
    ("a title-case place headline", "Azerbaijan: Customs Reform\n", [("Azerbaijan: Customs Reform", H)]),
    ("a short title-case headline", "Baku: Talks Resume\n", [("Baku: Talks Resume", H)]),
    ("a long value", "Baku: Customs Officers Seize Record Haul Of Drugs\n", [("Baku: Customs Officers Seize Record Haul Of Drugs", H)]),
    ("a video kicker", "Video: Protesters clash in Tbilisi\n", [("Video: Protesters clash in Tbilisi", H)]),
    ("a wrapped headline", "Azerbaijan and Georgia sign\ncustoms agreement\n", [("Azerbaijan and Georgia sign customs agreement", H)]),
]


@pytest.mark.parametrize("name, source, expected", CREDIT_CASES, ids=[c[0] for c in CREDIT_CASES])
def test_a_credit_line_is_a_paragraph(name, source, expected):
    assert _msgids(source, False) == expected
    _identity(source, False)


def test_a_credit_line_gets_no_hash_in_the_md_export():
    source = "Customs talks resume\n\nPhoto: Reuters\n"
    article = segment_article(source)
    assert render_md(source, plan(article.segments, {}), False) == "# Customs talks resume\n\nPhoto: Reuters\n"


# --- all four through the project's export ----------------------------------------------------------------

def test_the_export_of_an_untranslated_catalog_is_the_source(tmp_path: Path):
    articles = {
        "quote.md": "# Title\n\n> The minister said the plan\n> would cut delays.\n\n"
                    "See [U.S. Customs. Border agency](https://x) now.\n\n**Dr. Smith said. Then** he left.\n",
        "items.txt": "Customs report\n\n1. Customs seized 5 kg of heroin. Police arrested two.\n"
                     "2. Border guards found cash.\n\nPhoto: Reuters\n\nThe talks lasted two hours.\n",
    }
    (tmp_path / "source").mkdir()
    for name, text in articles.items():
        (tmp_path / "source" / name).write_text(text, encoding="utf-8", newline="")
        po = polib.POFile()
        po.metadata = {"Language": "ru", "Content-Type": "text/plain; charset=UTF-8"}
        for s in segment_article(text, markdown=name.endswith(".md")).segments:
            if msgid_for(s.text) not in {e.msgid for e in po}:
                po.append(polib.POEntry(msgid=msgid_for(s.text), msgstr=""))
        path = tmp_path / "locales" / "ru" / "LC_MESSAGES" / f"{Path(name).stem}.po"
        path.parent.mkdir(parents=True, exist_ok=True)
        po.save(str(path))
    results = export_paths([tmp_path], "ru", min_reviewed=0, out_dir=tmp_path / "out")
    assert sorted(r.doc for r in results if r.refused is None) == ["items", "quote"]
    for name, text in articles.items():
        assert (tmp_path / "out" / name).read_text(encoding="utf-8") == text
