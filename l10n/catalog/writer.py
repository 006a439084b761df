"""The catalog writer: a ``polib.POFile`` as the exact text GNU gettext writes.

``msgcat``, ``msgmerge`` and Poedit's GNU-style save all print a catalog
through gettext's ``write-po.c``; :func:`write_po` produces the same bytes
(GNU gettext-tools 0.21 with its default page width of 79), so a file those
tools rewrote reads back and dumps again unchanged, and an l10n run that
changes one entry changes only that entry's lines. What it follows:

- Order: the header, the active entries, then the obsolete ones. Per entry:
  ``#`` translator comments, ``#.`` extracted comments, ``#:`` references,
  ``#,`` flags, ``#|`` previous msgctxt/msgid/msgid_plural, then msgctxt,
  msgid, msgid_plural, msgstr or msgstr[N]. Obsolete entries put ``#~ ``
  (``#~| `` for the previous strings) before each keyword line; GNU drops an
  obsolete entry without a translation, and so does this writer.
- Flags as GNU normalizes them: ``fuzzy`` first (left out when the msgstr is
  empty), then the ``*-format`` flags in gettext's language order, ``range:``
  and ``no-wrap``; flags gettext does not know are not written (it drops them
  on its next save anyway).
- References: ``file:line`` items joined by spaces, a new ``#:`` line when the
  next item would pass the page width (counted in bytes, as gettext 0.21
  does); duplicates once; a name isolated in U+2068/U+2069 (it has a space) is
  never broken (gettext 0.21 itself would break it there: see the tests).
- Strings: one line when the whole string fits and holds no line break before
  its end, otherwise ``msgid ""`` and a line per piece: after each ``\\n`` and
  wherever Unicode line breaking (UAX #14 as GNU libunistring 1.0 implements
  it, run over the escaped text) allows a break and the line would otherwise
  pass column 79. East Asian wide characters count two columns, combining
  and format characters none. Escapes: ``\\a \\b \\f \\n \\r \\t \\v \\\\ \\"``.

The two tables at the end of this module are libunistring's line breaking
classes and character widths, measured from the library msgcat links to and
checked against it for every code point by ``tests/test_writer.py`` (when the
library is there).

Known difference: gettext does not break inside a format directive of a
``c-format`` (etc.) string; this writer knows no format syntax, which only
matters for a directive with a space inside (``% d``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import polib

__all__ = ["PAGE_WIDTH", "Layout", "file_layout", "write_po"]

#: GNU gettext's default ``--width``.
PAGE_WIDTH = 79

# --- flags -------------------------------------------------------------------

#: gettext 0.21's format languages, in the order it prints their flags.
_FORMAT_LANGUAGES = (
    "c objc python python-brace java java-printf csharp javascript scheme lisp elisp librep ruby sh awk lua "
    "object-pascal smalltalk qt qt-plural kde kde-kuit boost tcl perl perl-brace php gcc-internal gfc-internal ycp"
).split()
_FORMAT_INDEX = {name: i for i, name in enumerate(_FORMAT_LANGUAGES)}
_FLAG_SEPARATORS = "\n \t\r\f\v,"


class _Flags:
    """The ``#,`` flags of an entry as gettext reads them."""

    __slots__ = ("fuzzy", "formats", "range", "no_wrap")

    def __init__(self, flags: list[str]) -> None:
        self.fuzzy = False
        self.formats: dict[int, str] = {}
        self.range: tuple[int, int] | None = None
        self.no_wrap = False
        tokens = _flag_tokens(",".join(flags))
        i = 0
        while i < len(tokens):
            token = tokens[i]
            i += 1
            if token == "fuzzy":
                self.fuzzy = True
            elif token.endswith("-format") and self._format(token[:-7]):
                pass
            elif token == "range:" and i < len(tokens):
                self._range(tokens[i])
                i += 1
            elif token == "wrap":
                self.no_wrap = False
            elif token == "no-wrap":
                self.no_wrap = True
            # anything else (a syntax check, an unknown flag): gettext does not write it

    def _format(self, name: str) -> bool:
        value = "yes"
        for prefix in ("no-", "possible-", "impossible-"):
            if name.startswith(prefix):
                value, name = prefix[:-1], name[len(prefix):]
                break
        index = _FORMAT_INDEX.get(name)
        if index is None:
            return False
        self.formats[index] = value
        return True

    def _range(self, token: str) -> None:
        low, dots, high = token.partition("..")
        if dots and low[:1].isdigit() and high[:1].isdigit():
            low_n, high_n = _leading_int(low), _leading_int(high)
            if low_n <= high_n:
                self.range = (low_n, high_n)

    def words(self, *, fuzzy: bool, obsolete: bool) -> list[str]:
        out = ["fuzzy"] if fuzzy and self.fuzzy else []
        for index in sorted(self.formats):
            value = self.formats[index]
            if value == "impossible":
                continue
            lang = _FORMAT_LANGUAGES[index]
            out.append(f"no-{lang}-format" if value == "no" else f"{lang}-format")
        if self.range is not None and not obsolete:
            out.append(f"range: {self.range[0]}..{self.range[1]}")
        if self.no_wrap:
            out.append("no-wrap")
        return out


def _flag_tokens(text: str) -> list[str]:
    tokens, current = [], []
    for ch in text:
        if ch in _FLAG_SEPARATORS:
            if current:
                tokens.append("".join(current))
                current = []
        else:
            current.append(ch)
    if current:
        tokens.append("".join(current))
    return tokens


def _leading_int(text: str) -> int:
    digits = ""
    for ch in text:
        if not ch.isdigit() or not ch.isascii():
            break
        digits += ch
    return min(int(digits), 2**31 - 1)


# --- entries -------------------------------------------------------------------


def write_po(po: polib.POFile, width: int = PAGE_WIDTH, layout: Layout | None = None) -> str:
    """The text GNU gettext (``msgcat --width=WIDTH``) writes for ``po``; ends with a newline.

    With a ``layout`` of an existing file (:func:`file_layout`): its line ending, and for
    a file saved without wrapping what ``msgcat --no-wrap`` writes (strings on one line
    but at their ``\\n``; references still filled to the width, as gettext does)."""
    wrap = layout is None or layout.wrap
    blocks = [_header_block(po, width, wrap)]
    blocks.extend(_entry_block(e, width, wrap=wrap) for e in po if not e.obsolete)
    for entry in po:
        if entry.obsolete and _first_msgstr(entry) != "":
            blocks.append(_entry_block(entry, width, obsolete=True, wrap=wrap))
    text = "\n".join(blocks)
    return text.replace("\n", "\r\n") if layout is not None and layout.newline == "\r\n" else text


@dataclass(frozen=True)
class Layout:
    """How an existing catalog file is laid out, kept when l10n rewrites it."""

    newline: str = "\n"  # "\r\n": saved on Windows
    wrap: bool = True  # False: strings not wrapped at the page width (``msgcat --no-wrap``, Poedit's option)


_STRING_LINE = re.compile(r'(#~\| |#~ |#\| |)((?:msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) )?"(.*)"')


def file_layout(text: str, width: int = PAGE_WIDTH) -> Layout:
    """The layout of catalog ``text``: CRLF if its first line ends so; not wrapped if any string line
    is longer than ``width`` where gettext would have wrapped it (an entry flagged ``no-wrap`` aside)."""
    newline = "\r\n" if text.split("\n", 1)[0].endswith("\r") else "\n"
    no_wrap_entry = False
    for line in text.split("\n"):
        line = line.removesuffix("\r")
        if not line:
            no_wrap_entry = False
        elif line.startswith("#,"):
            no_wrap_entry = "no-wrap" in line
        elif not no_wrap_entry and len(line) > width and _gnu_would_wrap(line, width):
            return Layout(newline, wrap=False)
    return Layout(newline)


