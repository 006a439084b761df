"""compile: Babel-written .mo files against GNU msgfmt's output for the same catalogs."""

from __future__ import annotations

import gettext
import os
import re
import shutil
import subprocess

import polib
import pytest

from l10n.catalog.mo import compile_catalog, mo_bytes
from l10n.errors import L10nError

RU_PLURALS = ("nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
              "(n%100<10 || n%100>=20) ? 1 : 2);")


def _catalog(entries, *, fuzzy_header=False) -> str:
    po = polib.POFile(wrapwidth=78)
    po.metadata = {
        "Project-Id-Version": "wco 1",
        "Language": "ru",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": RU_PLURALS,
        "X-Custom": "kept verbatim",
    }
    po.metadata_is_fuzzy = fuzzy_header
    for entry in entries:
        po.append(entry)
    return po.__unicode__()


ARTICLE = [
    polib.POEntry(msgid="Zebra crossing.", msgstr="Пешеходный переход."),
    polib.POEntry(msgid="Azerbaijani customs is successful.", msgstr="Таможня Азербайджана успешна."),
    polib.POEntry(msgid="Élan.", msgstr="Порыв."),
    polib.POEntry(msgid="Multi\nline", msgstr="Много\nстрок"),
    polib.POEntry(msgid="Draft only.", msgstr="Черновик.", flags=["fuzzy"]),
    polib.POEntry(msgid="Stale.", msgstr="Старое.", flags=["fuzzy"], previous_msgid="Stale!"),
    polib.POEntry(msgid="Not yet.", msgstr=""),
    polib.POEntry(msgid="Gone.", msgstr="Ушло.", obsolete=True),
    polib.POEntry(msgid="One ton", msgid_plural="%d tons", msgstr_plural={0: "%d тонна", 1: "%d тонны", 2: "%d тонн"}),
]


def _msgfmt(msgfmt, po_path, out, *extra):
    run = subprocess.run([msgfmt, "--statistics", *extra, "-o", str(out), str(po_path)],
                         capture_output=True, text=True, check=True)
    return run.stderr


def _translations(path) -> gettext.GNUTranslations:
    with open(path, "rb") as fh:
        return gettext.GNUTranslations(fh)


@pytest.mark.parametrize("fuzzy_header", [False, True])
def test_same_contents_as_msgfmt(tmp_path, msgfmt, fuzzy_header):
    po_path = tmp_path / "locales" / "ru" / "LC_MESSAGES" / "wco.po"
    po_path.parent.mkdir(parents=True)
    po_path.write_text(_catalog(ARTICLE, fuzzy_header=fuzzy_header), encoding="utf-8")
    result = compile_catalog(po_path)
    assert result.mo_path == po_path.with_suffix(".mo") and result.mo_path.is_file()
    stats = _msgfmt(msgfmt, po_path, tmp_path / "gnu.mo")

    ours, gnu = _translations(result.mo_path), _translations(tmp_path / "gnu.mo")
    assert ours._catalog == gnu._catalog  # header text included, verbatim
    assert ours.info() == gnu.info() and ours.info()["x-custom"] == "kept verbatim"
    assert ours.gettext("Draft only.") == "Draft only."  # fuzzy: left out
    assert ours.ngettext("One ton", "%d tons", 3) == "%d тонны"

    counts = [int(n) for n in re.findall(r"(\d+) ", stats)]
    assert (result.translated, result.fuzzy, result.untranslated) == tuple(counts)


def test_bytes_equal_msgfmt_no_hash_except_the_empty_hash_offset(tmp_path, msgfmt):
    po_path = tmp_path / "wco.po"
    po_path.write_text(_catalog(ARTICLE), encoding="utf-8")
    ours, _counts = mo_bytes(po_path.read_text(encoding="utf-8"), po_path)
    _msgfmt(msgfmt, po_path, tmp_path / "gnu.mo", "--no-hash")
    gnu = (tmp_path / "gnu.mo").read_bytes()
    # Bytes 20-28 are the hash table size (0 for both) and offset (unused when the size
    # is 0: msgfmt points it at the end of the tables, Babel writes 0).
    assert ours[20:24] == gnu[20:24] == b"\0\0\0\0"
    assert ours[:24] + ours[28:] == gnu[:24] + gnu[28:]


