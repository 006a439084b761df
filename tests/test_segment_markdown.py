"""Markdown articles on markdown-it-py (issue 13): a golden table of (source, segments with kind and level).

Each row: the Markdown, and the segments it gives as (kind, text) or (kind, text, level, ordinal). Every
row is also checked for the invariants: exact offsets, an identity export that gives the source back
byte for byte, and an HTML page whose tags nest.
"""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from l10n.export.html import render_html
from l10n.export.plan import plan
from l10n.export.text import render_md
from l10n.segment import segment_article, segment_text

P, H, LI, NI, Q = "paragraph", "heading", "list item", "numbered item", "quote"
TH, TD, CAP, FM = "table header", "table cell", "caption", "front matter"

CASES = [
    # --- the cases: only ATX and setext lines are headings -------------------------------
    ("credit line in emphasis", "*Reporting by Aysel Mammadova; editing by John Smith.*\n",
     [(P, "Reporting by Aysel Mammadova; editing by John Smith.")]),
    ("photo credit", "Photo: Reuters\n", [(P, "Photo: Reuters")]),
    ("bold lead-in", "**Update:** the port reopened at noon\n", [(P, "**Update:** the port reopened at noon")]),
    ("short line without period", "Customs talks resume\n", [(P, "Customs talks resume")]),
    ("byline", "By Jane Doe\n", [(P, "By Jane Doe")]),
    ("time stamp", "Updated 10:00 GMT\n", [(P, "Updated 10:00 GMT")]),
    ("atx 1", "# Customs news\n", [(H, "Customs news", 1)]),
    ("atx 6", "###### Small print\n", [(H, "Small print", 6)]),
    ("seven hashes are text", "####### Not a heading\n", [(P, "####### Not a heading")]),
    ("no space after hash", "#hashtag trends\n", [(P, "#hashtag trends")]),
    ("atx closing hashes", "## Next steps ##\n", [(H, "Next steps", 2)]),
    ("atx with emphasis", "# *Big* news\n", [(H, "*Big* news", 1)]),
    ("setext 1", "Customs news\n============\n", [(H, "Customs news", 1)]),
    ("setext 2", "Next steps\n---\n", [(H, "Next steps", 2)]),
    ("setext of two lines", "Talks between Baku and\nTbilisi resume\n===\n", [(H, "Talks between Baku and\nTbilisi resume", 1)]),
    # --- lists: nesting, ordinals, markers out of the msgid ----------------------------------------
    ("bullets", "- Exports rose.\n- Imports fell.\n", [(LI, "Exports rose.", 1), (LI, "Imports fell.", 1)]),
    ("star and plus bullets", "* One item\n\n+ Other item\n", [(LI, "One item", 1), (LI, "Other item", 1)]),
    ("nested bullets", "- Top\n  - Middle\n    - Deep\n- Top again\n",
     [(LI, "Top", 1), (LI, "Middle", 2), (LI, "Deep", 3), (LI, "Top again", 1)]),
    ("numbered", "1. First point.\n2. Second point.\n", [(NI, "First point.", 1, 1), (NI, "Second point.", 1, 2)]),
    ("numbered from 7 with parens", "7) Seventh.\n8) Eighth.\n", [(NI, "Seventh.", 1, 7), (NI, "Eighth.", 1, 8)]),
    ("numbered inside bullets", "- Plan\n  1. Draft it.\n  2. Sign it.\n",
     [(LI, "Plan", 1), (NI, "Draft it.", 2, 1), (NI, "Sign it.", 2, 2)]),
    ("loose list", "- First.\n\n- Second.\n", [(LI, "First.", 1), (LI, "Second.", 1)]),
    ("item of two paragraphs", "- First part.\n\n  Second part.\n", [(LI, "First part.", 1), (LI, "Second part.", 1)]),
    ("item with two sentences", "- GDP rose 2.8%. Exports rose.\n", [(LI, "GDP rose 2.8%.", 1), (LI, "Exports rose.", 1)]),
    ("list interrupts a paragraph", "Key figures:\n- GDP rose\n", [(P, "Key figures:"), (LI, "GDP rose", 1)]),
    ("a year is no list", "The law passed in\n2021. It changed much.\n",
     [(P, "The law passed in\n2021."), (P, "It changed much.")]),
    ("escaped number", "1986\\. A great year.\n", [(P, "1986\\. A great year.")]),
    ("tab after bullet", "-\tTabbed item.\n", [(LI, "Tabbed item.", 1)]),
    ("lazy list continuation", "- A long item\nthat goes on.\n", [(LI, "A long item\nthat goes on.", 1)]),
    ("heading in a list", "- # Listed heading\n", [(H, "Listed heading", 1)]),
    # --- hard breaks --------------------------------------------------------------------------------
    ("hard break, two spaces", "By Jane Doe  \nBaku bureau\n", [(P, "By Jane Doe"), (P, "Baku bureau")]),
    ("hard break, backslash", "Ministry of Economy\\\nBaku, Azerbaijan\n",
     [(P, "Ministry of Economy"), (P, "Baku, Azerbaijan")]),
    ("hard break in a quote", "> First line  \n> second line\n", [(Q, "First line"), (Q, "second line")]),
    ("soft break joins", "The talks\nlasted two hours.\n", [(P, "The talks\nlasted two hours.")]),
    ("trailing spaces at the end", "Last line.   \n", [(P, "Last line.")]),
    # --- quotations -----------------------------------------------------------------------------------
    ("quote", "> The chairman spoke. Then he left!\n", [(Q, "The chairman spoke."), (Q, "Then he left!")]),
    ("quote lines stay apart", "> First quoted.\n> Second quoted.\n", [(Q, "First quoted."), (Q, "Second quoted.")]),
    ("lazy quote continuation", "> The economy is\nresilient.\n", [(Q, "The economy is\nresilient.")]),
    ("nested quote", "> > Deep quote.\n", [(Q, "Deep quote.")]),
    ("list in a quote", "> - Quoted item.\n", [(LI, "Quoted item.", 1)]),
    ("quote in a list", "- > Listed quote.\n", [(Q, "Listed quote.")]),
    ("quote of two paragraphs", "> One.\n>\n> Two.\n", [(Q, "One."), (Q, "Two.")]),
    # --- code, HTML, references: not prose --------------------------------------------------------------
    ("indented code", "    code. More code.\n", []),
    ("indented line continues a paragraph", "Para here.\n    still para\n", [(P, "Para here.\n    still para")]),
    ("fenced code", "```sh\nl10n export. Done.\n```\n", []),
    ("tilde fence", "~~~\nNot. Prose.\n~~~\n", []),
    ("unclosed fence runs to the end", "```\nAll code. Still.\n", []),
    ("code between paragraphs", "Run it:\n\n```\nx = 1\n```\n\nDone.\n", [(P, "Run it:"), (P, "Done.")]),
    ("html block", "<div class=\"embed\">\nNot prose here.\n</div>\n", []),
    ("html comment", "<!-- editor: check the figures -->\n", []),
    ("custom element block", "<figure-embed src=\"x\">\n\nAfter it.\n", [(P, "After it.")]),
    ("script block", "<script>\nalert(1). x.\n</script>\n", []),
    ("link reference definition", "[1]: https://a.az/r.html \"Report\"\n\nSee [the report][1].\n",
     [(P, "See [the report][1].")]),
    ("thematic break", "One.\n\n***\n\nTwo.\n", [(P, "One."), (P, "Two.")]),
    ("dashes rule", "One.\n\n---\n\nTwo.\n", [(P, "One."), (P, "Two.")]),
    # --- inline markup inside sentences ----------------------------------------------------------------
    ("emphasis inside a sentence", "The *preliminary* estimate rose. It fell later.\n",
     [(P, "The *preliminary* estimate rose."), (P, "It fell later.")]),
    ("link inside a sentence", "Read [the report](https://a.az/r.html). Then decide.\n",
     [(P, "Read [the report](https://a.az/r.html)."), (P, "Then decide.")]),
    ("emphasis around two sentences", "*One here. Two here.*\n", [(P, "One here."), (P, "Two here.")]),
    ("strong around a line", "**Breaking news**\n", [(P, "Breaking news")]),
    ("emphasis that ends early stays", "*Note*: prices rose.\n", [(P, "*Note*: prices rose.")]),
    ("code span with periods", "Use `a. b. c` now.\n", [(P, "Use `a. b. c` now.")]),
    ("autolink", "<https://a.az> is the site.\n", [(P, "<https://a.az> is the site.")]),
    ("inline html", "Prices <b>rose</b> sharply.\n", [(P, "Prices <b>rose</b> sharply.")]),
    ("entity", "AT&amp;T shares rose.\n", [(P, "AT&amp;T shares rose.")]),
    ("backslash escape", "\\# not a heading\n", [(P, "\\# not a heading")]),
    ("strike-through", "~~Old~~ New figures.\n", [(P, "~~Old~~ New figures.")]),
    ("intraword underscores", "The snake_case_word stays.\n", [(P, "The snake_case_word stays.")]),
    # --- figures and captions ---------------------------------------------------------------------------
    ("image alone", "![The port of Baku](port.jpg)\n", [(P, "![The port of Baku](port.jpg)")]),
    ("image and caption", "![The port](port.jpg)\nThe port of Baku on Monday.\n",
     [(P, "![The port](port.jpg)"), (CAP, "The port of Baku on Monday.")]),
    # --- tables -------------------------------------------------------------------------------------
    ("table", "| Sector | Growth |\n|---|--:|\n| Oil & gas | -1.3% |\n",
     [(TH, "Sector"), (TH, "Growth"), (TD, "Oil & gas"), (TD, "-1.3%")]),
    ("table without outer pipes", "Sector | Growth\n--- | ---\nNon-oil | 4.1%\n",
     [(TH, "Sector"), (TH, "Growth"), (TD, "Non-oil"), (TD, "4.1%")]),
    ("table with an escaped pipe and an empty cell", "| a \\| b | c |\n|---|---|\n|  | d |\n",
     [(TH, "a \\| b"), (TH, "c"), (TD, "d")]),
    # --- front matter ---------------------------------------------------------------------------------
    ("front matter title and other keys", "---\ntitle: Customs talks\nslug: customs-talks\ndate: 2026-12-03\n---\nBody.\n",
     [(FM, "Customs talks"), (P, "Body.")]),
    ("front matter quoted values", "---\ntitle: \"Talks: day two\"\ndescription: 'Heads met. They agreed.'\n---\n",
     [(FM, "Talks: day two"), (FM, "Heads met. They agreed.")]),  # a value is one segment
    ("front matter tags flow", "---\ntags: [customs, \"world trade\"]\n---\n", [(FM, "customs"), (FM, "world trade")]),
    ("front matter tags block", "---\ntags:\n  - customs\n  - trade\nauthor: Jane Doe\n---\n",
     [(FM, "customs"), (FM, "trade")]),
    ("front matter block scalar", "---\nsummary: >\n  A long summary\n  over two lines.\nlayout: post\n---\n",
     [(FM, "A long summary\n  over two lines.")]),
    ("front matter comment", "---\ntitle: Talks # draft\n---\n", [(FM, "Talks")]),
    ("no closing front matter", "---\ntitle: x\n", [(P, "title: x")]),  # a rule, then a paragraph
    # --- line endings --------------------------------------------------------------------------------
    ("crlf", "# Title\r\n\r\nOne line\r\nwrapped. Two.\r\n", [(H, "Title", 1), (P, "One line\r\nwrapped."), (P, "Two.")]),
    ("old mac line breaks", "# Title\r\rBody text.\r", [(H, "Title", 1), (P, "Body text.")]),
    ("front matter crlf", "---\r\ntitle: T one\r\n---\r\nBody.\r\n", [(FM, "T one"), (P, "Body.")]),
]


