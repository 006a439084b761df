"""Issue 10, the settings: ``[engine] device / workers / threads`` in l10n.toml (validated: one
line naming the file), ``--device`` and ``--workers`` on ``l10n translate`` (flags win), and the
device in the JSON summary.
"""

from __future__ import annotations

import json

import pytest
from catalog_helpers import ARTICLE_A, make_project
from typer.testing import CliRunner

from l10n.cli import app
from l10n.project import Project
from l10n.translate import run as workflow

runner = CliRunner()


def test_engine_settings_in_l10n_toml(tmp_path):
    make_project(tmp_path, {"a.txt": ARTICLE_A})
    (tmp_path / "l10n.toml").write_text('[engine]\ndevice = "cpu"\nworkers = 3\nthreads = 2\n', encoding="utf-8")
    engine = Project.open(tmp_path).engine
    assert (engine.device, engine.workers, engine.threads) == ("cpu", 3, 2)
    (tmp_path / "l10n.toml").write_text("[engine]\nbeam_size = 2\n", encoding="utf-8")
    engine = Project.open(tmp_path).engine
    assert (engine.device, engine.workers, engine.threads) == (None, None, None)


@pytest.mark.parametrize(
    "text, fragment",
    [
        ('device = "gpu"', "device must be one of auto, cpu, cuda"),
        ("device = 1", "device must be one of"),
        ("workers = 0", "workers must be a positive integer up to 64"),
        ("workers = 1000000", "workers must be a positive integer up to 64"),
        ("workers = true", "workers must be a positive integer"),
        ('workers = "2"', "workers must be a positive integer"),
        ("threads = -1", "threads must be a positive integer up to 256"),
        ("threads = 2.5", "threads must be a positive integer"),
    ],
)
def test_bad_engine_settings_are_one_line_errors_naming_l10n_toml(tmp_path, monkeypatch, text, fragment):
    make_project(tmp_path, {"a.txt": ARTICLE_A})
    (tmp_path / "l10n.toml").write_text(f"[engine]\n{text}\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["status"])
    assert result.exit_code == 2 and "Traceback" not in result.output
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("error: ") and "l10n.toml" in line and fragment in line, line


@pytest.fixture
def factory_calls(monkeypatch):
    from fakes import FakeEngines

    calls = []

    def factory(packages_dir=None, beam_size=4, glossary_path=None, **settings):
        calls.append(settings)
        return FakeEngines()

    monkeypatch.setattr(workflow, "argos_engine_factory", factory)
    return calls


def test_flags_and_l10n_toml_reach_the_engine_factory(tmp_path, monkeypatch, factory_calls):
    make_project(tmp_path, {"a.txt": ARTICLE_A})
    monkeypatch.chdir(tmp_path)
    assert runner.invoke(app, ["translate", "--to", "az"]).exit_code == 0
    assert factory_calls[-1] == {}  # nothing set: the factory's own defaults (auto, one worker per core)
    (tmp_path / "l10n.toml").write_text('[engine]\ndevice = "cpu"\nworkers = 3\nthreads = 2\n', encoding="utf-8")
    assert runner.invoke(app, ["translate", "--to", "az"]).exit_code == 0
    assert factory_calls[-1] == {"device": "cpu", "workers": 3, "threads": 2}
    result = runner.invoke(app, ["translate", "--to", "az", "--device", "cuda", "--workers", "5"])
    assert result.exit_code == 0, result.output
    assert factory_calls[-1] == {"device": "cuda", "workers": 5, "threads": 2}  # flags win over l10n.toml


def test_a_bad_device_flag_is_a_one_line_error(tmp_path, monkeypatch, factory_calls):
    make_project(tmp_path, {"a.txt": ARTICLE_A})
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["translate", "--device", "gpu"])
    assert result.exit_code == 2 and "Traceback" not in result.output
    (line,) = result.stderr.strip().splitlines()
    assert "unknown device 'gpu'" in line and "auto, cpu, cuda" in line
    assert not (tmp_path / "locales").exists()
    assert runner.invoke(app, ["translate", "--workers", "0"]).exit_code == 2


def test_the_summary_says_which_device_drafted(tmp_path, monkeypatch):
    from l10n.demo import demo_file, install_demo_packages

    (tmp_path / "source").mkdir()
    (tmp_path / "source" / "a.txt").write_bytes(demo_file("wco-europe-customs.txt").read_bytes())
    install_demo_packages(tmp_path / "models")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["translate", "--to", "az", "--models", "models", "--device", "auto", "--json"])
    assert result.exit_code == 0, result.output
    (summary,) = json.loads(result.stdout)["languages"]
    assert summary["device"] == "cpu" and summary["drafted"] > 0 and summary["origin"].startswith("argos")
    result = runner.invoke(app, ["translate", "--to", "az", "--models", "models", "--json"])
    assert json.loads(result.stdout)["languages"][0]["device"] is None  # nothing drafted: no engine ran
