"""The segmenter: English (or ru/az) articles into sentences, losslessly.

Public API::

    Segment(text, paragraph, start, end, line, heading, kind, block, level)
    segment_text(text, lang="en") -> list[Segment]
    segment_article(text, lang="en") -> Article(segments, code)
    decode_source(data, path) -> str
    read_source(path) -> str
    segment_file(path, lang="en") -> list[Segment]

Offsets are character offsets into the decoded text (UTF-8 BOM removed, line
endings as in the file), so ``text[s.start:s.end] == s.text``, and the article
is ``text[:s0.start] + s0.text + text[s0.end:s1.start] + ... + text[sN.end:]``.

A quotation of several sentences that closes within its paragraph (up to
600 characters) is one segment (:mod:`l10n.segment.quotes`); a headline
hard-wrapped over two short lines is one heading (:mod:`l10n.segment.layout`).

Each segment carries the layout block it is in (``kind``: heading, paragraph, list item,
numbered item, quote, table header, table cell; ``block``: which one; ``level``: a heading's
``#`` level; ``numbered``: it starts a "1. " line), and an :class:`Article` has the fenced code blocks too, so an exporter can render
the layout from this data instead of reading the Markdown again.
"""

from l10n.segment.layout import BLOCK_KINDS
from l10n.segment.segmenter import Article, Segment, segment_article, segment_file, segment_text
from l10n.segment.source import decode_source, read_source

__all__ = ["BLOCK_KINDS", "Article", "Segment", "decode_source", "read_source", "segment_article", "segment_file",
           "segment_text"]