def _seen(segments, expected):
    return [(s.kind, s.text, s.level, s.ordinal)[:len(e)] for s, e in zip(segments, expected)]


@pytest.mark.parametrize("name, source, expected", CASES, ids=[c[0] for c in CASES])
def test_markdown_segments(name, source, expected):
    segments = segment_text(source, markdown=True)
    assert len(segments) == len(expected), [(s.kind, s.text) for s in segments]
    assert _seen(segments, expected) == [tuple(e) for e in expected]


class _Nesting(HTMLParser):
    VOID = {"meta", "img", "br", "hr", "input"}

    def __init__(self):
        super().__init__()
        self.stack: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack.pop() == tag, f"misnested </{tag}>"


def _source_text(source: str, s) -> str:
    """The segment's source span without its marks, each of them a line's quotation markers."""
    out, pos = [], s.start
    for a, b in s.marks:
        assert s.start < a < b < s.end and source[a - 1] in "\r\n" and ">" in source[a:b]
        assert not source[a:b].replace(">", "").strip()
        out.append(source[pos:a])
        pos = b
    return "".join(out) + source[pos:s.end]


@pytest.mark.parametrize("name, source, expected", CASES, ids=[c[0] for c in CASES])
def test_markdown_invariants(name, source, expected):
    """Exact offsets, the identity export gives the source back byte for byte, the page's tags nest."""
    article = segment_article(source, markdown=True)
    for s in article.segments:
        assert _source_text(source, s) == s.text
        assert s.line == source.count("\n", 0, s.start) + 1 or "\r" in source
    pieces = plan(article.segments, {}, "source")
    assert render_md(source, pieces, True) == source
    page = render_html(source, pieces, "ru", "T", markdown=True, code=article.code, layout=article.layout)
    checker = _Nesting()
    checker.feed(page)
    checker.close()
    assert checker.stack == []


