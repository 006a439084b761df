from __future__ import annotations

import json

import polib
import pytest
from catalog_helpers import ARTICLE_A, ARTICLE_B, make_project
from fakes import FakeEngines
from typer.testing import CliRunner

from l10n.cli import app

runner = CliRunner()

# sacrebleu 2.6.0 CHRF().sentence_score(draft, [final])
CHRF_FIVE = 80.73389719136516  # "[az] Trade grew by five percent." -> "[az] Trade grew by 5 percent."
CHRF_OIL = 15.058085240390007  # "[az] Exports of oil rose sharply in March." -> "[az] Neft ixracı martda kəskin artıb."


@pytest.fixture
def project(tmp_path, monkeypatch):
    make_project(tmp_path, {"a.txt": ARTICLE_A, "b.txt": ARTICLE_B})
    monkeypatch.chdir(tmp_path)
    return tmp_path


_CURRENT: dict[str, FakeEngines] = {}


@pytest.fixture
def engines():
    """Fake engines; set ``engines["engines"]`` to other FakeEngines before a run to change the engine."""
    _CURRENT["engines"] = FakeEngines("fake-1 {target}")
    yield _CURRENT
    _CURRENT.clear()


def translate(*args: str) -> None:
    factory = lambda target: _CURRENT["engines"](target)  # noqa: E731
    result = runner.invoke(app, ["translate", *args], obj={"engine_factory": factory})
    assert result.exit_code == 0, result.output


def review(project, doc: str, lang: str, edits: dict[str, str | None]) -> None:
    """A translator's session (polib, as an editor would save): msgid -> new text, or None to approve as is."""
    path = project / "locales" / lang / "LC_MESSAGES" / f"{doc}.po"
    po = polib.pofile(str(path), wrapwidth=78)
    for entry in po:
        if entry.msgid in edits:
            if edits[entry.msgid] is not None:
                entry.msgstr = edits[entry.msgid]
            entry.flags.remove("fuzzy")
            entry.previous_msgid = None
    po.save(str(path))