def _gnu_would_wrap(line: str, page_width: int) -> bool:
    match = _STRING_LINE.fullmatch(line)
    if match is None:
        return False
    prefix, keyword, text = match.group(1), match.group(2) or "", match.group(3)
    marks = [m.start() + 1 for m in re.finditer(r"\\.", text)]  # no break inside an escape
    if text.endswith("\\n"):
        marks.append(len(text) - 2)
    after_break = len(prefix) + 1
    startcol = len(prefix) + len(keyword) + 1 - after_break if keyword else 0
    return bool(_breaks(text, marks, page_width - 1 - after_break, startcol))


def _header_block(po: polib.POFile, width: int, wrap: bool = True) -> str:
    entry = polib.POEntry(msgid="")
    if po.metadata:
        entry.msgstr = "".join(f"{name}: {value}\n" for name, value in po.metadata.items())
    fuzzy = po.metadata_is_fuzzy
    entry.flags = [f for f in fuzzy if isinstance(f, str)] if isinstance(fuzzy, list) else (["fuzzy"] if fuzzy else [])
    entry.tcomment = po.header or ""
    return _entry_block(entry, width, wrap=wrap)


def _first_msgstr(entry: polib.POEntry) -> str:
    if entry.msgid_plural:
        forms = _plural_forms(entry)
        return forms[0] if forms else ""
    return entry.msgstr or ""


def _plural_forms(entry: polib.POEntry) -> list[str]:
    return [text for _, text in sorted((int(k), v) for k, v in (entry.msgstr_plural or {}).items())]


def _entry_block(entry: polib.POEntry, width: int, obsolete: bool = False, wrap: bool = True) -> str:
    lines: list[str] = []
    if entry.tcomment:
        lines.extend(f"# {line}" if line else "#" for line in entry.tcomment.split("\n"))
    if entry.comment:
        lines.extend(f"#. {line}" if line else "#." for line in entry.comment.split("\n"))
    if entry.occurrences:
        lines.extend(_references(entry.occurrences, width))
    flags = _Flags(entry.flags)
    words = flags.words(fuzzy=obsolete or _first_msgstr(entry) != "", obsolete=obsolete)
    if words:
        lines.append("#, " + ", ".join(words))
    wrap = wrap and not flags.no_wrap
    prev = "#~| " if obsolete else "#| "
    if entry.previous_msgctxt is not None:
        _wrap(lines, prev, "msgctxt", entry.previous_msgctxt, width, wrap)
    if entry.previous_msgid is not None:
        _wrap(lines, prev, "msgid", entry.previous_msgid, width, wrap)
    if entry.previous_msgid_plural is not None:
        _wrap(lines, prev, "msgid_plural", entry.previous_msgid_plural, width, wrap)
    prefix = "#~ " if obsolete else ""
    if entry.msgctxt is not None:
        _wrap(lines, prefix, "msgctxt", entry.msgctxt, width, wrap)
    _wrap(lines, prefix, "msgid", entry.msgid, width, wrap)
    if entry.msgid_plural:
        _wrap(lines, prefix, "msgid_plural", entry.msgid_plural, width, wrap)
        forms = _plural_forms(entry)
        if forms:
            for index, text in enumerate(forms):
                _wrap(lines, prefix, f"msgstr[{index}]", text, width, wrap)
        else:  # no forms at all (never read from a file): what polib wrote
            _wrap(lines, prefix, "msgstr", entry.msgstr or "", width, wrap)
    else:
        _wrap(lines, prefix, "msgstr", entry.msgstr or "", width, wrap)
    lines.append("")
    return "\n".join(lines)


def _references(occurrences, width: int) -> list[str]:
    """``#:`` lines: gettext's greedy fill, counting bytes; an isolated name is one item."""
    items: list[str] = []
    seen = set()
    for name, line in occurrences:
        if (name, line) in seen:
            continue
        seen.add((name, line))
        while name.startswith("./"):
            name = name[2:]
        items.append(f"{name}:{int(line)}" if line and line.isdigit() else name)
    lines, current, column = [], "#:", 2
    for item in items:
        size = len(item.encode("utf-8")) + 1
        if column > 2 and column + size > width:
            lines.append(current)
            current, column = "#:", 2
        current += " " + item
        column += size
    lines.append(current)
    return lines


# --- strings -------------------------------------------------------------------

_ESCAPES = {"\a": "a", "\b": "b", "\f": "f", "\n": "n", "\r": "r", "\t": "t", "\v": "v", "\\": "\\", '"': '"'}
_NEEDS_ESCAPE = re.compile('[\a\b\f\n\r\t\v\\\\"]')
_INT_MAX = 2**31 - 1


def _wrap(lines: list[str], prefix: str, name: str, value: str, page_width: int, wrap: bool) -> None:
    """Append the lines of ``prefix name "value"`` as gettext's ``wrap()`` prints them."""
    after_break = len(prefix) + 1
    width = (page_width if wrap else _INT_MAX) - 1 - after_break
    first = True
    start = 0
    end = len(value)
    while True:
        cut = value.find("\n", start)
        stop = end if cut < 0 else cut + 1
        portion = value[start:stop]
        more = stop < end
        text, marks = _escape(portion)
        startcol = len(prefix) + len(name) + 2 - after_break if first else 0
        breaks = _breaks(text, marks, width, startcol)
        if first and text and (more or startcol > width or breaks):
            lines.append(f'{prefix}{name} ""')
            first = False
            breaks = _breaks(text, marks, width, 0)
        head = f'{prefix}{name} "' if first else f'{prefix}"'
        first = False
        if breaks:
            pieces, last = [], 0
            for at in breaks:
                pieces.append(text[last:at])
                last = at
            pieces.append(text[last:])
            lines.append(head + pieces[0] + '"')
            lines.extend(f'{prefix}"{piece}"' for piece in pieces[1:])
        else:
            lines.append(f'{head}{text}"')
        start = stop
        if start >= end:
            break


def _escape(portion: str) -> tuple[str, list[int] | None]:
    """The escaped text, and the indexes where a break is forbidden (the second char of an escape)."""
    if _NEEDS_ESCAPE.search(portion) is None:
        return portion, None
    out, marks = [], []
    for ch in portion:
        esc = _ESCAPES.get(ch)
        if esc is None:
            out.append(ch)
        else:
            out.append("\\")
            marks.append(len(out))
            out.append(esc)
    text = "".join(out)
    if portion.endswith("\n"):
        marks.append(len(text) - 2)  # don't break just before the final \n
    return text, marks


def _breaks(text: str, marks: list[int] | None, width: int, startcol: int) -> list[int]:
    """Indexes of ``text`` before which gettext starts a new line (libunistring's greedy fill)."""
    if not text:
        return []
    if text.isascii() and startcol + len(text) <= width:
        return []
    classes, widths = _tables()
    wid = text.translate(widths).encode("latin-1")  # one byte per character: its columns
    if startcol + sum(wid) <= width:
        return []
    opportunities = _break_opportunities(text.translate(classes).encode("latin-1"))
    if marks:
        for i in marks:
            opportunities[i] = _PROHIBITED
    result: list[int] = []
    last_p = -1
    last_column = startcol
    piece = 0
    for i, kind in enumerate(opportunities):
        if kind != _PROHIBITED:
            if last_p >= 0 and last_column + piece > width:
                result.append(last_p)
                last_column = 0
            if kind == _MANDATORY:
                last_p = -1
                last_column = 0
                piece = 0
                continue
            last_p = i
            last_column += piece
            piece = 0
        piece += wid[i]
    if last_p >= 0 and last_column + piece > width:
        result.append(last_p)
    return result


