"""Run the quality checks over catalog files: find catalogs, their language and glossary.

``check_paths(PATHS)`` is what ``l10n check`` calls. PATHS are .po files or folders
(searched recursively for .po files); no PATHS means every catalog under the
``locales/`` folder of the project containing the current folder. The glossary is
the given file, or else the nearest ``glossary.tsv`` at or above each catalog
(up to the project root).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from l10n.catalog.model import REVIEWED, UNTRANSLATED, active_entries, entry_state
from l10n.check.checks import CheckContext, Finding, check_catalog
from l10n.check.consistency import check_consistency
from l10n.errors import L10nError
from l10n.glossary import Glossary, find_glossary, load_glossary
from l10n.languages import catalog_language


@dataclass
class CheckReport:
    findings: list[Finding] = field(default_factory=list)
    catalogs: list[str] = field(default_factory=list)
    entries: int = 0

    @property
    def failed(self) -> bool:
        """True when a reviewed entry has a finding (drafts never fail a check run)."""
        return any(f.state == REVIEWED for f in self.findings)


def collect_catalogs(paths: Sequence[str | Path], cwd: str | Path = ".") -> list[Path]:
    """The .po files named by ``paths`` (files or folders), or the current project's catalogs."""
    if not paths:
        from l10n.project import find_project

        locales = find_project(cwd).locales_dir
        if not locales.is_dir():
            raise L10nError("no catalogs yet: run 'l10n translate' first", path=locales)
        paths = [locales]
    found: dict[Path, None] = {}
    for raw in paths:
        path = Path(cwd, raw)
        if path.is_dir():
            for po in sorted(path.rglob("*.po")):
                found.setdefault(po, None)
        elif path.is_file():
            if path.suffix.lower() != ".po":
                raise L10nError("not a catalog: expected a .po file or a folder of them "
                                "(locales/<lang>/LC_MESSAGES/<name>.po)", path=raw)
            found.setdefault(path, None)
        else:
            raise L10nError("no such file or folder", path=raw)
    return list(found)


def _display(path: Path, cwd: str | Path) -> str:
    try:
        return os.path.relpath(path, cwd) if path.is_absolute() else str(path)
    except ValueError:
        return str(path)


def check_paths(
    paths: Sequence[str | Path] = (),
    *,
    lang: str | Sequence[str] | None = None,
    glossary: str | Path | None = None,
    cwd: str | Path = ".",
) -> CheckReport:
    """Check every catalog of ``paths`` (only those of ``lang`` when given: a code, ``az,ru``, or a list)."""
    from l10n.catalog.files import load_catalog
    from l10n.languages import split_languages

    wanted = split_languages([lang] if isinstance(lang, str) else lang) or None
    report = CheckReport()
    fixed: Glossary | None = load_glossary(glossary) if glossary is not None else None
    cache: dict[Path, Glossary] = {}
    checked = []
    for path in collect_catalogs(paths, cwd):
        po = load_catalog(path).po
        language = catalog_language(po.metadata, path)
        if language is None:
            raise L10nError("cannot tell the catalog's language: no Language header", path=path)
        if wanted is not None and language not in wanted:
            continue
        if fixed is None:
            found = find_glossary(path.parent)
            if found is not None and found not in cache:
                cache[found] = load_glossary(found)
            terms = cache.get(found) if found is not None else None
        else:
            terms = fixed
        shown = _display(path, cwd)
        report.catalogs.append(shown)
        report.entries += sum(1 for e in active_entries(po) if entry_state(e) != UNTRANSLATED)
        report.findings += check_catalog(po, CheckContext(language, terms), shown)
        checked.append((shown, language, po))
    report.findings += check_consistency(checked)
    if not report.catalogs:
        where = f" for language {','.join(wanted)!r}" if wanted else ""
        raise L10nError(f"no catalogs to check{where}")
    return report
