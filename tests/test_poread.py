"""Strict .po reading: malformed catalogs give path:line errors; msgfmt is the oracle."""

from __future__ import annotations

import io
import subprocess

import polib
import pytest

from l10n.errors import L10nError
from l10n.catalog.files import load_catalog
from l10n.catalog.reader import decode_po, parse_po

HEADER = (
    'msgid ""\n'
    'msgstr ""\n'
    '"Project-Id-Version: test 1\\n"\n'
    '"Language: ru\\n"\n'
    '"MIME-Version: 1.0\\n"\n'
    '"Content-Type: text/plain; charset=UTF-8\\n"\n'
    '"Content-Transfer-Encoding: 8bit\\n"\n'
    '"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && '
    'n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\\n"\n'
    "\n"
)
# HEADER has 9 lines, so the first entry after it starts on line 10.
OK_ENTRY = 'msgid "Hello."\nmsgstr "Привет."\n'

# (name, file bytes, expected error line, does GNU msgfmt --check reject it too?)
# "policy" rows (msgfmt accepts them) are stricter choices of l10n, documented in l10n/poread.py.
BAD = [
    ("unterminated string", HEADER + 'msgid "Hello.\nmsgstr "x"\n', 10, True),
    ("unterminated continuation", HEADER + 'msgid ""\n"Hello.\nmsgstr "x"\n', 11, True),
    ("bad escape", HEADER + 'msgid "a\\q"\nmsgstr "b"\n', 10, True),
    ("escape \\a (policy)", HEADER + 'msgid "a\\a"\nmsgstr "b\\a"\n', 10, False),
    ("octal escape (policy)", HEADER + 'msgid "a\\101"\nmsgstr "b"\n', 10, False),
    ("duplicate msgid", HEADER + OK_ENTRY + "\n" + OK_ENTRY, 13, True),
    (
        "duplicate msgid same msgctxt",
        HEADER + 'msgctxt "t"\n' + OK_ENTRY + '\nmsgctxt "u"\n' + OK_ENTRY + '\nmsgctxt "t"\n' + OK_ENTRY,
        19,
        True,
    ),
    ("duplicate of an obsolete entry", HEADER + OK_ENTRY + '\n#~ msgid "Hello."\n#~ msgstr "x"\n', 13, True),
    ("duplicate header", HEADER + OK_ENTRY + '\nmsgid ""\nmsgstr "x"\n', 13, True),
    ("msgid without msgstr", HEADER + 'msgid "a"\n\nmsgid "b"\nmsgstr "c"\n', 10, True),
    ("msgid without msgstr at end", HEADER + OK_ENTRY + '\nmsgid "b"\n', 13, True),
    ("comment between msgid and msgstr", HEADER + 'msgid "a"\n# note\nmsgstr "b"\n', 11, True),
    ("msgstr without msgid", HEADER + 'msgstr "b"\n', 10, True),
    ("two msgstr", HEADER + 'msgid "a"\nmsgstr "b"\nmsgstr "c"\n', 12, True),
    ("msgctxt without msgid", HEADER + 'msgctxt "t"\nmsgstr "b"\n', 11, True),
    ("plural: too few forms", HEADER + 'msgid "a"\nmsgid_plural "as"\nmsgstr[0] "b"\nmsgstr[1] "c"\n', 10, True),
    (
        "plural: too many forms",
        HEADER + 'msgid "a"\nmsgid_plural "as"\n' + "".join(f'msgstr[{i}] "b"\n' for i in range(4)),
        10,
        True,
    ),
    ("plural: gap in indexes", HEADER + 'msgid "a"\nmsgid_plural "as"\nmsgstr[0] "b"\nmsgstr[2] "c"\n', 13, True),
    ("plural: plain msgstr", HEADER + 'msgid "a"\nmsgid_plural "as"\nmsgstr "b"\n', 12, True),
    ("msgstr[0] without msgid_plural", HEADER + 'msgid "a"\nmsgstr[0] "b"\n', 11, True),
    ("charset latin1 (policy)", HEADER.replace("UTF-8", "ISO-8859-1") + OK_ENTRY.replace("Привет", "Hallo"), 1, False),
    ("charset ASCII with non-ASCII text", HEADER.replace("UTF-8", "ASCII") + OK_ENTRY, 1, True),
    ("non-UTF-8 bytes", (HEADER + 'msgid "a"\nmsgstr "b\udcff"\n').encode("utf-8", "surrogateescape"), 11, True),
    ("UTF-8 BOM", b"\xef\xbb\xbf" + (HEADER + OK_ENTRY).encode(), 1, True),
    ("NUL byte (policy)", HEADER + 'msgid "a"\nmsgstr "b\x00c"\n', 11, False),
    ("truncated mid-string", HEADER + OK_ENTRY + '\nmsgid "Good morn', 13, True),
    ("truncated after msgid", HEADER + OK_ENTRY + '\nmsgid "Good morning."\n', 13, True),
    ("truncated after keyword", HEADER + OK_ENTRY + '\nmsgid "Good morning."\nmsgstr', 14, True),
    ("truncated plural", HEADER + 'msgid "a"\nmsgid_plural "as"\nmsgstr[0] "b"\n', 10, True),
    ("garbage line", HEADER + OK_ENTRY + "this is not a catalog\n", 12, True),
    ("text after closing quote", HEADER + 'msgid "a" b\nmsgstr "c"\n', 10, True),
    ("binary garbage", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 3, True),
    ("empty file", "", 1, True),
    ("no header", OK_ENTRY, 1, True),
    ("continuation without keyword", '"loose"\n' + HEADER, 1, True),
    ("unknown comment (policy)", HEADER + "#note\n" + OK_ENTRY, 10, False),
    ("flag without space (policy)", HEADER + "#,fuzzy\n" + OK_ENTRY, 10, False),
    ("#| without keyword", HEADER + '#| "x"\n' + OK_ENTRY, 10, True),
    ("stray CR (policy)", HEADER + 'msgid "a"\rmsgstr "b"\n', 10, False),
    ("obsolete mixed with active", HEADER + '#~ msgid "a"\nmsgstr "b"\n', 11, True),
    ("bad Plural-Forms", HEADER.replace("nplurals=3", "nplurals=x") + OK_ENTRY, 1, True),
    ("comment after #|", HEADER + '#| msgid "old"\n#, fuzzy\n' + OK_ENTRY, 11, True),
    ("#| msgctxt after #| msgid", HEADER + '#| msgid "old"\n#| msgctxt "c"\n' + OK_ENTRY, 11, True),
    ("#| msgid_plural alone", HEADER + '#| msgid_plural "olds"\n' + OK_ENTRY, 10, True),
    ("#| at the end", HEADER + OK_ENTRY + '#| msgid "old"\n', 12, True),
    ("#| before an obsolete entry", HEADER + '#| msgid "old"\n#~ msgid "a"\n#~ msgstr "b"\n', 11, True),
    ("#~| before an active entry", HEADER + '#~| msgid "old"\n' + OK_ENTRY, 11, True),
    ("no-break space line", HEADER + "\u00a0\n" + OK_ENTRY, 10, True),
    ("U+2028 line", HEADER + OK_ENTRY + "\u2028\n", 12, True),
    ("EOT inside a string", HEADER + 'msgid "a\x04b"\nmsgstr "c"\n', 10, True),
]


