from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import polib
import pytest
from catalog_helpers import msgfmt_check

from l10n.catalog import model as catalog
from l10n.catalog.model import (
    DRAFT,
    REVIEWED,
    STALE,
    UNTRANSLATED,
    build_template,
    catalog_metadata,
    dump,
    entry_state,
    fill_draft,
    format_date,
    provenance,
    set_provenance,
)
from l10n.languages import language_info
from l10n.errors import L10nError


@dataclass(frozen=True)
class Seg:
    text: str
    line: int


def test_language_info_plural_forms_from_cldr():
    az, ru = language_info("az"), language_info("ru")
    assert az.name == "Azerbaijani" and az.plural_forms.startswith("nplurals=2;")
    assert ru.name == "Russian" and ru.plural_forms.startswith("nplurals=3;")


def test_unknown_language_is_a_user_error():
    with pytest.raises(L10nError, match="unknown language code 'xx-nope'"):
        language_info("xx-nope")


def test_format_date_is_gettext_style():
    assert format_date(datetime(2026, 1, 2, 3, 4, tzinfo=UTC)) == "2026-01-02 03:04+0000"


def test_template_has_one_entry_per_distinct_segment_with_all_references(tmp_path, msgfmt):
    segs = [Seg("One.", 1), Seg("Two.", 3), Seg("One.", 5), Seg("   ", 6)]
    pot = build_template("doc", "source/doc.txt", segs, creation_date="2026-11-28 10:00+0000")
    assert [e.msgid for e in pot] == ["One.", "Two."]
    assert pot[0].occurrences == [("source/doc.txt", "1"), ("source/doc.txt", "5")]
    text = dump(pot)
    assert "#: source/doc.txt:1 source/doc.txt:5\nmsgid \"One.\"" in text
    for key in ("Project-Id-Version: doc", "POT-Creation-Date: 2026-11-28 10:00+0000",
                "Content-Type: text/plain; charset=UTF-8", "X-Generator: l10n "):
        assert key in text
    path = tmp_path / "doc.pot"
    path.write_text(text, encoding="utf-8")
    assert msgfmt_check(msgfmt, path) == {"translated": 0, "fuzzy": 0, "untranslated": 2}


def test_catalog_metadata_fills_standard_headers_and_keeps_translator_ones():
    pot = build_template("doc", "source/doc.txt", [Seg("A.", 1)], creation_date="2026-11-28 10:00+0000")
    fresh = catalog_metadata(None, pot, language_info("ru"))
    assert fresh["Language"] == "ru" and fresh["Language-Team"] == "Russian"
    assert fresh["Plural-Forms"] == language_info("ru").plural_forms
    assert fresh["POT-Creation-Date"] == fresh["PO-Revision-Date"] == "2026-11-28 10:00+0000"
    old = {"Last-Translator": "Aygun <a@example.org>", "X-Generator": "Poedit 3.4", "X-Poedit-Basepath": ".",
           "PO-Revision-Date": "2026-11-20 09:00+0400"}
    kept = catalog_metadata(old, pot, language_info("az"))
    assert kept["Last-Translator"] == "Aygun <a@example.org>"
    assert kept["X-Generator"] == "Poedit 3.4" and kept["X-Poedit-Basepath"] == "."
    assert kept["PO-Revision-Date"] == "2026-11-20 09:00+0400"


@pytest.mark.parametrize(
    "kwargs, state",
    [
        (dict(msgstr=""), UNTRANSLATED),
        (dict(msgstr="", flags=["fuzzy"]), UNTRANSLATED),
        (dict(msgstr="x", flags=["fuzzy"]), DRAFT),
        (dict(msgstr="x", flags=["fuzzy"], previous_msgid="Old."), STALE),
        (dict(msgstr="x"), REVIEWED),
        (dict(msgstr="x", previous_msgid="Old."), REVIEWED),
    ],
)
def test_entry_state(kwargs, state):
    assert entry_state(polib.POEntry(msgid="New.", **kwargs)) == state


def test_provenance_replaces_only_its_own_line():
    entry = polib.POEntry(msgid="A.", tcomment="checked with the desk\n\nsecond note")
    set_provenance(entry, "machine draft, argos translate-en_az 1.0")
    set_provenance(entry, "machine draft,   argos translate-en_az 1.1")
    assert entry.tcomment == "l10n: machine draft, argos translate-en_az 1.1\nchecked with the desk\n\nsecond note"
    assert provenance(entry) == "machine draft, argos translate-en_az 1.1"
    assert provenance(polib.POEntry(msgid="B.")) is None


