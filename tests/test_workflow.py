from __future__ import annotations

import re
from datetime import UTC, datetime

import polib
import pytest
from catalog_helpers import (
    ARTICLE_A,
    ARTICLE_B,
    catalog_files,
    make_project,
    msgfmt_check,
    snapshot,
)
from fakes import FakeEngine, FakeEngines

from l10n.catalog.model import DRAFT, REVIEWED, STALE, entry_state, provenance
from l10n.errors import L10nError
from l10n.project import Project
from l10n.store import DraftStore
from l10n.translate import translate_project

T0 = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)
T1 = datetime(2026, 11, 28, 10, 30, tzinfo=UTC)
T2 = datetime(2026, 11, 28, 12, 45, tzinfo=UTC)


@pytest.fixture
def project(tmp_path):
    make_project(tmp_path, {"a.txt": ARTICLE_A, "b.txt": ARTICLE_B})
    return Project.open(tmp_path)


def run(project, engines=None, languages=("az", "ru"), now=T0, **kwargs):
    engines = engines or FakeEngines()
    result = translate_project(project, project.documents(), languages, engines, now=now, **kwargs)
    return result, engines


def entries(path) -> dict[str, polib.POEntry]:
    return {e.msgid: e for e in polib.pofile(str(path)) if not e.obsolete}


def edit_like_poedit(path, msgid, msgstr=None, comment=None, review=True):
    """What a translator does in an editor: change a msgstr, clear fuzzy, add a comment, save."""
    po = polib.pofile(str(path))
    entry = po.find(msgid)
    if msgstr is not None:
        entry.msgstr = msgstr
    if review:
        entry.flags = [f for f in entry.flags if f != "fuzzy"]
        entry.previous_msgid = None
    if comment is not None:
        entry.tcomment = (entry.tcomment + "\n" if entry.tcomment else "") + comment
    po.metadata["Last-Translator"] = "Aygun Mammadova <aygun@example.org>"
    po.metadata["X-Generator"] = "Poedit 3.4.2"
    po.save()


def test_first_run_drafts_everything_in_one_engine_call_per_language(project, msgfmt):
    result, engines = run(project)
    for lang in ("az", "ru"):
        (call,) = engines.engines[lang].calls
        # all distinct segments of both articles, once each
        assert sorted(call) == sorted({
            "Customs officers seized a ton of drugs this year.", "The committee met in Baku on Monday.",
            "Trade grew by five percent.", "Exports of oil rose sharply in March.",
        })
    summary = {s.language: s for s in result.languages}["az"]
    assert (summary.new, summary.drafted, summary.reused, summary.stale, summary.unchanged) == (5, 5, 0, 0, 0)
    assert summary.engine_calls == 1 and summary.origin == "fake translate-en_az 1.0"
    files = catalog_files(project.root)
    assert [p.relative_to(project.root).as_posix() for p in files] == [
        "locales/a.pot", "locales/az/LC_MESSAGES/a.po", "locales/az/LC_MESSAGES/b.po",
        "locales/b.pot", "locales/ru/LC_MESSAGES/a.po", "locales/ru/LC_MESSAGES/b.po",
    ]
    for path in files:
        msgfmt_check(msgfmt, path)
    az_a = entries(project.root / "locales/az/LC_MESSAGES/a.po")
    entry = az_a["The committee met in Baku on Monday."]
    assert entry.msgstr == "[az] The committee met in Baku on Monday."
    assert entry_state(entry) == DRAFT
    assert provenance(entry) == "machine draft, fake translate-en_az 1.0"
    # twice on line 3: one reference, as GNU gettext writes it (polib wrote it twice)
    assert entry.occurrences == [("source/a.txt", "3")]
    ru = polib.pofile(str(project.root / "locales/ru/LC_MESSAGES/a.po"))
    assert ru.metadata["Plural-Forms"].startswith("nplurals=3;")
    assert ru.metadata["PO-Revision-Date"] == "2026-11-28 09:00+0000"
    stored = DraftStore(project.store_path).drafts_for("b", "ru", "Exports of oil rose sharply in March.")
    assert [(d.draft, d.origin, d.score) for d in stored] == [
        ("[ru] Exports of oil rose sharply in March.", "fake translate-en_ru 1.0", -0.5)
    ]


