"""End to end with the real bundled demo packages (CTranslate2, no fake engine)."""

from __future__ import annotations

import csv
from pathlib import Path

import polib
import pytest
from catalog_helpers import catalog_files, msgfmt_check, snapshot

from l10n.catalog.model import DRAFT, entry_state, provenance
from l10n.demo import NOTE, demo_file, run_demo
from l10n.errors import L10nError

CORPUS = Path(__file__).resolve().parents[1] / "scripts" / "demo_corpus" / "news.tsv"
REPO_SOURCE = Path(__file__).resolve().parents[1] / "source" / "wco-europe-customs.txt"


def reference() -> dict[str, dict[str, str]]:
    with CORPUS.open(encoding="utf-8", newline="") as fh:
        return {row["en"]: row for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)}


def test_packaged_sample_article_is_the_repository_one():
    assert demo_file("wco-europe-customs.txt").read_bytes() == REPO_SOURCE.read_bytes()


def test_demo_translates_the_sample_article_with_the_demo_models(tmp_path, msgfmt, _isolated_home):
    folder = tmp_path / "demo-project"
    outcome = run_demo(folder)
    assert sorted(outcome.installed) == ["translate-en_az-1_0", "translate-en_ru-1_0"]
    assert outcome.packages_dir == folder.resolve() / "packages"
    assert not (_isolated_home / "argos-packages").exists(), "the user's Argos folder is not touched"
    assert not list(folder.glob(".*l10n-staging")), "the install's staging folder is gone"
    assert "only know their training sentences" in NOTE
    refs = reference()
    for summary in outcome.result.languages:
        assert summary.drafted == summary.new == 11 and summary.untranslated == 0
        assert summary.origin.startswith("argos translate-en_")
    for lang in ("az", "ru"):
        po = polib.pofile(str(folder / "locales" / lang / "LC_MESSAGES" / "wco-europe-customs.po"))
        entries = [e for e in po if not e.obsolete]
        assert len(entries) == 11
        for entry in entries:
            assert entry_state(entry) == DRAFT
            assert provenance(entry).startswith(f"machine draft, argos translate-en_{lang}")
            assert entry.msgstr == refs[entry.msgid][lang], "the demo model reproduces its training sentences"
    for path in catalog_files(folder):
        msgfmt_check(msgfmt, path)

    before = snapshot(folder)
    again = run_demo(folder)
    assert again.installed == [] and again.result.written == []
    assert all(s.engine_calls == 0 for s in again.result.languages)
    assert snapshot(folder) == before


def test_demo_refuses_a_folder_that_is_not_a_project(tmp_path):
    (tmp_path / "holiday.jpg").write_bytes(b"\xff\xd8")
    with pytest.raises(L10nError, match="not empty and not an l10n project"):
        run_demo(tmp_path)


def test_committed_sample_catalogs_are_what_the_toolkit_produces(tmp_path, msgfmt):
    """The repository's locales/ match source/ as segmented today: a re-run changes nothing.

    If this fails after a segmenter change, regenerate them (see the README):
    ``l10n models install l10n/demo --dir /tmp/demo-models && l10n translate --models /tmp/demo-models``.
    """
    import shutil

    from l10n.project import Project
    from l10n.translate import translate_project

    repo = REPO_SOURCE.parents[1]
    for name in ("source", "locales"):
        shutil.copytree(repo / name, tmp_path / name)
    for path in catalog_files(tmp_path):
        msgfmt_check(msgfmt, path)
    before = snapshot(tmp_path)

    def no_engine(target):
        raise AssertionError(f"the committed {target} catalog lacks drafts")

    project = Project.open(tmp_path)
    result = translate_project(project, project.documents(), ["az", "ru"], no_engine)
    assert result.written == [], "locales/ is out of date with source/"
    assert snapshot(tmp_path) == before
    refs = reference()
    for lang in ("az", "ru"):
        po = polib.pofile(str(tmp_path / "locales" / lang / "LC_MESSAGES" / "wco-europe-customs.po"))
        assert all(e.msgstr == refs[e.msgid][lang] for e in po if not e.obsolete)


def test_demo_never_touches_a_real_project(tmp_path):
    (tmp_path / "source").mkdir()
    (tmp_path / "source" / "budget.txt").write_text("The budget grew.\n", encoding="utf-8")
    with pytest.raises(L10nError, match="its own articles \\(budget\\)"):
        run_demo(tmp_path)
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["budget.txt", "source"]
