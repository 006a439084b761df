"""A review test project: two articles translated by the fake engine, one reviewed entry made stale,
a glossary term, and a msgstr holding a script tag."""

from __future__ import annotations

from pathlib import Path

import polib
from catalog_helpers import make_project
from fakes import FakeEngines
from typer.testing import CliRunner

from l10n.cli import app

ARTICLE = """Customs Seize Drugs at the Border

Customs officers seized a ton of drugs this year. The World Customs Organization praised them.

The committee met in Baku on Monday.

- Trade grew by five percent.
- Exports of oil rose sharply.

The form read <script>window.__xss = 3</script> at the top.
"""

OTHER = """The committee met in Baku on Monday.
"""

GLOSSARY = "en\taz\tru\nWorld Customs Organization\tÜmumdünya Gömrük Təşkilatı\tВсемирная таможенная организация\n"

XSS = "<script>window.__xss = 1</script><img src=x onerror=\"window.__xss = 2\">"
STALE_OLD = "Customs officers seized a ton of drugs this year."
STALE_NEW = "Customs officers seized two tons of drugs this year."
COMMITTEE = "The committee met in Baku on Monday."
COMMITTEE_AZ = "Komitə bazar ertəsi Bakıda toplandı."


def po_path(root: Path, doc: str = "story", lang: str = "az") -> Path:
    return root / "locales" / lang / "LC_MESSAGES" / f"{doc}.po"


def edit_po(path: Path, edits: dict[str, tuple[str | None, bool]]) -> None:
    """As an editor saves: msgid -> (new msgstr or None to keep, approve?)."""
    po = polib.pofile(str(path), wrapwidth=78)
    for entry in po:
        if entry.msgid in edits:
            text, approve = edits[entry.msgid]
            if text is not None:
                entry.msgstr = text
            if approve and "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
                entry.previous_msgid = None
    po.save(str(path))


def build_project(root: Path) -> Path:
    """The project: drafted, the committee sentence reviewed in ``other`` (memory), one entry stale, one XSS."""
    make_project(root, {"story.txt": ARTICLE, "other.txt": OTHER})
    (root / "glossary.tsv").write_text(GLOSSARY, encoding="utf-8")
    runner = CliRunner()
    engines = FakeEngines("fake-1 {target}")

    def translate() -> None:
        result = runner.invoke(app, ["translate", str(root), "--to", "az"], obj={"engine_factory": engines})
        assert result.exit_code == 0, result.output

    translate()
    edit_po(po_path(root), {STALE_OLD: ("Gömrük işçiləri bu il bir ton narkotik ələ keçirdi.", True),
                            "Exports of oil rose sharply.": (XSS, False)})
    source = root / "source" / "story.txt"
    source.write_text(ARTICLE.replace(STALE_OLD, STALE_NEW), encoding="utf-8")
    translate()
    # reviewed after the last run: the next translate would propagate it over story's unedited draft
    edit_po(po_path(root, "other"), {COMMITTEE: (COMMITTEE_AZ, True)})
    return root
