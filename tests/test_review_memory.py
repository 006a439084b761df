"""The review page's memory adapter: exact today, a fuzzy ``l10n.memory.matches`` when it exists."""

from __future__ import annotations

import sys
import types
from dataclasses import dataclass

from review_helpers import COMMITTEE, COMMITTEE_AZ, build_project

from l10n.project import Project
from l10n.review.memory import ExactMemory, FuzzyMemory, MemoryMatch, open_memory


@dataclass
class Row:
    document: str
    english: str
    translation: str
    score: float


def test_exact_memory_offers_reviewed_translations_of_other_articles(tmp_path):
    project = Project.open(build_project(tmp_path))
    memory = ExactMemory(project, "az")
    assert memory.matches(COMMITTEE, "story", 3) == [MemoryMatch("other", COMMITTEE, COMMITTEE_AZ, 100.0)]
    assert memory.matches(COMMITTEE, "other", 3) == []  # not its own entry
    assert memory.matches("Never seen.", "story", 3) == []


def test_a_fuzzy_memory_is_used_when_installed(tmp_path, monkeypatch):
    calls = []

    def matches(project, language, english, limit):
        calls.append((language, english, limit))
        return [Row("story", english, "own entry", 100.0), {"doc": "b", "source": "Trade grew.", "target": "T", "score": 0.8},
                Row("c", "Trade grew a lot.", "T2", 71.0)]

    monkeypatch.setitem(sys.modules, "l10n.memory", types.SimpleNamespace(matches=matches))
    project = Project.open(build_project(tmp_path))
    memory = open_memory(project, "az")
    assert isinstance(memory, FuzzyMemory)
    assert memory.matches("Trade grew by five percent.", "story", 2) == [
        MemoryMatch("b", "Trade grew.", "T", 80.0), MemoryMatch("c", "Trade grew a lot.", "T2", 71.0)]
    assert calls == [("az", "Trade grew by five percent.", 3)]


def test_without_a_fuzzy_memory_the_exact_one_is_used(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "l10n.memory", None)
    assert isinstance(open_memory(Project.open(build_project(tmp_path)), "az"), ExactMemory)
