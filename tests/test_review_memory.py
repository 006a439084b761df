"""The review page's memory: the project memory's exact and fuzzy matches, its own entry left out."""

from __future__ import annotations

from review_helpers import COMMITTEE, COMMITTEE_AZ, build_project, edit_po, po_path

from l10n.project import Project
from l10n.review.memory import MemoryMatch, open_memory


def test_exact_memory_offers_reviewed_translations_of_other_articles(tmp_path):
    project = Project.open(build_project(tmp_path))
    memory = open_memory(project, "az")
    assert memory.matches(COMMITTEE, "story", 3) == [MemoryMatch("other", COMMITTEE, COMMITTEE_AZ, 100.0)]
    assert memory.matches(COMMITTEE, "other", 3) == []  # not its own entry
    assert memory.matches("Never seen anything like this before.", "story", 3) == []


def test_a_similar_english_is_offered_with_its_percentage(tmp_path):
    project = Project.open(build_project(tmp_path))
    near = COMMITTEE.replace("Monday", "Tuesday")
    (match,) = open_memory(project, "az").matches(near, "story", 3)
    assert (match.document, match.english, match.translation) == ("other", COMMITTEE, COMMITTEE_AZ)
    assert 85 <= match.score < 100


def test_a_review_made_after_the_page_opened_is_offered(tmp_path):
    root = build_project(tmp_path)
    memory = open_memory(Project.open(root), "az")
    assert memory.matches(COMMITTEE, "other", 3) == []
    edit_po(po_path(root), {COMMITTEE: ("Komitə Bakıda toplandı.", True)})
    assert memory.matches(COMMITTEE, "other", 3) == [MemoryMatch("story", COMMITTEE, "Komitə Bakıda toplandı.", 100.0)]
