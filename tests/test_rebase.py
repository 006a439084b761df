"""A translator saves a catalog while `l10n translate` is drafting: the edit survives, the drafts land."""

from __future__ import annotations

from datetime import UTC, datetime, timezone

import polib
import pytest
from catalog_helpers import ARTICLE_A, make_project, msgfmt_check
from fakes import FakeEngine, FakeEngines

from l10n.catalog.model import DRAFT, REVIEWED, entry_state, provenance
from l10n.languages import language_info
from l10n.errors import L10nError
from l10n.project import Project
from l10n.catalog.rebase import rebase_drafts
from l10n.translate import translate_project

T0 = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)
T1 = datetime(2026, 11, 28, 10, 0, tzinfo=UTC)
NEW_SENTENCE = "Imports of grain fell in April."


@pytest.fixture
def project(tmp_path):
    make_project(tmp_path, {"a.txt": ARTICLE_A})
    project = Project.open(tmp_path)
    translate_project(project, project.documents(), ["az"], FakeEngines(), now=T0)
    # The editor changes the article: one new sentence for the next run to draft.
    source = tmp_path / "source" / "a.txt"
    source.write_text(source.read_text(encoding="utf-8") + "\n" + NEW_SENTENCE + "\n", encoding="utf-8")
    return project


def _po(project):
    return project.po_path(project.documents()[0], "az")


def _entries(path):
    return {e.msgid: e for e in polib.pofile(str(path)) if not e.obsolete and e.msgid}


def _review(path, msgid, msgstr):
    """What Poedit does: edit, clear fuzzy, save (the whole file is rewritten)."""
    po = polib.pofile(str(path))
    entry = po.find(msgid)
    entry.msgstr, entry.flags, entry.previous_msgid = msgstr, [], None
    entry.tcomment = (entry.tcomment + "\n" if entry.tcomment else "") + "checked by Aygun"
    po.metadata["Last-Translator"] = "Aygun <aygun@example.org>"
    po.save()


class EditingEngine(FakeEngine):
    """A fake engine during whose work the translator saves the catalog (from the progress callback)."""

    def __init__(self, on_progress):
        super().__init__("az")
        self.on_progress = on_progress

    def translate(self, texts, progress=None):
        def hook(done, total):
            if done == 1:
                self.on_progress()
            if progress is not None:
                progress(done, total)

        return super().translate(texts, progress=hook)


def _run(project, on_progress):
    engine = EditingEngine(on_progress)
    return translate_project(project, project.documents(), ["az"], lambda lang: engine, now=T1), engine


def test_translator_save_during_the_run_survives_and_the_new_draft_lands(project, msgfmt):
    path = _po(project)
    reviewed = "Bu il gömrükçülər bir ton narkotik ələ keçirib."
    result, engine = _run(project, lambda: _review(path, "Customs officers seized a ton of drugs this year.", reviewed))
    assert engine.calls == [[NEW_SENTENCE]]
    entries = _entries(path)
    kept = entries["Customs officers seized a ton of drugs this year."]
    assert kept.msgstr == reviewed and entry_state(kept) == REVIEWED
    assert "checked by Aygun" in kept.tcomment
    new = entries[NEW_SENTENCE]
    assert entry_state(new) == DRAFT and new.msgstr == f"[az] {NEW_SENTENCE}"
    assert provenance(new).startswith("machine draft")
    assert polib.pofile(str(path)).metadata["Last-Translator"] == "Aygun <aygun@example.org>"
    assert path in result.written
    msgfmt_check(msgfmt, path)


def test_translator_filled_the_new_entry_first_keeps_theirs(project, msgfmt):
    # The translator already added the new sentence by hand (e.g. copied from the article) and saved.
    path = _po(project)

    def add_by_hand():
        po = polib.pofile(str(path))
        po.append(polib.POEntry(msgid=NEW_SENTENCE, msgstr="Aprel ayında taxıl idxalı azalıb."))
        po.save()

    _run(project, add_by_hand)
    new = _entries(path)[NEW_SENTENCE]
    assert new.msgstr == "Aprel ayında taxıl idxalı azalıb." and entry_state(new) == REVIEWED
    msgfmt_check(msgfmt, path)


def test_malformed_save_during_the_run_stops_it_and_the_file_is_not_touched(project):
    path = _po(project)
    broken = b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "half\n'

    with pytest.raises(L10nError) as info:
        _run(project, lambda: path.write_bytes(broken))
    assert str(info.value).startswith(f"{path}:5: ")
    assert path.read_bytes() == broken  # the translator's bytes, as saved