def test_rerun_on_unchanged_sources_makes_no_engine_call_and_changes_no_byte(project):
    run(project)
    before = snapshot(project.root)
    result, engines = run(project, now=T1)
    assert engines.calls == 0 and engines.engines == {}, "the engine is not even loaded"
    assert result.written == []
    assert snapshot(project.root) == before
    assert [s.unchanged for s in result.languages] == [5, 5]


def test_progress_is_reported_per_language(project):
    seen = []
    run(project, progress=lambda lang, done, total: seen.append((lang, done, total)))
    assert ("az", 4, 4) in seen and ("ru", 4, 4) in seen


def test_translator_work_survives_reruns_and_english_changes(project, msgfmt):
    run(project)
    po_path = project.root / "locales/az/LC_MESSAGES/a.po"
    edit_like_poedit(po_path, "Trade grew by five percent.", "Ticarət beş faiz artıb.", comment="checked with desk")
    edit_like_poedit(po_path, "The committee met in Baku on Monday.", comment="keep 'Komitə'")
    # a draft the translator improved but left fuzzy ("needs work")
    edit_like_poedit(po_path, "Customs officers seized a ton of drugs this year.", "Gömrük bir ton narkotik tutub.",
                     review=False)
    edited = snapshot(project.root)

    result, engines = run(project, now=T1)
    b_path = project.root / "locales/az/LC_MESSAGES/b.po"
    assert engines.calls == 0 and result.written == [b_path], "only the propagation of a reviewed sentence"
    assert {s.language: s.propagated for s in result.languages} == {"az": 1, "ru": 0}
    assert entries(b_path)["The committee met in Baku on Monday."].msgstr == \
        entries(po_path)["The committee met in Baku on Monday."].msgstr
    after = snapshot(project.root)
    assert {k: v for k, v in after.items() if not k.endswith(("b.po", ".sqlite"))} == \
        {k: v for k, v in edited.items() if not k.endswith(("b.po", ".sqlite"))}, \
        "an editor's file is left alone when nothing changed"

    # the English changes: one sentence edited, one new
    (project.root / "source/a.txt").write_text(
        "Customs officers seized a ton of drugs this year.\n\n"
        "The committee met in Baku on Monday.\n\n"
        "Trade grew by six percent this year.\n\n"
        "A brand new closing sentence appeared.\n",
        encoding="utf-8",
    )
    result, engines = run(project, now=T2)
    assert engines.engines["az"].calls == [["A brand new closing sentence appeared."]]
    az = {s.language: s for s in result.languages}["az"]
    assert (az.new, az.drafted, az.stale, az.unchanged, az.obsolete) == (1, 1, 1, 4, 0)  # unchanged: 2 in a, 2 in b
    after = entries(po_path)
    stale = after["Trade grew by six percent this year."]
    assert entry_state(stale) == STALE
    assert stale.msgstr == "Ticarət beş faiz artıb."
    assert stale.previous_msgid == "Trade grew by five percent."
    assert "checked with desk" in stale.tcomment
    reviewed = after["The committee met in Baku on Monday."]
    assert entry_state(reviewed) == REVIEWED and "keep 'Komitə'" in reviewed.tcomment
    assert reviewed.tcomment.count("l10n:") == 1
    assert after["Customs officers seized a ton of drugs this year."].msgstr == "Gömrük bir ton narkotik tutub."
    assert entry_state(after["A brand new closing sentence appeared."]) == DRAFT
    po = polib.pofile(str(po_path))
    assert po.metadata["Last-Translator"] == "Aygun Mammadova <aygun@example.org>"
    assert po.metadata["PO-Revision-Date"] == "2026-11-28 12:45+0000"
    assert "#| msgid \"Trade grew by five percent.\"" in po_path.read_text(encoding="utf-8")
    for path in catalog_files(project.root):
        msgfmt_check(msgfmt, path)

    # the sentence is removed entirely: its reviewed translation goes to #~
    (project.root / "source/a.txt").write_text("Customs officers seized a ton of drugs this year.\n", encoding="utf-8")
    result, engines = run(project, now=T2)
    assert engines.calls == 0
    po = polib.pofile(str(po_path))
    obsolete = {e.msgid: e for e in po.obsolete_entries()}
    assert obsolete["The committee met in Baku on Monday."].tcomment.endswith("keep 'Komitə'")
    assert "Trade grew by six percent this year." in obsolete
    for path in catalog_files(project.root):
        msgfmt_check(msgfmt, path)


