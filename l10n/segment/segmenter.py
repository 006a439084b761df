"""Segments with exact offsets: layout (paragraphs, headings) + sentence boundaries."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from l10n.segment.layout import units
from l10n.segment.rules import LanguageRules, load_rules
from l10n.segment.sentences import sentence_spans
from l10n.segment.source import read_source

_ALNUM = re.compile(r"[^\W_]")
_TITLE_MAX = 120  # a standalone line up to this long, without final punctuation, is a title


@dataclass(frozen=True, slots=True)
class Segment:
    """One translation unit. ``text == source[start:end]``; ``line`` is the 1-based line of ``start``."""

    text: str
    paragraph: int
    start: int
    end: int
    line: int
    heading: bool = False


def segment_text(text: str, lang: str = "en") -> list[Segment]:
    """Split decoded article text into segments, in order (see the package docstring)."""
    rules = load_rules(lang)
    out: list[Segment] = []
    line, line_pos = 1, 0
    paragraph, last_unit_paragraph = -1, -1  # dense numbering: paragraphs with segments only
    for unit in units(text, rules.continuation_words):
        if unit.kind == "heading":
            spans = [(unit.start, unit.end)]
        else:
            spans = sentence_spans(text, unit.start, unit.end, rules)
        title = unit.kind == "heading" or (
            unit.alone
            and len(spans) == 1
            and _is_title(text, *spans[0], rules)
            # a quotation of several sentences without final punctuation is not a title
            and len(sentence_spans(text, unit.start, unit.end, rules, quotations=False)) == 1
        )
        for s, e in spans:
            if not _ALNUM.search(text, s, e):
                continue  # "***", "—": layout, not a sentence; it stays between segments
            line += text.count("\n", line_pos, s)
            line_pos = s
            if unit.paragraph != last_unit_paragraph:
                paragraph, last_unit_paragraph = paragraph + 1, unit.paragraph
            out.append(Segment(text[s:e], paragraph, s, e, line, title))
    return out


def segment_file(path: str | Path, lang: str = "en") -> list[Segment]:
    """Read (strict UTF-8, BOM removed) and segment an article file."""
    return segment_text(read_source(path), lang)


def _is_title(text: str, s: int, e: int, rules: LanguageRules) -> bool:
    if e - s > _TITLE_MAX:
        return False
    line = text[s:e]
    if "://" in line or "@" in line or "www." in line or "](" in line:
        return False  # "Read more: https://...", a contact line, a Markdown image or link "![Photo](a.jpg)"
    last = line.rstrip(rules.closers)
    return bool(last) and last[-1] not in rules.terminals and last[-1] not in ",;:"
