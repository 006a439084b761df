"""TMX 1.4b, read and written: ``<tu>`` units of ``<tuv xml:lang>`` variants, each with a ``<seg>``.

Reading (:func:`read_tmx`) takes a file object of bytes and parses it with
defusedxml (no entity expansion, no external DTD or entity is fetched), one
``<tu>`` at a time. Language codes go through
:func:`l10n.languages.normalize_language` (``ru-RU``, ``RU_ru`` -> ``ru_RU``)
and are kept as their base language (``ru``), the one a project's catalogs
use. The English of a unit is its ``<tuv>`` whose language is ``en`` (``EN-US``,
``en_GB``...), whatever the header's or the unit's ``srclang`` says: a memory
made from French (``srclang="fr-FR"``) gives its English-to-X pairs only, and a
unit without an English variant is skipped and counted (``no_english``). Inline markup in a ``<seg>`` (``bpt``/``ept`` pairs,
``ph``, ``it``, ``hi``, ``ut``) becomes a placeholder (``{1}`` ... ``{/1}``
for a pair, ``{2/}`` for a standalone tag, numbered by its ``i``/``x``
attribute or its position), the same in source and target, so a match keeps
its tags' places; the native code inside the tag is dropped.

Writing (:func:`write_tmx`) puts one bilingual ``<tu>`` per unit, with the
origin as a ``<prop type="x-l10n-origin">``; text is written as is (a
placeholder in the text stays text).

A malformed file is an L10nError naming the file and line.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import BinaryIO, TextIO

from l10n import __version__
from l10n.errors import L10nError
from l10n.languages import SOURCE_LANGUAGE, base_language, normalize_language

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ORIGIN_PROP = "x-l10n-origin"
_PAIRED = ("bpt", "ept")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # characters XML 1.0 cannot hold


@dataclass
class TmxUnit:
    """One ``<tu>``: its English and its translations by language (base codes)."""

    source: str
    targets: dict[str, str] = field(default_factory=dict)
    line: int | None = None
    origin: str | None = None


@dataclass
class TmxContent:
    units: list[TmxUnit] = field(default_factory=list)
    source_language: str = SOURCE_LANGUAGE  # the header's srclang (base code), for information
    skipped: int = 0  # units without an English variant or without a translation
    no_english: int = 0  # of those, the units without an English variant
    languages: set[str] = field(default_factory=set)  # every variant's language in the file


def read_tmx(fileobj: BinaryIO, path: str = "<tmx>") -> TmxContent:
    """Every unit of a TMX file that has English and at least one other language."""
    import defusedxml.ElementTree as DET
    from defusedxml import DefusedXmlException

    content = TmxContent()
    parser_events = DET.iterparse(fileobj, events=("start", "end"))
    stack: list[str] = []
    seen_root = False
    try:
        for event, elem in parser_events:
            tag = _local(elem.tag)
            if event == "start":
                if not seen_root:
                    if tag != "tmx":
                        raise L10nError(f"not a TMX file: the root element is <{tag}>, expected <tmx>", path)
                    seen_root = True
                stack.append(tag)
                if tag == "header":
                    content.source_language = _source_language(elem.get("srclang"), path)
                continue
            stack.pop()
            if tag == "tu":
                unit = _unit(elem, path, content.languages)
                if isinstance(unit, TmxUnit):
                    content.units.append(unit)
                else:
                    content.skipped += 1
                    content.no_english += unit == "no English"
                elem.clear()
    except ET.ParseError as err:
        line = err.position[0] if getattr(err, "position", None) else None
        raise L10nError(f"malformed TMX: {_reason(err)}", path, line) from None
    except DefusedXmlException as err:
        message, line = _refusal(err, fileobj)
        raise L10nError(f"TMX refused: {message}", path, line) from None
    if not seen_root:
        raise L10nError("malformed TMX: empty file", path, 1)
    return content


def _refusal(err: Exception, fileobj: BinaryIO) -> tuple[str, int | None]:
    """What defusedxml refused, in words (its exceptions show a repr), and the line of the declaration
    when the file can be read again and has it in its first megabyte."""
    from defusedxml import EntitiesForbidden, ExternalReferenceForbidden

    if isinstance(err, EntitiesForbidden):
        message, name = f"entity declarations are not allowed (entity {err.name!r})", err.name
    elif isinstance(err, ExternalReferenceForbidden):
        message, name = f"external references are not allowed ({err.sysid!r})", None
    else:
        return f"{type(err).__name__}: XML this reader does not take (DTD, entities)", None
    try:
        fileobj.seek(0)
        head = fileobj.read(1 << 20)
    except (OSError, ValueError):
        return message, None
    found = re.search(rb"<!ENTITY\s+(?:%\s+)?" + re.escape(name.encode()) + rb"\s", head) if name else None
    return message, head.count(b"\n", 0, found.start()) + 1 if found else None


def _reason(err: ET.ParseError) -> str:
    text = str(err)
    return text.split(": line", 1)[0]


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _source_language(code: str | None, path: str) -> str:
    if not code or code.strip() == "*all*":
        return SOURCE_LANGUAGE
    return _language(code, path) or SOURCE_LANGUAGE


def _language(code: str, path: str) -> str | None:
    try:
        return base_language(normalize_language(code.replace("-", "_"), path))
    except L10nError:
        return None  # a language CLDR does not know: that variant is not for this project


def _unit(tu: ET.Element, path: str, seen: set[str]) -> TmxUnit | str:
    """The unit, or why it is skipped (``"no English"``, ``"no translation"``)."""
    texts: dict[str, str] = {}
    origin = None
    for child in tu:
        kind = _local(child.tag)
        if kind == "prop" and child.get("type") == ORIGIN_PROP:
            origin = (child.text or "").strip() or None
        if kind != "tuv":
            continue
        code = child.get(XML_LANG) or child.get("lang")
        lang = _language(code, path) if code else None
        seg = next((c for c in child if _local(c.tag) == "seg"), None)
        if lang is not None:
            seen.add(lang)
        if lang is None or seg is None or lang in texts:
            continue
        text = " ".join(_segment_text(seg).split())
        if text:
            texts[lang] = text
    source = texts.pop(SOURCE_LANGUAGE, None)
    if source is None:
        return "no English"
    if not texts:
        return "no translation"
    return TmxUnit(source, texts, origin=origin)


def _segment_text(seg: ET.Element) -> str:
    """The text of a ``<seg>`` with inline elements as placeholders (module docstring).

    Iterative (an explicit stack, not recursion): ``<hi>`` nested thousands deep
    is read like any other segment.
    """
    parts = [seg.text or ""]
    # one frame per open element: its children, how many were seen, what closes it
    stack: list[tuple[Iterator[ET.Element], list[int], str]] = [(iter(seg), [0], "")]
    while stack:
        children, counter, closing = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            parts.append(closing)
            continue
        kind = _local(child.tag)
        counter[0] += 1
        number = child.get("i") or child.get("x") or str(counter[0])
        tail = child.tail or ""
        if kind == "hi" or kind == "sub":  # highlighted text: keep the text between a pair
            parts.append(f"{{{number}}}{child.text or ''}")
            stack.append((iter(child), [0], f"{{/{number}}}{tail}"))
            continue
        if kind == "bpt":
            parts.append(f"{{{number}}}")
        elif kind == "ept":
            parts.append(f"{{/{number}}}")
        else:
            parts.append(f"{{{number}/}}")
        parts.append(tail)
    return "".join(parts)


def write_tmx(fileobj: TextIO, units: Iterable[tuple[str, str, str, str]], created: str) -> int:
    """Write (language, English, translation, origin) units as TMX 1.4b; returns how many ``<tu>``.

    ``created`` is the header's creationdate (``YYYYMMDDThhmmssZ``).
    """
    root = ET.Element("tmx", version="1.4")
    ET.SubElement(root, "header", {
        "creationtool": "l10n", "creationtoolversion": __version__, "datatype": "plaintext",
        "segtype": "sentence", "adminlang": "en", "srclang": SOURCE_LANGUAGE, "o-tmf": "l10n",
        "creationdate": created,
    })
    body = ET.SubElement(root, "body")
    count = 0
    for lang, source, target, origin in units:
        tu = ET.SubElement(body, "tu")
        if origin:
            ET.SubElement(tu, "prop", type=ORIGIN_PROP).text = origin
        for code, text in ((SOURCE_LANGUAGE, source), (lang, target)):
            tuv = ET.SubElement(tu, "tuv", {XML_LANG: code})
            ET.SubElement(tuv, "seg").text = _NOT_XML.sub("", text)
        count += 1
    ET.indent(root, space="  ")
    fileobj.write('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n')
    fileobj.write(ET.tostring(root, encoding="unicode"))
    fileobj.write("\n")
    return count