def test_there_are_at_least_sixty_cases():
    assert len(CASES) >= 60


def test_a_plain_text_article_keeps_its_heuristics_but_not_for_bylines_and_datelines():
    text = ("Azerbaijan and Georgia sign\ncustoms agreement\n\nBy Jane Doe\n\nBAKU, Dec 3\n\n"
            "Updated 10:00 GMT\n\nPublished: 3 December 2026, 09:15 UTC\n\nThe talks lasted two hours.\n\n"
            "Key figures\n")
    kinds = [(s.kind, s.text) for s in segment_text(text)]
    assert kinds == [
        (H, "Azerbaijan and Georgia sign\ncustoms agreement"),
        (P, "By Jane Doe"), (P, "BAKU, Dec 3"), (P, "Updated 10:00 GMT"),
        (P, "Published: 3 December 2026, 09:15 UTC"), (P, "The talks lasted two hours."),
        (H, "Key figures"),
    ]


@pytest.mark.parametrize("line, news", [
    ("By Jane Doe", True), ("By JANE DOE and John Smith, Reuters", True), ("By the end of the year", False),
    ("Baku, 3 December 2026", True), ("December 3, 2026 10:00 GMT", True), ("2026-12-03", True),
    ("Updated 10:00 GMT", True), ("Last updated: Dec 3, 2026", True), ("Customs talks resume", False),
    ("Budget for 2027 approved", False), ("Talks resume on Monday", False),
])
def test_news_lines(line, news):
    from l10n.segment.datelines import is_news_line

    assert is_news_line(line) is news


