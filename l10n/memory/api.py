"""What the CLI and other stages ask of the project memory: matches, TMX import and export, stats."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from l10n.errors import L10nError
from l10n.memory.index import Match
from l10n.memory.sync import IMPORT_DIR, import_dir, index_path, open_memory
from l10n.project import Project

DEFAULT_THRESHOLD = 85


def matches(project: Project, language: str, english: str, limit: int = 5,
            threshold: int | None = None) -> list[Match]:
    """The best memory matches for ``english`` in ``language``, best first: each has ``percent``,
    ``target``, ``source`` (the English it translates) and ``origin`` (``<doc>.po`` or
    ``memory/<name>.tmx``). ``threshold`` defaults to the project's ``[memory] threshold``.
    (For the review page; it syncs the index first, which reads only files that changed.)"""
    wanted = threshold if threshold is not None else memory_threshold(project)
    with open_memory(project, [language]) as index:
        return index.fuzzy(language, english, wanted, limit=limit)


def memory_threshold(project: Project) -> int:
    """``[memory] threshold`` of ``l10n.toml``, else 85."""
    value = project.memory.threshold
    return value if value is not None else DEFAULT_THRESHOLD


@dataclass
class ImportResult:
    path: Path  # where the project keeps the imported file
    units: dict[str, int] = field(default_factory=dict)  # per project language
    skipped: int = 0  # units without English or without a translation
    no_english: int = 0  # of those, the units without an English variant
    replaced: bool = False

    def as_dict(self) -> dict:
        return {**asdict(self), "path": str(self.path)}


def import_tmx(project: Project, source: Path, languages: list[str] | None = None) -> ImportResult:
    """Check a TMX file, keep a copy in ``memory/`` (so the index can be rebuilt) and index it.

    A file of the same name imported before is replaced. Nothing is copied when
    the file is malformed (L10nError naming its line) or has no unit for the
    project's languages.
    """
    from l10n.atomic import atomic_write_bytes
    from l10n.languages import base_language
    from l10n.lock import project_lock
    from l10n.memory.tmx import read_tmx

    source = Path(source)
    if source.suffix.lower() != ".tmx":
        raise L10nError("not a TMX file (expected a .tmx file)", path=source)
    try:
        data = source.read_bytes()
    except FileNotFoundError:
        raise L10nError("no such file", path=source) from None
    import io

    content = read_tmx(io.BytesIO(data), str(source))
    langs = list(languages or project.languages)
    counts = {lang: sum(1 for u in content.units if base_language(lang) in u.targets) for lang in langs}
    if not any(counts.values()):
        found = sorted(content.languages)
        why = f"; {content.no_english} unit(s) without an English variant" if content.no_english else ""
        raise L10nError(f"no English unit with a translation into {', '.join(langs)} "
                        f"(languages found: {', '.join(found) or 'none'}{why})", path=source)
    target = import_dir(project) / (source.stem.lower().replace(" ", "-") + ".tmx")
    with project_lock(project.root, wait=30):
        replaced = target.exists()
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(target, data)
        warnings: list[str] = []
        open_memory(project, langs, warnings).close()
    return ImportResult(target, counts, content.skipped, content.no_english, replaced)


def export_tmx(project: Project, destination: Path, languages: list[str] | None = None) -> int:
    """Write the project memory (reviewed catalog entries and imported units) of ``languages``
    (default: the project's) to a TMX 1.4b file; returns how many units. A language asked for that has
    neither catalogs nor imported units is an L10nError, and nothing is written."""
    import io

    from l10n.atomic import atomic_write_text
    from l10n.memory.tmx import write_tmx

    langs = list(languages or project.languages)
    with open_memory(project, langs) as index:
        rows = [(lang, unit.source, unit.target, unit.shown_origin)
                for lang in langs for _, unit in index.all_units(lang)]
    for lang in languages or ():  # asked for, with no catalog and no imported unit: a mistyped --to
        if not project.catalogs(lang) and not any(row[0] == lang for row in rows):
            raise L10nError(f"no {lang} catalogs in {project.locales_dir} and no {lang} units in the imported "
                            f"memories (the project's languages: {', '.join(project.languages)})")
    buffer = io.StringIO()
    count = write_tmx(buffer, _distinct(rows), datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ"))
    atomic_write_text(destination, buffer.getvalue())
    return count


def _distinct(rows):
    seen = set()
    for lang, source, target, origin in rows:
        if (lang, source, target) not in seen:
            seen.add((lang, source, target))
            yield lang, source, target, origin


@dataclass
class MemoryStats:
    language: str
    units: int = 0  # all units
    reviewed: int = 0  # from the project's catalogs
    imported: int = 0  # from imported TMX files
    english: int = 0  # distinct English segments
    catalogs: int = 0
    imported_files: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return asdict(self)


def memory_stats(project: Project, languages: list[str] | None = None) -> tuple[list[MemoryStats], Path, int]:
    """Per language: what the memory holds; the index path and its size in bytes."""
    langs = list(languages or project.languages)
    with open_memory(project, langs) as index:
        rows = []
        for lang in langs:
            stats = MemoryStats(lang)
            for kind, units, english, origins in index.conn.execute(
                    "SELECT kind, count(*), count(DISTINCT source), count(DISTINCT origin) FROM units"
                    " WHERE lang = ? GROUP BY kind", (lang,)):
                stats.units += units
                if kind == "po":
                    stats.reviewed, stats.catalogs = units, origins
                else:
                    stats.imported = units
            stats.english = index.conn.execute(
                "SELECT count(DISTINCT source) FROM units WHERE lang = ?", (lang,)).fetchone()[0]
            stats.imported_files = [r[0] for r in index.conn.execute(
                "SELECT DISTINCT origin FROM units WHERE lang = ? AND kind = 'tmx' ORDER BY origin", (lang,))]
            rows.append(stats)
    path = index_path(project)
    size = sum(p.stat().st_size for p in path.parent.glob(path.name + "*") if p.is_file())
    return rows, path, size


__all__ = ["IMPORT_DIR", "Match", "matches", "import_tmx", "export_tmx", "memory_stats"]
