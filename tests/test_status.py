from __future__ import annotations

import polib
from catalog_helpers import ARTICLE_A, ARTICLE_B, make_project, msgfmt_check
from fakes import FakeEngines

from l10n.project import Project
from l10n.report.status import project_status, status_paths
from l10n.translate import translate_project


def test_counts_agree_with_msgfmt_statistics(tmp_path, msgfmt):
    make_project(tmp_path, {"a.txt": ARTICLE_A + "\nFour more words here.\n"})
    project = Project.open(tmp_path)
    translate_project(project, project.documents(), ["az"], FakeEngines())
    path = project.po_path(project.documents()[0], "az")
    po = polib.pofile(str(path))
    po.find("Trade grew by five percent.").flags.remove("fuzzy")  # reviewed
    stale = po.find("The committee met in Baku on Monday.")
    stale.previous_msgid = "The committee met in Baku."  # stale
    po.find("Four more words here.").msgstr = ""  # untranslated (still flagged fuzzy)
    po.save()

    (row,) = project_status(project, project.documents(), ["az"])
    assert (row.document, row.language, row.total) == ("a", "az", 4)
    assert (row.reviewed, row.draft, row.stale, row.untranslated) == (1, 1, 1, 1)
    assert row.words == 9 + 7 + 5 + 4
    assert row.percent_reviewed == 25.0 and row.exists
    stats = msgfmt_check(msgfmt, path)
    assert stats == {"translated": row.reviewed, "fuzzy": row.draft + row.stale, "untranslated": row.untranslated}


def test_articles_without_catalogs_count_as_untranslated(tmp_path):
    make_project(tmp_path, {"a.txt": ARTICLE_A, "b.txt": ARTICLE_B})
    rows = status_paths([], cwd=str(tmp_path))
    assert [(r.document, r.language, r.total, r.untranslated, r.exists) for r in rows] == [
        ("a", "az", 3, 3, False), ("a", "ru", 3, 3, False), ("b", "az", 2, 2, False), ("b", "ru", 2, 2, False),
    ]
    assert rows[0].as_dict()["percent_reviewed"] == 0.0
    assert rows[0].catalog == "locales/az/LC_MESSAGES/a.po"
    rows = status_paths(["source/b.txt"], ["ru"], cwd=str(tmp_path))
    assert [(r.document, r.language) for r in rows] == [("b", "ru")]


def test_outdated_catalogs_and_totals(tmp_path):
    from l10n.report.status import totals

    make_project(tmp_path, {"a.txt": ARTICLE_A, "b.txt": ARTICLE_B})
    project = Project.open(tmp_path)
    translate_project(project, project.documents(), ["az"], FakeEngines())
    (tmp_path / "source" / "b.txt").write_text(ARTICLE_B + "\nA new closing line.\n", encoding="utf-8")
    rows = project_status(project, project.documents(), ["az"])
    assert [(r.document, r.total, r.draft, r.outdated) for r in rows] == [("a", 3, 3, False), ("b", 2, 2, True)]
    (total,) = totals(rows)
    assert (total.document, total.total, total.draft, total.words, total.outdated) == ("*", 5, 5, 35, True)
