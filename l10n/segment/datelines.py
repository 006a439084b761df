"""News lines that look like titles and are not: bylines, datelines, time stamps, credit lines.

A plain-text article's short line without final punctuation is taken as a heading
(:mod:`l10n.segment.segmenter`); these are paragraphs instead::

    By Jane Doe                      By JANE DOE and John Smith, Reuters
    BAKU, Dec 3                      Baku, 3 December 2026
    December 3, 2026 10:00 GMT       2026-12-03
    Updated 10:00 GMT                Published: 3 Dec 2026, 09:15 UTC
    Photo: Reuters                   Source: State Customs Committee
    Photo by Jane Doe/AP             Editing: John Smith

A credit line is one of a known set of labels (photo, source, courtesy, editing...) then ``:`` or
``by`` and a short value. Any other "Word: Words" line stays a title: a headline is often one
("Azerbaijan: Customs Reform", "Exclusive: Customs Union", "Georgia: talks resume").
"""

from __future__ import annotations

import re

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?"
          r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_DAY = r"(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?"
_TIME = r"\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*(?:GMT|UTC|BST|CET|CEST|EST|EDT|PST|PDT|AZT|MSK)(?:[+-]\d{1,2})?)?"
_DATE = (rf"(?:{_DAY}\s*)?(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}"
         rf"(?:,?\s+\d{{4}})?|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}/\d{{1,2}}/\d{{2,4}})")
_STAMP = rf"(?:{_DATE}(?:,?\s+(?:at\s+)?{_TIME})?|{_TIME}(?:,?\s+(?:on\s+)?{_DATE})?)"
_PLACE = r"[A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*){0,3}(?:,\s*[A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*){0,2})?"

_BYLINE = re.compile(r"By\s+(?:[A-Z][\w'.-]*|de|van|von|al-\w+)(?:[\s,]+(?:[A-Z][\w'.-]*|and|de|van|von|al-\w+|&)){0,9}"
                     r"(?:\s*[,|/–—-]\s*.{0,40})?", re.IGNORECASE)
_UPDATED = re.compile(rf"(?:Last\s+)?(?:Updated|Published|Posted|Modified)(?:\s+on|\s+at|:)?\s+.{{0,40}}\d.{{0,20}}",
                      re.IGNORECASE)
_DATELINE = re.compile(rf"(?:{_PLACE}\s*(?:,|\s[–—-]|\()\s*)?{_STAMP}\)?(?:\s*[–—-])?", re.IGNORECASE)


_CREDIT = re.compile(r"(?:(?:main|top|cover|lead|featured)\s+)?(?:photo(?:graph)?s?|pictures?|images?"
                     r"|illustrations?|graphics?|infographic|maps?|charts?|sources?|credits?|photo\s+credits?|captions?"
                     r"|courtesy|editing|edited|reporting|additional\s+reporting|writing|written|text|translation"
                     r"|translated|compiled|produced|design|tags|keywords|topics?)"
                     r"(?:\s*:\s*|\s+by\s+|\s*:\s*by\s+)\S.{0,60}", re.IGNORECASE)

def is_news_line(line: str) -> bool:
    """``line`` (stripped) is a byline, a dateline, an "Updated ..." time stamp or a credit line."""
    line = line.strip().strip("*_").strip()
    if not line or len(line) > 80:
        return False
    if line[:3].lower() == "by " and _BYLINE.fullmatch(line) and _names(line[3:]):
        return True
    return bool(_UPDATED.fullmatch(line) or _DATELINE.fullmatch(line) or is_credit_line(line))


def is_credit_line(line: str) -> bool:
    """``line`` (stripped) is a credit or label line: "Photo: Reuters", "Source: AP" (see the module docstring)."""
    return bool(_CREDIT.fullmatch(line))


def _names(rest: str) -> bool:
    """The words after "By" start with capitals (names), not "By the end of the year"."""
    words = [w for w in re.split(r"[\s,]+", rest) if w and w.lower() not in ("and", "de", "van", "von", "&")]
    return bool(words) and words[0][:1].isupper() and sum(w[:1].isupper() for w in words) >= len(words) - 1
