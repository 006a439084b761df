"""CLI commands: check, export, compile (registered on l10n.cli._app.app)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from l10n.cli._app import app, user_errors
from l10n.cli._options import JsonOpt, PathsArg, ToLangOpt
from l10n.cli.render import echo, print_json, shown_path

CatalogsArg = Annotated[
    list[Path] | None,
    typer.Argument(help="Catalogs (.po) or folders holding them. Default: the current project's locales/.",
                   show_default=False),
]


@app.command()
@user_errors
def check(
    paths: CatalogsArg = None,
    to: ToLangOpt = None,
    glossary: Annotated[
        Path | None,
        typer.Option("--glossary", "-g", help="Glossary file (TSV or TBX). Default: the project's glossary.tsv, "
                     "else glossary.tbx (the one translate applies).",
                     show_default=False),
    ] = None,
    json_out: JsonOpt = False,
) -> None:
    """Check translations (numbers, glossary, punctuation, brackets, quotes, URLs, markup, identical, length, spaces).

    Prints path:line: check: message; findings on drafts are marked \\[draft] or \\[stale].
    Exits 1 when a reviewed entry has a finding.
    """
    from l10n.check.runner import check_paths

    report = check_paths(paths or [], lang=to, glossary=glossary)
    if json_out:
        print_json([f.as_dict() for f in report.findings])
    else:
        for finding in report.findings:
            echo(str(finding))
        in_reviewed = sum(1 for f in report.findings if f.state == "reviewed")
        echo(
            f"{len(report.findings)} finding(s): {in_reviewed} in reviewed entries, "
            f"{len(report.findings) - in_reviewed} in drafts or stale entries; "
            f"{report.entries} translated entries in {len(report.catalogs)} catalog(s) checked",
            err=True,
        )
    if report.failed:
        raise typer.Exit(1)


@app.command()
@user_errors
def export(
    paths: PathsArg = None,
    to: Annotated[list[str], typer.Option("--to", "--lang", "-t", "-l",
                                          help="Target language (repeat, or az,ru).")] = ...,  # type: ignore[assignment]
    fmt: Annotated[
        str | None,
        typer.Option("--format", "-f", help="txt, md, html or json. Default: the article's own (txt or md).",
                     show_default=False),
    ] = None,
    min_reviewed: Annotated[
        float, typer.Option("--min-reviewed", help="Refuse (write nothing, exit 1) an article with a smaller share "
                     "of reviewed segments, in percent (like po4a's --keep).")
    ] = 80.0,  # l10n.export.plan.DEFAULT_MIN_REVIEWED (tested); importing it loads polib on any --help
    fallback: Annotated[
        str, typer.Option("--fallback", help="What fills an unreviewed segment: source (the English), "
                     "draft (the draft or stale translation, else the English) or skip (nothing).")
    ] = "source",
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Output folder. Default: dist/<lang>/ in the project, "
                     "or dist/preview/<lang>/ for a preview (--fallback draft or a lower --min-reviewed).",
                     show_default=False),
    ] = None,
    allow_html: Annotated[
        bool, typer.Option("--allow-html", help="Keep a Markdown article's raw HTML in the html page "
                           "(default: shown as text).")
    ] = False,
    json_out: JsonOpt = False,
) -> None:
    """Write localized articles rebuilt with the source layout; refuse under-reviewed ones (exit 1)."""
    from l10n.export import export_paths

    from l10n.languages import split_languages

    results = [r for lang in split_languages(to)
               for r in export_paths(paths or [], lang, out_dir=output, fmt=fmt, min_reviewed=min_reviewed,
                                     fallback=fallback, allow_html=allow_html)]
    if json_out:
        print_json([r.as_dict() for r in results])
    else:
        for r in results:
            if r.refused:
                echo(f"refused: {r.refused}", err=True)
                continue
            filled = ", ".join(f"{n} {kind}" for kind, n in sorted(r.filled.items())) or "none"
            prefix = "preview: " if r.preview else ""
            echo(f"{prefix}wrote {shown_path(r.path)}  ({r.percent_text} reviewed; segments: {filled})")
        if output is None and any(r.preview and r.path for r in results):
            echo("note: previews (--fallback draft, or --min-reviewed below 80) go to dist/preview/<lang>/, "
                 "never to dist/<lang>/; -o chooses another folder", err=True)
        if any(r.refused for r in results):
            echo("hint: review the catalogs first, or preview with drafts: "
                       "--min-reviewed 0 --fallback draft", err=True)
    if any(r.refused for r in results):
        raise typer.Exit(1)


@app.command("compile")
@user_errors
def compile_(paths: CatalogsArg = None, to: ToLangOpt = None, json_out: JsonOpt = False) -> None:
    """Compile catalogs to .mo files next to them (as msgfmt does: fuzzy entries left out)."""
    from l10n.catalog.mo import compile_paths

    results = compile_paths(paths or [], lang=to)
    if json_out:
        print_json([r.as_dict() for r in results])
        return
    for r in results:
        echo(f"{shown_path(r.mo_path)}: {r.translated} translated, {r.fuzzy} fuzzy, "
                   f"{r.untranslated} untranslated")