# --- UAX #14 line breaking (libunistring 1.0) -----------------------------------

_PROHIBITED, _POSSIBLE, _MANDATORY = 1, 2, 3

#: Line breaking classes; the first 33 index the pair table.
_CLASS_NAMES = "WJ GL B2 BA BB HY CL CP1 CP2 EX IN NS OP1 OP2 QU IS NU PO PR SY AL H2 H3 ID1 ID2 JL JV JT HL RI ZWJ EB EM BK CR LF CM ZW SP".split()
(_WJ, _GL, _B2, _BA, _BB, _HY, _CL, _CP1, _CP2, _EX, _IN, _NS, _OP1, _OP2, _QU, _IS, _NU, _PO, _PR, _SY, _AL, _H2, _H3,
 _ID1, _ID2, _JL, _JV, _JT, _HL, _RI, _ZWJ, _EB, _EM, _BK, _CR, _LF, _CM, _ZW, _SP) = range(len(_CLASS_NAMES))
_HL_BA = 100  # a Hebrew letter followed by a hyphen or break-after character

#: The pair table: row = class before, column = class after. D: break; I: break only
#: across spaces; P: no break. Measured from libunistring 1.0 (it deviates from the
#: UAX #14 table in places, e.g. a break after "." or "/" before a letter).
_PAIRS_TEXT = """
PIIIIIPPPPIIIIIPIIIPIIIIIIIIIIIII PIIIIIPPPPIIIIIPIIIPIIIIIIIIIIIII PIPIDIPPPPIIDDIPDDDPDDDDDDDDDDIDD
PDDIDIPPPPIIDDIPDDDPDDDDDDDDDDIDD PIIIIIPPPPIIIIIPIIIPIIIIIIIIIIIII PDDIDIPPPPIIDDIPIDDPDDDDDDDDDDIDD
PIDIDIPPPPIPDDIPDIIPDDDDDDDDDDIDD PIDIDIPPPPIIDDIPIIIPIDDDDDDDIDIDD PIDIDIPPPPIPDDIPDIIPDDDDDDDDDDIDD
PIDIDIPPPPIIDDIPDDDPDDDDDDDDDDIDD PIDIDIPPPPIIDDIPDDDPDDDDDDDDDDIDD PIDIDIPPPPIIDDIPDDDPDDDDDDDDDDIDD
PPPPPPPPPPPPPPPPPPPPPPPPPPPPPPIPP PPPPPPPPPPPPPPPPPPPPPPPPPPPPPPIPP PIIIIIPPPPIIPPIPIIIPIIIIIIIIIIIII
PIDIDIPPPPIIDDIPIDDPDDDDDDDDDDIDD PIDIDIPPPPIIIDIPIIIPIDDDDDDDIDIDD PIDIDIPPPPIIIIIPIDDPIDDDDDDDIDIDD
PIDIDIPPPPIIIIIPIDDPIIIIIIIIIDIII PIDIDIPPPPIIDDIPIDDPDDDDDDDDIDIDD PIDIDIPPPPIIIDIPIIIPIDDDDDDDIDIDD
PIDIDIPPPPIIDDIPDIDPDDDDDDIIDDIDD PIDIDIPPPPIIDDIPDIDPDDDDDDDIDDIDD PIDIDIPPPPIIDDIPDIDPDDDDDDDDDDIDD
PIDIDIPPPPIIDDIPDIDPDDDDDDDDDDIDD PIDIDIPPPPIIDDIPDIDPDIIDDIIDDDIDD PIDIDIPPPPIIDDIPDIDPDDDDDDIIDDIDD
PIDIDIPPPPIIDDIPDIDPDDDDDDDIDDIDD PIDIDIPPPPIIIDIPIIIPIDDDDDDDIDIDD PIDIDIPPPPIIDDIPDDDPDDDDDDDDDIIDD
PIIIIIPPPPIIIIIPIIIPIIIIIIIIIIIII PIDIDIPPPPIIDDIPDIDPDDDDDDDDDDIDI PIDIDIPPPPIIDDIPDIDPDDDDDDDDDDIDD
"""
_PAIR_CODES = {"D": 1, "I": 2, "P": 3}
_PAIRS = [bytes(_PAIR_CODES[c] for c in row) for row in _PAIRS_TEXT.split()]


def _possible_breaks(classes: list[int]) -> list[int]:
    """Break opportunities before each character (libunistring 1.0's ``u8_possible_linebreaks``)."""
    out = []
    append = out.append
    pairs = _PAIRS
    prev = last = _BK
    seen_space = False
    ri_run = 0
    for cl in classes:
        if cl == _BK or cl == _LF or cl == _CR:
            append(_MANDATORY)
            prev, last, seen_space = cl, _BK, False
        else:
            if cl == _SP:
                append(_PROHIBITED)
                seen_space = True
            elif cl == _CM or cl == _ZWJ or cl == _ZW:
                if cl == _ZW:
                    append(_PROHIBITED)
                    last, seen_space = _ZW, False
                elif last == _BK:
                    append(_PROHIBITED)
                    last, seen_space = _AL, False
                elif last == _ZW or seen_space:
                    append(_POSSIBLE)
                    last, seen_space = _AL, False
                else:
                    append(_PROHIBITED)
            else:
                if last == _BK:
                    append(_PROHIBITED)
                elif last == _ZW:
                    append(_POSSIBLE)
                elif prev == _ZWJ or prev == _HL_BA:
                    append(_PROHIBITED)
                elif last == _RI and cl == _RI:
                    append(_POSSIBLE if seen_space or ri_run % 2 == 0 else _PROHIBITED)
                else:
                    kind = pairs[last][cl]
                    append(_POSSIBLE if kind == 1 or (kind == 2 and seen_space) else _PROHIBITED)
                last, seen_space = cl, False
            prev = _HL_BA if prev == _HL and (cl == _HY or cl == _BA) else cl
        ri_run = ri_run + 1 if cl == _RI else 0
    return out


def _break_opportunities(classes: bytes) -> bytearray:
    """:func:`_possible_breaks` for a class string; text without the classes that need its
    special rules (combining marks, joiners, zero width space, mandatory breaks, regional
    indicators, Hebrew letters) goes through a plain state table: one look-up per character."""
    if _SPECIAL_CLASSES.search(classes):
        return bytearray(_possible_breaks(list(classes)))
    out = bytearray(len(classes))
    result, following = _FAST_RESULT, _FAST_NEXT
    state = _FAST_START
    for i, cl in enumerate(classes):
        at = state + cl
        out[i] = result[at]
        state = following[at]
    return out


def _fast_tables() -> tuple[bytes, list[int], int]:
    """States (class of the last non-space character, or start of text; a space since) x class."""
    stride = _SP + 1
    result, following = bytearray(), []
    lasts = list(range(_EM + 1)) + [_BK]
    for last in lasts:
        for seen_space in (False, True):
            for cl in range(stride):
                if cl == _SP:
                    result.append(_PROHIBITED)
                    following.append((lasts.index(last) * 2 + 1) * stride)
                elif cl <= _EM:
                    if last == _BK:
                        kind = _PROHIBITED
                    else:
                        pair = _PAIRS[last][cl]
                        kind = _POSSIBLE if pair == 1 or (pair == 2 and seen_space) else _PROHIBITED
                    result.append(kind)
                    following.append(lasts.index(cl) * 2 * stride)
                else:  # never looked up: these classes take the full algorithm
                    result.append(_PROHIBITED)
                    following.append(0)
    return bytes(result), following, lasts.index(_BK) * 2 * stride


_SPECIAL_CLASSES = re.compile(b"[" + re.escape(bytes(sorted({_HL, _RI, _ZWJ, _BK, _CR, _LF, _CM, _ZW}))) + b"]")
_FAST_RESULT, _FAST_NEXT, _FAST_START = _fast_tables()


