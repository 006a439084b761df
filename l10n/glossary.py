"""The project glossary: English terms with required az/ru renderings, and do-not-translate terms.

File format (``glossary.tsv`` at the project root; UTF-8, tab-separated)::

    # comment lines start with '#'; blank lines are ignored
    en<TAB>az<TAB>ru<TAB>flags          <- header: "en", one column per language, optional "flags"
    World Customs Organization<TAB>Ümumdünya Gömrük Təşkilatı<TAB>Всемирная таможенная организация
    Trend<TAB>=<TAB>=<TAB>
    COVID-19<TAB><TAB><TAB>dnt

- A cell ``=`` means: keep the English term unchanged in that language.
- An empty cell means: no rule for that language (unless the ``dnt`` flag is set).
- ``flags`` is a comma-separated list: ``dnt`` = do not translate in every language;
  ``nocase`` = match the English term ignoring case. Terms match case-sensitively
  by default (so the agency ``Trend`` is not the word ``trend``), as whole words.

A TBX file (``glossary.tbx``; TBX 2 ``termEntry/langSet/tig/term`` or TBX 3
``conceptEntry/langSec/termSec/term``) is read too: per concept, the first ``en``
term and the first term per other language; a target term equal to the English
term means "keep as is". TBX has no standard do-not-translate marker, so that is
the only way to say it there.

Matching a rendering in a translation (``rendering_found``) tolerates inflection:

- every word of the rendering must start a word of the translation, in order,
  separated only by spaces or hyphens; any suffix may follow (Azerbaijani adds
  case endings: ``Komitəsi`` -> ``Komitəsinin``);
- for Russian, a word first drops up to two final lower-case vowel letters
  (а е ё и й о у ы ь э ю я) while at least three letters remain, so
  ``Всемирная таможенная организация`` matches ``Всемирной таможенной организации``.
  Words kept as is (``=``, ``dnt``) are never shortened.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TextIO

from l10n.errors import L10nError

KEEP = "="
GLOSSARY_FILE = "glossary.tsv"
TBX_FILE = "glossary.tbx"
#: The names a project glossary may have, in the order they are looked for.
GLOSSARY_FILES = (GLOSSARY_FILE, TBX_FILE)
_FLAGS = {"dnt", "nocase"}
_RU_ENDINGS = set("аеёиийоуыьэюя")


@dataclass(frozen=True)
class Term:
    """One glossary entry: the English term and its rendering per language."""

    source: str
    targets: dict[str, str] = field(default_factory=dict, hash=False)
    dnt: bool = False
    case_sensitive: bool = True
    line: int | None = None

    def rendering(self, lang: str) -> str | None:
        """The required text in ``lang``; None when the glossary says nothing for it."""
        value = self.targets.get(lang, "")
        if value == KEEP or (self.dnt and not value):
            return self.source
        return value or None

    def kept(self, lang: str) -> bool:
        """True when the term stays in English in ``lang``."""
        return self.rendering(lang) == self.source

    def pattern(self) -> re.Pattern[str]:
        flags = 0 if self.case_sensitive else re.IGNORECASE
        return re.compile(r"(?<!\w)" + re.escape(self.source) + r"(?!\w)", flags)


@dataclass(frozen=True)
class TermMatch:
    term: Term
    start: int
    end: int


class Glossary:
    """A list of terms, with whole-word, longest-first matching in English text."""

    def __init__(self, terms: Iterable[Term] = (), path: str | None = None):
        self.terms = list(terms)
        self.path = path
        self._patterns = [(t, t.pattern()) for t in self.terms]

    def __len__(self) -> int:
        return len(self.terms)

    def find(self, text: str, lang: str | None = None) -> list[TermMatch]:
        """Non-overlapping term occurrences in ``text``, longest first, in text order.

        With ``lang``, only terms that have a rendering in that language.
        """
        found = [
            TermMatch(term, m.start(), m.end())
            for term, pattern in self._patterns
            if lang is None or term.rendering(lang) is not None
            for m in pattern.finditer(text)
        ]
        found.sort(key=lambda m: (-(m.end - m.start), m.start))
        chosen: list[TermMatch] = []
        for match in found:
            if all(match.end <= c.start or match.start >= c.end for c in chosen):
                chosen.append(match)
        return sorted(chosen, key=lambda m: m.start)

    def missing(self, source: str, translation: str, lang: str) -> list[Term]:
        """Terms found in ``source`` whose ``lang`` rendering is absent from ``translation``."""
        result: list[Term] = []
        for match in self.find(source, lang):
            term = match.term
            if term in result:
                continue
            if not rendering_found(term.rendering(lang) or "", translation, lang, exact=term.kept(lang)):
                result.append(term)
        return result


def _stem(word: str, lang: str) -> str:
    if lang != "ru":
        return word
    stem = word
    for _ in range(2):
        if len(stem) > 3 and stem[-1] in _RU_ENDINGS:
            stem = stem[:-1]
    return stem


@lru_cache(maxsize=4096)
def rendering_pattern(rendering: str, lang: str, exact: bool = False) -> re.Pattern[str]:
    """The regular expression that finds ``rendering`` in a ``lang`` translation (see module doc)."""
    words = rendering.split()
    parts = [re.escape(w if exact else _stem(w, lang)) + r"[\w'’-]*" for w in words]
    flags = 0 if exact else re.IGNORECASE
    return re.compile(r"(?<!\w)" + r"[\s\u00a0-]+".join(parts), flags)


def rendering_found(rendering: str, translation: str, lang: str, exact: bool = False) -> bool:
    if not rendering.strip():
        return True
    return rendering_pattern(rendering, lang, exact).search(translation) is not None


def read_glossary(fileobj: TextIO, path: str | Path = "<glossary>") -> Glossary:
    """Parse the TSV format described in the module docstring."""
    path = str(path)
    header: list[str] | None = None
    terms: list[Term] = []
    seen: dict[str, int] = {}
    rows = csv.reader(fileobj, delimiter="\t", quoting=csv.QUOTE_NONE, strict=True)
    for row in rows:
        line = rows.line_num
        if not row or not "".join(row).strip() or row[0].lstrip().startswith("#"):
            continue
        cells = [c.strip().lstrip("\ufeff") for c in row]
        if header is None:
            header = [c.lower() for c in cells]
            if header[0] != "en" or len(header) < 2:
                raise L10nError(
                    "glossary header must start with 'en' and name the languages, e.g. 'en<TAB>az<TAB>ru<TAB>flags'",
                    path, line,
                )
            continue
        if len(cells) > len(header):
            raise L10nError(f"{len(cells)} columns, but the header has {len(header)}", path, line)
        values = dict(zip(header, cells + [""] * (len(header) - len(cells))))
        source = values.pop("en")
        if not source:
            raise L10nError("empty English term", path, line)
        flags = {f.strip().lower() for f in values.pop("flags", "").split(",") if f.strip()}
        unknown = flags - _FLAGS
        if unknown:
            raise L10nError(f"unknown flag {sorted(unknown)[0]!r} (known: dnt, nocase)", path, line)
        if source in seen:
            raise L10nError(f"term {source!r} already defined on line {seen[source]}", path, line)
        seen[source] = line
        terms.append(
            Term(source, {k: v for k, v in values.items() if v}, "dnt" in flags, "nocase" not in flags, line)
        )
    return Glossary(terms, path)


def parse_glossary(text: str, path: str | Path = "<glossary>") -> Glossary:
    return read_glossary(io.StringIO(text), path)


def read_tbx(data: bytes, path: str | Path = "<glossary.tbx>") -> Glossary:
    """Parse a TBX termbase (see the module docstring for what is taken from it)."""
    import xml.etree.ElementTree as ET

    xml_lang = "{http://www.w3.org/XML/1998/namespace}lang"
    try:
        root = ET.fromstring(data)
    except ET.ParseError as err:
        line = err.position[0] if getattr(err, "position", None) else None
        raise L10nError(f"invalid TBX: {err}", path, line) from None

    def local(tag: str) -> str:
        return tag.rsplit("}", 1)[-1]

    terms: list[Term] = []
    seen: set[str] = set()
    for concept in root.iter():
        if local(concept.tag) not in ("termEntry", "conceptEntry"):
            continue
        names: dict[str, str] = {}
        for lang_set in concept:
            if local(lang_set.tag) not in ("langSet", "langSec"):
                continue
            lang = (lang_set.get(xml_lang) or lang_set.get("lang") or "").split("-")[0].lower()
            term = next((t for t in lang_set.iter() if local(t.tag) == "term"), None)
            if lang and term is not None and (term.text or "").strip() and lang not in names:
                names[lang] = " ".join(term.text.split())
        source = names.pop("en", None)
        if source is None or source in seen:
            continue
        seen.add(source)
        terms.append(Term(source, {k: (KEEP if v == source else v) for k, v in names.items()}))
    return Glossary(terms, str(path))


def load_glossary(path: str | Path) -> Glossary:
    """Read a glossary file (TSV, or TBX by its ``.tbx`` suffix); L10nError with the path on bad content."""
    path = Path(path)
    if path.suffix.lower() == ".tbx":
        return read_tbx(path.read_bytes(), path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise L10nError(f"not UTF-8 ({err.reason} at byte {err.start})", path) from None
    return parse_glossary(text, path)


def find_glossary(start: str | Path) -> Path | None:
    """The nearest ``glossary.tsv`` (else ``glossary.tbx``) in ``start`` or a parent folder, up to
    the project root (the folder with ``source/``), or None.

    The one lookup: ``translate`` (drafts) and ``check`` (QA) both use it, so a
    project's glossary means the same to both.
    """
    folder = Path(start).resolve()
    if folder.is_file():
        folder = folder.parent
    for candidate in (folder, *folder.parents):
        for name in GLOSSARY_FILES:
            if (candidate / name).is_file():
                return candidate / name
        if (candidate / "source").is_dir():  # the project root: look no further
            return None
    return None