def _bytes(content: str | bytes) -> bytes:
    return content if isinstance(content, bytes) else content.encode("utf-8")


@pytest.mark.parametrize("name,content,line,msgfmt_rejects", BAD, ids=[row[0] for row in BAD])
def test_malformed_catalog_raises_with_line(tmp_path, msgfmt, name, content, line, msgfmt_rejects):
    path = tmp_path / "doc.po"
    path.write_bytes(_bytes(content))
    with pytest.raises(L10nError) as info:
        load_catalog(path).po
    err = info.value
    assert err.path == str(path)
    assert err.line == line, str(err)
    assert str(err).startswith(f"{path}:{line}: ")
    assert "\n" not in str(err)
    oracle = subprocess.run([msgfmt, "--check", "-o", "/dev/null", str(path)], capture_output=True)
    assert (oracle.returncode != 0) == msgfmt_rejects, oracle.stderr.decode(errors="replace")


def test_every_bad_input_is_counted():
    # The report to the lead quotes this number.
    assert len(BAD) == 50


@pytest.mark.parametrize(
    "name,content",
    [
        ("plain", HEADER + OK_ENTRY),
        ("crlf", (HEADER + OK_ENTRY).replace("\n", "\r\n")),
        ("no trailing newline", HEADER + OK_ENTRY.rstrip("\n")),
        ("charset placeholder", HEADER.replace("UTF-8", "CHARSET") + 'msgid "a"\nmsgstr ""\n'),
        ("continuation after blank line", HEADER + 'msgid "a"\n\nmsgstr ""\n\n"b"\n'),
        ("obsolete with previous", HEADER + OK_ENTRY + '\n#~| msgid "old"\n#~ msgid "gone"\n#~ msgstr "x"\n'),
        ("trailing comment", HEADER + OK_ENTRY + "# trailing\n"),
        ("tabs", HEADER + 'msgid\t"a"\nmsgstr\t"b"\t\n'),
        ("form feed line", HEADER + "\f\n" + OK_ENTRY),
    ],
)
def test_valid_variants_are_accepted_by_both(tmp_path, msgfmt, name, content):
    path = tmp_path / "doc.po"
    path.write_bytes(_bytes(content))
    po = load_catalog(path).po
    assert po.fpath == str(path)
    assert po.metadata["Language"] == "ru"
    assert subprocess.run([msgfmt, "--check", "-o", "/dev/null", str(path)]).returncode == 0


