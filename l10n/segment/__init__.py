"""The segmenter: English (or ru/az) articles into sentences, losslessly.

Public API::

    Segment(text, paragraph, start, end, line, heading, kind, block, level)
    segment_text(text, lang="en", markdown=False) -> list[Segment]
    segment_article(text, lang="en", markdown=False) -> Article(segments, code, layout)
    decode_source(data, path) -> str
    read_source(path) -> str
    segment_file(path, lang="en") -> list[Segment]     (a .md file as Markdown)

Offsets are character offsets into the decoded text (UTF-8 BOM removed, line
endings as in the file), so ``text[s.start:s.end] == s.text`` (in Markdown, without the ``> ``
markers of a sentence wrapped in a quotation: ``s.marks``), and the article
is ``text[:s0.start] + s0.text + text[s0.end:s1.start] + ... + text[sN.end:]``.

A quotation of several sentences that closes within its paragraph (up to
600 characters) is one segment (:mod:`l10n.segment.quotes`); in a plain-text
article a headline hard-wrapped over two short lines is one heading (:mod:`l10n.segment.layout`).
A Markdown article is parsed with markdown-it-py (:mod:`l10n.segment.markdown`): its blocks are
CommonMark's, and the :class:`Article` carries the parsed layout the HTML export renders.

Each segment carries the layout block it is in (``kind``: heading, paragraph, list item,
numbered item, quote, table header, table cell, caption, front matter; ``block``: which one;
``level``: a heading's level, a Markdown list item's depth; ``ordinal``: a Markdown numbered
item's number; ``numbered``: a plain-text segment starts a "1. " line), and an :class:`Article`
has the code blocks too, so an exporter renders the layout from this data instead of reading
the text again.
"""

from l10n.segment.layout import BLOCK_KINDS
from l10n.segment.segmenter import Article, Segment, segment_article, segment_file, segment_text
from l10n.segment.source import decode_source, read_source

__all__ = ["BLOCK_KINDS", "Article", "Segment", "decode_source", "read_source", "segment_article", "segment_file",
           "segment_text"]
