"""export: rebuild articles exactly from source offsets and catalogs; thresholds, fallbacks, formats."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest

from l10n.catalog.model import msgid_for
from l10n.errors import L10nError
from l10n.export import export_paths
from l10n.export.html import render_html
from l10n.export.plan import plan
from l10n.export.text import rebuild
from l10n.project import Project
from l10n.segment import segment_article, segment_text

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "source" / "wco-europe-customs.txt"

MARKDOWN = (
    "# Customs news\n"
    "\n"
    "Azerbaijani customs is successful. The WCO agreed.\n"
    "It met in 2021.\n"
    "\n"
    "\n"
    "## Next steps <b>&</b>\n"
    "\n"
    "> The chairman spoke.   Then he left!\n"
)
CRLF_TEXT = "First line here.\r\nSecond sentence.\r\n\r\nAnother paragraph. And more.\r\n"


def _project(tmp_path: Path, name: str, text: str) -> Path:
    (tmp_path / "source").mkdir(exist_ok=True)
    (tmp_path / "source" / name).write_bytes(text.encode("utf-8"))
    return tmp_path


def _write_catalog(root: Path, doc: str, lang: str, translate, flags=None) -> Path:
    """A catalog of the article's segments; ``translate(msgid)`` gives msgstr, ``flags(msgid)`` flags."""
    source = next((root / "source").glob(doc + ".*"))
    po = polib.POFile()
    po.metadata = {"Language": lang, "Content-Type": "text/plain; charset=UTF-8",
                   "Content-Transfer-Encoding": "8bit", "MIME-Version": "1.0"}
    for text in dict.fromkeys(s.text for s in segment_text(source.read_text(encoding="utf-8"),
                                                             markdown=source.suffix == ".md")):
        po.append(polib.POEntry(msgid=text, msgstr=translate(text), flags=(flags(text) if flags else [])))
    path = root / "locales" / lang / "LC_MESSAGES" / f"{doc}.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    po.save(str(path))
    return path


@pytest.mark.parametrize(
    "name, text",
    [
        ("wco.txt", SAMPLE.read_text(encoding="utf-8")),
        ("news.md", MARKDOWN),
        ("crlf.txt", CRLF_TEXT),
        ("lead.txt", "\n\n  Indented start. Two spaces  here.\n\n\n"),
    ],
)
@pytest.mark.parametrize("fmt", ["txt", "md"])
def test_identity_translation_reproduces_the_source_byte_for_byte(tmp_path, name, text, fmt):
    root = _project(tmp_path, name, text)
    doc = Path(name).stem
    _write_catalog(root, doc, "az", lambda s: s)
    if fmt == "md" and name.endswith(".txt") and any(s.heading for s in segment_text(text)):
        pytest.skip("a .txt heading gains '#' in Markdown")
    (result,) = export_paths([root], "az", fmt=fmt)
    assert result.refused is None and result.percent == 100
    assert result.path == root / "dist" / "az" / f"{doc}.{fmt}"
    assert result.path.read_bytes() == (root / "source" / name).read_bytes()


@pytest.mark.parametrize("fmt, bom", [("txt", True), ("md", True), ("html", False), ("json", False)])
def test_a_utf8_bom_source_keeps_its_bom_in_text_exports(tmp_path, fmt, bom):
    """Regression: a BOM article (Windows Notepad) came back without its BOM; identity is byte for byte."""
    root = _project(tmp_path, "crlf.txt", "\ufeff" + CRLF_TEXT)
    (root / "source" / "plain.txt").write_text(CRLF_TEXT, encoding="utf-8", newline="")
    for doc in ("crlf", "plain"):
        _write_catalog(root, doc, "az", lambda s: s)
    results = export_paths([root], "az", fmt=fmt)
    assert [r.filled for r in results] == [{"reviewed": 4}, {"reviewed": 4}]
    out = {r.doc: r.path.read_bytes() for r in results}
    assert out["crlf"].startswith(b"\xef\xbb\xbf") is bom and not out["plain"].startswith(b"\xef\xbb\xbf")
    if fmt == "txt":
        assert out["crlf"] == (root / "source" / "crlf.txt").read_bytes()
        assert out["plain"] == (root / "source" / "plain.txt").read_bytes()