def test_known_difference_partial_plurals(tmp_path, msgfmt):
    """Documented: English fills empty plural forms (msgfmt writes empty strings)."""
    entries = [
        polib.POEntry(msgid="b", msgstr="б"),
        polib.POEntry(msgctxt="ctx", msgid="a", msgstr="а2"),
        polib.POEntry(msgid="a", msgstr="а"),
        polib.POEntry(msgid="file", msgid_plural="files", msgstr_plural={0: "файл", 1: "", 2: "файлов"}),
    ]
    po_path = tmp_path / "x.po"
    po_path.write_text(_catalog(entries), encoding="utf-8")
    result = compile_catalog(po_path)
    _msgfmt(msgfmt, po_path, tmp_path / "gnu.mo")
    ours, gnu = _translations(result.mo_path)._catalog, _translations(tmp_path / "gnu.mo")._catalog
    assert ours["ctx\x04a"] == gnu["ctx\x04a"] == "а2"
    assert gnu[("file", 1)] == "" and ours[("file", 1)] == "files"
    assert {k: v for k, v in ours.items() if k != ("file", 1)} == {k: v for k, v in gnu.items() if k != ("file", 1)}
    assert result.translated == 4


CONTEXT_ENTRIES = [
    polib.POEntry(msgid="At present.", msgstr="Сейчас."),
    polib.POEntry(msgctxt="title", msgid="Customs news", msgstr="Таможенные новости"),
    polib.POEntry(msgctxt="headline", msgid="Zebra crossing.", msgstr="Зебра."),
    polib.POEntry(msgid="Zebra crossing.", msgstr="Пешеходный переход."),
    polib.POEntry(msgid="Élan.", msgstr="Порыв."),
]


def _originals(mo: bytes) -> list[bytes]:
    count, table = int.from_bytes(mo[8:12], "little"), int.from_bytes(mo[12:16], "little")
    out = []
    for i in range(count):
        length = int.from_bytes(mo[table + 8 * i:table + 8 * i + 4], "little")
        offset = int.from_bytes(mo[table + 8 * i + 4:table + 8 * i + 8], "little")
        out.append(mo[offset:offset + length])
    return out


def test_msgctxt_originals_sorted_by_bytes_like_msgfmt(tmp_path, msgfmt):
    """Regression: Babel sorted by msgid then context, so GNU libintl's binary search
    (a .mo without hash table) missed 'title\\x04Customs news'."""
    po_path = tmp_path / "ctx.po"
    po_path.write_text(_catalog(CONTEXT_ENTRIES), encoding="utf-8")
    ours, _counts = mo_bytes(po_path.read_text(encoding="utf-8"), po_path)
    originals = _originals(ours)
    assert originals == sorted(originals) and b"title\x04Customs news" in originals
    _msgfmt(msgfmt, po_path, tmp_path / "gnu.mo", "--no-hash")
    gnu = (tmp_path / "gnu.mo").read_bytes()
    assert ours[:24] + ours[28:] == gnu[:24] + gnu[28:]


def test_msgctxt_found_by_gnu_gettext_runtime(tmp_path):
    gettext_bin = shutil.which("gettext")
    if gettext_bin is None:
        pytest.skip("GNU gettext runtime's gettext command is not installed")
    po_path = tmp_path / "ru" / "LC_MESSAGES" / "news.po"
    po_path.parent.mkdir(parents=True)
    po_path.write_text(_catalog(CONTEXT_ENTRIES), encoding="utf-8")
    compile_catalog(po_path)
    env = {"PATH": os.environ.get("PATH", ""), "LANGUAGE": "ru", "LC_ALL": "C.UTF-8", "TEXTDOMAINDIR": str(tmp_path)}
    for context, msgid, expected in [("title", "Customs news", "Таможенные новости"),
                                     ("headline", "Zebra crossing.", "Зебра."),
                                     (None, "Zebra crossing.", "Пешеходный переход.")]:
        args = [gettext_bin, *(["-c", context] if context else []), "news", msgid]
        assert subprocess.run(args, capture_output=True, text=True, env=env, check=True).stdout == expected


def test_bad_catalog_is_a_located_error_and_writes_nothing(tmp_path):
    po_path = tmp_path / "bad.po"
    po_path.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "a"\n', encoding="utf-8")
    with pytest.raises(L10nError) as err:
        compile_catalog(po_path)
    assert str(err.value).startswith(f"{po_path}:")
    assert not po_path.with_suffix(".mo").exists()


def test_explicit_output_path(tmp_path):
    po_path = tmp_path / "wco.po"
    po_path.write_text(_catalog(ARTICLE[:1]), encoding="utf-8")
    result = compile_catalog(po_path, tmp_path / "out" / "x.mo")
    assert result.mo_path == tmp_path / "out" / "x.mo"
    assert _translations(result.mo_path).gettext("Zebra crossing.") == "Пешеходный переход."
