"""CLI commands: memory import|export|stats (registered on l10n.cli._app.app)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from l10n.cli._app import app, user_errors
from l10n.cli._options import JsonOpt, ToOpt
from l10n.cli.render import echo, human_size, numbers_right, print_json, shown_path, table

memory_app = typer.Typer(
    help="The project translation memory: reviewed translations of every catalog, and imported TMX.",
    no_args_is_help=True,
)
app.add_typer(memory_app, name="memory")

FileArg = Annotated[Path, typer.Argument(help="A TMX file (.tmx).", show_default=False)]


def _project():
    from l10n.project import find_project

    return find_project(".")


@memory_app.command("import")
@user_errors
def import_memory(file: FileArg, to: ToOpt = None, json_out: JsonOpt = False) -> None:
    """Import a TMX memory (OmegaT, Trados, memoQ...): kept in memory/, offered like reviewed work."""
    from l10n.languages import split_languages
    from l10n.memory import import_tmx

    project = _project()
    result = import_tmx(project, file, split_languages(to) or None)
    if json_out:
        print_json(result.as_dict())
        return
    counts = ", ".join(f"{lang} {n}" for lang, n in result.units.items())
    verb = "Replaced" if result.replaced else "Imported"
    note = ""
    if result.skipped:
        other = result.skipped - result.no_english
        why = [f"{result.no_english} without an English variant"] * bool(result.no_english)
        why += [f"{other} without a translation"] * bool(other)
        note = f"; skipped {' and '.join(why)}"
    echo(f"{verb} {shown_path(result.path, project.root)}: {counts} unit(s){note}")


@memory_app.command("export")
@user_errors
def export_memory(file: FileArg, to: ToOpt = None, json_out: JsonOpt = False) -> None:
    """Write the project memory to a TMX 1.4b file (one <tu> per English and translation)."""
    from l10n.languages import split_languages
    from l10n.memory import export_tmx

    if file.suffix.lower() != ".tmx":
        from l10n.errors import L10nError

        raise L10nError("the file name must end in .tmx", path=file)
    count = export_tmx(_project(), file, split_languages(to) or None)
    if json_out:
        print_json({"path": str(file), "units": count})
        return
    echo(f"Wrote {count} unit(s) to {file}")


@memory_app.command("stats")
@user_errors
def stats(to: ToOpt = None, json_out: JsonOpt = False) -> None:
    """What the memory holds per language: units from reviewed catalogs and from imported TMX."""
    from l10n.languages import split_languages
    from l10n.memory import memory_stats

    project = _project()
    rows, path, size = memory_stats(project, split_languages(to) or None)
    if json_out:
        print_json({"index": str(path), "bytes": size, "languages": [r.as_dict() for r in rows]})
        return
    header = ["lang", "units", "english", "reviewed", "catalogs", "imported", "imported from"]
    body = [[r.language, r.units, r.english, r.reviewed, r.catalogs, r.imported, ", ".join(r.imported_files) or "-"]
            for r in rows]
    echo(table(header, body, right=numbers_right))
    echo(f"Index: {shown_path(path, project.root)} ({human_size(size)}; rebuilt from the catalogs if deleted)")
