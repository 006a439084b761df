"""CLI commands: translate, status, demo (registered on l10n.cli._app.app)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Annotated

import typer

from l10n.cli._app import app, user_errors
from l10n.cli._options import NO_ARTICLES_HINT, JsonOpt, PathsArg, ToOpt
from l10n.cli.progress import drafting
from l10n.cli.render import echo, json_or_hint, numbers_right, print_json, shown_path, table


@app.command()
@user_errors
def translate(
    ctx: typer.Context,
    paths: PathsArg = None,
    to: ToOpt = None,
    models: Annotated[
        Path | None,
        typer.Option("--models", "--engine-dir", help="Folder of installed Argos packages to use.",
                     show_default=False),
    ] = None,
    beam: Annotated[int | None, typer.Option("--beam", min=1, max=64, help="Beam size (default 4, at most 64).",
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
    cluster: Annotated[
        str | None,
        typer.Option("--cluster", metavar="ADDRESS",
                     help="Draft on a Dask cluster: tcp://HOST:8786 (a running scheduler), or local[:N] to start "
                          "N worker processes here; off: in this process (default: l10n.toml's \\[cluster] address, "
                          "else in this process). Needs l10n\\[cluster].", show_default=False),
    ] = None,
    json_out: JsonOpt = False,
) -> None:
    """Update templates and catalogs, and draft new segments (translation memory first, then MT)."""
    from l10n.translate import translate_paths

    # A program embedding the CLI (the tests) may pass its own engines: app(obj={"engine_factory": f}).
    factory = (ctx.obj or {}).get("engine_factory") if isinstance(ctx.obj, dict) else None
    with drafting(enabled=not json_out) as progress:
        result = translate_paths(
            paths or [], to, packages_dir=models, beam_size=beam, progress=progress, redraft=redraft,
            lock_wait=wait, engine_factory=factory, device=device, workers=workers, cluster=cluster,
        )
    for summary in result.languages:
        for warning in summary.warnings:
            echo(f"warning: {warning}", err=True)
    if json_out:
        print_json(result.as_dict())
        return
    echo(_summary_table(result.languages))
    for s in result.languages:
        if s.memory_fuzzy:
            echo(f"{s.language}: {s.memory_fuzzy} of the reused drafted from fuzzy memory matches (see #| msgid)")
        if s.propagated:
            echo(f"{s.language}: {s.propagated} unedited machine draft(s) replaced by a reviewed translation")
        if s.cluster:
            echo(f"{s.language}: {_cluster_line(s.cluster)}")
        if s.redrafted:
            echo(f"{s.language}: {s.redrafted} unedited machine draft(s) replaced by {s.origin}")
    echo(_written_line(result.written, result.root))


@app.command()
@user_errors
def status(paths: PathsArg = None, to: ToOpt = None, json_out: JsonOpt = False) -> None:
    """Review status per article and language: reviewed, draft, stale, untranslated."""
    from l10n.report.status import orphan_paths, skipped_paths, status_paths, totals

    rows = status_paths([str(p) for p in paths or []], to)
    for orphan in orphan_paths([str(p) for p in paths or []], to):
        echo(f"note: {orphan}: no article for this catalog (deleted or renamed?); not counted", err=True)
    for skipped in skipped_paths([str(p) for p in paths or []]):
        echo(f"note: {skipped}: not read (articles are source/<name>.txt or .md, lower case, no subfolders)",
                   err=True)
    if json_or_hint(rows, json_out, NO_ARTICLES_HINT):
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
    echo(table(header, body, right=numbers_right))


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

    with drafting(enabled=not json_out) as progress:
        outcome = run_demo(folder, progress=progress)
    if json_out:
        print_json(outcome.as_dict())
        return
    echo(f"Demo project: {outcome.root}")
    echo(f"NOTE: {outcome.note}")
    echo(_summary_table(outcome.result.languages))
    echo("Catalogs (open them in Poedit, or any editor):")
    for path in outcome.result.catalogs:
        echo(f"  {path}")
    import shlex

    from l10n.demo import l10n_command

    echo(f"Next: cd {shlex.quote(str(folder))} && {l10n_command(folder)} status")


def _summary_table(summaries: Sequence) -> str:
    """One row per language. The columns from ``drafted`` to ``untranslated`` add up to ``segments``
    (:data:`l10n.translate.summary.PARTS`; ``propagated`` and ``redrafted`` are shown only when some
    row has one);
    ``new`` and ``obsolete`` are informational."""
    from l10n.translate.summary import PARTS

    always = {"drafted", "reused", "stale", "unchanged", "untranslated"}
    parts = [p for p in PARTS if p in always or any(getattr(s, p) for s in summaries)]
    header = ["lang", "articles", "segments", *parts, "new", "obsolete", "engine"]
    body = [
        [s.language, s.documents, s.segments, *(getattr(s, p) for p in parts), s.new, s.obsolete, s.origin or "-"]
        for s in summaries
    ]
    return table(header, body, right=numbers_right)


def _cluster_line(report: dict) -> str:
    rate = report.get("segments_per_second")
    line = (f"drafted on the Dask cluster {report['address']}: {report['workers_used']} of {report['workers']} "
            f"worker(s), {report['shards']} shard(s), {report['retries']} retried, "
            f"{report['segments']} segments in {report['seconds']:.1f} s"
            + (f" ({rate:g}/s)" if rate else ""))
    if report.get("shipped_to"):
        line += f"; package shipped to {report['shipped_to']} worker(s) that lacked it"
    return line


def _written_line(written: Sequence[Path], root: Path) -> str:
    if not written:
        return "No file changed."
    names = ", ".join(shown_path(p, root) for p in written)
    return f"Wrote {len(written)} file(s): {names}"
