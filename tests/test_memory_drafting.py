"""translate with the project memory: fuzzy drafts, the threshold, imported TMX, propagation, consistency."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import polib
import pytest
from catalog_helpers import make_project, msgfmt_check
from fakes import FakeEngines
from typer.testing import CliRunner

from l10n.catalog.model import STALE, entry_state, provenance
from l10n.check.runner import check_paths
from l10n.cli import app
from l10n.memory import matches
from l10n.project import Project
from l10n.translate import translate_project

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
LEAD_A = "Exports rose to 1.2 billion dollars in March, the ministry said."
LEAD_B = "Exports rose to 1.5 billion dollars in April, the ministry said."
RU_A = "Экспорт вырос до 1,2 млрд долларов в марте, сообщило министерство."
BOILER = "Trend reports that the committee met in Baku."
runner = CliRunner()


def run(project, languages=("ru",), engines=None):
    engines = engines or FakeEngines()
    result = translate_project(Project.open(project.root), project.documents(), languages, engines, now=T0)
    return {s.language: s for s in result.languages}, engines


def review(path, msgid, msgstr):
    po = polib.pofile(str(path))
    entry = po.find(msgid)
    entry.msgstr, entry.flags, entry.previous_msgid = msgstr, [], None
    po.save()


def entry(project, doc, msgid, lang="ru"):
    return polib.pofile(str(project.root / f"locales/{lang}/LC_MESSAGES/{doc}.po")).find(msgid)


@pytest.fixture
def project(tmp_path):
    make_project(tmp_path, {"a.txt": f"{LEAD_A}\n\n{BOILER}\n"})
    project = Project.open(tmp_path)
    run(project)
    review(tmp_path / "locales/ru/LC_MESSAGES/a.po", LEAD_A, RU_A)
    return project


def test_a_fuzzy_match_is_a_draft_with_its_english_and_the_new_number(project, msgfmt):
    (project.root / "source/b.txt").write_text(f"{LEAD_B}\n\nA sentence of its own.\n", encoding="utf-8")
    summaries, engines = run(project)
    got = entry(project, "b", LEAD_B)
    assert got.msgstr == "Экспорт вырос до 1,5 млрд долларов в марте, сообщило министерство."
    assert provenance(got) == "memory 91% from a.po"
    assert got.previous_msgid == LEAD_A and entry_state(got) == STALE, "editors show the diff"
    assert engines.engines["ru"].calls == [["A sentence of its own."]]
    s = summaries["ru"]
    assert (s.reused, s.memory_fuzzy, s.drafted) == (1, 1, 1) and s.accounted() == s.segments
    msgfmt_check(msgfmt, project.root / "locales/ru/LC_MESSAGES/b.po")
    # the review page's view of the same memory
    (best,) = matches(project, "ru", LEAD_B, limit=3)
    assert (best.percent, best.target, best.origin, best.source) == (91, RU_A, "a.po", LEAD_A)


def test_below_the_threshold_the_engine_drafts(project):
    (project.root / "l10n.toml").write_text("[memory]\nthreshold = 95\n", encoding="utf-8")
    (project.root / "source/b.txt").write_text(f"{LEAD_B}\n", encoding="utf-8")
    summaries, engines = run(project)
    assert engines.engines["ru"].calls == [[LEAD_B]]
    assert provenance(entry(project, "b", LEAD_B)).startswith("machine draft")
    assert summaries["ru"].reused == 0


def test_bad_threshold_is_a_one_line_error(project):
    (project.root / "l10n.toml").write_text("[memory]\nthreshold = 120\n", encoding="utf-8")
    from l10n.errors import L10nError

    with pytest.raises(L10nError, match=r"l10n.toml: \[memory\] threshold must be a whole percentage"):
        Project.open(project.root)


def test_numbers_that_cannot_be_carried_are_flagged_by_check(project):
    review(project.root / "locales/ru/LC_MESSAGES/a.po", LEAD_A, "Экспорт вырос до миллиарда долларов в марте.")
    (project.root / "source/b.txt").write_text(f"{LEAD_B}\n", encoding="utf-8")
    run(project)
    got = entry(project, "b", LEAD_B)
    assert got.msgstr == "Экспорт вырос до миллиарда долларов в марте." and got.previous_msgid == LEAD_A
    found = [f for f in check_paths([project.root / "locales/ru/LC_MESSAGES/b.po"]).findings if f.check == "numbers"]
    assert [f.state for f in found] == ["stale"] and "1.5" in found[0].message


def test_propagation_replaces_only_unedited_machine_drafts(project):
    a = project.root / "locales/ru/LC_MESSAGES/a.po"
    for doc in ("b", "c", "d"):
        (project.root / f"source/{doc}.txt").write_text(f"{BOILER}\n", encoding="utf-8")
    run(project)  # b, c, d get the machine draft of BOILER
    edited = project.root / "locales/ru/LC_MESSAGES/c.po"
    po = polib.pofile(str(edited))
    po.find(BOILER).msgstr = "Правка переводчика, ещё черновик."
    po.save()
    review(project.root / "locales/ru/LC_MESSAGES/d.po", BOILER, "Trend: комитет собрался в Баку.")
    review(a, BOILER, "Trend сообщает, что комитет собрался в Баку.")
    summaries, engines = run(project)
    assert summaries["ru"].propagated == 1 and engines.calls == 0
    assert entry(project, "b", BOILER).msgstr == "Trend сообщает, что комитет собрался в Баку."
    assert provenance(entry(project, "b", BOILER)) == "from translation memory (a.po)"
    assert "fuzzy" in entry(project, "b", BOILER).flags
    assert entry(project, "c", BOILER).msgstr == "Правка переводчика, ещё черновик.", "an edited draft stays"
    assert entry(project, "d", BOILER).msgstr == "Trend: комитет собрался в Баку.", "a reviewed entry stays"
    # and a second run has nothing left to propagate
    again, _ = run(project)
    assert again["ru"].propagated == 0 and again["ru"].unchanged == again["ru"].segments
    # the same English reviewed two ways: check says so for both
    found = [f for f in check_paths([project.root / "locales"]).findings if f.check == "inconsistent"]
    assert sorted((f.path.rsplit("/", 1)[-1], f.state) for f in found) == [("a.po", "reviewed"), ("d.po", "reviewed")]
    assert "d.po" in next(f.message for f in found if f.path.endswith("a.po"))


TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="en-US" creationtool="OmegaT" creationtoolversion="6" segtype="sentence"
 o-tmf="OmegaT TMX" adminlang="EN-US" datatype="plaintext"/>
<body>
<tu><tuv xml:lang="en-US"><seg>The minister arrived in Ganja on Friday.</seg></tuv>
<tuv xml:lang="ru-RU"><seg>Министр прибыл в Гянджу в пятницу.</seg></tuv></tu>
</body></tmx>
"""