def test_translations_fill_the_layout(tmp_path):
    root = _project(tmp_path, "news.md", MARKDOWN)
    _write_catalog(root, "news", "ru", lambda s: "<" + s.upper() + ">")
    (result,) = export_paths([root], "ru", fmt="md")
    out = result.path.read_text(encoding="utf-8")
    assert out.startswith("# <CUSTOMS NEWS>\n\n<AZERBAIJANI CUSTOMS IS SUCCESSFUL.> <THE WCO AGREED.>\n")
    assert "\n\n\n## <NEXT STEPS <B>&</B>>\n\n> <THE CHAIRMAN SPOKE.>   <THEN HE LEFT!>\n" in out


def test_below_threshold_is_refused_and_writes_nothing(tmp_path):
    root = _project(tmp_path, "wco.txt", SAMPLE.read_text(encoding="utf-8"))
    texts = list(dict.fromkeys(s.text for s in segment_text(SAMPLE.read_text(encoding="utf-8"))))
    reviewed = set(texts[:8])  # 8 of 11 = 72.7%
    _write_catalog(root, "wco", "az", lambda s: "AZ " + s,
                   flags=lambda s: [] if s in reviewed else ["fuzzy"])
    (result,) = export_paths([root], "az")
    assert result.refused and "72.7% reviewed in az (8 of 11 segments)" in result.refused
    assert "below the minimum of 80%" in result.refused
    assert result.path is None and not (root / "dist").exists()
    (result,) = export_paths([root], "az", min_reviewed=72.7)
    assert result.refused is None and result.path.is_file()


def test_missing_catalog_is_refused_unless_threshold_zero(tmp_path):
    root = _project(tmp_path, "wco.txt", "One sentence. Two sentences.\n")
    _project(tmp_path, "other.txt", "Another one.\n")
    _write_catalog(root, "other", "ru", lambda s: "Ещё одно.")
    result = {r.doc: r for r in export_paths([root], "ru")}["wco"]
    assert "no catalog" in result.refused
    result = {r.doc: r for r in export_paths([root], "ru", min_reviewed=0)}["wco"]
    assert result.preview and result.path == root / "dist" / "preview" / "ru" / "wco.txt"
    assert result.path.read_text(encoding="utf-8") == "One sentence. Two sentences.\n"
    assert not (root / "dist" / "ru" / "wco.txt").exists(), "a preview never lands where the real export goes"


def test_a_language_without_catalogs_is_an_error_not_english_files(tmp_path):
    root = _project(tmp_path, "wco.txt", "One sentence.\n")
    _write_catalog(root, "wco", "ru", lambda s: "Одно предложение.")
    for min_reviewed in (80, 0):
        with pytest.raises(L10nError, match=r"no fr catalogs in .*locales \(run `l10n translate --to fr` first\)"):
            export_paths([root], "fr", min_reviewed=min_reviewed)
    assert not (root / "dist").exists()


def test_previews_go_to_their_own_folder_unless_output_is_given(tmp_path):
    root = _project(tmp_path, "a.txt", "Reviewed here. Draft here.\n")
    _write_catalog(root, "a", "az", lambda s: {"Reviewed here.": "R1."}.get(s, "D1."),
                   flags=lambda s: [] if s == "Reviewed here." else ["fuzzy"])
    for kwargs in ({}, {"fallback": "draft"}):
        (refused,) = export_paths([root], "az", **kwargs)
        assert refused.refused and not (root / "dist").exists(), kwargs
    for kwargs in ({"fallback": "draft", "min_reviewed": 0}, {"min_reviewed": 0}, {"min_reviewed": 50}):
        (result,) = export_paths([root], "az", **kwargs)
        assert result.preview and result.path.parent == root / "dist" / "preview" / "az", kwargs
    (chosen,) = export_paths([root], "az", fallback="draft", min_reviewed=0, out_dir=tmp_path / "out")
    assert chosen.preview and chosen.path == tmp_path / "out" / "a.txt"
    assert chosen.path.read_text(encoding="utf-8") == "R1. D1.\n"
    assert not (root / "dist" / "az").exists()