def test_fill_draft_marks_fuzzy_once_and_records_origin():
    entry = polib.POEntry(msgid="A.", flags=["fuzzy", "no-wrap"], previous_msgid="Old.")
    fill_draft(entry, "Ə.", "from translation memory (other.po)")
    assert entry.msgstr == "Ə." and entry.flags == ["fuzzy", "no-wrap"] and entry.previous_msgid is None
    assert entry_state(entry) == DRAFT
    assert provenance(entry) == "from translation memory (other.po)"


def test_dump_round_trips_through_polib_byte_for_byte():
    pot = build_template("doc", "source/doc.txt", [Seg("A long sentence. " * 8, 1), Seg("B.", 2)],
                         creation_date="2026-11-28 10:00+0000")
    po = catalog.new_pofile()
    po.metadata = catalog_metadata(None, pot, language_info("az"))
    for e in pot:
        po.append(polib.POEntry(msgid=e.msgid, occurrences=e.occurrences))
    fill_draft(po[0], "Uzun cümlə. " * 8, "machine draft, x 1")
    po[0].tcomment += "\n\nhuman note"
    po.append(polib.POEntry(msgid="Gone.", msgstr="Getdi.", obsolete=True, tcomment="kept"))
    text = dump(po)
    assert text.endswith("\n")
    assert dump(polib.pofile(text, wrapwidth=78)) == text


def test_a_hard_wrapped_sentence_is_one_line_in_the_template_however_it_is_wrapped():
    """LF, CRLF and a different wrap give the same msgid, so translation memory and MT see one sentence."""
    from l10n.catalog.model import build_template
    from l10n.segment import segment_text

    wraps = ["Customs officers seized\ndrugs at the border.", "Customs officers seized  \r\n  drugs at the\r\nborder.",
             "Customs officers seized drugs at the border."]
    for text in wraps:
        (entry,) = build_template("doc", "source/doc.txt", segment_text(text + "\n"), creation_date="2026-11-28 10:00+0000")
        assert entry.msgid == "Customs officers seized drugs at the border."


def test_a_file_name_with_a_space_is_one_reference(tmp_path, msgfmt):
    """'#: source/my story.txt:1' is two references to gettext tools; GNU isolates such names (issue 14)."""
    from catalog_helpers import msgfmt_check

    from l10n.catalog.files import load_catalog
    from l10n.catalog.model import FSI, PDI, build_template, dump

    class Seg:
        def __init__(self, text, line):
            self.text, self.line = text, line

    long_dir = "source/" + "a very long folder name with spaces " * 2
    pot = build_template("doc", f"{long_dir}my story.txt", [Seg("One.", 1), Seg("Two.", 3), Seg("One.", 9)],
                         creation_date="2026-12-03 10:00+0000")
    path = tmp_path / "doc.pot"
    path.write_text(dump(pot), encoding="utf-8")
    assert f"{FSI}{long_dir}my story.txt{PDI}:1" in " ".join(path.read_text(encoding="utf-8").split())
    back = {e.msgid: e.occurrences for e in load_catalog(path).po if e.msgid}
    assert back["One."] == [(f"{FSI}{long_dir}my story.txt{PDI}", "1"), (f"{FSI}{long_dir}my story.txt{PDI}", "9")]
    assert back["Two."] == [(f"{FSI}{long_dir}my story.txt{PDI}", "3")]
    msgfmt_check(msgfmt, path)
    plain = build_template("doc", "source/story.txt", [Seg("One.", 1)], creation_date="2026-12-03 10:00+0000")
    assert [e.occurrences for e in plain] == [[("source/story.txt", "1")]]


@pytest.mark.parametrize("bad, said", [("\x00", "NUL"), ("\x04", "EOT"), ("\ud800", "lone surrogate U+D800")])
def test_write_catalog_refuses_what_the_reader_would_refuse(tmp_path, bad, said):
    from l10n.catalog.files import read_catalog, write_catalog
    from l10n.errors import L10nError

    path = tmp_path / "x.po"
    good = 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "a"\nmsgstr "b"\n'
    write_catalog(path, good, read_digest=None)
    found = read_catalog(path)
    for check in (True, False):
        with pytest.raises(L10nError) as err:
            write_catalog(path, good.replace('"b"', f'"b{bad}"'), read_digest=found.digest, check=check)
        assert str(err.value).startswith(f"{path}:5: not written") and said in str(err.value)
        assert "\n" not in str(err.value)
    assert path.read_text(encoding="utf-8") == good
