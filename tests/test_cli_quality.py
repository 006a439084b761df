"""CLI: l10n check / export / compile, driven through CliRunner in a tmp project."""

from __future__ import annotations

import gettext
import json
from pathlib import Path

import polib
import pytest
from typer.testing import CliRunner

from l10n.cli import app

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    """A project with one article and az/ru catalogs: some reviewed, some drafts, one bad reviewed entry."""
    (tmp_path / "source").mkdir()
    (tmp_path / "source" / "wco.txt").write_text(
        "Trend reports.\n\nDelegates from 53 states attended.\n\nIt took 1.5 days.\n", encoding="utf-8")
    (tmp_path / "glossary.tsv").write_text((REPO / "glossary.tsv").read_text(encoding="utf-8"), encoding="utf-8")
    catalogs = {
        "az": [("Trend reports.", "Trend xəbər verir.", []),
               ("Delegates from 53 states attended.", "53 dövlətdən nümayəndələr iştirak edib.", []),
               ("It took 1.5 days.", "Bu 1,5 gün çəkdi.", [])],
        "ru": [("Trend reports.", "Сообщает Тренд.", ["fuzzy"]),
               ("Delegates from 53 states attended.", "Присутствовали делегаты из 35 государств.", []),
               ("It took 1.5 days.", "Это заняло 1,5 дня.", [])],
    }
    for lang, entries in catalogs.items():
        po = polib.POFile()
        po.metadata = {"Language": lang, "MIME-Version": "1.0",
                       "Content-Type": "text/plain; charset=UTF-8", "Content-Transfer-Encoding": "8bit"}
        for msgid, msgstr, flags in entries:
            po.append(polib.POEntry(msgid=msgid, msgstr=msgstr, flags=flags))
        path = tmp_path / "locales" / lang / "LC_MESSAGES" / "wco.po"
        path.parent.mkdir(parents=True)
        po.save(str(path))
    monkeypatch.chdir(tmp_path)
    return tmp_path


runner = CliRunner()


def test_every_quality_command_has_help():
    for command in ("check", "export", "compile"):
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0, result.output
        assert "Usage" in result.output and len(result.output) > 200


def test_check_reports_and_fails_on_reviewed(project):
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert any(
        line.startswith("locales/ru/LC_MESSAGES/wco.po:") and ": numbers: 53 is missing (expected 53)" in line
        and not line.endswith("]") for line in lines
    ), lines
    assert any(": glossary: 'Trend' must stay as is (do not translate) [draft]" in line for line in lines), lines
    assert not any("/az/" in line for line in lines)
    assert "2 finding(s): 1 in reviewed entries, 1 in drafts or stale entries" in result.stderr


def test_check_exit_zero_when_only_drafts_fail(project):
    assert runner.invoke(app, ["check", "--lang", "az"]).exit_code == 0
    po_path = project / "locales/ru/LC_MESSAGES/wco.po"
    po = polib.pofile(str(po_path))
    po.find("Delegates from 53 states attended.").flags.append("fuzzy")
    po.save()
    result = runner.invoke(app, ["check", str(po_path)])
    assert result.exit_code == 0
    assert "[draft]" in result.stdout


def test_check_json(project):
    result = runner.invoke(app, ["check", "locales", "--json"])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert {(d["check"], d["state"], d["msgid"]) for d in data} == {
        ("numbers", "reviewed", "Delegates from 53 states attended."),
        ("glossary", "draft", "Trend reports."),
    }
    assert set(data[0]) == {"path", "line", "check", "message", "state", "msgid", "document", "language"}
    assert {(d["document"], d["language"]) for d in data} == {("wco", "ru")}
    po = polib.pofile(str(project / data[0]["path"]))
    assert po.find(data[0]["msgid"]).linenum == data[0]["line"]


def test_check_bad_catalog_is_one_line_error(project):
    bad = project / "locales/ru/LC_MESSAGES/bad.po"
    bad.write_text('msgid ""\nmsgstr ""\n"Language: ru\\n"\n\nmsgid "x"\n', encoding="utf-8")
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ") and "bad.po:" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.output


def test_check_unknown_language_and_missing_path(project):
    result = runner.invoke(app, ["check", "--lang", "de"])
    assert result.exit_code == 2 and "no catalogs to check for language 'de'" in result.stderr
    result = runner.invoke(app, ["check", "nowhere.po"])
    assert result.exit_code == 2 and "nowhere.po: no such file or folder" in result.stderr


def test_export_of_an_article_without_sentences(project):
    (project / "source" / "code.md").write_text("```\ncode only\n```\n", encoding="utf-8")
    result = runner.invoke(app, ["export", "--to", "az", "source/code.md"])
    assert result.exit_code == 0, result.output
    assert "wrote dist/az/code.md  (100% reviewed; segments: none)" in result.stdout
    assert (project / "dist/az/code.md").read_text(encoding="utf-8") == "```\ncode only\n```\n"


