"""CLI commands: translate, status, demo (registered on l10n.cli._app.app)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Annotated

import typer

from l10n.cli._app import app, print_json, user_errors
from l10n.cli._options import NO_ARTICLES_HINT, JsonOpt, PathsArg, ToOpt


@app.command()
@user_errors
def translate(
    paths: PathsArg = None,
    to: ToOpt = None,
    models: Annotated[
        Path | None,
        typer.Option("--models", "--engine-dir", help="Folder of installed Argos packages to use.",
                     show_default=False),
    ] = None,
    beam: Annotated[int | None, typer.Option("--beam", min=1, help="Beam size (default 4).",
                                                show_default=False)] = None,
    redraft: Annotated[
        bool,
        typer.Option("--redraft", help="Replace machine drafts nobody has edited with this engine's drafts."),
    ] = False,
    wait: Annotated[
        float,
        typer.Option("--wait", min=0, metavar="SECONDS",
                     help="If another run holds the project lock, wait this long for it (default: fail at once)."),
    ] = 0,
    device: Annotated[
        str | None,
        typer.Option("--device", metavar="auto|cpu|cuda",
                     help="Where the model runs (default: l10n.toml, else auto: CUDA if there is a GPU).",
                     show_default=False),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option("--workers", min=1, max=64,  # l10n.engine.base.MAX_WORKERS (not imported: --help stays light)
                     help="Batches translated at once (default: l10n.toml, else one per core).", show_default=False),
    ] = None,
    json_out: JsonOpt = False,
) -> None:
    """Update templates and catalogs, and draft new segments (translation memory first, then MT)."""
    from l10n.translate import translate_paths

    with _progress(enabled=not json_out) as progress:
        result = translate_paths(
            paths or [], to, packages_dir=models, beam_size=beam, progress=progress, redraft=redraft,
            lock_wait=wait, device=device, workers=workers,
        )
    for summary in result.languages:
        for warning in summary.warnings:
            typer.echo(f"warning: {warning}", err=True)
    if json_out:
        print_json(result.as_dict())
        return
    typer.echo(_summary_table(result.languages))
    for s in result.languages:
        if s.redrafted:
            typer.echo(f"{s.language}: {s.redrafted} unedited machine draft(s) replaced by {s.origin}")
    typer.echo(_written_line(result.written, result.root))


@app.command()
@user_errors
def status(paths: PathsArg = None, to: ToOpt = None, json_out: JsonOpt = False) -> None:
    """Review status per article and language: reviewed, draft, stale, untranslated."""
    from l10n.report.status import orphan_paths, skipped_paths, status_paths, totals

    rows = status_paths([str(p) for p in paths or []], to)
    for orphan in orphan_paths([str(p) for p in paths or []], to):
        typer.echo(f"note: {orphan}: no article for this catalog (deleted or renamed?); not counted", err=True)
    for skipped in skipped_paths([str(p) for p in paths or []]):
        typer.echo(f"note: {skipped}: not read (articles are source/<name>.txt or .md, lower case, no subfolders)",
                   err=True)
    if json_out:
        print_json([r.as_dict() for r in rows])
        return
    if not rows:
        typer.echo(NO_ARTICLES_HINT, err=True)
        return
    if len({r.document for r in rows}) > 1:
        rows = rows + totals(rows)
    header = ["article", "lang", "segments", "words", "reviewed", "draft", "stale", "untranslated", "% reviewed"]
    body = [
        [r.document if r.document != "*" else "(all)", r.language, r.total, r.words, r.reviewed, r.draft, r.stale,
         r.untranslated, f"{r.percent_reviewed:.0f}%", _status_note(r)]
        for r in rows
    ]
    if any(row[-1] for row in body):  # a column of its own, so the percentages stay aligned
        header.append("note")
    else:
        body = [row[:-1] for row in body]
    typer.echo(_table(header, body))



def _status_note(row) -> str:
    if not row.exists:
        return "(no catalog yet: run l10n translate)"
    if row.outdated:
        return "(article changed: run l10n translate)"
    return ""


@app.command()
@user_errors
def demo(
    folder: Annotated[Path, typer.Argument(help="Scratch project folder to create or refresh.")] = Path(
        "demo-project"
    ),
    json_out: JsonOpt = False,
) -> None:
    """Translate the sample article into az and ru in a scratch project, with the bundled demo models."""
    from l10n.demo import run_demo

    with _progress(enabled=not json_out) as progress:
        outcome = run_demo(folder, progress=progress)
    if json_out:
        print_json(outcome.as_dict())
        return
    typer.echo(f"Demo project: {outcome.root}")
    typer.echo(f"NOTE: {outcome.note}")
    typer.echo(_summary_table(outcome.result.languages))
    typer.echo("Catalogs (open them in Poedit, or any editor):")
    for path in outcome.result.catalogs:
        typer.echo(f"  {path}")
    import shlex

    typer.echo(f"Next: cd {shlex.quote(str(folder))} && l10n status")


def _summary_table(summaries: Sequence) -> str:
    header = ["lang", "articles", "new", "drafted", "reused", "stale", "unchanged", "obsolete", "untranslated",
              "engine"]
    body = [
        [s.language, s.documents, s.new, s.drafted, s.reused, s.stale, s.unchanged, s.obsolete, s.untranslated,
         s.origin or "-"]
        for s in summaries
    ]
    return _table(header, body)


def _written_line(written: Sequence[Path], root: Path) -> str:
    if not written:
        return "No file changed."
    names = ", ".join(_relative(p, root) for p in written)
    return f"Wrote {len(written)} file(s): {names}"


def _relative(path: Path, root: Path) -> str:
    try:
        return Path(path).relative_to(root).as_posix()
    except ValueError:
        return str(path)


def _table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    cells = [[str(c) for c in header]] + [[str(c) for c in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    lines = []
    for n, row in enumerate(cells):
        lines.append("  ".join(c.ljust(w) if i == 0 or not c[:1].isdigit() else c.rjust(w)
                               for i, (c, w) in enumerate(zip(row, widths))).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


@contextlib.contextmanager
def _progress(enabled: bool) -> Iterator:
    """A progress bar on stderr (only on a terminal) fed by ``progress(lang, done, total)``."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    console = Console(stderr=True)
    if not enabled or not console.is_terminal:
        yield None
        return
    tasks: dict[str, object] = {}
    with Progress(TextColumn("drafting {task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=console, transient=False) as bar:

        def update(lang: str, done: int, total: int) -> None:
            if lang not in tasks:
                tasks[lang] = bar.add_task(lang, total=total)
            bar.update(tasks[lang], completed=done, total=total)

        yield update