@pytest.mark.parametrize(
    "fallback, expected, filled",
    [
        ("source", "R1. Draft here. Untranslated here.\nStale one.\n",
         {"reviewed": 1, "source": 3}),
        ("draft", "R1. D2. Untranslated here.\nS4.\n", {"reviewed": 1, "draft": 2, "source": 1}),
        ("skip", "R1.\n\n", {"reviewed": 1, "skipped": 3}),
    ],
)
def test_fallbacks(tmp_path, fallback, expected, filled):
    text = "Reviewed here. Draft here. Untranslated here.\nStale one.\n"
    root = _project(tmp_path, "a.txt", text)
    po = _write_catalog(root, "a", "az", lambda s: {"Reviewed here.": "R1.", "Draft here.": "D2.",
                                                     "Stale one.": "S4."}.get(s, ""),
                        flags=lambda s: ["fuzzy"] if s in ("Draft here.", "Stale one.") else [])
    cat = polib.pofile(str(po))
    cat.find("Stale one.").previous_msgid = "Stale once."
    cat.save()
    (result,) = export_paths([root], "az", min_reviewed=0, fallback=fallback)
    assert result.path.read_text(encoding="utf-8") == expected
    assert result.filled == filled


def test_skip_removes_the_space_between_sentences():
    text = "One. Two. Three."
    segs = segment_text(text)
    pieces = plan(segs, {}, "skip")
    assert rebuild(text, pieces) == ""
    entries = {"One.": polib.POEntry(msgid="One.", msgstr="Bir."), "Three.": polib.POEntry(msgid="Three.", msgstr="Üç.")}
    assert rebuild(text, plan(segs, entries, "skip")) == "Bir. Üç."


class _Checker(HTMLParser):
    VOID = {"meta"}

    def __init__(self):
        super().__init__()
        self.stack, self.tags, self.text, self.lang = [], [], {}, None

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "html":
            self.lang = dict(attrs).get("lang")
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack.pop() == tag, f"misnested </{tag}>"

    def handle_data(self, data):
        if self.stack:
            self.text.setdefault(self.stack[-1], []).append(data)


def test_html_is_a_valid_standalone_page(tmp_path):
    root = _project(tmp_path, "news.md", MARKDOWN)
    _write_catalog(root, "news", "az", lambda s: s.replace("Customs", "Gömrük"))
    (result,) = export_paths([root], "az", fmt="html")
    page = result.path.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>\n")
    checker = _Checker()
    checker.feed(page)
    checker.close()
    assert checker.stack == []
    assert checker.lang == "az"
    assert checker.tags == ["html", "head", "meta", "meta", "title", "style", "body", "article", "h1", "p", "h2",
                            "blockquote", "p"]
    assert checker.text["title"] == ["Gömrük news"]
    assert checker.text["h2"] == ["Next steps <b>&</b>"]  # escaped in the page, text again when parsed
    assert "Next steps &lt;b&gt;&amp;&lt;/b&gt;" in page
    assert " ".join(checker.text["p"][0].split()) == "Azerbaijani customs is successful. The WCO agreed. It met in 2021."


def test_html_title_falls_back_to_the_first_sentence():
    text = "A rather plain first sentence. Second.\n"
    pieces = plan(segment_text(text), {}, "source")
    page = render_html(text, pieces, "ru", "A rather plain first sentence.")
    assert '<html lang="ru">' in page and "<title>A rather plain first sentence.</title>" in page


def test_json_lists_segments_with_source_translation_state(tmp_path):
    root = _project(tmp_path, "a.txt", "Reviewed here. Draft here.\n\nUntranslated here.\n")
    _write_catalog(root, "a", "ru", lambda s: {"Reviewed here.": "Р.", "Draft here.": "Ч."}.get(s, ""),
                   flags=lambda s: ["fuzzy"] if s == "Draft here." else [])
    (result,) = export_paths([root], "ru", fmt="json", min_reviewed=0)
    data = json.loads(result.path.read_text(encoding="utf-8"))
    assert data["lang"] == "ru" and data["document"] == "a" and data["reviewed"] == 1 and data["total"] == 3
    assert [(s["source"], s["translation"], s["state"], s["output"], s["paragraph"]) for s in data["segments"]] == [
        ("Reviewed here.", "Р.", "reviewed", "Р.", 0),
        ("Draft here.", "Ч.", "draft", "Draft here.", 0),
        ("Untranslated here.", None, "untranslated", "Untranslated here.", 1),
    ]


