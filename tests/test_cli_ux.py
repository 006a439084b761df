"""The command line as a newcomer and a script see it: hints for empty cases, clean JSON on stdout."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import l10n
from l10n.cli import app
from test_packages import index_server  # noqa: F401  (fixture: local HTTP index)

runner = CliRunner()


@pytest.fixture
def empty_project(tmp_path, monkeypatch):
    (tmp_path / "source").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("command", ["status", "postedit"])
def test_a_project_without_articles_gets_a_hint_not_a_bare_header(empty_project, command):
    result = runner.invoke(app, [command])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "No articles yet" in result.stderr
    assert "source/<name>.txt or .md" in result.stderr and "l10n translate" in result.stderr


@pytest.mark.parametrize("command", ["status", "postedit"])
def test_a_project_without_articles_is_an_empty_json_list(empty_project, command):
    result = runner.invoke(app, [command, "--json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == []


@pytest.mark.parametrize("command", ["check", "compile"])
def test_catalog_commands_in_a_project_without_catalogs_say_run_translate(empty_project, command):
    result = runner.invoke(app, [command])
    assert result.exit_code == 2
    assert "no catalogs yet: run 'l10n translate' first" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize("command", ["check", "compile"])
def test_catalog_commands_given_an_article_say_it_is_not_a_catalog(empty_project, command):
    (empty_project / "source" / "a.txt").write_text("Hello world.\n", encoding="utf-8")
    result = runner.invoke(app, [command, "source/a.txt"])
    assert result.exit_code == 2
    assert result.stderr.strip().startswith("error: source/a.txt: not a catalog: expected a .po file")


@pytest.mark.parametrize("name", ["a.po", "a.pot"])
def test_segment_given_a_catalog_says_it_is_not_an_article(empty_project, name):
    (empty_project / name).write_text('msgid ""\nmsgstr ""\n', encoding="utf-8")
    result = runner.invoke(app, ["segment", name])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.strip() == (
        f"error: {name}: a gettext catalog, not an article (segment reads an article: .txt or .md)"
    )


def test_download_bar_and_sizes_use_the_same_units(index_server, monkeypatch):  # noqa: F811
    monkeypatch.setenv("TTY_COMPATIBLE", "1")  # rich draws the bar as on a terminal
    monkeypatch.setenv("COLUMNS", "120")
    result = runner.invoke(app, ["models", "install", "en:az"])
    assert result.exit_code == 0, result.output
    assert "installed en:az 1.0" in result.stdout
    assert "translate-en_az.argosmodel" in result.stderr
    kib = (Path(l10n.__file__).parent / "demo" / "en_az.argosmodel").stat().st_size / 1024
    assert f"{kib:.1f}/{kib:.1f} KiB" in result.stderr  # the number the piped 'downloaded ... KB' line shows
    assert " kB" not in result.stderr


@pytest.mark.parametrize("command", [["status"], ["postedit"], ["translate"], ["export", "--to", "az"]])
def test_a_folder_inside_a_project_given_as_path_names_the_project(empty_project, monkeypatch, command):
    sub = empty_project / "locales" / "az"
    sub.mkdir(parents=True)
    monkeypatch.chdir(sub)
    result = runner.invoke(app, [*command, "."])
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"error: .: a folder inside the project {empty_project.resolve()}, not the project: give the project "
        "folder, its articles (source/<name>.txt|md), or no PATHS to mean the whole project"
    )


def test_a_folder_outside_any_project_is_not_a_project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "x").mkdir()
    result = runner.invoke(app, ["status", "x"])
    assert result.exit_code == 2
    assert result.stderr.strip() == "error: x: not an l10n project: no source/ folder"


def test_status_notes_have_their_own_column_so_percentages_align(empty_project, monkeypatch):
    from catalog_helpers import ARTICLE_A
    from fakes import FakeEngines

    (empty_project / "source" / "a.txt").write_text(ARTICLE_A, encoding="utf-8")
    assert runner.invoke(app, ["translate", "--to", "az"], obj={"engine_factory": FakeEngines()}).exit_code == 0
    lines = runner.invoke(app, ["status"]).stdout.splitlines()
    assert lines[0].split()[-3:] == ["%", "reviewed", "note"]
    az, ru = lines[2], lines[3]
    assert az.split()[:2] == ["a", "az"] and ru.split()[:2] == ["a", "ru"]
    assert ru.endswith("0%  (no catalog yet: run l10n translate)")
    end = lines[0].index("% reviewed") + len("% reviewed")
    assert az.rstrip().endswith("0%") and len(az.rstrip()) == end  # right-aligned under the header
    assert ru.index("0%  (") + 2 == end


def test_models_list_json_names_the_target_language_like_status(tmp_path):
    demo = Path(l10n.__file__).parent / "demo"
    assert runner.invoke(app, ["models", "install", str(demo), "--dir", str(tmp_path / "pk")]).exit_code == 0
    rows = json.loads(runner.invoke(app, ["models", "list", "--json", "--dir", str(tmp_path / "pk")]).stdout)
    assert [(r["pair"], r["source_language"], r["language"]) for r in rows] == [
        ("en:az", "en", "az"), ("en:ru", "en", "ru")]


def test_a_closed_pipe_is_not_an_error(empty_project, monkeypatch):
    """`l10n segment a.txt | head -1` printed 'error: Broken pipe' and exited 2 (a user error)."""
    import typer

    (empty_project / "a.txt").write_text("One. Two. Three.\n", encoding="utf-8")
    shown, errors = [], []
    real_echo = typer.echo

    def echo(message=None, err=False, **kwargs):
        if err:
            errors.append(message)
            return real_echo(message, err=True, **kwargs)
        if shown:  # the reader took one line and closed the pipe
            raise BrokenPipeError(32, "Broken pipe")
        shown.append(message)

    monkeypatch.setattr(typer, "echo", echo)
    result = runner.invoke(app, ["segment", "a.txt"])
    assert len(shown) == 1 and errors == []
    assert result.exit_code == 141


def test_export_refusal_hints_at_a_preview(empty_project):
    (empty_project / "source" / "a.txt").write_text("Hello world.\n", encoding="utf-8")
    result = runner.invoke(app, ["export", "--to", "az"])
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == f"error: no az catalogs in {empty_project / 'locales'} (run `l10n translate --to az` first)\n"
    from fakes import FakeEngines

    assert runner.invoke(app, ["translate", "--to", "az"], obj={"engine_factory": FakeEngines()}).exit_code == 0
    result = runner.invoke(app, ["export", "--to", "az"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines()[-1] == (
        "hint: review the catalogs first, or preview with drafts: --min-reviewed 0 --fallback draft")
    as_json = runner.invoke(app, ["export", "--to", "az", "--json"])
    assert as_json.exit_code == 1 and as_json.stderr == "" and json.loads(as_json.stdout)[0]["refused"]


def test_demo_next_step_can_be_pasted_for_a_folder_with_spaces(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    bin_dir = tmp_path / "bin"  # an l10n on PATH, not started by uv run
    bin_dir.mkdir()
    (bin_dir / "l10n").write_text("#!/bin/sh\n")
    (bin_dir / "l10n").chmod(0o755)
    monkeypatch.setenv("PATH", str(bin_dir))
    monkeypatch.delenv("UV", raising=False)
    result = runner.invoke(app, ["demo", "my demo"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == "Next: cd 'my demo' && l10n status"


def test_demo_next_step_works_where_it_was_run(tmp_path):
    """After the Quick start neither l10n nor uv is on PATH: the hint names the uv that ran it."""
    from l10n.demo import l10n_command

    uv = tmp_path / ".tools" / "bin" / "uv"
    uv.parent.mkdir(parents=True)
    uv.write_text("#!/bin/sh\n")
    uv.chmod(0o755)
    quick_start = {"UV": str(uv), "PATH": "/usr/bin:/bin"}
    assert l10n_command(tmp_path / "demo-project", quick_start) == "../.tools/bin/uv run l10n"
    assert l10n_command(tmp_path, {**quick_start, "PATH": str(uv.parent)}) == "uv run l10n"
    assert l10n_command(tmp_path, {"PATH": "/nonexistent"}, argv0="/opt/venv/bin/l10n") == "/opt/venv/bin/l10n"
    assert l10n_command(tmp_path, {"PATH": "/nonexistent"}, argv0="pytest").endswith(" -m l10n")


def test_status_notes_what_source_holds_that_is_not_an_article(empty_project):
    source = empty_project / "source"
    (source / "a.txt").write_text("Hello world.\n", encoding="utf-8")
    (source / "Story.TXT").write_text("Big news.\n", encoding="utf-8")
    (source / "notes.docx").write_bytes(b"PK")
    (source / "2026").mkdir()
    (source / ".gitkeep").write_text("", encoding="utf-8")
    result = runner.invoke(app, ["status"])
    assert result.exit_code == 0
    assert [line.split()[0] for line in result.stdout.splitlines()[2:]] == ["a", "a"]
    assert [line.split(":")[1].strip() for line in result.stderr.splitlines()] == [
        "source/2026", "source/Story.TXT", "source/notes.docx"]
    assert all(line.endswith("not read (articles are source/<name>.txt or .md, lower case, no subfolders)")
               for line in result.stderr.splitlines())
    assert json.loads(runner.invoke(app, ["status", "--json"]).stdout)[0]["document"] == "a"
    assert runner.invoke(app, ["status", "source/a.txt"]).stderr == ""  # PATHS naming articles: no notes
