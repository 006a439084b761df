"""The strict reader of gettext catalogs (.po/.pot) over bytes and text: every defect is an
L10nError with a line. Files are read by :mod:`l10n.catalog.files` only.

polib alone is lenient (it accepts a msgid without msgstr, duplicate entries,
a comment in the middle of an entry) and reports the rest as ``IOError``
without a location. This module runs one linear validation pass over the
text first, then lets polib build the ``POFile`` from the validated lines.

Policy (what is accepted; everything else raises ``L10nError(msg, path, line)``):

- Encoding: UTF-8 only. Non-UTF-8 bytes, NUL bytes and a header declaring
  another charset are errors (convert with ``msgconv --to-code=UTF-8``).
  A missing charset or xgettext's ``CHARSET`` placeholder reads as UTF-8.
- A UTF-8 byte-order mark is rejected, like GNU msgfmt does: Poedit and
  msgfmt never write one, and a catalog that msgfmt cannot compile is broken.
- Line ends: LF or CRLF. A carriage return anywhere else is an error.
- Syntax is line-based (as polib reads it): one keyword and one string per
  line, continuation strings on following lines. Escapes: ``\\\\ \\" \\n \\t
  \\r \\v \\b \\f`` (the ones polib decodes; msgfmt's octal/hex/``\\a`` are
  rejected rather than silently kept as two characters).
- Structure: a header entry (``msgid ""``) first; every msgid has a msgstr;
  msgstr[N] only with msgid_plural, numbered 0.., as many as the header's
  ``nplurals``; no comment between msgid and msgstr; no two entries (active
  or obsolete) with the same msgctxt+msgid (msgfmt rejects those too).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import polib

from l10n.catalog.model import WRAP_WIDTH, join_isolated
from l10n.catalog.plural import PluralError, check_plural_forms
from l10n.errors import L10nError

__all__ = ["decode_po", "parse_po"]

_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d)\])?)(?=[ \t]|$)")
_BLANK = " \t\f\v"
_STRING = re.compile(r'"([^"\\]*(?:\\.[^"\\]*)*)"[ \t\f\v]*')  # "unrolled loop": linear, no backtracking
_ESCAPE = re.compile(r"\\(.)")
_GOOD_ESCAPES = frozenset('\\"ntrvbf')
_UNESCAPE = {"n": "\n", "t": "\t", "r": "\r", "v": "\v", "b": "\b", "f": "\f", "\\": "\\", '"': '"'}
_CHARSET = re.compile(r"charset=([^\s;]+)", re.IGNORECASE)
_PLURAL_FORMS = re.compile(r"^Plural-Forms:(.*)$", re.MULTILINE)


def decode_po(data: bytes, path: str | Path = "<string>") -> str:
    """Decode catalog bytes as strict UTF-8; a BOM, NUL or invalid byte is an error with a line."""
    if data.startswith(b"\xef\xbb\xbf"):
        raise L10nError(
            "starts with a UTF-8 byte-order mark (BOM), which msgfmt rejects; save the file without BOM",
            path,
            1,
        )
    nul = data.find(b"\x00")
    if nul >= 0:
        raise L10nError("contains a NUL byte (is this a binary file?)", path, data.count(b"\n", 0, nul) + 1)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        raise L10nError(
            f"invalid UTF-8 byte 0x{data[err.start]:02x}; catalogs must be UTF-8 "
            "(convert with msgconv --to-code=UTF-8)",
            path,
            line,
        ) from None


def parse_po(text: str, path: str | Path = "<string>") -> polib.POFile:
    """Validate catalog ``text`` and return it as a ``polib.POFile`` (``fpath`` = ``path``)."""
    if text.startswith("\ufeff"):
        raise L10nError("starts with a byte-order mark (BOM), which msgfmt rejects", path, 1)
    lines = _split_lines(text, path)
    entries = _Scanner(path).scan(lines)
    _check_catalog(entries, path)
    po = _polib_parse(lines, path)
    _restore_obsolete_previous(po, entries)
    return po


# --- lines -----------------------------------------------------------------


def _split_lines(text: str, path) -> list[str]:
    """Split on LF only (str.splitlines also splits on U+2028, FF, ...), drop a CR before LF."""
    if "\x00" in text:
        raise L10nError("contains a NUL character", path, text.count("\n", 0, text.index("\x00")) + 1)
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    out = []
    for number, line in enumerate(lines, 1):
        if line.endswith("\r"):
            line = line[:-1]
        if "\r" in line:
            raise L10nError("stray carriage return (CR) inside a line", path, number)
        out.append(line)
    return out


# --- scanning --------------------------------------------------------------


@dataclass
class _Entry:
    line: int  # first line of the entry (comment or keyword)
    obsolete: bool | None = None
    phase: str = "comments"  # comments -> ctx -> id -> plural -> str
    msgctxt: str | None = None
    msgid: str | None = None
    msgid_line: int = 0
    plural: bool = False
    msgstr: list[str] = field(default_factory=list)
    last: str | None = None  # the field a continuation string extends
    prev: str | None = None  # last "#|" keyword seen before the entry's msgctxt/msgid
    prev_obsolete: bool = False
    previous: dict[str, str] = field(default_factory=dict)  # "#|"/"#~|" keyword -> string

    def key(self) -> tuple[str | None, str]:
        return (self.msgctxt, self.msgid or "")


class _Scanner:
    def __init__(self, path):
        self.path = path
        self.entries: list[_Entry] = []
        self.entry = _Entry(line=1)

    def fail(self, message: str, line: int):
        raise L10nError(message, self.path, line)

    def scan(self, lines: list[str]) -> list[_Entry]:
        for number, raw in enumerate(lines, 1):
            line = raw.strip(_BLANK)  # ASCII white space only, as msgfmt (not U+00A0, U+2028, ...)
            if not line:
                continue
            if line.startswith("#"):
                self.comment(line, number)
            else:
                self.content(line, number, obsolete=False)
        self.finish(len(lines) + 1, eof=True)
        return self.entries

    # comments ------------------------------------------------------------

    def comment(self, line: str, number: int) -> None:
        second = line[1:2]
        if second in ("~", "|", ".", ":", ","):
            marker = "#~|" if line.startswith("#~|") else line[:2]
            if line[len(marker) : len(marker) + 1] not in ("", " ", "\t"):
                # polib only understands markers followed by white space ("#, fuzzy", not "#,fuzzy")
                self.fail(f"comment marker {marker!r} must be followed by a space", number)
        elif second in ("", " ", "\t", "#"):
            marker = "#"
        else:
            self.fail(f"unknown comment {line[:2]!r}; write '# ' for a translator comment", number)
        if marker in ("#|", "#~|"):
            self.previous(line[len(marker) :].strip(" \t"), number, obsolete=marker == "#~|")
            return
        if marker == "#~":
            rest = line[2:].strip(" \t")
            if not rest:
                self.fail("empty obsolete line '#~'", number)
            self.content(rest, number, obsolete=True)
            return
        self.start_comment(number)
        if self.entry.prev is not None:
            self.fail("a comment cannot follow '#|' lines; '#|' must come right before msgctxt/msgid", number)

    def previous(self, rest: str, number: int, obsolete: bool) -> None:
        """``#| msgctxt/msgid/msgid_plural`` (``#~|`` for obsolete entries), in that order, then the entry."""
        marker = "#~|" if obsolete else "#|"
        entry = self.entry
        if rest.startswith('"'):
            if entry.phase != "comments" or entry.prev is None or entry.prev_obsolete != obsolete:
                self.fail(f"'{marker}' continuation string without a '{marker} msgid' line before it", number)
            entry.previous[entry.prev] += self.string(rest, number)
            return
        match = _KEYWORD.match(rest)
        if not match or match.group(2) is not None or match.group(1) == "msgstr":
            self.fail(f"'{marker}' must be followed by msgctxt, msgid or msgid_plural and a string", number)
        keyword = match.group(1)
        self.start_comment(number)
        entry = self.entry
        allowed = {"msgctxt": (None,), "msgid": (None, "msgctxt"), "msgid_plural": ("msgid",)}[keyword]
        if entry.prev not in allowed or (entry.prev is not None and entry.prev_obsolete != obsolete):
            self.fail(f"'{marker} {keyword}' out of order (expected {marker} msgctxt, msgid, msgid_plural)", number)
        entry.previous[keyword] = self.string(rest[match.end() :].lstrip(" \t"), number)
        entry.prev, entry.prev_obsolete = keyword, obsolete

    def start_comment(self, number: int) -> None:
        entry = self.entry
        if entry.phase == "str":
            self.finish(number)
        elif entry.phase != "comments":
            self.fail(f"comment inside an entry: msgid on line {entry.msgid_line} has no msgstr yet", number)

    # keywords and strings ------------------------------------------------

    def content(self, line: str, number: int, obsolete: bool) -> None:
        if line.startswith('"'):
            self.continuation(line, number, obsolete)
            return
        match = _KEYWORD.match(line)
        if not match:
            word = (line.split() or [line])[0][:40]
            self.fail(f"unexpected text {word!r}: expected msgid, msgstr, msgctxt or a quoted string", number)
        keyword, index = match.group(1), match.group(2)
        rest = line[match.end():].lstrip(" \t")
        if not rest:
            self.fail(f"{keyword} without a string (file truncated?)", number)
        value = self.string(rest, number)
        entry = self.entry
        if keyword in ("msgctxt", "msgid") and entry.phase == "comments" and entry.prev is not None:
            if entry.prev == "msgctxt":
                self.fail("'#| msgctxt' without '#| msgid' before the entry", number)
            if entry.prev_obsolete != obsolete:
                self.fail("inconsistent use of '#~': '#~|' lines belong to obsolete entries, '#|' to active ones", number)
            entry.prev = None
        if keyword == "msgctxt":
            self.begin(number, obsolete)
            entry = self.entry
            entry.msgctxt, entry.phase, entry.last = value, "ctx", "msgctxt"
        elif keyword == "msgid":
            if entry.phase in ("id", "plural"):
                self.fail(f"msgid on line {entry.msgid_line} has no msgstr", entry.msgid_line)
            if entry.phase == "str":
                self.begin(number, obsolete)
                entry = self.entry
            elif entry.phase == "ctx":
                self.same_entry(obsolete, number)
            entry.obsolete = obsolete
            entry.msgid, entry.msgid_line, entry.phase, entry.last = value, number, "id", "msgid"
        elif keyword == "msgid_plural":
            self.same_entry(obsolete, number)
            if entry.phase != "id":
                self.fail("msgid_plural must follow a msgid", number)
            entry.plural, entry.phase, entry.last = True, "plural", "msgid_plural"
        elif index is None:  # msgstr
            self.same_entry(obsolete, number)
            if entry.phase == "plural":
                self.fail("an entry with msgid_plural needs msgstr[0], msgstr[1], ... not msgstr", number)
            if entry.phase != "id":
                self.fail("msgstr without a msgid" if entry.phase in ("comments", "ctx") else "second msgstr in one entry", number)
            entry.msgstr, entry.phase, entry.last = [value], "str", "msgstr"
        else:  # msgstr[N]
            self.same_entry(obsolete, number)
            if not entry.plural:
                self.fail(f"msgstr[{index}] without msgid_plural", number)
            if entry.phase not in ("plural", "str"):
                self.fail(f"msgstr[{index}] without a msgid", number)
            if int(index) != len(entry.msgstr):
                self.fail(f"plural form has wrong index [{index}], expected [{len(entry.msgstr)}]", number)
            entry.msgstr.append(value)
            entry.phase, entry.last = "str", "msgstr"

    def begin(self, number: int, obsolete: bool) -> None:
        entry = self.entry
        if entry.phase in ("id", "plural"):
            self.fail(f"msgid on line {entry.msgid_line} has no msgstr", entry.msgid_line)
        if entry.phase == "ctx":
            self.fail("msgctxt without a msgid", number)
        if entry.phase == "str":
            self.finish(number)
        self.entry.obsolete = obsolete

    def same_entry(self, obsolete: bool, number: int) -> None:
        if self.entry.obsolete is not None and self.entry.obsolete != obsolete:
            self.fail("entry mixes obsolete '#~' lines and active lines", number)

    def continuation(self, line: str, number: int, obsolete: bool) -> None:
        entry = self.entry
        if entry.last is None or entry.phase == "comments":
            self.fail("quoted string without a keyword (msgid, msgstr, ...) before it", number)
        self.same_entry(obsolete, number)
        value = self.string(line, number)
        if entry.last == "msgctxt":
            entry.msgctxt += value
        elif entry.last == "msgid":
            entry.msgid += value
        elif entry.last == "msgstr":
            entry.msgstr[-1] += value

    def string(self, text: str, number: int) -> str:
        match = _STRING.fullmatch(text)
        if match is None:
            self.fail(self.string_problem(text), number)
        body = match.group(1)
        if "\x04" in body:
            self.fail("control character EOT (U+0004) inside a string; gettext uses it to separate msgctxt", number)
        if "\\" not in body:
            return body
        for esc in _ESCAPE.finditer(body):
            if esc.group(1) not in _GOOD_ESCAPES:
                self.fail(f"unsupported escape sequence '\\{esc.group(1)}'", number)
        return _ESCAPE.sub(lambda m: _UNESCAPE[m.group(1)], body)

    @staticmethod
    def string_problem(text: str) -> str:
        if not text.startswith('"'):
            return f"expected a quoted string, found {text[:40]!r}"
        match = re.match(r'"((?:[^"\\]|\\.)*)"', text)
        if match is None:
            return "unterminated string (missing closing quote)"
        return f"unexpected text after the closing quote: {text[match.end():][:40]!r}"

    def finish(self, number: int, eof: bool = False) -> None:
        entry = self.entry
        if entry.prev is not None:
            self.fail("'#|' lines without an entry after them", number - 1 if eof else number)
        if entry.phase in ("id", "plural"):
            where = "the file ends" if eof else "entry ends"
            self.fail(f"msgid on line {entry.msgid_line} has no msgstr ({where}; truncated?)", entry.msgid_line)
        if entry.phase == "ctx":
            self.fail("msgctxt without a msgid (truncated?)", entry.line)
        if entry.phase == "str":
            self.entries.append(entry)
        self.entry = _Entry(line=number)


