"""Inline Markdown of a segment as HTML (links, images, code, emphasis), everything else escaped."""

from __future__ import annotations

import pytest

from l10n.export.markdown_inline import inline_html


@pytest.mark.parametrize(
    "text, expected",
    [
        ('See [the report](https://a.az/x.html "SSC report"):',
         'See <a href="https://a.az/x.html" title="SSC report">the report</a>:'),
        ("![Chart & data](/img/c.png)", '<img src="/img/c.png" alt="Chart &amp; data">'),
        ("The *preliminary* estimate via `gdp_estimate` and `a <b>`.",
         "The <em>preliminary</em> estimate via <code>gdp_estimate</code> and <code>a &lt;b&gt;</code>."),
        ("Follow **@Trend** and __Baku__, ~~old~~ _new_.",
         "Follow <strong>@Trend</strong> and <strong>Baku</strong>, <del>old</del> <em>new</em>."),
        ("[a *b*](u) and [no link] (x)", '<a href="u">a <em>b</em></a> and [no link] (x)'),
        ("2 * 3 * 4, snake_case_word, <script>x</script> & co",
         "2 * 3 * 4, snake_case_word, &lt;script&gt;x&lt;/script&gt; &amp; co"),
        ("[x](javascript:alert(1)) [y](JavaScript:a) ![z](data:x)", "[x](javascript:alert(1)) [y](JavaScript:a) ![z](data:x)"),
        ("[mail](mailto:a@b.az) [rel](../a.html)", '<a href="mailto:a@b.az">mail</a> <a href="../a.html">rel</a>'),
    ],
)
def test_inline_html(text, expected):
    assert inline_html(text) == expected
