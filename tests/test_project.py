from __future__ import annotations

import pytest

from l10n.errors import L10nError
from l10n.project import DEFAULT_LANGUAGES, Document, Project, find_project, resolve_paths
from l10n.languages import split_languages


@pytest.fixture
def project_dir(tmp_path):
    (tmp_path / "source").mkdir()
    (tmp_path / "source" / "b-story.md").write_text("# B\n", encoding="utf-8")
    (tmp_path / "source" / "a-story.txt").write_text("A.\n", encoding="utf-8")
    (tmp_path / "source" / "notes.docx").write_text("x", encoding="utf-8")
    return tmp_path


def test_layout_and_defaults(project_dir):
    project = Project.open(project_dir)
    assert project.languages == DEFAULT_LANGUAGES == ("az", "ru")
    docs = project.documents()
    assert [d.name for d in docs] == ["a-story", "b-story"]
    assert project.pot_path(docs[0]) == project_dir / "locales" / "a-story.pot"
    assert project.po_path(docs[1], "ru") == project_dir / "locales" / "ru" / "LC_MESSAGES" / "b-story.po"
    assert project.store_path == project_dir / "locales" / ".l10n" / "drafts.sqlite"
    assert project.relative(docs[0].source) == "source/a-story.txt"
    assert project.catalogs("az") == []


def test_two_articles_with_one_name_are_an_error(project_dir):
    (project_dir / "source" / "a-story.md").write_text("A\n", encoding="utf-8")
    with pytest.raises(L10nError, match="two articles named 'a-story'"):
        Project.open(project_dir).documents()


def test_find_project_walks_up(project_dir):
    assert find_project(project_dir / "source" / "a-story.txt").root == project_dir.resolve()
    (project_dir / "locales" / "az").mkdir(parents=True)
    assert find_project(project_dir / "locales" / "az").root == project_dir.resolve()


def test_not_a_project(tmp_path):
    with pytest.raises(L10nError, match="not inside an l10n project"):
        find_project(tmp_path)
    with pytest.raises(L10nError, match="no source/ folder"):
        Project.open(tmp_path)


def test_resolve_paths(project_dir):
    project, docs = resolve_paths([], cwd=project_dir)
    assert [d.name for d in docs] == ["a-story", "b-story"]
    _, docs = resolve_paths(["source/b-story.md"], cwd=project_dir)
    assert docs == [Document("b-story", (project_dir / "source" / "b-story.md").resolve())]
    _, docs = resolve_paths([".", "source/a-story.txt"], cwd=project_dir)
    assert [d.name for d in docs] == ["a-story", "b-story"]
    with pytest.raises(L10nError, match="no such file"):
        resolve_paths(["source/missing.txt"], cwd=project_dir)
    with pytest.raises(L10nError, match="not an article"):
        resolve_paths(["source/notes.docx"], cwd=project_dir)
    # the source folder itself means all its articles (was: "source: not an l10n project")
    for raw in ("source", "source/", str(project_dir / "source")):
        assert resolve_paths([raw], cwd=project_dir) == (project, docs)
    (project_dir / "other").mkdir()
    with pytest.raises(L10nError, match="a folder inside the project .*, not the project"):
        resolve_paths(["other"], cwd=project_dir)


def test_paths_from_two_projects_are_refused(project_dir, tmp_path_factory):
    other = tmp_path_factory.mktemp("other")
    (other / "source").mkdir()
    (other / "source" / "c.txt").write_text("C.\n", encoding="utf-8")
    with pytest.raises(L10nError, match="another project"):
        resolve_paths([str(project_dir), str(other / "source" / "c.txt")])


def test_config_overrides(project_dir):
    (project_dir / "l10n.toml").write_text(
        'languages = ["ru", "tr"]\n[engine]\npackages_dir = "packages"\nbeam_size = 2\n', encoding="utf-8"
    )
    project = Project.open(project_dir)
    assert project.languages == ("ru", "tr")
    (project_dir / "l10n.toml").write_text('languages = ["RU", "ru", "AZ"]\n', encoding="utf-8")
    assert Project.open(project_dir).languages == ("ru", "az")
    assert project.engine.packages_dir == project_dir.resolve() / "packages"
    assert project.engine.beam_size == 2


@pytest.mark.parametrize(
    "text, message",
    [
        ("languages = [\n", "invalid TOML"),
        ("languages = []\n", "non-empty list"),
        ("langauges = ['az']\n", "unknown setting"),
        ("[engine]\nbeam_size = 0\n", "positive integer"),
        ("[engine]\nmodels = 'x'\n", "unknown \\[engine\\] setting"),
        ("languages = ['az', 'klingon']\n", "unknown language code 'klingon'"),
    ],
)
def test_bad_config_is_a_user_error_with_the_file(project_dir, text, message):
    (project_dir / "l10n.toml").write_text(text, encoding="utf-8")
    with pytest.raises(L10nError, match=message) as err:
        Project.open(project_dir)
    assert "l10n.toml" in str(err.value)


def test_split_languages():
    assert split_languages(["az,ru", " tr ", "az", ""]) == ["az", "ru", "tr"]
    assert split_languages(None) == []
    with pytest.raises(L10nError, match="unknown language code 'xx'"):
        split_languages(["az,xx"])
    # gettext's spelling, as the locales/<lang>/ folders are named (--to RU showed no catalog for ru)
    assert split_languages(["RU,Az", "ru_ru", "ru"]) == ["ru", "az", "ru_RU"]


def test_a_symlinked_article_keeps_its_project_name(project_dir, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("drafts") / "story.txt"
    elsewhere.write_text("Linked.\n", encoding="utf-8")
    (project_dir / "source" / "linked.txt").symlink_to(elsewhere)
    project = Project.open(project_dir)
    doc = project.document(project_dir / "source" / "linked.txt")
    assert doc.name == "linked" and project.relative(doc.source) == "source/linked.txt"
    assert "linked" in [d.name for d in project.documents()]