_TABLES: tuple[bytearray, bytearray] | None = None


def _tables() -> tuple[bytearray, bytearray]:
    """The class and width of every code point, expanded from the runs below on first use."""
    global _TABLES
    if _TABLES is None:
        _TABLES = (_expand(_LINE_BREAK_RUNS, _CLASS_LETTERS), _expand(_WIDTH_RUNS, "012"))
    return _TABLES


_CLASS_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklm"  # one per _CLASS_NAMES entry


def _expand(runs: str, letters: str) -> bytearray:
    table = bytearray(0x110000)
    items = runs.split()
    for index, item in enumerate(items):
        start = int(item[:-1], 16)
        stop = int(items[index + 1][:-1], 16) if index + 1 < len(items) else 0x110000
        table[start:stop] = bytes((letters.index(item[-1]),)) * (stop - start)
    return table


# --- data ------------------------------------------------------------------------
# Runs "<first code point in hex><class letter>": the class holds up to the next run.
# _CLASS_LETTERS maps letters to _CLASS_NAMES (A = WJ, ..., U = AL, ..., m = SP).
# Widths: 0, 1 or 2 columns (control characters count 0, as gettext ignores them).

_LINE_BREAK_RUNS = """
0k 9D aj bh di ek 20m 21J 22O 23U 24S 25R 26U 27O 28M 29H 2aU 2bS 2cP 2dF
2eP 2fT 30Q 3aP 3cU 3fJ 40U 5bM 5cS 5dH 5eU 7bM 7cD 7dG 7eU 7fk 85h 86k a0B
a1M a2R a3S a6U abO acU adD aeU b0R b1S b2U b4E b5U bbO bcU bfM c0U 2c8E
2c9U 2ccE 2cdU 2dfE 2e0U 300k 34fB 350k 35cB 363k 370U 37eP 37fU 483k 48aU
589P 58aD 58bU 58fS 590U 591k 5beD 5bfk 5c0U 5c1k 5c3U 5c4k 5c6J 5c7k 5c8U
5d0c 5ebU 5efc 5f3U 609R 60cP 60eU 610k 61bJ 61ck 61dJ 620U 64bk 660Q 66aR
66bQ 66dU 670k 671U 6d4J 6d5U 6d6k 6ddU 6dfk 6e5U 6e7k 6e9U 6eak 6eeU 6f0Q
6faU 711k 712U 730k 74bU 7a6k 7b1U 7c0Q 7caU 7ebk 7f4U 7f8P 7f9J 7faU 7fdk
7feS 800U 816k 81aU 81bk 824U 825k 828U 829k 82eU 859k 85cU 898k 8a0U 8cak
8e2U 8e3k 904U 93ak 93dU 93ek 950U 951k 958U 962k 964D 966Q 970U 981k 984U
9bck 9bdU 9bek 9c5U 9c7k 9c9U 9cbk 9ceU 9d7k 9d8U 9e2k 9e4U 9e6Q 9f0U 9f2R
9f4U 9f9R 9faU 9fbS 9fcU 9fek 9ffU a01k a04U a3ck a3dU a3ek a43U a47k a49U
a4bk a4eU a51k a52U a66Q a70k a72U a75k a76U a81k a84U abck abdU abek ac6U
ac7k acaU acbk aceU ae2k ae4U ae6Q af0U af1S af2U afak b00U b01k b04U b3ck
b3dU b3ek b45U b47k b49U b4bk b4eU b55k b58U b62k b64U b66Q b70U b82k b83U
bbek bc3U bc6k bc9U bcak bceU bd7k bd8U be6Q bf0U bf9S bfaU c00k c05U c3ck
c3dU c3ek c45U c46k c49U c4ak c4eU c55k c57U c62k c64U c66Q c70U c77E c78U
c81k c84E c85U cbck cbdU cbek cc5U cc6k cc9U ccak cceU cd5k cd7U ce2k ce4U
ce6Q cf0U d00k d04U d3bk d3dU d3ek d45U d46k d49U d4ak d4eU d57k d58U d62k
d64U d66Q d70U d79R d7aU d81k d84U dcak dcbU dcfk dd5U dd6k dd7U dd8k de0U
de6Q df0U df2k df4U e3fS e40U e50Q e5aD e5cU ed0Q edaU f01E f05U f06E f08B
f09E f0bD f0cB f0dJ f12B f13U f14J f15U f18k f1aU f20Q f2aU f34D f35k f36U
f37k f38U f39k f3aM f3bG f3cM f3dG f3ek f40U f71k f7fD f80k f85D f86k f88U
f8dk f98U f99k fbdU fbeD fc0U fc6k fc7U fd0E fd2D fd3E fd4U fd9B fdbU 1040Q
104aD 104cU 1090Q 109aU 1100Z 1160a 11a8b 1200U 135dk 1360U 1361D 1362U
1400D 1401U 1680D 1681U 169bM 169cG 169dU 16ebD 16eeU 1712k 1716U 1732k
1735D 1737U 1752k 1754U 1772k 1774U 17d4D 17d6L 17d7U 17d8D 17d9U 17daD
17dbS 17dcU 17e0Q 17eaU 1802J 1804D 1806E 1807U 1808J 180aU 180bk 180eB
180fk 1810Q 181aU 1885k 1887U 18a9k 18aaU 1920k 192cU 1930k 193cU 1944J
1946Q 1950U 19d0Q 19daU 1a17k 1a1cU 1a7fk 1a80Q 1a8aU 1a90Q 1a9aU 1ab0k
1acfU 1b00k 1b05U 1b34k 1b45U 1b50Q 1b5aD 1b5cU 1b5dD 1b61U 1b6bk 1b74U
1b7dD 1b7fU 1b80k 1b83U 1ba1k 1baeU 1bb0Q 1bbaU 1be6k 1bf4U 1c24k 1c38U
1c3bD 1c40Q 1c4aU 1c50Q 1c5aU 1c7eD 1c80U 1cd0k 1cd3U 1cd4k 1ce9U 1cedk
1ceeU 1cf4k 1cf5U 1cf7k 1cfaU 1dc0k 1e00U 1ffdE 1ffeU 2000D 2007B 2008D
200bl 200ck 200de 200ek 2010D 2011B 2012D 2014C 2015U 2018O 201aM 201bO
201eM 201fO 2020U 2024K 2027D 2028h 202ak 202fB 2030R 2038U 2039O 203bU
203cL 203eU 2044P 2045M 2046G 2047L 204aU 2056D 2057U 2058D 205cU 205dD
2060A 2061U 2066k 2070U 207dM 207eG 207fU 208dM 208eG 208fU 20a0S 20a7R
20a8S 20b6R 20b7S 20bbR 20bcS 20beR 20bfS 20c0R 20c1S 20d0k 20f1U 2103R
2104U 2109R 210aU 2116S 2117U 2212S 2214U 22efK 22f0U 2308M 2309G 230aM
230bG 230cU 231aY 231cU 2329N 232aG 232bU 23f0Y 23f4U 2600Y 2604U 2614Y
2616U 2618Y 2619U 261aY 261df 261eY 2620U 2639Y 263cU 2668Y 2669U 267fY
2680U 26bdY 26c9U 26cdY 26ceU 26cfY 26d2U 26d3Y 26d5U 26d8Y 26daU 26dcY
26ddU 26dfY 26e2U 26eaY 26ebU 26f1Y 26f6U 26f7Y 26f9f 26faY 26fbU 26fdY
2705U 2708Y 270af 270eU 275bO 2761U 2762J 2764Y 2765U 2768M 2769G 276aM
276bG 276cM 276dG 276eM 276fG 2770M 2771G 2772M 2773G 2774M 2775G 2776U
27c5M 27c6G 27c7U 27e6M 27e7G 27e8M 27e9G 27eaM 27ebG 27ecM 27edG 27eeM
27efG 27f0U 2983M 2984G 2985M 2986G 2987M 2988G 2989M 298aG 298bM 298cG
298dM 298eG 298fM 2990G 2991M 2992G 2993M 2994G 2995M 2996G 2997M 2998G
2999U 29d8M 29d9G 29daM 29dbG 29dcU 29fcM 29fdG 29feU 2cefk 2cf2U 2cf9J
2cfaD 2cfdU 2cfeJ 2cffD 2d00U 2d70D 2d71U 2d7fk 2d80U 2de0k 2e00O 2e0eD
2e16U 2e17D 2e18M 2e19D 2e1aU 2e1cO 2e1eU 2e20O 2e22M 2e23G 2e24M 2e25G
2e26M 2e27G 2e28M 2e29G 2e2aD 2e2eJ 2e2fU 2e30D 2e32U 2e33D 2e35U 2e3aC
2e3cD 2e3fU 2e40D 2e42M 2e43D 2e4bU 2e4cD 2e4dU 2e4eD 2e50U 2e53J 2e55M
2e56G 2e57M 2e58G 2e59M 2e5aG 2e5bM 2e5cG 2e5dD 2e5eU 2e80X 2e9aU 2e9bX
2ef4U 2f00X 2fd6U 2ff0X 2ffcU 3000D 3001G 3003X 3005L 3006X 3008N 3009G
300aN 300bG 300cN 300dG 300eN 300fG 3010N 3011G 3012X 3014N 3015G 3016N
3017G 3018N 3019G 301aN 301bG 301cL 301dN 301eG 3020X 302ak 3030Y 3031X
3035k 3036X 303bL 303dY 303eX 3040U 3041L 3042X 3043L 3044X 3045L 3046X
3047L 3048X 3049L 304aX 3063L 3064X 3083L 3084X 3085L 3086X 3087L 3088X
308eL 308fX 3095L 3097U 3099k 309bL 309fX 30a0L 30a2X 30a3L 30a4X 30a5L
30a6X 30a7L 30a8X 30a9L 30aaX 30c3L 30c4X 30e3L 30e4X 30e5L 30e6X 30e7L
30e8X 30eeL 30efX 30f5L 30f7X 30fbL 30ffX 3100U 3105X 3130U 3131X 318fU
3190X 31e4U 31f0L 3200X 321fU 3220X 3248U 3250X 3297Y 3298X 3299Y 329aX
4dc0U 4e00X a015L a016X a48dU a490X a4c7U a4feD a500U a60dD a60eJ a60fD
a610U a620Q a62aU a66fk a673U a674k a67eU a69ek a6a0U a6f0k a6f2U a6f3D
a6f8U a802k a803U a806k a807U a80bk a80cU a823k a828U a82ck a82dU a838R
a839U a874E a876J a878U a880k a882U a8b4k a8c6U a8ceD a8d0Q a8daU a8e0k
a8f2U a8fcE a8fdU a8ffk a900Q a90aU a926k a92eD a930U a947k a954U a960Z
a97dU a980k a984U a9b3k a9c1U a9c7D a9caU a9d0Q a9daU a9f0Q a9faU aa29k
aa37U aa43k aa44U aa4ck aa4eU aa50Q aa5aU aa5dD aa60U aaebk aaf0D aaf2U
aaf5k aaf7U abe3k abebD abeck abeeU abf0Q abfaU ac00V ac01W ac1cV ac1dW
ac38V ac39W ac54V ac55W ac70V ac71W ac8cV ac8dW aca8V aca9W acc4V acc5W
ace0V ace1W acfcV acfdW ad18V ad19W ad34V ad35W ad50V ad51W ad6cV ad6dW
ad88V ad89W ada4V ada5W adc0V adc1W addcV adddW adf8V adf9W ae14V ae15W
ae30V ae31W ae4cV ae4dW ae68V ae69W ae84V ae85W aea0V aea1W aebcV aebdW
aed8V aed9W aef4V aef5W af10V af11W af2cV af2dW af48V af49W af64V af65W
af80V af81W af9cV af9dW afb8V afb9W afd4V afd5W aff0V aff1W b00cV b00dW
b028V b029W b044V b045W b060V b061W b07cV b07dW b098V b099W b0b4V b0b5W
b0d0V b0d1W b0ecV b0edW b108V b109W b124V b125W b140V b141W b15cV b15dW
b178V b179W b194V b195W b1b0V b1b1W b1ccV b1cdW b1e8V b1e9W b204V b205W
b220V b221W b23cV b23dW b258V b259W b274V b275W b290V b291W b2acV b2adW
b2c8V b2c9W b2e4V b2e5W b300V b301W b31cV b31dW b338V b339W b354V b355W
b370V b371W b38cV b38dW b3a8V b3a9W b3c4V b3c5W b3e0V b3e1W b3fcV b3fdW
b418V b419W b434V b435W b450V b451W b46cV b46dW b488V b489W b4a4V b4a5W
b4c0V b4c1W b4dcV b4ddW b4f8V b4f9W b514V b515W b530V b531W b54cV b54dW
b568V b569W b584V b585W b5a0V b5a1W b5bcV b5bdW b5d8V b5d9W b5f4V b5f5W
b610V b611W b62cV b62dW b648V b649W b664V b665W b680V b681W b69cV b69dW
b6b8V b6b9W b6d4V b6d5W b6f0V b6f1W b70cV b70dW b728V b729W b744V b745W
b760V b761W b77cV b77dW b798V b799W b7b4V b7b5W b7d0V b7d1W b7ecV b7edW
b808V b809W b824V b825W b840V b841W b85cV b85dW b878V b879W b894V b895W
b8b0V b8b1W b8ccV b8cdW b8e8V b8e9W b904V b905W b920V b921W b93cV b93dW
b958V b959W b974V b975W b990V b991W b9acV b9adW b9c8V b9c9W b9e4V b9e5W
ba00V ba01W ba1cV ba1dW ba38V ba39W ba54V ba55W ba70V ba71W ba8cV ba8dW
baa8V baa9W bac4V bac5W bae0V bae1W bafcV bafdW bb18V bb19W bb34V bb35W
bb50V bb51W bb6cV bb6dW bb88V bb89W bba4V bba5W bbc0V bbc1W bbdcV bbddW
bbf8V bbf9W bc14V bc15W bc30V bc31W bc4cV bc4dW bc68V bc69W bc84V bc85W
bca0V bca1W bcbcV bcbdW bcd8V bcd9W bcf4V bcf5W bd10V bd11W bd2cV bd2dW
bd48V bd49W bd64V bd65W bd80V bd81W bd9cV bd9dW bdb8V bdb9W bdd4V bdd5W
bdf0V bdf1W be0cV be0dW be28V be29W be44V be45W be60V be61W be7cV be7dW
be98V be99W beb4V beb5W bed0V bed1W beecV beedW bf08V bf09W bf24V bf25W
bf40V bf41W bf5cV bf5dW bf78V bf79W bf94V bf95W bfb0V bfb1W bfccV bfcdW
bfe8V bfe9W c004V c005W c020V c021W c03cV c03dW c058V c059W c074V c075W
c090V c091W c0acV c0adW c0c8V c0c9W c0e4V c0e5W c100V c101W c11cV c11dW
c138V c139W c154V c155W c170V c171W c18cV c18dW c1a8V c1a9W c1c4V c1c5W
c1e0V c1e1W c1fcV c1fdW c218V c219W c234V c235W c250V c251W c26cV c26dW
c288V c289W c2a4V c2a5W c2c0V c2c1W c2dcV c2ddW c2f8V c2f9W c314V c315W
c330V c331W c34cV c34dW c368V c369W c384V c385W c3a0V c3a1W c3bcV c3bdW
c3d8V c3d9W c3f4V c3f5W c410V c411W c42cV c42dW c448V c449W c464V c465W
c480V c481W c49cV c49dW c4b8V c4b9W c4d4V c4d5W c4f0V c4f1W c50cV c50dW
c528V c529W c544V c545W c560V c561W c57cV c57dW c598V c599W c5b4V c5b5W
c5d0V c5d1W c5ecV c5edW c608V c609W c624V c625W c640V c641W c65cV c65dW
c678V c679W c694V c695W c6b0V c6b1W c6ccV c6cdW c6e8V c6e9W c704V c705W
c720V c721W c73cV c73dW c758V c759W c774V c775W c790V c791W c7acV c7adW
c7c8V c7c9W c7e4V c7e5W c800V c801W c81cV c81dW c838V c839W c854V c855W
c870V c871W c88cV c88dW c8a8V c8a9W c8c4V c8c5W c8e0V c8e1W c8fcV c8fdW
c918V c919W c934V c935W c950V c951W c96cV c96dW c988V c989W c9a4V c9a5W
c9c0V c9c1W c9dcV c9ddW c9f8V c9f9W ca14V ca15W ca30V ca31W ca4cV ca4dW
ca68V ca69W ca84V ca85W caa0V caa1W cabcV cabdW cad8V cad9W caf4V caf5W
cb10V cb11W cb2cV cb2dW cb48V cb49W cb64V cb65W cb80V cb81W cb9cV cb9dW
cbb8V cbb9W cbd4V cbd5W cbf0V cbf1W cc0cV cc0dW cc28V cc29W cc44V cc45W
cc60V cc61W cc7cV cc7dW cc98V cc99W ccb4V ccb5W ccd0V ccd1W ccecV ccedW
cd08V cd09W cd24V cd25W cd40V cd41W cd5cV cd5dW cd78V cd79W cd94V cd95W
cdb0V cdb1W cdccV cdcdW cde8V cde9W ce04V ce05W ce20V ce21W ce3cV ce3dW
ce58V ce59W ce74V ce75W ce90V ce91W ceacV ceadW cec8V cec9W cee4V cee5W
cf00V cf01W cf1cV cf1dW cf38V cf39W cf54V cf55W cf70V cf71W cf8cV cf8dW
cfa8V cfa9W cfc4V cfc5W cfe0V cfe1W cffcV cffdW d018V d019W d034V d035W
d050V d051W d06cV d06dW d088V d089W d0a4V d0a5W d0c0V d0c1W d0dcV d0ddW
d0f8V d0f9W d114V d115W d130V d131W d14cV d14dW d168V d169W d184V d185W
d1a0V d1a1W d1bcV d1bdW d1d8V d1d9W d1f4V d1f5W d210V d211W d22cV d22dW
d248V d249W d264V d265W d280V d281W d29cV d29dW d2b8V d2b9W d2d4V d2d5W
d2f0V d2f1W d30cV d30dW d328V d329W d344V d345W d360V d361W d37cV d37dW
d398V d399W d3b4V d3b5W d3d0V d3d1W d3ecV d3edW d408V d409W d424V d425W
d440V d441W d45cV d45dW d478V d479W d494V d495W d4b0V d4b1W d4ccV d4cdW
d4e8V d4e9W d504V d505W d520V d521W d53cV d53dW d558V d559W d574V d575W
d590V d591W d5acV d5adW d5c8V d5c9W d5e4V d5e5W d600V d601W d61cV d61dW
d638V d639W d654V d655W d670V d671W d68cV d68dW d6a8V d6a9W d6c4V d6c5W
d6e0V d6e1W d6fcV d6fdW d718V d719W d734V d735W d750V d751W d76cV d76dW
d788V d789W d7a4U d7b0a d7c7U d7cbb d7fcU f900X fb00U fb1dc fb1ek fb1fc
fb29U fb2ac fb37U fb38c fb3dU fb3ec fb3fU fb40c fb42U fb43c fb45U fb46c
fb50U fd3eG fd3fM fd40U fdfcR fdfdU fe00k fe10P fe11G fe13P fe15J fe17N
fe18G fe19K fe1aU fe20k fe30X fe35N fe36G fe37N fe38G fe39N fe3aG fe3bN
fe3cG fe3dN fe3eG fe3fN fe40G fe41N fe42G fe43N fe44G fe45X fe47N fe48G
fe49X fe50G fe51X fe52G fe53U fe54L fe56J fe58X fe59N fe5aG fe5bN fe5cG
fe5dN fe5eG fe5fX fe67U fe68X fe69S fe6aR fe6bX fe6cU feffA ff00U ff01J
ff02X ff04S ff05R ff06X ff08N ff09G ff0aX ff0cG ff0dX ff0eG ff0fX ff1aL
ff1cX ff1fJ ff20X ff3bN ff3cX ff3dG ff3eX ff5bN ff5cX ff5dG ff5eX ff5fN
ff60G ff62N ff63G ff65L ff66X ff67L ff71X ff9eL ffa0X ffbfU ffc2X ffc8U
ffcaX ffd0U ffd2X ffd8U ffdaX ffddU ffe0R ffe1S ffe2X ffe5S ffe7U fff9k
fffcX fffdU 10100D 10103U 101fdk 101feU 102e0k 102e1U 10376k 1037bU 1039fD
103a0U 103d0D 103d1U 104a0Q 104aaU 10857D 10858U 1091fD 10920U 10a01k 10a04U
10a05k 10a07U 10a0ck 10a10U 10a38k 10a3bU 10a3fk 10a40U 10a50D 10a58U 10ae5k
10ae7U 10af0D 10af6K 10af7U 10b39D 10b40U 10d24k 10d28U 10d30Q 10d3aU 10eabk
10eadD 10eaeU 10f46k 10f51U 10f82k 10f86U 11000k 11003U 11038k 11047D 11049U
11066Q 11070k 11071U 11073k 11075U 1107fk 11083U 110b0k 110bbU 110beD 110c2k
110c3U 110f0Q 110faU 11100k 11103U 11127k 11135U 11136Q 11140D 11144U 11145k
11147U 11173k 11174U 11175E 11176U 11180k 11183U 111b3k 111c1U 111c5D 111c7U
111c8D 111c9k 111cdU 111cek 111d0Q 111daU 111dbE 111dcU 111ddD 111e0U 1122ck
11238D 1123aU 1123bD 1123dU 1123ek 1123fU 112a9D 112aaU 112dfk 112ebU 112f0Q
112faU 11300k 11304U 1133bk 1133dU 1133ek 11345U 11347k 11349U 1134bk 1134eU
11357k 11358U 11362k 11364U 11366k 1136dU 11370k 11375U 11435k 11447U 1144bD
1144fU 11450Q 1145aD 1145cU 1145ek 1145fU 114b0k 114c4U 114d0Q 114daU 115afk
115b6U 115b8k 115c1E 115c2D 115c4J 115c6U 115c9D 115d8U 115dck 115deU 11630k
11641D 11643U 11650Q 1165aU 11660E 1166dU 116abk 116b8U 116c0Q 116caU 11730Q
1173aU 1173cD 1173fU 1182ck 1183bU 118e0Q 118eaU 11930k 11936U 11937k 11939U
1193bk 1193fU 11940k 11941U 11942k 11944D 11947U 11950Q 1195aU 119d1k 119d8U
119dak 119e1U 119e2E 119e3U 119e4k 119e5U 11a01k 11a0bU 11a33k 11a3aU 11a3bk
11a3fE 11a40U 11a41D 11a45E 11a46U 11a47k 11a48U 11a51k 11a5cU 11a8ak 11a9aD
11a9dU 11a9eE 11aa1D 11aa3U 11c2fk 11c37U 11c38k 11c40U 11c41D 11c46U 11c50Q
11c5aU 11c70E 11c71J 11c72U 11c92k 11ca8U 11ca9k 11cb7U 11d31k 11d37U 11d3ak
11d3bU 11d3ck 11d3eU 11d3fk 11d46U 11d47k 11d48U 11d50Q 11d5aU 11d8ak 11d8fU
11d90k 11d92U 11d93k 11d98U 11da0Q 11daaU 11ef3k 11ef7U 11fddR 11fe1U 11fffD
12000U 12470D 12475U 13258M 1325bG 1325eU 13282G 13283U 13286M 13287G 13288M
13289G 1328aU 13379M 1337aG 1337cU 13430B 13437M 13438G 13439U 145ceM 145cfG
145d0U 16a60Q 16a6aU 16a6eD 16a70U 16ac0Q 16acaU 16af0k 16af5D 16af6U 16b30k
16b37D 16b3aU 16b44D 16b45U 16b50Q 16b5aU 16e97D 16e99U 16f4fk 16f50U 16f51k
16f88U 16f8fk 16f93U 16fe0L 16fe4B 16fe5U 16ff0k 16ff2U 17000X 187f8U 18800X
18b00U 18d00X 18d09U 1b000X 1b123U 1b150L 1b153U 1b164L 1b168U 1b170X 1b2fcU
1bc9dk 1bc9fD 1bca0k 1bca4U 1cf00k 1cf2eU 1cf30k 1cf47U 1d165k 1d16aU 1d16dk
1d183U 1d185k 1d18cU 1d1aak 1d1aeU 1d242k 1d245U 1d7ceQ 1d800U 1da00k 1da37U
1da3bk 1da6dU 1da75k 1da76U 1da84k 1da85U 1da87D 1da8bU 1da9bk 1daa0U 1daa1k
1dab0U 1e000k 1e007U 1e008k 1e019U 1e01bk 1e022U 1e023k 1e025U 1e026k 1e02bU
1e130k 1e137U 1e140Q 1e14aU 1e2aek 1e2afU 1e2eck 1e2f0Q 1e2faU 1e2ffS 1e300U
1e8d0k 1e8d7U 1e944k 1e94bU 1e950Q 1e95aU 1e95eM 1e960U 1ecacR 1ecadU 1ecb0R
1ecb1U 1f000Y 1f02cf 1f030Y 1f094f 1f0a0Y 1f0aff 1f0b1Y 1f0c0f 1f0c1Y 1f0d0f
1f0d1Y 1f0f6f 1f100U 1f10dY 1f110U 1f16dY 1f170U 1f1adY 1f1aef 1f1e6d 1f200X
1f201Y 1f203f 1f210X 1f21aY 1f21bX 1f22fY 1f230X 1f232Y 1f23bX 1f23cf 1f240X
1f249f 1f250Y 1f252f 1f260Y 1f266f 1f300Y 1f385f 1f386Y 1f39cU 1f39eY 1f3b5U
1f3b7Y 1f3bcU 1f3bdY 1f3c2f 1f3c5Y 1f3c7f 1f3c8Y 1f3caf 1f3cdY 1f3fbg 1f400Y
1f442f 1f444Y 1f446f 1f451Y 1f466f 1f479Y 1f47cf 1f47dY 1f481f 1f484Y 1f485f
1f488Y 1f48ff 1f490Y 1f491f 1f492Y 1f4a0U 1f4a1Y 1f4a2U 1f4a3Y 1f4a4U 1f4a5Y
1f4aaf 1f4abY 1f4afU 1f4b0Y 1f4b1U 1f4b3Y 1f500U 1f507Y 1f517U 1f525Y 1f532U
1f54aY 1f574f 1f576Y 1f57af 1f57bY 1f590f 1f591Y 1f595f 1f597Y 1f5d4U 1f5dcY
1f5f4U 1f5faY 1f645f 1f648Y 1f64bf 1f650U 1f676O 1f679L 1f67cU 1f680Y 1f6a3f
1f6a4Y 1f6b4f 1f6b7Y 1f6c0f 1f6c1Y 1f6ccf 1f6cdY 1f6d8f 1f6ddY 1f6edf 1f6f0Y
1f6fdf 1f700U 1f774f 1f780U 1f7d5Y 1f7d9f 1f7e0Y 1f7ecf 1f7f0Y 1f7f1f 1f800U
1f80cf 1f810U 1f848f 1f850U 1f85af 1f860U 1f888f 1f890U 1f8aef 1f8b0Y 1f8b2f
1f900U 1f90cf 1f90dY 1f90ff 1f910Y 1f918f 1f920Y 1f926f 1f927Y 1f930f 1f93aY
1f93bX 1f93cf 1f93fY 1f946X 1f947Y 1f977f 1f978Y 1f9b5f 1f9b7Y 1f9b8f 1f9baY
1f9bbf 1f9bcY 1f9cdf 1f9d0Y 1f9d1f 1f9deY 1fa00U 1fa54f 1fa60Y 1fa6ef 1fa70Y
1fa75f 1fa78Y 1fa7df 1fa80Y 1fa87f 1fa90Y 1faadf 1fab0Y 1fabbf 1fac0Y 1fac3f
1fad0Y 1fadaf 1fae0Y 1fae8f 1fb00U 1fbf0Q 1fbfaU 1fc00f 1fffeU 20000X 2fffeU
30000X 3fffeU e0001k e0002U e0020k e0080U e0100k e01f0U
"""