def postedit_json(*args: str) -> list[dict]:
    result = runner.invoke(app, ["postedit", *args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_help_says_what_is_counted():
    result = runner.invoke(app, ["postedit", "--help"])
    assert result.exit_code == 0
    text = " ".join(result.output.split())
    assert "--json" in text and "--to" in text
    assert "Drafts and stale entries are not final and are not counted" in text


def test_reviewed_drafts_unchanged_and_edited(project, engines):
    translate("--to", "az")
    review(project, "a", "az", {
        "Customs officers seized a ton of drugs this year.": None,
        "The committee met in Baku on Monday.": None,
        "Trade grew by five percent.": "[az] Trade grew by 5 percent.",
    })
    rows = postedit_json("--to", "az")
    a, b = rows
    assert {k: a[k] for k in ("document", "language", "origin", "reviewed_from_mt", "unchanged", "edited",
                              "no_draft", "pending")} == {
        "document": "a", "language": "az", "origin": "fake-1 az", "reviewed_from_mt": 3, "unchanged": 2,
        "edited": 1, "no_draft": 0, "pending": 0}
    assert a["chrf"] == round((100 + 100 + CHRF_FIVE) / 3, 2)
    assert a["edit_rate"] == round((0 + 0 + 100 / 6) / 3, 2)  # 1 word edit in 6 final words
    # b was not reviewed: its machine drafts are pending, nothing measured
    assert (b["document"], b["reviewed_from_mt"], b["pending"], b["chrf"], b["edit_rate"]) == ("b", 0, 2, None, None)


def test_table_has_a_row_per_article_and_a_totals_row(project, engines):
    translate("--to", "az")
    review(project, "a", "az", {"Trade grew by five percent.": "[az] Trade grew by 5 percent."})
    review(project, "b", "az", {"Exports of oil rose sharply in March.": "[az] Neft ixracı martda kəskin artıb."})
    result = runner.invoke(app, ["postedit", "--to", "az"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["article", "lang", "engine", "reviewed-from-MT", "unchanged", "edited", "chrF",
                                "word-edit-rate", "no-draft", "pending"]
    assert set(lines[1]) <= {"-", " "}
    assert lines[2].split() == ["a", "az", "fake-1", "az", "1", "0", "1", f"{CHRF_FIVE:.1f}", "16.7%", "0", "2"]
    assert lines[3].split() == ["b", "az", "fake-1", "az", "1", "0", "1", f"{CHRF_OIL:.1f}", "116.7%", "0", "1"]
    # b: 7 word edits (5 substitutions, 2 deletions) for 6 final words; totals: mean over both segments
    assert lines[4].split() == ["(all)", "az", "fake-1", "az", "2", "0", "2", f"{(CHRF_FIVE + CHRF_OIL) / 2:.1f}",
                                f"{(100 / 6 + 700 / 6) / 2:.1f}%", "0", "3"]
    assert len(lines) == 5


def test_engines_translation_memory_stale_and_missing_drafts(project, engines):
    translate("source/a.txt", "--to", "az")
    review(project, "a", "az", {"Customs officers seized a ton of drugs this year.": None,
                                "The committee met in Baku on Monday.": None,
                                "Trade grew by five percent.": None})
    # b: its committee sentence comes from translation memory (not MT); the other from a new engine
    engines["engines"] = FakeEngines("fake-2 {target}")
    translate("source/b.txt", "--to", "az")
    review(project, "b", "az", {"The committee met in Baku on Monday.": None,
                                "Exports of oil rose sharply in March.": "[az] Neft ixracı martda kəskin artıb."})
    # the English of a reviewed sentence changes: stale, so not final
    (project / "source" / "a.txt").write_text(ARTICLE_A.replace("five", "six"), encoding="utf-8")
    translate("source/a.txt", "--to", "az")
    rows = postedit_json("--to", "az")
    got = [(r["document"], r["origin"], r["reviewed_from_mt"], r["unchanged"], r["edited"], r["no_draft"],
            r["pending"]) for r in rows]
    assert got == [("a", "fake-1 az", 2, 2, 0, 0, 1), ("b", "fake-2 az", 1, 0, 1, 0, 0)]
    assert rows[1]["chrf"] == round(CHRF_OIL, 2)
    # the translator fixes the stale entry: reviewed from MT, but there is no draft of the new English
    review(project, "a", "az", {"Trade grew by six percent.": "[az] Trade grew by six percent."})
    (a,) = postedit_json("source/a.txt", "--to", "az")
    assert (a["reviewed_from_mt"], a["unchanged"], a["no_draft"], a["pending"], a["measured"]) == (3, 2, 1, 0, 2)
    assert a["chrf"] == 100.0


def test_a_redraft_by_another_engine_is_measured_against_its_own_draft(project, engines):
    translate("source/b.txt", "--to", "ru")
    engines["engines"] = FakeEngines("fake-2 {target}")
    translate("source/b.txt", "--to", "ru", "--redraft")
    review(project, "b", "ru", {"Exports of oil rose sharply in March.": None})
    (row,) = postedit_json("source/b.txt", "--to", "ru")
    assert (row["origin"], row["unchanged"], row["pending"], row["chrf"], row["edit_rate"]) == (
        "fake-2 ru", 1, 1, 100.0, 0.0)


def test_no_catalog_yet(project, engines):
    result = runner.invoke(app, ["postedit", "source/a.txt", "--to", "ru"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[2].split()[:3] == ["a", "ru", "-"] and "(no catalog yet)" in lines[2]
    assert len(lines) == 3  # one article: no '(all)' row repeating it (as in status)
    (row,) = postedit_json("source/a.txt", "--to", "ru")
    assert (row["catalog"], row["origin"], row["reviewed_from_mt"], row["chrf"]) == (False, None, 0, None)


def test_user_errors_are_one_line(project, engines, tmp_path_factory):
    translate("source/a.txt", "--to", "az")
    path = project / "locales" / "az" / "LC_MESSAGES" / "a.po"
    path.write_text(path.read_text(encoding="utf-8") + 'msgid "dangling"\n', encoding="utf-8")
    result = runner.invoke(app, ["postedit", "--to", "az"])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "a.po:" in result.stderr and "Traceback" not in result.output

    store = project / "locales" / ".l10n" / "drafts.sqlite"
    store.write_bytes(b"garbage" * 200)
    result = runner.invoke(app, ["postedit", "--to", "az"])
    assert result.exit_code == 2 and "draft store unreadable" in result.stderr

    elsewhere = tmp_path_factory.mktemp("empty")
    result = runner.invoke(app, ["postedit", str(elsewhere)])
    assert result.exit_code == 2 and "not an l10n project" in result.stderr
