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