_WIDTH_RUNS = """
00 10 201 7f0 a01 ad0 ae1 3000 3701 4830 48a1 5910 5be1 5bf0 5c01 5c10 5c31
5c40 5c61 5c70 5c81 6000 6061 6100 61b1 61c0 61d1 64b0 6601 6700 6711 6d60
6de1 6df0 6e51 6e70 6e91 6ea0 6ee1 70f0 7101 7110 7121 7300 74b1 7a60 7b11
7eb0 7f41 7fd0 7fe1 8160 81a1 81b0 8241 8250 8281 8290 82e1 8590 85c1 8900
8921 8980 8a01 8ca0 9031 93a0 93b1 93c0 93d1 9410 9491 94d0 94e1 9510 9581
9620 9641 9810 9821 9bc0 9bd1 9c10 9c51 9cd0 9ce1 9e20 9e41 9fe0 9ff1 a010
a031 a3c0 a3d1 a410 a431 a470 a491 a4b0 a4e1 a510 a521 a700 a721 a750 a761
a810 a831 abc0 abd1 ac10 ac61 ac70 ac91 acd0 ace1 ae20 ae41 afa0 b001 b010
b021 b3c0 b3d1 b3f0 b401 b410 b451 b4d0 b4e1 b550 b571 b620 b641 b820 b831
bc00 bc11 bcd0 bce1 c000 c011 c040 c051 c3c0 c3d1 c3e0 c411 c460 c491 c4a0
c4e1 c550 c571 c620 c641 c810 c821 cbc0 cbd1 ccc0 cce1 ce20 ce41 d000 d021
d3b0 d3d1 d410 d451 d4d0 d4e1 d620 d641 d810 d821 dca0 dcb1 dd20 dd51 dd60
dd71 e310 e321 e340 e3b1 e470 e4f1 eb10 eb21 eb40 ebd1 ec80 ece1 f180 f1a1
f350 f361 f370 f381 f390 f3a1 f710 f7f1 f800 f851 f860 f881 f8d0 f981 f990
fbd1 fc60 fc71 102d0 10311 10320 10381 10390 103b1 103d0 103f1 10580 105a1
105e0 10611 10710 10751 10820 10831 10850 10871 108d0 108e1 109d0 109e1
11002 11600 12001 135d0 13601 17120 17151 17320 17341 17520 17541 17720
17741 17b40 17b61 17b70 17be1 17c60 17c71 17c90 17d41 17dd0 17de1 180b0
18101 18850 18871 18a90 18aa1 19200 19231 19270 19291 19320 19331 19390
193c1 1a170 1a191 1a1b0 1a1c1 1a560 1a571 1a580 1a5f1 1a600 1a611 1a620
1a631 1a650 1a6d1 1a730 1a7d1 1a7f0 1a801 1ab00 1acf1 1b000 1b041 1b340
1b351 1b360 1b3b1 1b3c0 1b3d1 1b420 1b431 1b6b0 1b741 1b800 1b821 1ba20
1ba61 1ba80 1baa1 1bab0 1bae1 1be60 1be71 1be80 1bea1 1bed0 1bee1 1bef0
1bf21 1c2c0 1c341 1c360 1c381 1cd00 1cd31 1cd40 1ce11 1ce20 1ce91 1ced0
1cee1 1cf40 1cf51 1cf80 1cfa1 1dc00 1e001 200b0 20101 202a0 202f1 20600
20651 20660 20701 20d00 20f11 231a2 231c1 23292 232b1 23e92 23ed1 23f02
23f11 23f32 23f41 25fd2 25ff1 26142 26161 26482 26541 267f2 26801 26932
26941 26a12 26a21 26aa2 26ac1 26bd2 26bf1 26c42 26c61 26ce2 26cf1 26d42
26d51 26ea2 26eb1 26f22 26f41 26f52 26f61 26fa2 26fb1 26fd2 26fe1 27052
27061 270a2 270c1 27282 27291 274c2 274d1 274e2 274f1 27532 27561 27572
27581 27952 27981 27b02 27b11 27bf2 27c01 2b1b2 2b1d1 2b502 2b511 2b552
2b561 2cef0 2cf21 2d7f0 2d801 2de00 2e001 2e802 302a0 302e2 303f1 30402
30990 309b2 32481 32502 4dc01 4e002 a4d01 a66f0 a6731 a6740 a67e1 a69e0
a6a01 a6f00 a6f21 a8020 a8031 a8060 a8071 a80b0 a80c1 a8250 a8271 a82c0
a82d1 a8c40 a8c61 a8e00 a8f21 a8ff0 a9001 a9260 a92e1 a9470 a9521 a9602
a97d1 a9800 a9831 a9b30 a9b41 a9b60 a9ba1 a9bc0 a9be1 a9e50 a9e61 aa290
aa2f1 aa310 aa331 aa350 aa371 aa430 aa441 aa4c0 aa4d1 aa7c0 aa7d1 aab00
aab11 aab20 aab51 aab70 aab91 aabe0 aac01 aac10 aac21 aaec0 aaee1 aaf60
aaf71 abe50 abe61 abe80 abe91 abed0 abee1 ac002 d7a41 d7b00 d7c71 d7cb0
d7fc1 f9002 fb001 fb1e0 fb1f1 fe000 fe102 fe200 fe302 fe701 feff0 ff002
ff611 ffe02 ffe71 fff90 fffc1 101fd0 101fe1 102e00 102e11 103760 1037b1
10a010 10a041 10a050 10a071 10a0c0 10a101 10a380 10a3b1 10a3f0 10a401 10ae50
10ae71 10d240 10d281 10eab0 10ead1 10f460 10f511 10f820 10f861 110010 110021
110380 110471 110700 110711 110730 110751 1107f0 110821 110b30 110b71 110b90
110bb1 110bd0 110be1 110c20 110c31 110cd0 110ce1 111000 111031 111270 1112c1
1112d0 111351 111730 111741 111800 111821 111b60 111bf1 111c90 111cd1 111cf0
111d01 1122f0 112321 112340 112351 112360 112381 1123e0 1123f1 112df0 112e01
112e30 112eb1 113000 113021 1133b0 1133d1 113400 113411 113660 1136d1 113700
113751 114380 114401 114420 114451 114460 114471 1145e0 1145f1 114b30 114b91
114ba0 114bb1 114bf0 114c11 114c20 114c41 115b20 115b61 115bc0 115be1 115bf0
115c11 115dc0 115de1 116330 1163b1 1163d0 1163e1 1163f0 116411 116ab0 116ac1
116ad0 116ae1 116b00 116b61 116b70 116b81 1171d0 117201 117220 117261 117270
1172c1 1182f0 118381 118390 1183b1 1193b0 1193d1 1193e0 1193f1 119430 119441
119d40 119d81 119da0 119dc1 119e00 119e11 11a010 11a071 11a090 11a0b1 11a330
11a391 11a3b0 11a3f1 11a470 11a481 11a510 11a571 11a590 11a5c1 11a8a0 11a971
11a980 11a9a1 11c300 11c371 11c380 11c3e1 11c920 11ca81 11caa0 11cb11 11cb20
11cb41 11cb50 11cb71 11d310 11d371 11d3a0 11d3b1 11d3c0 11d3e1 11d3f0 11d461
11d470 11d481 11d900 11d921 11d950 11d961 11d970 11d981 11ef30 11ef51 134300
134391 16af00 16af51 16b300 16b371 16f4f0 16f501 16f8f0 16f931 16fe02 16fe40
16fe51 16ff02 16ff21 170002 187f81 188002 18cd61 18d002 18d091 1aff02 1aff41
1aff52 1affc1 1affd2 1afff1 1b0002 1b1231 1b1502 1b1531 1b1642 1b1681 1b1702
1b2fc1 1bc9d0 1bc9f1 1bca00 1bca41 1cf000 1cf2e1 1cf300 1cf471 1d1670 1d16a1
1d1730 1d1831 1d1850 1d18c1 1d1aa0 1d1ae1 1d2420 1d2451 1da000 1da371 1da3b0
1da6d1 1da750 1da761 1da840 1da851 1da9b0 1daa01 1daa10 1dab01 1e0000 1e0071
1e0080 1e0191 1e01b0 1e0221 1e0230 1e0251 1e0260 1e02b1 1e1300 1e1371 1e2ae0
1e2af1 1e2ec0 1e2f01 1e8d00 1e8d71 1e9440 1e94b1 1f0042 1f0051 1f0cf2 1f0d01
1f18e2 1f18f1 1f1912 1f19b1 1f2002 1f3211 1f32d2 1f3361 1f3372 1f37d1 1f37e2
1f3941 1f3a02 1f3cb1 1f3cf2 1f3d41 1f3e02 1f3f11 1f3f42 1f3f51 1f3f82 1f43f1
1f4402 1f4411 1f4422 1f4fd1 1f4ff2 1f53e1 1f54b2 1f54f1 1f5502 1f5681 1f57a2
1f57b1 1f5952 1f5971 1f5a42 1f5a51 1f5fb2 1f6501 1f6802 1f6c61 1f6cc2 1f6cd1
1f6d02 1f6d31 1f6d52 1f6d81 1f6dd2 1f6e01 1f6eb2 1f6ed1 1f6f42 1f6fd1 1f7e02
1f7ec1 1f7f02 1f7f11 1f90c2 1f93b1 1f93c2 1f9461 1f9472 1fa001 1fa702 1fa751
1fa782 1fa7d1 1fa802 1fa871 1fa902 1faad1 1fab02 1fabb1 1fac02 1fac61 1fad02
1fada1 1fae02 1fae81 1faf02 1faf71 200002 400001 e00010 e00021 e00200 e00801
e01000 e01f01
"""