def test_crlf_reads_like_lf():
    lf = parse_po(HEADER + OK_ENTRY)
    crlf = parse_po((HEADER + OK_ENTRY).replace("\n", "\r\n"))
    assert [(e.msgid, e.msgstr) for e in crlf] == [(e.msgid, e.msgstr) for e in lf] == [("Hello.", "Привет.")]
    assert crlf.metadata == lf.metadata


def _rich_catalog() -> polib.POFile:
    po = polib.POFile(wrapwidth=78)
    po.metadata = {
        "Project-Id-Version": "l10n test",
        "Language": "ru",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && "
        "n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
    }
    tricky = 'Quotes "x", a back\\slash, a tab\there, U+2028\u2028and U+0085\x85 and ё'
    po.append(polib.POEntry(msgid="Simple.", msgstr="Простое."))
    po.append(polib.POEntry(msgid=tricky, msgstr=tricky.upper(), occurrences=[("source/a.txt", "3")]))
    po.append(polib.POEntry(msgid="Two\nlines\n", msgstr="Две\nстроки\n", comment="extracted", tcomment="by hand"))
    po.append(
        polib.POEntry(
            msgid="Changed sentence.", msgstr="Старый перевод.", flags=["fuzzy"], previous_msgid="Old sentence."
        )
    )
    po.append(polib.POEntry(msgctxt="title", msgid="Simple.", msgstr="Заголовок."))
    po.append(polib.POEntry(msgid="Long " * 60, msgstr="Длинно " * 60))
    po.append(
        polib.POEntry(
            msgid="%d file", msgid_plural="%d files", msgstr_plural={0: "%d файл", 1: "%d файла", 2: "%d файлов"}
        )
    )
    po.append(polib.POEntry(msgid="Untranslated.", msgstr=""))
    po.append(polib.POEntry(msgid="Gone.", msgstr="Ушло.", obsolete=True))
    return po


def _fields(po: polib.POFile):
    return [
        (
            e.msgctxt,
            e.msgid,
            e.msgstr,
            e.msgid_plural,
            dict(e.msgstr_plural),
            e.flags,
            e.previous_msgid,
            e.comment,
            e.tcomment,
            e.occurrences,
            e.obsolete,
        )
        for e in po
    ]


