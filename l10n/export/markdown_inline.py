"""Inline Markdown as HTML, on markdown-it-py (the parser the segmenter uses), and which link targets it refuses.

Everything that is not markup is escaped, so the result is safe inside an HTML element:
raw HTML is text unless the caller allows it (``l10n export --allow-html``), and links and
images whose target is not http, https, mailto or relative stay text (:func:`safe_url`:
judged as a browser reads the target, so ``\\x01javascript:`` or ``&#106;avascript:`` is
refused too). Bare URLs and e-mail addresses become links (linkify-it-py), strike-through
(``~~old~~``) is ``<del>``, tables and the rest are CommonMark's.
"""

from __future__ import annotations

import functools
import html
import re

_SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
_SCHEME = re.compile(r"[a-z][a-z0-9+.-]*(?=:)")
#: Stripped at both ends of a target: C0 controls and space (as browsers do), and Unicode spaces.
_EDGES = "".join(map(chr, range(0x21))) + "".join(ch for ch in map(chr, range(0x7F, 0x3001)) if ch.isspace())
_TAB_NEWLINE = re.compile(r"[\t\n\r]")
_DECODE_ROUNDS = 4


def browser_url(url: str) -> str | None:
    """``url`` as a browser decides its scheme from it, lower case; None when it will not settle.

    The browser's steps, and a little more: HTML character references decoded
    (``&#106;``, ``&colon;``; repeatedly, up to :data:`_DECODE_ROUNDS` rounds, a
    target that still decodes after them is None), tab and line breaks removed
    anywhere (the WHATWG URL parser does), C0 controls and spaces stripped at both
    ends, case folded.
    """
    for _ in range(_DECODE_ROUNDS):
        decoded = html.unescape(url)
        if decoded == url:
            break
        url = decoded
    else:
        if html.unescape(url) != url:
            return None
    return _TAB_NEWLINE.sub("", url).strip(_EDGES).casefold()


def safe_url(url: str) -> bool:
    """True for a link or image target the HTML export may keep: http, https, mailto or relative
    (no scheme), as a browser reads it (:func:`browser_url`)."""
    seen = browser_url(url)
    if seen is None:
        return False
    m = _SCHEME.match(seen)
    return m is None or m.group(0) in _SAFE_SCHEMES


#: A link target that :func:`safe_url` refused, as it goes from normalizeLink to validateLink.
_REFUSED = "\x00refused:"
#: What a refused link or image leaves as text, ``](target)``, and an autolink ``<scheme:...>``; also
#: ``](target)`` that is no CommonMark link (a control character in the target): a lenient renderer would
#: still link it, so the check reports it too.
_LOOSE_TAIL = re.compile(r"\]\(\s*<?((?:[^\s<>()]|[\t\n\r](?=[^\s<>()]))+)")  # a browser drops tabs and breaks
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\x00-\x20]*)>")


@functools.cache
def renderer(allow_html: bool = False):
    """The inline renderer: CommonMark, raw HTML only if ``allow_html``, linkify, strike-through, safe targets."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": allow_html, "linkify": True, "xhtmlOut": False})
    md.enable(["table", "strikethrough", "linkify"])
    normalize = md.normalizeLink

    def normalize_link(url: str) -> str:
        return normalize(url) if safe_url(url) else _REFUSED + url

    md.normalizeLink = normalize_link
    md.validateLink = lambda url: not url.startswith(_REFUSED)
    md.add_render_rule("s_open", lambda *args: "<del>")
    md.add_render_rule("s_close", lambda *args: "</del>")
    return md


def inline_html(text: str, allow_html: bool = False, references: dict | None = None) -> str:
    """``text`` with its inline Markdown as HTML tags and everything else escaped; ``references``: the
    article's link reference definitions (``[label]: url``)."""
    env = {"references": {k: v for k, v in references.items() if safe_url(v.get("href", ""))}} if references else {}
    return renderer(allow_html).renderInline(text, env)


def refused_targets(text: str) -> list[str]:
    """The link and image targets of ``text`` that :func:`inline_html` refuses (and ``](target)`` text a
    lenient renderer would link), as the text spells them, in order; none inside code spans."""
    from markdown_it.common.utils import unescapeAll

    found: list[str] = []
    stack = [child for tok in renderer().parseInline(text, {}) for child in (tok.children or [])][::-1]
    while stack:
        tok = stack.pop()
        if tok.type == "text":  # what is left as text, entities decoded
            found += [m.group(1) for pattern in (_LOOSE_TAIL, _AUTOLINK) for m in pattern.finditer(tok.content)
                      if not safe_url(m.group(1))]
        stack += (tok.children or [])[::-1]
    spelt = {unescapeAll(m.group(1)): m.group(1) for pattern in (_LOOSE_TAIL, _AUTOLINK)
             for m in pattern.finditer(text)}
    found = list(dict.fromkeys(spelt.get(t, t) for t in found))
    at = {t: (text.find(t) if t in text else len(text)) for t in found}
    return sorted(found, key=lambda t: at[t])