def test_output_folder_and_bad_options(tmp_path):
    root = _project(tmp_path, "a.txt", "One.\n")
    _write_catalog(root, "a", "az", lambda s: "Bir.")
    (result,) = export_paths([root / "source" / "a.txt"], "az", out_dir=tmp_path / "out", fmt="md")
    assert result.path == tmp_path / "out" / "a.md"
    with pytest.raises(L10nError, match="unknown format 'pdf'"):
        export_paths([root], "az", fmt="pdf")
    with pytest.raises(L10nError, match="unknown fallback 'guess'"):
        export_paths([root], "az", fallback="guess")
    with pytest.raises(L10nError, match="between 0 and 100"):
        export_paths([root], "az", min_reviewed=120)
    assert Project.open(root).po_path(Project.open(root).documents()[0], "az").is_file()


def test_refusal_names_segments_missing_from_an_outdated_catalog(tmp_path):
    root = _project(tmp_path, "a.txt", "One here. Two here.\n")
    _write_catalog(root, "a", "az", lambda s: "Bir.")
    (root / "source" / "a.txt").write_text("One here. Two here. Three here.\n", encoding="utf-8")
    (result,) = export_paths([root], "az")
    assert result.refused.startswith("a: 66.6% reviewed in az (2 of 3 segments) (1 not in the catalog: run `l10n translate`)")


def test_a_sentence_made_a_plural_entry_by_hand_exports_its_singular_form(tmp_path):
    """Regression: status counted it reviewed, export wrote an empty string (entry.msgstr) for it."""
    root = _project(tmp_path, "crlf.txt", CRLF_TEXT)
    path = _write_catalog(root, "crlf", "ru", lambda s: "<" + s + ">")
    po = polib.pofile(str(path))
    po.metadata["Plural-Forms"] = ("nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : "
                                   "n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);")
    entry = po.find("Second sentence.")
    entry.msgid_plural, entry.msgstr = "Second sentences.", ""
    entry.msgstr_plural = {0: "Второе.", 1: "Вторые.", 2: "Вторых."}
    po.save(str(path))
    (result,) = export_paths([root], "ru")
    assert result.filled == {"reviewed": 4}
    assert result.path.read_bytes().decode("utf-8").startswith("<First line here.>\r\nВторое.\r\n\r\n")


from hypothesis import given, settings
from hypothesis import strategies as st

_WORDS = st.sampled_from(["Customs", "the WCO", "met", "in 2021", "said", "(online)", "«quote»", "e.g.", "#", "-", "  "])
_SENTENCE = st.builds(lambda ws, end: " ".join(ws) + end, st.lists(_WORDS, min_size=1, max_size=6),
                      st.sampled_from([".", "!", "?", "", "..."]))
_GAP = st.sampled_from([" ", "  ", "\n", "\n\n", "\r\n", "\r\n\r\n", "\n\n\n", "\t"])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(_SENTENCE, _GAP), min_size=1, max_size=8), st.sampled_from(["", "\n", "  \n"]))
def test_rebuild_identity_property(parts, lead):
    text = lead + "".join(s + g for s, g in parts)
    segments = segment_text(text)
    # msgids join a hard-wrapped segment's lines; a translation that keeps the wrapping rebuilds the source
    identity = {msgid_for(s.text): polib.POEntry(msgid=msgid_for(s.text), msgstr=s.text) for s in segments}
    assert rebuild(text, plan(segments, identity, "skip")) == text
    upper = {msgid_for(s.text): polib.POEntry(msgid=msgid_for(s.text), msgstr=msgid_for(s.text).upper())
             for s in segments}
    out = rebuild(text, plan(segments, upper, "skip"))
    inside = sum(s.text.count("\n") for s in segments)
    assert out.count("\n") == text.count("\n") - inside  # the layout between segments survives any translation