def test_export_writes_and_refuses(project):
    result = runner.invoke(app, ["export", "--to", "az"])
    assert result.exit_code == 0, result.output
    assert (project / "dist/az/wco.txt").read_text(encoding="utf-8") == (
        "Trend xəbər verir.\n\n53 dövlətdən nümayəndələr iştirak edib.\n\nBu 1,5 gün çəkdi.\n")
    assert "wrote dist/az/wco.txt" in result.stdout

    result = runner.invoke(app, ["export", "--to", "ru"])  # 2 of 3 reviewed = 67%
    assert result.exit_code == 1
    assert "refused: wco: 66.6% reviewed in ru (2 of 3 segments), below the minimum of 80%" in result.stderr
    assert not (project / "dist/ru").exists()

    result = runner.invoke(app, ["export", "--to", "ru", "--min-reviewed", "60", "--fallback", "draft",
                                 "--format", "html", "-o", "out"])
    assert result.exit_code == 0, result.output
    page = (project / "out/wco.html").read_text(encoding="utf-8")
    assert '<html lang="ru">' in page and "<p>Сообщает Тренд.</p>" in page


def test_export_min_reviewed_default_is_the_librarys():
    """The CLI writes the number (importing l10n.export.plan would load polib on every --help); they must agree."""
    import typer.main

    from l10n.export.plan import DEFAULT_MIN_REVIEWED

    (option,) = [p for p in typer.main.get_command(app).commands["export"].params if p.name == "min_reviewed"]
    assert option.default == DEFAULT_MIN_REVIEWED


def test_export_json_output_and_bad_format(project):
    result = runner.invoke(app, ["export", "source/wco.txt", "--to", "az", "--json", "-f", "json"])
    assert result.exit_code == 0, result.output
    (item,) = json.loads(result.stdout)
    assert item["reviewed"] == 3 and item["refused"] is None and item["path"].endswith("dist/az/wco.json")
    written = (project / "dist" / "az" / "wco.json").read_bytes()
    assert "xəbər".encode() in written and b"\\u" not in written, "UTF-8, not \\uXXXX escapes"
    result = runner.invoke(app, ["export", "--to", "az", "--format", "pdf"])
    assert result.exit_code == 2 and "unknown format 'pdf'" in result.stderr
    result = runner.invoke(app, ["export", "--to", "xx", "--min-reviewed", "0"])  # was: dist/xx/ of English
    assert result.exit_code == 2 and result.stderr == "error: unknown language code 'xx'\n"
    assert not (project / "dist" / "xx").exists()
    result = runner.invoke(app, ["export", "source/wco.txt", "--to", "AZ", "--json"])  # was: refused, no catalog
    assert result.exit_code == 0 and json.loads(result.stdout)[0]["path"].endswith("dist/az/wco.txt")
    result = runner.invoke(app, ["export"])
    assert result.exit_code == 2 and "--to" in result.output


def test_compile(project, msgfmt):
    result = runner.invoke(app, ["compile"])
    assert result.exit_code == 0, result.output
    assert "locales/ru/LC_MESSAGES/wco.mo: 2 translated, 1 fuzzy, 0 untranslated" in result.stdout
    with open(project / "locales/ru/LC_MESSAGES/wco.mo", "rb") as fh:
        t = gettext.GNUTranslations(fh)
    assert t.gettext("It took 1.5 days.") == "Это заняло 1,5 дня."
    assert t.gettext("Trend reports.") == "Trend reports."  # fuzzy: left out
    result = runner.invoke(app, ["compile", "--lang", "az", "--json"])
    data = json.loads(result.stdout)
    assert [(Path(d["mo"]).parent.parent.name, d["translated"]) for d in data] == [("az", 3)]
    data = json.loads(runner.invoke(app, ["compile", "--lang", "AZ", "--json"]).stdout)
    assert [Path(d["mo"]).parent.parent.name for d in data] == ["az"]


def test_export_and_compile_json_keys_are_a_contract(project, msgfmt):
    (item,) = json.loads(runner.invoke(app, ["export", "--to", "ru", "--json"]).stdout)  # refused: 66.6%
    assert list(item) == ["document", "lang", "language", "path", "reviewed", "total", "refused", "filled",
                          "preview"]
    assert (item["lang"], item["language"], item["path"], item["filled"]) == ("ru", "ru", None, {})
    data = json.loads(runner.invoke(app, ["compile", "--lang", "ru", "--json"]).stdout)
    # the keys scripts rely on, in order; 'language' added (as check, export and status have it)
    assert [list(d) for d in data] == [["po", "mo", "translated", "fuzzy", "untranslated", "language"]]
    assert data[0]["language"] == "ru"
    assert data[0]["po"].endswith("locales/ru/LC_MESSAGES/wco.po") and data[0]["fuzzy"] == 1