def test_polib_written_catalog_round_trips(tmp_path, msgfmt):
    original = _rich_catalog()
    path = tmp_path / "rich.po"
    original.save(str(path))
    loaded = load_catalog(path).po
    assert _fields(loaded) == _fields(original)
    assert loaded.metadata == original.metadata
    assert str(loaded) == str(original)
    check = subprocess.run([msgfmt, "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr


def test_polib_written_template_round_trips(tmp_path):
    pot = polib.POFile()
    pot.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    pot.append(polib.POEntry(msgid="One.", msgstr="", occurrences=[("source/a.txt", "1")]))
    path = tmp_path / "a.pot"
    pot.save(str(path))
    assert [e.msgid for e in load_catalog(path).po] == ["One."]


def test_parse_po_reads_strings_not_paths(tmp_path, monkeypatch):
    # polib.pofile() treats a string naming an existing file as a path; parse_po never does.
    monkeypatch.chdir(tmp_path)
    (tmp_path / "#").write_text(HEADER + OK_ENTRY)
    with pytest.raises(L10nError, match="no header"):
        parse_po("#")


def test_line_separators_inside_strings_stay_inside():
    text = HEADER + 'msgid "a\u2028b\x0cc"\nmsgstr "x\x1cy"\n'
    (entry,) = parse_po(text)
    assert entry.msgid == "a\u2028b\x0cc" and entry.msgstr == "x\x1cy"


def test_decode_reports_line_of_bad_byte():
    with pytest.raises(L10nError) as info:
        decode_po(b"line1\nline2\n\xc3(\n", "x.po")
    assert str(info.value).startswith("x.po:3: invalid UTF-8")


def test_parse_from_stringio_content():
    # readers take strings, so tests can build catalogs in memory
    buffer = io.StringIO(HEADER + OK_ENTRY)
    assert parse_po(buffer.getvalue(), "mem.po")[0].msgstr == "Привет."


@pytest.mark.parametrize("kind", ["missing", "folder"])
def test_unreadable_paths(tmp_path, kind):
    path = tmp_path / "doc.po"
    if kind == "folder":
        path.mkdir()
    with pytest.raises(L10nError) as info:
        load_catalog(path).po
    assert str(info.value).startswith(f"{path}: ")


def test_unreadable_permission(tmp_path, monkeypatch):
    path = tmp_path / "doc.po"
    path.write_text(HEADER + OK_ENTRY)

    import os

    from l10n.catalog import files

    real_open = os.open

    def denied(name, *args, **kwargs):  # root reads a chmod 000 file, so refuse the open itself
        if str(name) == str(path):
            raise PermissionError(13, "Permission denied", str(name))
        return real_open(name, *args, **kwargs)

    monkeypatch.setattr(files.os, "open", denied)
    with pytest.raises(L10nError, match="permission denied"):
        load_catalog(path).po


def test_large_catalog_reads_in_linear_time(tmp_path):
    # 20,000 entries: a smoke test that nothing is quadratic (no timing assertion; see scripts/).
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    for i in range(20_000):
        po.append(polib.POEntry(msgid=f"Sentence number {i}.", msgstr=f"Предложение {i}."))
    path = tmp_path / "big.po"
    po.save(str(path))
    assert len(load_catalog(path).po) == 20_000


# --- through the CLI: a malformed catalog is one line, exit 2, no traceback, nothing written ---------


def _project_with_bad_catalog(root, content) -> tuple:
    (root / "source").mkdir(parents=True)
    (root / "source" / "a.txt").write_text("Hello. Good morning.\n", encoding="utf-8")
    catalog = root / "locales" / "az" / "LC_MESSAGES" / "a.po"
    catalog.parent.mkdir(parents=True)
    catalog.write_bytes(_bytes(content))
    return catalog


def _snapshot(root):
    return {p: p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("name,content,line,msgfmt_rejects", BAD, ids=[row[0] for row in BAD])
def test_cli_translate_refuses_a_malformed_catalog(tmp_path, name, content, line, msgfmt_rejects):
    from typer.testing import CliRunner

    from l10n.cli import app

    catalog = _project_with_bad_catalog(tmp_path, content)
    before = _snapshot(tmp_path)
    result = CliRunner().invoke(app, ["translate", str(tmp_path), "--to", "az,ru"])
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert lines == [lines[0]] and lines[0].startswith(f"error: {catalog}:{line}: "), result.stderr
    assert "Traceback" not in result.output
    assert _snapshot(tmp_path) == before  # nothing written: not the catalog, nor the template, nor ru


@pytest.mark.parametrize("command", ["status", "check", "export", "compile"])
def test_other_commands_report_a_malformed_catalog_in_one_line(tmp_path, command):
    from typer.testing import CliRunner

    from l10n.cli import app

    catalog = _project_with_bad_catalog(tmp_path, HEADER + 'msgid "Hello."\n\nmsgid "Good morning."\nmsgstr ""\n')
    before = _snapshot(tmp_path)
    extra = ["--to", "az"] if command == "export" else []
    result = CliRunner().invoke(app, [command, str(tmp_path), *extra])
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {catalog}:10: msgid on line 10 has no msgstr"), result.stderr
    assert _snapshot(tmp_path) == before


@pytest.mark.parametrize("kind", ["fifo", "dev-zero"])
def test_a_pipe_or_device_in_place_of_a_catalog_is_refused_at_once(tmp_path, kind):
    """A FIFO hung the reader; a symlink to /dev/zero ate memory (issue 16)."""
    import os

    path = tmp_path / "doc.po"
    if kind == "fifo":
        os.mkfifo(path)
    else:
        path.symlink_to("/dev/zero")
    with pytest.raises(L10nError, match="not a regular file") as info:
        load_catalog(path)
    assert str(info.value).startswith(f"{path}: ")