def test_html_lists_blockquotes_and_numbered_lines():
    text = ("Intro text. More text\nwrapped here.\n\n- First item. Second sentence.\n- Second item.\n\n"
            "1. One.\n2. Two.\n\n> Quoted line.\n> Second quoted.\n")
    page = render_html(text, plan(segment_text(text), {}, "source"), "en", "T")
    assert "<p>Intro text. More text wrapped here.</p>" in page
    assert "<ul>\n<li>First item. Second sentence.</li>\n<li>Second item.</li>\n</ul>" in page
    assert "<p>1. One.<br>2. Two.</p>" in page
    assert "<p>Quoted line. Second quoted.</p>" in page
    checker = _Checker()
    checker.feed(page.replace("<br>", ""))
    assert checker.stack == []


def test_html_markdown_table_is_a_table_of_the_cell_segments():
    text = "Intro.\n\n| Sector | Growth |\n|---|--:|\n| Oil & gas | -1.3% |\n| Non-oil | 4.1% |\n\nAfter."
    page = render_html(text, plan(segment_text(text), {}, "source"), "en", "T")
    assert (
        "<table>\n<tr><th>Sector</th><th>Growth</th></tr>\n<tr><td>Oil &amp; gas</td><td>-1.3%</td></tr>\n"
        "<tr><td>Non-oil</td><td>4.1%</td></tr>\n</table>"
    ) in page
    assert "<p>Intro.</p>" in page and "<p>After.</p>" in page and "|" not in page
    checker = _Checker()
    checker.feed(page)
    assert checker.stack == []


def test_markdown_table_and_code_block_rebuild_with_translated_cells():
    text = "| Sector | Growth |\n|---|---|\n| Non-oil | 4.1% |\n\n```\ncode. More code.\n```\n"
    tr = {"Sector": "Сектор", "Growth": "Рост", "Non-oil": "Ненефтяной", "4.1%": "4,1%"}
    pieces = plan(segment_text(text), {}, "source")
    out = rebuild(text, [p.__class__(p.segment, p.state, p.translation, tr[p.segment.text], p.filled) for p in pieces])
    assert out == "| Сектор | Рост |\n|---|---|\n| Ненефтяной | 4,1% |\n\n```\ncode. More code.\n```\n"


def test_html_of_a_markdown_article_renders_inline_markup(tmp_path):
    root = _project(tmp_path, "news.md", "See [the report](https://a.az/r.html) and ![Chart](c.png).\n\n*Note*: `x < y`.\n")
    _write_catalog(root, "news", "ru", lambda s: "")
    (result,) = export_paths([root / "source" / "news.md"], "ru", fmt="html", min_reviewed=0)
    page = result.path.read_text(encoding="utf-8")
    # the English fills in for missing translations: lang="en" on the block
    assert '<p lang="en">See <a href="https://a.az/r.html">the report</a> and <img src="c.png" alt="Chart">.</p>' in page
    assert '<p lang="en"><em>Note</em>: <code>x &lt; y</code>.</p>' in page
    checker = _Checker()
    checker.feed(page.replace("<img", "<meta"))
    assert checker.stack == []


def test_html_of_a_text_article_keeps_markdown_characters_as_text(tmp_path):
    root = _project(tmp_path, "news.txt", "Prices rose *sharply* [sic].\n")
    _write_catalog(root, "news", "ru", lambda s: "")
    (result,) = export_paths([root / "source" / "news.txt"], "ru", fmt="html", min_reviewed=0)
    assert '<p lang="en">Prices rose *sharply* [sic].</p>' in result.path.read_text(encoding="utf-8")


def _md_page(text: str, lang: str = "en") -> str:
    article = segment_article(text, markdown=True)
    return render_html(text, plan(article.segments, {}, "source"), lang, "T", markdown=True, code=article.code,
                       layout=article.layout)


