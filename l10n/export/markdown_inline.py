"""Inline Markdown of one segment as HTML: code spans, images, links, strong, emphasis, strike-through.

Only what a news article uses inline; block structure (headings, lists,
tables) is the exporter's business. Everything that is not markup is escaped,
so the result is always safe to put inside an HTML element. Unmatched markers
(``*`` alone, ``[`` without ``](...)``) and links or images with a scheme other
than http(s), mailto, tel or ftp (``javascript:``) stay as text.
"""

from __future__ import annotations

import html
import re

_INLINE = re.compile(
    r"(?P<code>(?P<ticks>`+)(?P<code_text>.+?)(?P=ticks))"
    r"|(?P<image>!\[(?P<alt>[^\]]*)\]\(\s*<?(?P<src>[^\s<>()]+)>?(?:\s+\"(?P<img_title>[^\"]*)\")?\s*\))"
    r"|(?P<link>\[(?P<label>[^\]]+)\]\(\s*<?(?P<href>[^\s<>()]+)>?(?:\s+\"(?P<link_title>[^\"]*)\")?\s*\))"
    r"|(?P<strong>(?P<s_mark>\*\*|__)(?=\S)(?P<strong_text>.+?)(?<=\S)(?P=s_mark))"
    r"|(?P<em>\*(?=[^\s*])(?P<em_text>.+?)(?<=[^\s*])\*|(?<!\w)_(?=[^\s_])(?P<em_text2>.+?)(?<=[^\s_])_(?!\w))"
    r"|(?P<del>~~(?=\S)(?P<del_text>.+?)(?<=\S)~~)"
)


_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
_SAFE_SCHEMES = {"http", "https", "mailto", "tel", "ftp"}


def _safe(url: str) -> bool:
    m = _SCHEME.match(url)
    return m is None or m.group(1).lower() in _SAFE_SCHEMES


def _attr(name: str, value: str | None) -> str:
    return f' {name}="{html.escape(value, quote=True)}"' if value is not None else ""


def inline_html(text: str) -> str:
    """``text`` with its inline Markdown as HTML tags and everything else escaped."""
    out, pos = [], 0
    for m in _INLINE.finditer(text):
        out.append(html.escape(text[pos:m.start()], quote=False))
        pos = m.end()
        if (m.group("image") and not _safe(m.group("src"))) or (m.group("link") and not _safe(m.group("href"))):
            out.append(html.escape(m.group(0), quote=False))
        elif m.group("code"):
            out.append(f"<code>{html.escape(m.group('code_text').strip(), quote=False)}</code>")
        elif m.group("image"):
            out.append(f"<img{_attr('src', m.group('src'))}{_attr('alt', m.group('alt'))}"
                       f"{_attr('title', m.group('img_title'))}>")
        elif m.group("link"):
            out.append(f"<a{_attr('href', m.group('href'))}{_attr('title', m.group('link_title'))}>"
                       f"{inline_html(m.group('label'))}</a>")
        elif m.group("strong"):
            out.append(f"<strong>{inline_html(m.group('strong_text'))}</strong>")
        elif m.group("em"):
            out.append(f"<em>{inline_html(m.group('em_text') or m.group('em_text2'))}</em>")
        else:
            out.append(f"<del>{inline_html(m.group('del_text'))}</del>")
    out.append(html.escape(text[pos:], quote=False))
    return "".join(out)