def test_catalog_created_during_the_run_is_merged_not_overwritten(tmp_path, msgfmt):
    make_project(tmp_path, {"a.txt": ARTICLE_A})
    project = Project.open(tmp_path)
    path = project.po_path(project.documents()[0], "az")
    mine = "Bazar ertəsi komitə Bakıda toplandı."

    def translator_creates_it():
        po = polib.POFile()
        po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "az"}
        po.append(polib.POEntry(msgid="The committee met in Baku on Monday.", msgstr=mine))
        path.parent.mkdir(parents=True, exist_ok=True)
        po.save(str(path))

    engine = EditingEngine(translator_creates_it)
    translate_project(project, project.documents(), ["az"], lambda lang: engine, now=T0)
    entries = _entries(path)
    assert entries["The committee met in Baku on Monday."].msgstr == mine
    assert entry_state(entries["Trade grew by five percent."]) == DRAFT
    msgfmt_check(msgfmt, path)


# --- rebase_drafts as a function ------------------------------------------------------


def _catalog(*entries):
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "az"}
    for entry in entries:
        po.append(entry)
    return po


def _template(*msgids):
    return _catalog(*(polib.POEntry(msgid=m, msgstr="") for m in msgids))


def _draft(msgid, text):
    return polib.POEntry(msgid=msgid, msgstr=text, flags=["fuzzy"], tcomment="l10n: machine draft, fake 1.0")


def test_rebase_adds_only_the_runs_own_drafts_into_untranslated_entries():
    template = _template("One.", "Two.", "Three.")
    before = _catalog(polib.POEntry(msgid="One.", msgstr=""), _draft("Two.", "İki (köhnə)."))
    run = _catalog(_draft("One.", "Bir."), _draft("Two.", "İki (köhnə)."), _draft("Three.", "Üç."))
    # meanwhile the translator reviewed "One." and deliberately cleared the old draft of "Two."
    saved = _catalog(polib.POEntry(msgid="One.", msgstr="Bir!"), polib.POEntry(msgid="Two.", msgstr=""))
    out = {e.msgid: e for e in rebase_drafts(saved, template, language_info("az"), run, before)}
    assert out["One."].msgstr == "Bir!" and entry_state(out["One."]) == REVIEWED
    assert out["Two."].msgstr == ""  # cleared on purpose: the old draft does not come back
    assert out["Three."].msgstr == "Üç." and entry_state(out["Three."]) == DRAFT
    assert provenance(out["Three."]) == "machine draft, fake 1.0"


def test_rebase_onto_a_deleted_catalog_keeps_the_drafts():
    template = _template("One.")
    run = _catalog(_draft("One.", "Bir."))
    out = rebase_drafts(None, template, language_info("az"), run, None)
    assert [(e.msgid, e.msgstr) for e in out] == [("One.", "Bir.")]


def test_catalog_deleted_during_the_run_is_written_whole(project, msgfmt):
    path = _po(project)
    _review(path, "Trade grew by five percent.", "Ticarət beş faiz artıb.")
    _run(project, path.unlink)
    entries = _entries(path)
    assert entries["Trade grew by five percent."].msgstr == "Ticarət beş faiz artıb."  # from before the run
    assert entry_state(entries[NEW_SENTENCE]) == DRAFT
    msgfmt_check(msgfmt, path)


def test_a_catalog_that_keeps_changing_is_refused_and_left_as_saved(project, monkeypatch):
    from l10n.translate import run as workflow
    from l10n.translate import writing

    path = _po(project)
    real_read = workflow.read_catalog
    saves = []

    def read_then_editor_saves(p):
        found = real_read(p)
        if p == path and saves:  # after the run's first read, the editor saves after every read
            saves.append(1)
            _review(path, "Trade grew by five percent.", f"Ticarət artıb ({len(saves)}).")
        return found

    monkeypatch.setattr(workflow, "read_catalog", read_then_editor_saves)
    monkeypatch.setattr(writing, "read_catalog", read_then_editor_saves)  # the re-reads before writing
    with pytest.raises(L10nError, match="keeps changing on disk") as info:
        _run(project, lambda: saves.append(1) or _review(path, "Trade grew by five percent.", "Ticarət artıb."))
    assert str(info.value).startswith(f"{path}: ")
    last = _entries(path)["Trade grew by five percent."].msgstr
    assert last == f"Ticarət artıb ({len(saves)})."  # the translator's last save is what is on disk
