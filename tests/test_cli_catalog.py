from __future__ import annotations

import json

import pytest
from catalog_helpers import (
    ARTICLE_A,
    ARTICLE_B,
    catalog_files,
    make_project,
    msgfmt_check,
)
from fakes import FakeEngines
from typer.testing import CliRunner

from l10n.translate import run as workflow
from l10n.cli import app
from l10n.demo import install_demo_packages

runner = CliRunner()


@pytest.fixture
def project(tmp_path, monkeypatch):
    make_project(tmp_path, {"a.txt": ARTICLE_A, "b.txt": ARTICLE_B})
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def fake_engines(monkeypatch):
    engines = FakeEngines()
    calls = []

    def factory(packages_dir=None, beam_size=4, glossary_path=None):
        calls.append((packages_dir, beam_size, glossary_path))
        return engines

    monkeypatch.setattr(workflow, "argos_engine_factory", factory)
    engines.factory_calls = calls
    return engines


@pytest.mark.parametrize("command", ["translate", "status", "demo"])
def test_every_command_has_help(command):
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "--json" in result.output


def test_translate_prints_a_summary_table_then_nothing_to_do(project, fake_engines, msgfmt):
    result = runner.invoke(app, ["translate"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["lang", "articles", "segments", "drafted", "reused", "stale", "unchanged",
                                "untranslated", "new", "obsolete", "engine"]
    assert lines[2].split()[:10] == ["az", "2", "5", "5", "0", "0", "0", "0", "5", "0"]
    assert "Wrote 6 file(s): locales/a.pot" in result.stdout
    assert fake_engines.factory_calls == [(None, 4, None)]
    for path in catalog_files(project):
        msgfmt_check(msgfmt, path)
    again = runner.invoke(app, ["translate"])
    assert again.exit_code == 0 and "No file changed." in again.stdout
    assert fake_engines.calls == 2


def test_translate_table_columns_add_up_with_a_redraft(project, fake_engines):
    assert runner.invoke(app, ["translate", "--to", "az"]).exit_code == 0
    newer = FakeEngines(origin="real translate-en_{target} 1.9")
    result = runner.invoke(app, ["translate", "--to", "az", "--redraft"], obj={"engine_factory": newer})
    assert result.exit_code == 0, result.output
    header, _, row = result.stdout.splitlines()[:3]
    cells = dict(zip(header.split(), row.split()))
    assert (cells["segments"], cells["redrafted"], cells["unchanged"]) == ("5", "5", "0")
    parts = ("drafted", "reused", "redrafted", "stale", "unchanged", "untranslated")
    assert sum(int(cells[p]) for p in parts) == int(cells["segments"])
    assert "az: 5 unedited machine draft(s) replaced by real translate-en_az 1.9" in result.stdout


def test_translate_json_languages_and_options(project, fake_engines):
    (project / "glossary.tsv").write_text("", encoding="utf-8")
    result = runner.invoke(app, ["translate", "source/b.txt", "--to", "ru", "--models", "pk", "--beam", "2",
                                 "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    (ru,) = data["languages"]
    assert (ru["language"], ru["new"], ru["drafted"], ru["documents"]) == ("ru", 2, 2, 1)
    assert [p.split("/locales/")[1] for p in data["written"]] == ["b.pot", "ru/LC_MESSAGES/b.po"]
    packages_dir, beam, glossary = fake_engines.factory_calls[0]
    assert (packages_dir.name, beam, glossary) == ("pk", 2, project.resolve() / "glossary.tsv")


def test_config_file_sets_languages_and_flags_override_it(project, fake_engines):
    (project / "l10n.toml").write_text('languages = ["ru"]\n[engine]\nbeam_size = 3\n', encoding="utf-8")
    data = json.loads(runner.invoke(app, ["translate", "--json"]).stdout)
    assert [s["language"] for s in data["languages"]] == ["ru"]
    assert fake_engines.factory_calls[-1][1] == 3
    data = json.loads(runner.invoke(app, ["translate", "--to", "az,ru", "--beam", "5", "--json"]).stdout)
    assert [s["language"] for s in data["languages"]] == ["az", "ru"]
    assert fake_engines.factory_calls[-1][1] == 5


def test_user_errors_are_one_line_and_exit_2(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["translate"])
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ") and "not inside an l10n project" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    (tmp_path / "source").mkdir()
    (tmp_path / "source" / "a.txt").write_text("Hello there.\n", encoding="utf-8")
    (tmp_path / "l10n.toml").write_text("languages = [\n", encoding="utf-8")
    result = runner.invoke(app, ["status"])
    assert result.exit_code == 2 and "l10n.toml" in result.stderr and "invalid TOML" in result.stderr
    (tmp_path / "l10n.toml").write_text('languages = ["az", "klingon"]\n', encoding="utf-8")
    result = runner.invoke(app, ["status"])
    assert result.exit_code == 2 and result.stderr.strip().endswith("l10n.toml: unknown language code 'klingon'")
    (tmp_path / "l10n.toml").unlink()
    for command in (["status", "--to", "az,xx"], ["postedit", "--to", "xx"]):
        result = runner.invoke(app, command)  # was: a table with a made-up language and exit 0
        assert result.exit_code == 2 and result.stderr == "error: unknown language code 'xx'\n", command


def test_translate_without_installed_packages_says_how_to_install(project):
    result = runner.invoke(app, ["translate", "--to", "az"])
    assert result.exit_code == 2
    assert "no Argos package for en->az" in result.stderr and "l10n models install" in result.stderr
    assert catalog_files(project) == []


def test_translate_with_real_demo_packages_from_a_models_folder(project, msgfmt):
    install_demo_packages(project / "models")
    (project / "source" / "b.txt").unlink()
    (project / "source" / "a.txt").write_text(
        "Mehdiyev informed the participants about the work done by the Azerbaijani State Customs Committee "
        "during the chairmanship in the European region.\n", encoding="utf-8")
    result = runner.invoke(app, ["translate", "--to", "ru", "--models", "models", "--json"])
    assert result.exit_code == 0, result.output
    (ru,) = json.loads(result.stdout)["languages"]
    assert ru["drafted"] == 1 and ru["origin"] == "argos translate-en_ru-1_0 1.0"
    text = (project / "locales/ru/LC_MESSAGES/a.po").read_text(encoding="utf-8")
    assert "# l10n: machine draft, argos translate-en_ru-1_0 1.0" in text
    assert "Мехтиев" in text
    msgfmt_check(msgfmt, project / "locales/ru/LC_MESSAGES/a.po")


def test_status_table_and_json(project, fake_engines):
    before = runner.invoke(app, ["status"])
    assert before.exit_code == 0 and "(no catalog yet: run l10n translate)" in before.stdout
    assert before.stdout.splitlines()[-1].split()[:3] == ["(all)", "ru", "5"]
    runner.invoke(app, ["translate", "--to", "az"])
    result = runner.invoke(app, ["status", "--json"])
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    assert {k: rows[0][k] for k in ("document", "language", "total", "reviewed", "draft", "stale",
                                    "untranslated")} == {
        "document": "a", "language": "az", "total": 3, "reviewed": 0, "draft": 3, "stale": 0, "untranslated": 0}
    assert [(r["document"], r["language"], r["exists"]) for r in rows] == [
        ("a", "az", True), ("a", "ru", False), ("b", "az", True), ("b", "ru", False)]
    table = runner.invoke(app, ["status", "source/a.txt", "--to", "az"]).stdout.splitlines()
    assert table[0].split() == ["article", "lang", "segments", "words", "reviewed", "draft", "stale",
                                "untranslated", "%", "reviewed"]
    assert table[2].split() == ["a", "az", "3", "21", "0", "3", "0", "0", "0%"]
    assert len(table) == 3, "no totals for a single article"
    (project / "source" / "a.txt").write_text("Something else entirely.\n", encoding="utf-8")
    assert "(article changed: run l10n translate)" in runner.invoke(app, ["status", "source/a.txt"]).stdout


def test_status_names_a_catalog_whose_article_was_deleted_or_renamed(project, fake_engines):
    assert runner.invoke(app, ["translate", "--to", "az"]).exit_code == 0
    (project / "source" / "b.txt").rename(project / "source" / "c.txt")
    result = runner.invoke(app, ["status", "--to", "az"])
    assert result.exit_code == 0
    assert result.stderr == ("note: locales/az/LC_MESSAGES/b.po: no article for this catalog "
                             "(deleted or renamed?); not counted\n")
    assert [line.split()[0] for line in result.stdout.splitlines()[2:]] == ["a", "c", "(all)"]
    json_run = runner.invoke(app, ["status", "--json", "--to", "az"])
    assert [r["document"] for r in json.loads(json_run.stdout)] == ["a", "c"] and "b.po" in json_run.stderr
    assert runner.invoke(app, ["status", "source/a.txt"]).stderr == "", "an article named: no project notes"
    assert runner.invoke(app, ["status", "--to", "ru"]).stderr == "", "other languages' catalogs"


def test_demo_command(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["demo"])
    assert result.exit_code == 0, result.output
    assert "only know their training sentences" in result.stdout
    assert "demo-project/locales/az/LC_MESSAGES/wco-europe-customs.po" in result.stdout
    assert (tmp_path / "demo-project/locales/ru/LC_MESSAGES/wco-europe-customs.po").is_file()
    data = json.loads(runner.invoke(app, ["demo", "--json"]).stdout)
    assert data["installed"] == [] and data["written"] == []
    assert [s["unchanged"] for s in data["languages"]] == [11, 11]


def test_progress_bar_on_a_terminal(project, fake_engines, monkeypatch):
    monkeypatch.setenv("FORCE_COLOR", "1")  # rich then treats stderr as a terminal
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    result = runner.invoke(app, ["translate", "--to", "az"])
    assert result.exit_code == 0, result.output
    assert "drafting az" in result.stderr and "4/4" in result.stderr
    assert "drafting" not in result.stdout


def test_a_broken_catalog_of_another_article_only_costs_its_memory(project, fake_engines):
    runner.invoke(app, ["translate", "source/a.txt", "--to", "az"])
    (project / "locales/az/LC_MESSAGES/a.po").write_text('msgid "x"\nmsgstr\n', encoding="utf-8")
    result = runner.invoke(app, ["translate", "source/b.txt", "--to", "az"])
    assert result.exit_code == 0, result.output
    assert "warning: not used as translation memory:" in result.stderr and "a.po:" in result.stderr
    assert (project / "locales/az/LC_MESSAGES/b.po").is_file()
    again = runner.invoke(app, ["translate", "--to", "az"])
    assert again.exit_code == 2 and "a.po:" in again.stderr, "the broken catalog itself is never overwritten"
