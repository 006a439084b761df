"""The translatable values of a Markdown article's front matter (YAML between ``---`` lines).

Only ``title``, ``description``, ``summary`` and ``tags`` are text to translate; every other key
(dates, slugs, authors, layout...) is left byte for byte, and so are the keys, quotes and list
brackets of these. What is read is the YAML a static site generator's front matter uses, line by
line, without a YAML library:

- ``key: value``, ``key: "value"``, ``key: 'value'`` (a ``# comment`` after an unquoted value
  is not part of it);
- ``key: >`` or ``key: |`` and the indented lines below (a block scalar: one span);
- ``tags: [a, "b c"]`` (a flow list) and ``tags:`` with ``- item`` lines below (one span an item).

A value the reader does not understand (an anchor, a nested mapping) is left alone, untranslated.
"""

from __future__ import annotations

import re

TRANSLATABLE = ("title", "description", "summary", "tags")

_KEY = re.compile(r"(?P<key>[A-Za-z_][\w-]*)[ \t]*:(?:[ \t]+|(?=\r?$))")
_ITEM = re.compile(r"[ \t]+-[ \t]+|-[ \t]+")
_FLOW_ITEM = re.compile(r"\"(?:[^\"\\]|\\.)*\"|'(?:[^']|'')*'|[^,\]]+")

Span = tuple[int, int]


def front_matter_values(text: str, span: Span) -> list[tuple[str, list[Span]]]:
    """(key, [value spans]) of each translatable key of the front matter at ``span`` (its ``---`` lines included)."""
    lines = _lines(text, *span)[1:-1]  # without the --- lines
    found: list[tuple[str, list[Span]]] = []
    n = 0
    while n < len(lines):
        ls, le = lines[n]
        n += 1
        m = _KEY.match(text, ls, le)
        if m is None or m.group("key").lower() not in TRANSLATABLE:
            continue
        key = m.group("key").lower()
        vs, ve = _strip(text, m.end(), le)
        if vs == ve:  # "tags:" and "- item" lines below
            items = []
            while n < len(lines) and (item := _ITEM.match(text, *lines[n])):
                items.append(_scalar(text, item.end(), lines[n][1]))
                n += 1
            found.append((key, [s for s in items if s[0] < s[1]]))
        elif text[vs] in ">|" and not text[vs + 1:ve].strip(" +-0123456789"):
            block = []
            while n < len(lines) and (text[lines[n][0]:lines[n][0] + 1] in (" ", "\t")
                                      or not text[lines[n][0]:lines[n][1]].strip()):
                block.append(lines[n])
                n += 1
            spans = [_strip(text, *b) for b in block if text[b[0]:b[1]].strip()]
            if spans:
                found.append((key, [(spans[0][0], spans[-1][1])]))
        elif text[vs] == "[" and text[ve - 1] == "]":
            items = [_scalar(text, m2.start(), m2.end()) for m2 in _FLOW_ITEM.finditer(text, vs + 1, ve - 1)]
            found.append((key, [s for s in items if s[0] < s[1]]))
        elif text[vs] in "&*!{":
            continue  # YAML this reader does not take apart
        else:
            span = _scalar(text, vs, ve)
            if span[0] < span[1]:
                found.append((key, [span]))
    return found


#: A plain scalar a YAML 1.1 or 1.2 reader (PyYAML, ruamel, libyaml...) takes as something other than
#: that string: booleans and null (``yes``, ``Off``, ``~``, ``y``), numbers (``123``, ``1.5``, ``1e5``,
#: ``0x1F``, ``0o17``, ``1_000``, ``1:30`` sexagesimal, ``.inf``), dates (``2026-12-03``...) and the
#: merge and value keys (``<<``, ``=``). Compared case-blind: quoting ``yEs`` too costs nothing.
_NOT_A_STRING = re.compile(
    r"(?:y|n|yes|no|true|false|on|off|null|~|<<|="
    r"|[-+]?(?:0b[01_]+|0o[0-7_]+|0x[0-9a-f_]+"
    r"|(?:[0-9][0-9_]*(?::[0-5]?[0-9])*(?:\.[0-9_]*)?|\.[0-9_]+)(?:e[-+]?[0-9]+)?|\.inf|\.nan)"
    r"|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt \t].*)?)",
    re.IGNORECASE | re.DOTALL,
)
#: What a plain scalar cannot start with, hold (``: ``, `` #``, a tab, a character YAML cannot print) or end with.
_PLAIN_UNSAFE = re.compile(r"^[-?:,\[\]{}#&*!|>'\"%@`\s]|:\s|:$|\s#|\s$|\t|"
                           r"[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_NOT_PRINTABLE = re.compile(r"[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
#: What a double-quoted YAML scalar must escape.
_DOUBLE_QUOTED_ESCAPE = re.compile(r"[\\\"]|" + r"[^\t\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def double_quoted(value: str) -> str:
    r"""``value`` escaped for the inside of a YAML ``"..."`` scalar (``\\``, ``\"``, ``\x07``, ``\u2028``)."""
    def escape(m: re.Match) -> str:
        c = m.group()
        if c in '\\"':
            return "\\" + c
        return f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}" if ord(c) < 0x10000 else f"\\U{ord(c):08x}"

    return _DOUBLE_QUOTED_ESCAPE.sub(escape, value)


def printable(value: str) -> str:
    """``value`` without the characters YAML cannot hold unescaped (in ``'...'`` or a block scalar)."""
    return _NOT_PRINTABLE.sub("", value)


def plain_scalar_ok(value: str, in_flow: bool = False) -> bool:
    """Whether ``value`` written unquoted as a YAML value (in a ``[...]`` list when ``in_flow``) is read
    back as that same string."""
    if not value or _NOT_A_STRING.fullmatch(value) or _PLAIN_UNSAFE.search(value):
        return False
    return not (in_flow and any(c in value for c in ",[]{}:?#"))  # PyYAML ends a flow plain scalar there


def _scalar(text: str, s: int, e: int) -> Span:
    """The text of a scalar at ``text[s:e]``: inside its quotes, or without a trailing comment."""
    s, e = _strip(text, s, e)
    if e - s >= 2 and text[s] in "\"'" and text[e - 1] == text[s]:
        return _strip(text, s + 1, e - 1)
    comment = text.find(" #", s, e)
    if comment >= 0:
        e = comment
    return _strip(text, s, e)


def _lines(text: str, s: int, e: int) -> list[Span]:
    out = []
    while s < e:
        nl = text.find("\n", s, e)
        le = e if nl < 0 else nl
        out.append((s, le - 1 if le > s and text[le - 1] == "\r" else le))
        s = le + 1
    return out


def _strip(text: str, s: int, e: int) -> Span:
    while s < e and text[s] in " \t":
        s += 1
    while e > s and text[e - 1] in " \t\r":
        e -= 1
    return s, e