def test_translation_memory_is_used_before_the_engine(project):
    run(project, languages=("az",))
    a_path = project.root / "locales/az/LC_MESSAGES/a.po"
    edit_like_poedit(a_path, "Trade grew by five percent.", "Ticarət beş faiz artıb.")
    (project.root / "source/c.txt").write_text("Trade grew by five percent.\n\nA sentence only in c.\n",
                                               encoding="utf-8")
    result, engines = run(project, languages=("az",), now=T1)
    assert engines.engines["az"].calls == [["A sentence only in c."]]
    (summary,) = result.languages
    assert (summary.reused, summary.drafted, summary.new) == (1, 1, 2)
    entry = entries(project.root / "locales/az/LC_MESSAGES/c.po")["Trade grew by five percent."]
    assert entry.msgstr == "Ticarət beş faiz artıb." and entry_state(entry) == DRAFT
    assert provenance(entry) == "from translation memory (a.po)"


def test_translation_memory_ignores_entries_with_a_context(project):
    """A msgctxt variant (e.g. a headline wording added by hand) is not a translation of the sentence."""
    run(project, languages=("az",))
    po = polib.POFile()
    po.metadata = {"Language": "az", "Content-Type": "text/plain; charset=UTF-8"}
    po.append(polib.POEntry(msgctxt="title", msgid="Trade grew by five percent.", msgstr="BAŞLIQ"))
    po.save(str(project.root / "locales/az/LC_MESSAGES/old.po"))
    (project.root / "source/c.txt").write_text("Trade grew by five percent.\n", encoding="utf-8")
    run(project, languages=("az",), now=T1)
    entry = entries(project.root / "locales/az/LC_MESSAGES/c.po")["Trade grew by five percent."]
    assert entry.msgstr != "BAŞLIQ" and provenance(entry).startswith("machine draft")


def test_stored_drafts_spare_the_engine_after_a_lost_catalog(project):
    run(project, languages=("az",))
    path = project.root / "locales/az/LC_MESSAGES/b.po"
    before = path.read_bytes()
    path.unlink()
    _, engines = run(project, languages=("az",))
    assert engines.engines["az"].calls == []
    assert path.read_bytes() == before
    _, engines = run(project, FakeEngines(origin="fake other-{target} 2.0"), languages=("az",))
    assert engines.calls == 0, "drafts exist: nothing to draft even with another engine"


def test_engine_failure_writes_nothing(project):
    def no_engine(target):
        raise L10nError(f"no Argos package for en->{target} is installed")

    with pytest.raises(L10nError, match="no Argos package"):
        translate_project(project, project.documents(), ["az"], no_engine, now=T0)
    assert catalog_files(project.root) == [] and not project.store_path.exists()


def test_unknown_language_and_empty_project(project, tmp_path_factory):
    with pytest.raises(L10nError, match="unknown language code"):
        run(project, languages=("zz-nope",))
    empty = tmp_path_factory.mktemp("empty")
    (empty / "source").mkdir()
    with pytest.raises(L10nError, match="no articles"):
        run(Project.open(empty))


def test_template_date_changes_only_with_content(project):
    run(project, languages=("az",))
    pot = project.root / "locales/a.pot"
    assert "POT-Creation-Date: 2026-11-28 09:00+0000" in pot.read_text(encoding="utf-8")
    (project.root / "source/b.txt").write_text(ARTICLE_B + "\nOne more.\n", encoding="utf-8")
    run(project, languages=("az",), now=T1)
    assert "POT-Creation-Date: 2026-11-28 09:00+0000" in pot.read_text(encoding="utf-8")
    b_po = polib.pofile(str(project.root / "locales/az/LC_MESSAGES/b.po"))
    assert b_po.metadata["POT-Creation-Date"] == "2026-11-28 10:30+0000"
    assert b_po.metadata["PO-Revision-Date"] == "2026-11-28 10:30+0000"


def test_markdown_article(tmp_path, msgfmt):
    make_project(tmp_path, {"m.md": "# Customs news\n\nThe committee met. It agreed.\n"})
    project = Project.open(tmp_path)
    run(project, languages=("ru",))
    got = entries(tmp_path / "locales/ru/LC_MESSAGES/m.po")
    assert "Customs news" in got and got["Customs news"].occurrences == [("source/m.md", "1")]
    msgfmt_check(msgfmt, tmp_path / "locales/ru/LC_MESSAGES/m.po")


