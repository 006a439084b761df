"""Hostile inputs (issue 16): each case gets one line `error: path: message`, exit 2, no traceback,
and nothing on disk is lost. Fast cases only; scripts/hostile_inputs.py runs the slow ones."""

from __future__ import annotations

import os
import sqlite3

import pytest
from catalog_helpers import ARTICLE_A, make_project
from fakes import FakeEngines
from typer.testing import CliRunner

from l10n.cli import app
from l10n.errors import L10nError, printable
from l10n.project import Project
from l10n.store import DraftStore, StoredDraft
from l10n.translate import translate_project

runner = CliRunner()


def _one_line_error(result, *fragments: str) -> str:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    for fragment in fragments:
        assert fragment in lines[0], lines[0]
    return lines[0]


@pytest.fixture
def project(tmp_path, monkeypatch):
    make_project(tmp_path, {"a.txt": ARTICLE_A})
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("beam", ["100000000000", "5000000", "0", "-3", "true", "4.5"])
def test_beam_size_in_l10n_toml_is_bounded(project, beam):
    (project / "l10n.toml").write_text(f"[engine]\nbeam_size = {beam}\n", encoding="utf-8")
    _one_line_error(runner.invoke(app, ["status"]), "l10n.toml", "beam_size")


def test_beam_flag_is_bounded_like_the_engine(project):
    from l10n.engine.base import MAX_BEAM

    result = runner.invoke(app, ["translate", "--beam", str(MAX_BEAM + 1)])
    assert result.exit_code == 2 and "Traceback" not in result.output and "--beam" in result.output
    assert MAX_BEAM == 64  # the CLI's literal (it does not import the engine for --help)


def test_status_escapes_control_characters_in_names(project):
    r"""A file name with an OSC escape (\e]0;PWN\a) was printed raw by status."""
    (project / "source" / "x\x1b]0;PWN\x07.md").write_text("Hello there.\n", encoding="utf-8")
    result = runner.invoke(app, ["status"])
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "\\x1b]0;PWN\\x07" in result.output


def test_beam_size_on_the_engine_is_bounded():
    from l10n.engine.argos import load_engine

    with pytest.raises(L10nError, match="beam size must be from 1 to 64"):
        load_engine("en", "az", beam_size=5_000_000)


@pytest.mark.parametrize("nesting", ["a = " + "[" * 100_000 + "]" * 100_000, "a = " + "{b = " * 50_000 + "1" + "}" * 50_000])
def test_deeply_nested_l10n_toml_is_one_line(project, nesting):
    (project / "l10n.toml").write_text(nesting + "\n", encoding="utf-8")
    _one_line_error(runner.invoke(app, ["status"]), "l10n.toml", "TOML")


def test_a_newline_in_an_article_name_is_refused_before_anything_is_written(project):
    (project / "source" / "two\nlines.txt").write_text("One sentence.\n", encoding="utf-8")
    line = _one_line_error(runner.invoke(app, ["translate", "--to", "az"]), "two\\nlines.txt", "control characters")
    assert "\n" not in line
    assert not (project / "locales").exists()


def test_escape_sequences_in_names_never_reach_the_terminal():
    shown = str(L10nError("cannot read", path="source/\x1b]0;PWN\x07.txt"))
    assert "\x1b" not in shown and "\x07" not in shown and "\\x1b]0;PWN\\x07" in shown
    assert printable("ok\ttab") == "ok\ttab"


def _drafted(project) -> Project:
    p = Project.open(project)
    translate_project(p, p.documents(), ["az"], FakeEngines())
    return p


def test_a_full_disk_under_the_draft_store_is_one_line(project, monkeypatch):
    p = _drafted(project)

    store = DraftStore(p.store_path)
    real_connect = sqlite3.connect

    class FullConnection:
        def __init__(self, conn):
            self.conn = conn

        def __getattr__(self, name):
            return getattr(self.conn, name)

        def executemany(self, *args, **kwargs):
            raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(sqlite3, "connect", lambda *a, **k: FullConnection(real_connect(*a, **k)))
    with pytest.raises(L10nError, match="draft store: database or disk is full") as err:
        store.record([StoredDraft("a", "az", "X.", "test", "Y.")])
    assert str(err.value).startswith(str(p.store_path))


def test_an_unreadable_draft_store_is_one_line(project):
    p = _drafted(project)
    p.store_path.write_bytes(b"this is not a database" * 100)
    (project / "source" / "a.txt").write_text(ARTICLE_A + "\nA new sentence here.\n", encoding="utf-8")
    with pytest.raises(L10nError, match="draft store unreadable") as err:
        translate_project(p, p.documents(), ["az"], FakeEngines())
    assert str(err.value).startswith(str(p.store_path))


