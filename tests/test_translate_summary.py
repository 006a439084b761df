"""The translate summary: each segment counted once, in columns that add up (issue 14)."""

from __future__ import annotations

from datetime import UTC, datetime

import polib
import pytest
from catalog_helpers import ARTICLE_A, ARTICLE_B, make_project
from fakes import FakeEngine, FakeEngines

from l10n.engine.base import Draft
from l10n.project import Project
from l10n.translate import translate_project
from l10n.translate.summary import PARTS

T0, T1, T2 = (datetime(2026, 11, 28, h, 0, tzinfo=UTC) for h in (9, 10, 11))
SILENT = "Nothing comes back for this one."


class SilentOnOne(FakeEngines):
    """Fake engines that return an empty draft for SILENT (as a mismatched package may)."""

    def __call__(self, target):
        engine = super().__call__(target)
        if not isinstance(engine, _Silent):
            engine.__class__ = _Silent
        return engine


class _Silent(FakeEngine):
    def translate(self, texts, progress=None):
        return [Draft("", 0.0) if t == SILENT else d for t, d in zip(texts, super().translate(texts, progress))]


def run(project, engines, now, **kwargs):
    result = translate_project(project, project.documents(), ("az", "ru"), engines, now=now, **kwargs)
    summaries = {s.language: s for s in result.languages}
    for s in summaries.values():
        assert s.accounted() == s.segments, (s.language, {p: getattr(s, p) for p in PARTS}, s.segments)
    return summaries


def counts(summary, names=("segments", *PARTS, "new", "obsolete")):
    return {n: getattr(summary, n) for n in names}


def edit(path, msgid, msgstr, review=True):
    po = polib.pofile(str(path))
    entry = po.find(msgid)
    entry.msgstr = msgstr
    if review:
        entry.flags = [f for f in entry.flags if f != "fuzzy"]
        entry.previous_msgid = None
    po.save()


@pytest.fixture
def project(tmp_path):
    make_project(tmp_path, {"a.txt": ARTICLE_A, "b.txt": ARTICLE_B})
    return Project.open(tmp_path)


def test_columns_add_up_over_a_newsroom_week(project):
    az = project.root / "locales/az/LC_MESSAGES"
    # Monday: two new articles, everything drafted.
    first = run(project, FakeEngines(), T0)
    assert counts(first["az"]) == {"segments": 5, "drafted": 5, "reused": 0, "propagated": 0, "redrafted": 0,
                                   "stale": 0, "unchanged": 0, "untranslated": 0, "new": 5, "obsolete": 0}

    # A translator reviews two sentences of a.po and clears a draft in b.po (an entry that
    # exists but has no translation: the case that was counted both unchanged and reused).
    edit(az / "a.po", "Trade grew by five percent.", "Ticarət beş faiz artıb.")
    edit(az / "a.po", "The committee met in Baku on Monday.", "Komitə bazar ertəsi Bakıda toplandı.")
    edit(az / "b.po", "The committee met in Baku on Monday.", "", review=False)
    # Tuesday: a's lead changes, a follow-up repeats a reviewed sentence, one sentence gets no draft.
    (project.root / "source/a.txt").write_text(
        ARTICLE_A.replace("seized a ton of drugs", "seized two tons of drugs"), encoding="utf-8")
    (project.root / "source/c.txt").write_text(
        f"Trade grew by five percent.\n\nA sentence only in c.\n\n{SILENT}\n", encoding="utf-8")
    second = run(project, SilentOnOne(), T1)
    assert counts(second["az"]) == {
        "segments": 8,  # a 3, b 2, c 3
        "drafted": 1,  # c's own sentence
        "reused": 2,  # c's reviewed repeat, and b's cleared entry (reviewed in a.po)
        "propagated": 0,
        "redrafted": 0,
        "stale": 1,  # a's changed lead
        "unchanged": 3,  # a's two reviewed sentences, b's exports draft
        "untranslated": 1,  # the engine returned nothing for SILENT
        "new": 3,  # c's three sentences
        "obsolete": 0,  # the changed lead became stale, not obsolete
    }
    assert counts(second["ru"], ("segments", "drafted", "reused", "stale", "unchanged", "untranslated")) == {
        "segments": 8, "drafted": 2, "reused": 0, "stale": 1, "unchanged": 4, "untranslated": 1}

    # Wednesday: real packages; --redraft replaces unedited machine drafts, stale ones included.
    third = run(project, FakeEngines(origin="real translate-en_{target} 1.9"), T2, redraft=True)
    assert counts(third["az"]) == {
        "segments": 8,
        "drafted": 1,  # SILENT, drafted at last
        "reused": 0,
        "propagated": 0,
        "redrafted": 3,  # a's stale lead, b's exports, c's own sentence
        "stale": 0,
        "unchanged": 4,  # two reviewed in a, two memory drafts (not machine drafts)
        "untranslated": 0,
        "new": 0,
        "obsolete": 0,
    }

    # Thursday: a sentence is removed; a ru translator reviews one that c.po has as a machine draft.
    (project.root / "source/b.txt").write_text("Exports of oil rose sharply in March.\n", encoding="utf-8")
    edit(project.root / "locales/ru/LC_MESSAGES/a.po", "Trade grew by five percent.", "Торговля выросла на 5%.")
    fourth = run(project, FakeEngines(), T2)
    assert counts(fourth["az"]) == {"segments": 7, "drafted": 0, "reused": 0, "propagated": 0, "redrafted": 0,
                                    "stale": 0, "unchanged": 7, "untranslated": 0, "new": 0, "obsolete": 1}
    assert counts(fourth["ru"], ("segments", "propagated", "unchanged", "obsolete")) == {
        "segments": 7, "propagated": 1, "unchanged": 6, "obsolete": 1}
    ru_c = polib.pofile(str(project.root / "locales/ru/LC_MESSAGES/c.po")).find("Trade grew by five percent.")
    assert ru_c.msgstr == "Торговля выросла на 5%." and "fuzzy" in ru_c.flags


def test_json_keeps_its_keys_and_adds_segments(project):
    summary = run(project, FakeEngines(), T0)["az"]
    keys = set(summary.as_dict())
    assert {"language", "new", "drafted", "reused", "stale", "unchanged", "obsolete", "untranslated",
            "redrafted", "warnings", "segments", "propagated", "memory_fuzzy"} <= keys