def test_redraft_replaces_only_untouched_machine_drafts(project):
    run(project, languages=("az",))
    path = project.root / "locales/az/LC_MESSAGES/a.po"
    edit_like_poedit(path, "Trade grew by five percent.", "Ticarət beş faiz artıb.", review=False,
                     comment="my wording")
    edit_like_poedit(path, "The committee met in Baku on Monday.", "Komitə bazar ertəsi toplandı.")
    newer = FakeEngines(origin="real translate-en_{target} 1.9")
    result, _ = run(project, newer, languages=("az",), now=T1)
    assert newer.calls == 0, "without redraft, existing drafts stay"
    assert result.languages[0].propagated == 1, "b's untouched draft of a sentence reviewed in a.po comes from TM"
    result, _ = run(project, newer, languages=("az",), now=T1, redraft=True)
    (call,) = newer.engines["az"].calls
    assert sorted(call) == ["Customs officers seized a ton of drugs this year.",
                            "Exports of oil rose sharply in March."]
    assert result.languages[0].redrafted == 2 and result.languages[0].drafted == 0
    assert result.languages[0].reused == 0 and result.languages[0].propagated == 0
    assert provenance(entries(project.root / "locales/az/LC_MESSAGES/b.po")["The committee met in Baku on Monday."]) \
        == "from translation memory (a.po)"
    got = entries(path)
    redrafted = got["Customs officers seized a ton of drugs this year."]
    assert provenance(redrafted) == "machine draft, real translate-en_az 1.9" and entry_state(redrafted) == DRAFT
    edited = got["Trade grew by five percent."]
    assert edited.msgstr == "Ticarət beş faiz artıb." and "my wording" in edited.tcomment
    assert got["The committee met in Baku on Monday."].msgstr == "Komitə bazar ertəsi toplandı."
    # a second redraft with the same engine has nothing to replace
    before = snapshot(project.root)
    again, _ = run(project, newer, languages=("az",), now=T2, redraft=True)
    assert newer.calls == 1 and again.written == [] and snapshot(project.root) == before


def test_without_a_store_record_a_draft_counts_as_edited(project):
    run(project, languages=("az",))
    project.store_path.unlink()
    newer = FakeEngines(origin="real translate-en_{target} 1.9")
    result, _ = run(project, newer, languages=("az",), redraft=True)
    assert newer.calls == 0 and result.written == []


def test_provenance_survives_gnu_msgmerge_and_the_result_reads_back(project, msgfmt):
    import shutil
    import subprocess

    msgmerge = shutil.which("msgmerge")
    if msgmerge is None:
        pytest.fail("GNU gettext's msgmerge is required for the tests (apt-get install gettext)")
    run(project, languages=("az",))
    po_path = project.root / "locales/az/LC_MESSAGES/a.po"
    subprocess.run([msgmerge, "--quiet", "--previous", "-U", "--backup=off", str(po_path),
                    str(project.root / "locales/a.pot")], check=True)
    text = po_path.read_text(encoding="utf-8")
    assert text.count("# l10n: machine draft, fake translate-en_az 1.0") == 3
    result, engines = run(project, languages=("az",), now=T1)
    assert engines.calls == 0
    got = entries(po_path)
    assert all(entry_state(e) == DRAFT and provenance(e) for e in got.values())
    msgfmt_check(msgfmt, po_path)


def test_redraft_also_refreshes_an_unedited_draft_whose_english_changed(project):
    run(project, languages=("az",))
    path = project.root / "locales/az/LC_MESSAGES/b.po"
    edit_like_poedit(path, "The committee met in Baku on Monday.", "Komitə bazar ertəsi toplandı (redaktə).",
                     review=False)
    (project.root / "source/b.txt").write_text(
        "The committee met in Baku on Friday.\n\nExports of oil rose sharply in April.\n", encoding="utf-8")
    run(project, languages=("az",), now=T1)
    got = entries(path)
    assert entry_state(got["Exports of oil rose sharply in April."]) == STALE
    assert entry_state(got["The committee met in Baku on Friday."]) == STALE
    result, engines = run(project, languages=("az",), now=T2, redraft=True)
    assert engines.engines["az"].calls == [["Exports of oil rose sharply in April."]]
    assert result.languages[0].redrafted == 1
    got = entries(path)
    fresh = got["Exports of oil rose sharply in April."]
    assert (fresh.msgstr, fresh.previous_msgid, entry_state(fresh)) == (
        "[az] Exports of oil rose sharply in April.", None, DRAFT)
    edited = got["The committee met in Baku on Friday."]
    assert edited.msgstr == "Komitə bazar ertəsi toplandı (redaktə)." and entry_state(edited) == STALE