def test_html_of_a_markdown_article_numbered_lines_are_an_ordered_list():
    """CommonMark: "1. Not\na list." is a list item with a lazy continuation line (it was a paragraph)."""
    text = "1. One.\n2. Two. More.\n\n10) Ten.\n11) Eleven.\n\n1. Not\na list.\n"
    page = _md_page(text)
    assert "<ol>\n<li>One.</li>\n<li>Two. More.</li>\n</ol>" in page
    assert '<ol start="10">\n<li>Ten.</li>\n<li>Eleven.</li>\n</ol>' in page
    assert "<ol>\n<li>Not a list.</li>\n</ol>" in page  # one sentence: its line break is a space
    checker = _Checker()
    checker.feed(page)
    assert checker.stack == []
    assert "<p>1. One.<br>2. Two. More.</p>" in render_html(text, plan(segment_text(text), {}, "source"), "en", "T")


def test_html_of_a_markdown_article_block_quote_is_a_blockquote():
    text = "Before.\n\n> The economy is resilient. It grows.\n> — President, Oct. 15\n\nAfter.\n"
    page = _md_page(text)
    assert "<blockquote>\n<p>The economy is resilient. It grows.\n— President, Oct. 15</p>\n</blockquote>" in page
    assert "<p>Before.</p>" in page and "<p>After.</p>" in page


def test_html_of_a_markdown_quotation_of_two_paragraphs():
    """One quotation of two paragraphs, as CommonMark has it (it was two quotations)."""
    page = _md_page("> First paragraph. Still first.\n>\n> Second paragraph.\n")
    assert "<blockquote>\n<p>First paragraph. Still first.</p>\n<p>Second paragraph.</p>\n</blockquote>" in page


def test_html_of_a_markdown_article_keeps_fenced_code_untranslated():
    text = "Run it:\n\n```sh\nl10n translate <doc> && echo \"ok\"\n\nl10n export\n```\n\nDone.\n"
    page = _md_page(text)
    assert ('<p>Run it:</p>\n<pre><code>l10n translate &lt;doc&gt; &amp;&amp; echo "ok"\n\nl10n export</code></pre>\n'
            "<p>Done.</p>") in page
    assert "<pre>" not in render_html(text, plan(segment_text(text), {}, "source"), "en", "T")


def test_html_typographic_bullets_are_a_list():
    text = "Key figures:\n\n• GDP rose 2.8%\n• Exports rose.\n"
    page = render_html(text, plan(segment_text(text), {}, "source"), "en", "T")
    assert "<ul>\n<li>GDP rose 2.8%</li>\n<li>Exports rose.</li>\n</ul>" in page


def test_html_list_right_after_a_line_of_text_is_a_list():
    text = "Key figures:\n- GDP rose 2.8%\n- Exports rose.\n"
    page = render_html(text, plan(segment_text(text), {}, "source"), "en", "T")
    assert "<p>Key figures:</p>\n<ul>\n<li>GDP rose 2.8%</li>\n<li>Exports rose.</li>\n</ul>" in page


def test_html_renders_the_layout_the_segmenter_found_not_the_text_again():
    """A plain-text article's page is rendered from its segments' kinds: change them and the page follows
    (a Markdown article's from its parsed layout, :class:`l10n.segment.markdown.MarkdownLayout`)."""
    from dataclasses import replace

    text = "One here.\n\nTwo here. Still two.\n\nThree here.\n\nFour here."
    segments = segment_text(text)
    assert {s.kind for s in segments} == {"paragraph"}
    kinds = {0: {"kind": "heading", "heading": True, "level": 3}, 1: {"kind": "list item"},
             2: {"kind": "table header"}, 3: {"kind": "quote"}}
    relaid = [replace(s, **kinds[s.paragraph]) for s in segments]
    page = render_html(text, plan(relaid, {}, "source"), "en", "T")
    assert "<h3>One here.</h3>\n<ul>\n<li>Two here. Still two.</li>\n</ul>\n" in page
    assert "<table>\n<tr><th>Three here.</th></tr>\n</table>\n<p>Four here.</p>\n" in page
    assert render_html(text, plan(segments, {}, "source"), "en", "T").count("<p>") == 4
