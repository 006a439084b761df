"""qa: finding catalogs, their language and glossary, and the report."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest

from l10n.errors import L10nError
from l10n.check.runner import check_paths, collect_catalogs
from l10n.languages import catalog_language


def _po(path: Path, lang: str | None, entries) -> Path:
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    if lang:
        po.metadata["Language"] = lang
    for msgid, msgstr in entries:
        po.append(polib.POEntry(msgid=msgid, msgstr=msgstr))
    path.parent.mkdir(parents=True, exist_ok=True)
    po.save(str(path))
    return path


def test_catalog_language_from_header_or_folder():
    assert catalog_language({"Language": "ru"}, Path("x.po")) == "ru"
    assert catalog_language({}, Path("locales/az/LC_MESSAGES/x.po")) == "az"
    assert catalog_language({"Language": ""}, Path("x.po")) is None
    # Poedit writes the region a translator picked; the folder's code is the project's
    assert catalog_language({"Language": "ru_RU"}, Path("locales/ru/LC_MESSAGES/x.po")) == "ru"
    assert catalog_language({"Language": "az-Latn"}, Path("locales/az/LC_MESSAGES/x.po")) == "az"
    assert catalog_language({"Language": "ru_RU"}, Path("x.po")) == "ru_RU"
    assert catalog_language({"Language": "tr"}, Path("locales/az/LC_MESSAGES/x.po")) == "tr"


def test_region_in_language_header_keeps_glossary_and_lang_filter(tmp_path):
    """Regression: 'Language: ru_RU' (Poedit) made check skip the ru glossary column and --lang ru."""
    (tmp_path / "source").mkdir()
    (tmp_path / "glossary.tsv").write_text("en\tru\nTrend\t=\n", encoding="utf-8")
    po = _po(tmp_path / "locales/ru/LC_MESSAGES/a.po", "ru_RU", [("Trend reports.", "Тренд сообщает.")])
    report = check_paths([], lang="ru", cwd=tmp_path)
    assert report.catalogs == ["locales/ru/LC_MESSAGES/a.po"]
    assert [(f.check, f.path) for f in report.findings] == [("glossary", "locales/ru/LC_MESSAGES/a.po")]
    assert check_paths([po]).failed


def test_collect_catalogs_files_folders_and_project_default(tmp_path):
    (tmp_path / "source").mkdir()
    a = _po(tmp_path / "locales/az/LC_MESSAGES/a.po", "az", [])
    b = _po(tmp_path / "locales/ru/LC_MESSAGES/a.po", "ru", [])
    (tmp_path / "locales/a.pot").write_text("", encoding="utf-8")
    assert collect_catalogs([], cwd=tmp_path) == [a, b]
    assert collect_catalogs([b, tmp_path / "locales"]) == [b, a]
    with pytest.raises(L10nError, match="no such file or folder"):
        collect_catalogs([tmp_path / "missing.po"])


def test_glossary_found_per_project_or_given(tmp_path):
    (tmp_path / "source").mkdir()
    (tmp_path / "glossary.tsv").write_text("en\tru\nTrend\t=\n", encoding="utf-8")
    po = _po(tmp_path / "locales/ru/LC_MESSAGES/a.po", None, [("Trend reports.", "Тренд сообщает.")])
    report = check_paths([po], cwd=tmp_path)
    assert [(f.check, f.state, f.path) for f in report.findings] == [
        ("glossary", "reviewed", "locales/ru/LC_MESSAGES/a.po")]
    assert report.failed and report.entries == 1 and report.catalogs == ["locales/ru/LC_MESSAGES/a.po"]
    other = tmp_path / "other.tsv"
    other.write_text("en\tru\n", encoding="utf-8")
    assert check_paths([po], glossary=other).findings == []


def test_language_filter_and_unknown_language(tmp_path):
    po = _po(tmp_path / "a.po", "ru", [("One.", "Один.")])
    assert check_paths([po], lang="ru").catalogs
    assert check_paths([po], lang="RU").catalogs, "gettext's spelling of the code"
    with pytest.raises(L10nError, match="unknown language code 'xx'"):
        check_paths([po], lang="xx")
    with pytest.raises(L10nError, match="no catalogs to check for language 'az'"):
        check_paths([po], lang="az")
    nolang = _po(tmp_path / "b.po", None, [])
    with pytest.raises(L10nError, match="no Language header"):
        check_paths([nolang])