def test_an_imported_tmx_is_offered_with_its_origin(project, monkeypatch):
    monkeypatch.chdir(project.root)
    (project.root / "agency.tmx").write_text(TMX, encoding="utf-8")
    result = runner.invoke(app, ["memory", "import", "agency.tmx"])
    assert result.exit_code == 0, result.output
    assert "Imported memory/agency.tmx: az 0, ru 1 unit(s)" in result.stdout
    (project.root / "source/b.txt").write_text("The minister arrived in Ganja on Friday.\n\n"
                                               "The minister arrived in Ganja on Sunday.\n", encoding="utf-8")
    run(project)
    exact = entry(project, "b", "The minister arrived in Ganja on Friday.")
    assert (exact.msgstr, provenance(exact)) == ("Министр прибыл в Гянджу в пятницу.",
                                                 "from translation memory (memory/agency.tmx)")
    fuzzy = entry(project, "b", "The minister arrived in Ganja on Sunday.")
    assert provenance(fuzzy) == "memory 87% from memory/agency.tmx"

    stats = json.loads(runner.invoke(app, ["memory", "stats", "--json"]).stdout)
    ru = next(r for r in stats["languages"] if r["language"] == "ru")
    assert (ru["reviewed"], ru["imported"], ru["imported_files"]) == (1, 1, ["memory/agency.tmx"])
    assert stats["bytes"] > 0

    out = project.root / "out.tmx"
    result = runner.invoke(app, ["memory", "export", str(out), "--to", "ru"])
    assert result.exit_code == 0 and "Wrote 2 unit(s)" in result.stdout
    from translate.storage.tmx import tmxfile

    store = tmxfile(out.open("rb"), "en", "ru")
    assert sorted(u.source for u in store.units) == [LEAD_A, "The minister arrived in Ganja on Friday."]


def test_import_of_a_malformed_tmx_copies_nothing(project, monkeypatch):
    monkeypatch.chdir(project.root)
    (project.root / "bad.tmx").write_text(TMX.replace("</seg></tuv></tu>\n</body>", "</tuv></tu>\n</body>"), encoding="utf-8")
    result = runner.invoke(app, ["memory", "import", "bad.tmx"])
    assert result.exit_code == 2
    assert result.stderr.startswith("error: bad.tmx:6: malformed TMX: mismatched tag") and result.stderr.count("\n") == 1
    assert not (project.root / "memory").exists()
    result = runner.invoke(app, ["memory", "import", "nothere.tmx"])
    assert result.exit_code == 2 and "no such file" in result.stderr


def test_memory_commands_have_help():
    for command in ("import", "export", "stats"):
        result = runner.invoke(app, ["memory", command, "--help"])
        assert result.exit_code == 0 and "--json" in result.output


def test_the_memory_index_is_a_cache_git_does_not_see(tmp_path):
    """The index is rebuilt from the catalogs; in a project kept in git it must not show up as a new file."""
    import subprocess

    root = make_project(tmp_path, {"a.txt": LEAD_A + "\n"})
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    project = Project.open(root)
    run(project)
    index = root / "locales" / ".l10n" / "cache" / "memory.sqlite"
    assert index.is_file()
    status = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"], cwd=root,
                            capture_output=True, text=True, check=True).stdout
    assert "cache" not in status and "memory.sqlite" not in status
    assert "locales/ru/LC_MESSAGES/a.po" in status, "the catalogs are still seen"
    index.unlink()
    run(project)
    assert index.is_file(), "rebuilt when deleted"