# --- whole-catalog checks ----------------------------------------------------


def _check_catalog(entries: list[_Entry], path) -> None:
    active = [e for e in entries if not e.obsolete]
    header = active[0] if active else None
    if header is None or header.msgid != "" or header.msgctxt is not None:
        raise L10nError(
            'no header entry (msgid "" with Content-Type and Plural-Forms) at the top of the catalog',
            path,
            header.msgid_line if header else 1,
        )
    text = header.msgstr[0] if header.msgstr else ""
    charset = _CHARSET.search(text)
    if charset and charset.group(1).lower() not in ("utf-8", "utf8", "charset"):
        raise L10nError(
            f"header declares charset {charset.group(1)}; l10n reads UTF-8 catalogs only "
            "(convert with msgconv --to-code=UTF-8)",
            path,
            header.msgid_line,
        )
    nplurals = 2
    forms = _PLURAL_FORMS.search(text)
    if forms is not None:
        try:
            nplurals = check_plural_forms(forms.group(1))
        except PluralError as err:
            raise L10nError(str(err), path, header.msgid_line) from None
    seen: dict[tuple[str | None, str], int] = {}
    for entry in entries:
        key = entry.key()
        if key in seen:
            what = f'msgid "{_short(entry.msgid)}"' + (f' (msgctxt "{_short(entry.msgctxt)}")' if entry.msgctxt else "")
            raise L10nError(f"duplicate {what}, first defined on line {seen[key]}", path, entry.msgid_line)
        seen[key] = entry.msgid_line
        if entry.plural and not entry.obsolete and len(entry.msgstr) != nplurals:
            raise L10nError(
                f"entry has {len(entry.msgstr)} plural forms but the header says nplurals={nplurals}",
                path,
                entry.msgid_line,
            )