_MD_PIECES = st.sampled_from([
    "# ", "## ", "- ", "  - ", "1. ", "2) ", "> ", "> > ", "    ", "```\n", "~~~\n", "---\n", "***\n", "===\n",
    "| a | b |\n|---|---|\n", "<div>\n", "</div>\n", "<!-- c -->\n", "[r]: https://a.az\n", "\n", "\n\n", "\r\n",
    "  \n", "\\\n", "\t", "Word", "word.", " The end. ", "*em*", "**strong**", "_u_", "`c. d`", "[l](https://a.az)",
    "![i](p.png)", "By Jane Doe", "Updated 10:00 GMT", "---\ntitle: T\ntags: [a, b]\n---\n", "é", "«Цитата.»",
])


@settings(max_examples=400, deadline=None)
@given(st.lists(_MD_PIECES, max_size=25).map("".join))
@example("word.\n\\\n\\\n")  # hard breaks to the block's end: the segmenter looked for a next word past it
@example("Word```\n\\\n\\\n---\ntitle: T\ntags: [a, b]\n---\n")  # a setext heading ending in hard breaks
def test_any_markdown_keeps_offsets_round_trips_and_nests(source):
    article = segment_article(source, markdown=True)
    previous_end = 0
    for s in article.segments:
        assert _source_text(source, s) == s.text and s.start >= previous_end and s.text == s.text.strip()
        previous_end = s.end
    pieces = plan(article.segments, {}, "source")
    assert render_md(source, pieces, True) == source
    page = render_html(source, pieces, "ru", "T", markdown=True, code=article.code, layout=article.layout)
    checker = _Nesting()
    checker.feed(page)
    checker.close()
    assert checker.stack == []
