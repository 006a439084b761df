"""Hostile input to export and check (issue 16): a quadratic inline renderer."""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from l10n.export.markdown_inline import inline_html, _safe as safe_url

# --- 3. the inline renderer is linear -------------------------------------------------------

# The renderer's specification: what this expression finds (the renderer before issue 16 ran it
# with re, in quadratic time). The rendering below is that renderer's.
_REFERENCE = re.compile(
    r"(?P<code>(?P<ticks>`+)(?P<code_text>.+?)(?P=ticks))"
    r"|(?P<image>!\[(?P<alt>[^\]]*)\]\(\s*<?(?P<src>[^\s<>()]+)>?(?:\s+\"(?P<img_title>[^\"]*)\")?\s*\))"
    r"|(?P<link>\[(?P<label>[^\]]+)\]\(\s*<?(?P<href>[^\s<>()]+)>?(?:\s+\"(?P<link_title>[^\"]*)\")?\s*\))"
    r"|(?P<strong>(?P<s_mark>\*\*|__)(?=\S)(?P<strong_text>.+?)(?<=\S)(?P=s_mark))"
    r"|(?P<em>\*(?=[^\s*])(?P<em_text>.+?)(?<=[^\s*])\*|(?<!\w)_(?=[^\s_])(?P<em_text2>.+?)(?<=[^\s_])_(?!\w))"
    r"|(?P<del>~~(?=\S)(?P<del_text>.+?)(?<=\S)~~)"
)


def _attr(name, value):
    return f' {name}="{html.escape(value, quote=True)}"' if value is not None else ""


def _reference_html(text: str) -> str:
    out, pos = [], 0
    for m in _REFERENCE.finditer(text):
        out.append(html.escape(text[pos:m.start()], quote=False))
        pos = m.end()
        if (m.group("image") and not safe_url(m.group("src"))) or (m.group("link") and not safe_url(m.group("href"))):
            out.append(html.escape(m.group(0), quote=False))
        elif m.group("code"):
            out.append(f"<code>{html.escape(m.group('code_text').strip(), quote=False)}</code>")
        elif m.group("image"):
            out.append(f"<img{_attr('src', m.group('src'))}{_attr('alt', m.group('alt'))}"
                       f"{_attr('title', m.group('img_title'))}>")
        elif m.group("link"):
            out.append(f"<a{_attr('href', m.group('href'))}{_attr('title', m.group('link_title'))}>"
                       f"{_reference_html(m.group('label'))}</a>")
        elif m.group("strong"):
            out.append(f"<strong>{_reference_html(m.group('strong_text'))}</strong>")
        elif m.group("em"):
            out.append(f"<em>{_reference_html(m.group('em_text') or m.group('em_text2'))}</em>")
        else:
            out.append(f"<del>{_reference_html(m.group('del_text'))}</del>")
    out.append(html.escape(text[pos:], quote=False))
    return "".join(out)


_PIECES = st.sampled_from(list("`*_~[]()!<>\" \n\tab:/é²\x1c\xa0.,") + [
    "**", "__", "~~", "![", "](", "```", "``", "](u)", "](javascript:x)", '](http://a "t")', "(<u>)", "word"])


@settings(max_examples=1500, deadline=None)
@given(st.lists(_PIECES, max_size=30).map("".join))
def test_inline_renderer_finds_what_its_expression_finds(text):
    assert inline_html(text) == _reference_html(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["`", "``", "```", "a", " ", "\n"]), max_size=40).map("".join))
def test_inline_renderer_code_spans_as_the_expression(text):
    assert inline_html(text) == _reference_html(text)


@pytest.mark.parametrize("unit, rendered", [
    ("**a ", None), ("*a ", None), ("_a ", None), ("~~a ", None), ("[a ", None), ("![a ", None),
    ("**a** ", "<strong>a</strong> "), ("[a](u) ", '<a href="u">a</a> '), ("`a` ", "<code>a</code> "),
])
def test_a_pathological_line_of_moderate_size_renders(unit, rendered):
    """Regression: "**a " * 8000 took 6 s (quadratic); 30,000 of them took minutes, now a blink.
    Timings are in scripts/bench_export.py, not here."""
    text = unit * 30000
    assert inline_html(text) == (html.escape(text, quote=False) if rendered is None else rendered * 30000)


def test_descending_backtick_runs_render_as_the_expression():
    text = " ".join("`" * k for k in range(40, 0, -1)) + " a"
    assert inline_html(text) == _reference_html(text)