@pytest.mark.parametrize("what", ["file", "folder"])
def test_a_draft_store_behind_a_symlink_is_refused(project, tmp_path_factory, what):
    p = _drafted(project)
    outside = tmp_path_factory.mktemp("elsewhere")
    if what == "file":
        os.replace(p.store_path, outside / "drafts.sqlite")
        p.store_path.symlink_to(outside / "drafts.sqlite")
    else:
        os.replace(p.store_path.parent, outside / ".l10n")
        p.store_path.parent.symlink_to(outside / ".l10n")
    before = (outside / ("drafts.sqlite" if what == "file" else ".l10n/drafts.sqlite")).read_bytes()
    (project / "source" / "a.txt").write_text(ARTICLE_A + "\nA new sentence here.\n", encoding="utf-8")
    with pytest.raises(L10nError, match="symbolic link"):
        translate_project(p, p.documents(), ["az"], FakeEngines())
    assert (outside / ("drafts.sqlite" if what == "file" else ".l10n/drafts.sqlite")).read_bytes() == before


def test_a_killed_compile_leaves_no_temp_file_behind_the_next_one(project, msgfmt):
    """A temp file of a killed compile was never cleaned; a live writer's is never touched."""
    from l10n.atomic import atomic_writer
    from l10n.catalog.mo import compile_paths

    _drafted(project)
    folder = project / "locales" / "az" / "LC_MESSAGES"
    dead = folder / ".a.mo.x1y2z3.tmp"  # what a SIGKILL between write and rename leaves
    dead.write_bytes(b"half a .mo")
    with atomic_writer(folder / "other.mo") as live:  # a compile running right now in another process
        live.write(b"in progress")
        compile_paths([project / "locales"], lang="az")
        assert not dead.exists()
        assert len(list(folder.glob(".other.mo.*.tmp"))) == 1
    assert (folder / "other.mo").read_bytes() == b"in progress"
    assert (folder / "a.mo").is_file()


def test_ctrl_c_at_any_moment_is_exit_130_without_a_traceback(project):
    """SIGINT during imports printed a traceback in 13 of 100 runs (issue 16)."""
    import signal
    import subprocess
    import sys
    import time

    from pathlib import Path

    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    script = Path(sys.executable).parent / "l10n"  # the console script users run
    command = [str(script)] if script.is_file() else [sys.executable, "-m", "l10n"]
    for delay in (0.0, 0.02, 0.05, 0.1, 0.2, 0.4, 0.8):
        proc = subprocess.Popen([*command, "status"], cwd=project, env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        time.sleep(delay)
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=60)
        if "Traceback" in err and "/l10n/" not in err:
            continue  # Python's own start-up (site, runpy) was interrupted: before any l10n code ran
        assert "Traceback" not in err, f"after {delay}s: {err}"
        # 0: it had already finished; -SIGINT: it died of the signal before Python's start-up was
        # over (what a shell also shows as 130)
        assert proc.returncode in (0, 130, -signal.SIGINT), (delay, proc.returncode, err)


def test_a_killed_export_leaves_no_temp_file_behind_the_next_one(project):
    """Temp files of a killed export were never cleaned (issue 16)."""
    _drafted(project)
    out = project / "dist" / "az"
    out.mkdir(parents=True)
    dead = out / ".a.txt.k1l2e3.tmp"
    dead.write_text("half an article")
    result = runner.invoke(app, ["export", "--to", "az", "--min-reviewed", "0", "--fallback", "draft", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert not dead.exists() and (out / "a.txt").is_file()


def test_fenced_code_in_a_txt_article_reaches_the_html_page(project):
    """Fenced code in a .txt article disappeared from the HTML export (issue 16)."""
    (project / "source" / "code.txt").write_text("Title line\n\n```\nrun <b>x</b>\n```\n\nA sentence here.\n",
                                                encoding="utf-8")
    from fakes import FakeEngines

    drafted = runner.invoke(app, ["translate", "--to", "az"], obj={"engine_factory": FakeEngines()})
    assert drafted.exit_code == 0, drafted.output
    result = runner.invoke(app, ["export", "source/code.txt", "--to", "az", "--min-reviewed", "0", "-f", "html"])
    assert result.exit_code == 0, result.output
    assert "preview: wrote dist/preview/az/code.html" in result.stdout
    page = (project / "dist" / "preview" / "az" / "code.html").read_text(encoding="utf-8")
    assert "<pre><code>run &lt;b&gt;x&lt;/b&gt;</code></pre>" in page