def _short(text: str | None, width: int = 40) -> str:
    text = (text or "").replace("\n", "\\n")
    return text if len(text) <= width else text[: width - 1] + "…"


# --- polib -------------------------------------------------------------------


def _restore_obsolete_previous(po: polib.POFile, entries: list[_Entry]) -> None:
    """polib skips ``#~|`` lines; give obsolete entries the previous strings the scanner read."""
    found = {e.key(): e.previous for e in entries if e.obsolete and e.previous}
    if not found:
        return
    for entry in po:
        previous = found.get((entry.msgctxt, entry.msgid)) if entry.obsolete else None
        if previous:
            entry.previous_msgctxt = previous.get("msgctxt")
            entry.previous_msgid = previous.get("msgid")
            entry.previous_msgid_plural = previous.get("msgid_plural")


def _polib_parse(lines: list[str], path) -> polib.POFile:
    """Build the POFile from already validated lines (bypassing polib's path-or-content guess)."""
    parser = polib._POFileParser("", encoding="utf-8", check_for_duplicates=False)
    parser.fhandle = lines
    try:
        po = parser.parse()
    except (OSError, ValueError, KeyError, IndexError) as err:  # polib's own syntax errors
        found = re.search(r"line (\d+)", str(err))
        raise L10nError(f"cannot parse: {err}", path, int(found.group(1)) if found else None) from None
    po.fpath = str(path)
    po.wrapwidth = WRAP_WIDTH
    for entry in po:
        if entry.occurrences:
            entry.occurrences = join_isolated(entry.occurrences)
    return po