def test_demo_end_to_end_check_review_export_compile(tmp_path, monkeypatch, msgfmt):
    """Real path: `l10n demo` drafts with the bundled models; review = clear fuzzy; then export/compile."""
    monkeypatch.chdir(tmp_path)
    assert runner.invoke(app, ["demo", "demo"]).exit_code == 0
    demo = tmp_path / "demo"
    monkeypatch.chdir(demo)
    (demo / "glossary.tsv").write_text((REPO / "glossary.tsv").read_text(encoding="utf-8"), encoding="utf-8")

    result = runner.invoke(app, ["check"])
    assert result.exit_code == 0, result.output  # the demo drafts follow the glossary
    assert "22 translated entries in 2 catalog(s)" in result.stderr

    result = runner.invoke(app, ["export", "--to", "ru"])
    assert result.exit_code == 1 and "0% reviewed in ru (0 of 11 segments)" in result.stderr

    po_path = demo / "locales/ru/LC_MESSAGES/wco-europe-customs.po"
    po = polib.pofile(str(po_path))
    for entry in po:
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    po.save()
    result = runner.invoke(app, ["export", "--to", "ru", "--format", "html"])
    assert result.exit_code == 0, result.output
    page = (demo / "dist/ru/wco-europe-customs.html").read_text(encoding="utf-8")
    assert '<html lang="ru">' in page and page.count("<p>") == 11 and "сообщает Trend" in page

    result = runner.invoke(app, ["export", "--to", "ru"])
    text = (demo / "dist/ru/wco-europe-customs.txt").read_text(encoding="utf-8")
    source = (demo / "source/wco-europe-customs.txt").read_text(encoding="utf-8")
    assert text.count("\n") == source.count("\n") and "\n\n\n\n" in text  # the blank lines survive

    result = runner.invoke(app, ["compile"])
    assert "ru/LC_MESSAGES/wco-europe-customs.mo: 11 translated, 0 fuzzy" in result.stdout
    assert "az/LC_MESSAGES/wco-europe-customs.mo: 0 translated, 11 fuzzy" in result.stdout


def test_export_defaults_to_the_articles_own_format(tmp_path, monkeypatch):
    """A .md article exports as .md and a .txt one as .txt unless --format says otherwise."""
    import polib

    project = tmp_path / "p"
    (project / "source").mkdir(parents=True)
    (project / "source" / "a.md").write_text("# Title\n\nOne sentence.\n", encoding="utf-8")
    (project / "source" / "b.txt").write_text("Another sentence.\n", encoding="utf-8")
    folder = project / "locales" / "az" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    for name, ids in (("a", ["Title", "One sentence."]), ("b", ["Another sentence."])):
        po = polib.POFile()
        po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "az"}
        for msgid in ids:
            po.append(polib.POEntry(msgid=msgid, msgstr=f"az {msgid}"))
        po.save(str(folder / f"{name}.po"))
    monkeypatch.chdir(project)
    result = CliRunner().invoke(app, ["export", "--to", "az"])
    assert result.exit_code == 0, result.output
    assert (project / "dist" / "az" / "a.md").read_text(encoding="utf-8") == "# az Title\n\naz One sentence.\n"
    assert (project / "dist" / "az" / "b.txt").read_text(encoding="utf-8") == "az Another sentence.\n"
    assert not (project / "dist" / "az" / "a.txt").exists()


def test_export_json_has_language_like_status(project):
    result = runner.invoke(app, ["export", "--to", "az", "--json", "--min-reviewed", "0"])
    data = json.loads(result.stdout)
    assert data and all(item["language"] == item["lang"] == "az" for item in data)


# --- one language option on every command (issue 14) ------------------------------


@pytest.mark.parametrize("option", ["--to", "--lang", "-t", "-l"])
def test_check_and_compile_take_the_same_language_option(project, option):
    checked = runner.invoke(app, ["check", option, "az", "--json"])
    assert {f["language"] for f in json.loads(checked.stdout)} <= {"az"}
    compiled = json.loads(runner.invoke(app, ["compile", option, "az,ru", "--json"]).stdout)
    assert sorted(c["language"] for c in compiled) == ["az", "ru"]


def test_export_takes_several_languages(project):
    result = runner.invoke(app, ["export", "--to", "az,ru", "--min-reviewed", "0", "--json"])
    assert result.exit_code == 0, result.output
    assert sorted(item["language"] for item in json.loads(result.stdout)) == ["az", "ru"]


@pytest.mark.parametrize("command", [["status"], ["check"], ["compile"], ["export", "--min-reviewed", "0"]])
def test_iso_639_2_codes_mean_the_two_letter_language(project, command):
    """--to rus quietly became ru_RU ('install en:ru_RU'), aze became az_Latn_AZ."""
    result = runner.invoke(app, [*command, "--to", "rus", "--json"])
    assert result.exit_code in (0, 1), result.output
    rows = json.loads(result.stdout)
    assert rows and {r.get("language") for r in rows} == {"ru"}


def test_an_unknown_language_suggests_the_close_one(project):
    result = runner.invoke(app, ["status", "--to", "rx"])
    assert result.exit_code == 2
    assert result.stderr == "error: unknown language code 'rx' (did you mean ru?)\n"
