"""`l10n models list|install|remove` through CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

import l10n
from l10n.cli import app
from l10n.engine.packages import packages_dir
from test_packages import index_server  # noqa: F401  (fixture: local HTTP index)

DEMO = Path(l10n.__file__).parent / "demo"
runner = CliRunner()


def test_list_when_nothing_is_installed():
    result = runner.invoke(app, ["models", "list"])
    assert result.exit_code == 0
    assert "No packages installed" in result.output
    assert "l10n models install" in result.output
    result = runner.invoke(app, ["models", "list", "--json"])
    assert json.loads(result.output) == []


def test_install_list_remove_round_trip():
    result = runner.invoke(app, ["models", "install", str(DEMO / "en_az.argosmodel"), str(DEMO / "en_ru.argosmodel")])
    assert result.exit_code == 0, result.output
    assert "installed en:az 1.0" in result.output and "installed en:ru 1.0" in result.output

    result = runner.invoke(app, ["models", "list"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].split() == ["pair", "version", "size", "path"]
    assert lines[2].split()[0] == "en:az" and "KB" in lines[2]
    assert str(packages_dir() / "translate-en_ru-1_0") in lines[3]

    rows = json.loads(runner.invoke(app, ["models", "list", "--json"]).output)
    assert [(r["pair"], r["version"], r["name"]) for r in rows] == [
        ("en:az", "1.0", "translate-en_az-1_0"),
        ("en:ru", "1.0", "translate-en_ru-1_0"),
    ]
    assert all(r["size"] > 100_000 and Path(r["path"]).is_dir() for r in rows)

    result = runner.invoke(app, ["models", "remove", "en:az"])
    assert result.exit_code == 0 and "removed en:az" in result.output
    result = runner.invoke(app, ["models", "remove", "translate-en_ru-1_0"])
    assert result.exit_code == 0 and "removed en:ru" in result.output
    assert json.loads(runner.invoke(app, ["models", "list", "--json"]).output) == []


def test_install_into_a_chosen_folder(tmp_path):
    result = runner.invoke(app, ["models", "install", str(DEMO), "--dir", str(tmp_path / "pk")])
    assert result.exit_code == 0, result.output
    rows = json.loads(runner.invoke(app, ["models", "list", "--json", "--dir", str(tmp_path / "pk")]).output)
    assert len(rows) == 2
    assert list(rows[0]) == ["pair", "name", "version", "size", "path", "language", "source_language"]
    assert (rows[0]["language"], rows[0]["source_language"]) == ("az", "en")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pk"], "no staging folder left beside it"
    removed = runner.invoke(app, ["models", "remove", "en:az", "--dir", str(tmp_path / "pk")])
    assert removed.exit_code == 0, removed.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pk"]


def test_bad_archive_is_one_line_error(tmp_path):
    bad = tmp_path / "bad.argosmodel"
    bad.write_text("not a zip")
    result = runner.invoke(app, ["models", "install", str(bad)])
    assert result.exit_code == 2
    assert result.output.strip() == f"error: {bad}: not an Argos package: not a zip archive"
    assert "Traceback" not in result.output


def test_unreachable_index_is_one_line_error():
    result = runner.invoke(app, ["models", "install", "en:az"])
    assert result.exit_code == 2
    assert result.output.startswith("error: cannot reach http://127.0.0.1:9/index.json")
    assert len(result.output.strip().splitlines()) == 1


def test_remove_unknown_is_an_error():
    result = runner.invoke(app, ["models", "remove", "en:az"])
    assert result.exit_code == 2
    assert "no installed package matches 'en:az'" in result.output


def test_every_models_command_has_help():
    for command in (["models"], ["models", "list"], ["models", "install"], ["models", "remove"]):
        result = runner.invoke(app, [*command, "--help"])
        assert result.exit_code == 0
        assert "Usage" in result.output


def test_install_a_pair_from_a_local_index_shows_progress(index_server):
    result = runner.invoke(app, ["models", "install", "en:az"])
    assert result.exit_code == 0, result.output
    assert "downloaded translate-en_az.argosmodel" in result.output
    assert "installed en:az 1.0" in result.output