def test_redraft_keeps_a_draft_approved_as_is_after_its_english_changed(project):
    run(project, languages=("az",))
    path = project.root / "locales/az/LC_MESSAGES/b.po"
    edit_like_poedit(path, "Exports of oil rose sharply in March.")  # approved without a change
    (project.root / "source/b.txt").write_text(
        "The committee met in Baku on Monday.\n\nExports of oil rose sharply in April.\n", encoding="utf-8")
    run(project, languages=("az",), now=T1)
    run(project, languages=("az",), now=T2, redraft=True)
    entry = entries(path)["Exports of oil rose sharply in April."]
    assert entry.msgstr == "[az] Exports of oil rose sharply in March." and entry_state(entry) == STALE
    assert provenance(entry).startswith("reviewed (was: machine draft")


class _EmptyEngine:
    """An engine whose package yields nothing (e.g. a model that only emits control tokens)."""

    origin = "broken translate-en_xx 1.0"

    def translate(self, texts, progress=None):
        from l10n.engine.base import Draft

        return [Draft("", score=-1.0) for _ in texts]


def test_empty_engine_drafts_are_a_warning_not_silence(project):
    result = translate_project(project, project.documents(), ["az"], lambda lang: _EmptyEngine(), now=T0)
    (summary,) = result.languages
    assert summary.drafted == 0
    assert summary.untranslated > 0
    (warning,) = [w for w in summary.warnings if "empty draft" in w]
    assert warning.startswith("source/a.txt:")
    import re

    assert re.search(r"empty draft for (\d+) of \1 segment\(s\); left untranslated", warning)


class _WarningEngine(FakeEngine):
    """A FakeEngine that reports a cut draft for the last segment, as the Argos engine does."""

    def translate(self, texts, progress=None):
        import warnings

        from l10n.engine.base import TruncatedDraftWarning

        drafts = super().translate(texts, progress)
        warnings.warn(TruncatedDraftWarning("cut", index=len(drafts) - 1, limit=256))
        return drafts


def test_an_engine_segment_warning_names_the_source_line_even_when_warnings_are_ignored(project):
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = translate_project(project, project.documents(), ["az"], lambda lang: _WarningEngine("az"), now=T0)
    (summary,) = result.languages
    (warning,) = summary.warnings
    assert re.fullmatch(r"source/[ab]\.txt:\d+: the draft reached the 256-token output limit and may be cut "
                        r"short \(fake translate-en_az 1\.0; check the draft\)", warning), warning
    assert summary.drafted > 0  # the cut draft is kept for a person to finish


def test_a_stale_entry_stays_stale_after_msgmerge_without_previous(project, msgfmt, tmp_path):
    """msgmerge --update (no --previous, its default) drops #|; l10n then counted the stale entry as a
    draft and the old English was lost to the translator. The draft store knows it (issue 14)."""
    import shutil
    import subprocess

    run(project, languages=["az"])
    source = project.root / "source" / "b.txt"
    source.write_text(source.read_text(encoding="utf-8").replace("sharply", "slightly"), encoding="utf-8")
    run(project, languages=["az"], now=T1)
    po_path = project.root / "locales" / "az" / "LC_MESSAGES" / "b.po"
    changed = "Exports of oil rose slightly in March."
    assert entry_state(entries(po_path)[changed]) == STALE
    pot = project.root / "locales" / "b.pot"
    subprocess.run([shutil.which("msgmerge"), "--update", "--backup=off", "-q", str(po_path), str(pot)], check=True)
    assert entries(po_path)[changed].previous_msgid is None  # what msgmerge did
    run(project, languages=["az"], now=T2)
    entry = entries(po_path)[changed]
    assert entry_state(entry) == STALE and entry.previous_msgid == "Exports of oil rose sharply in March."
    msgfmt_check(msgfmt, po_path)
