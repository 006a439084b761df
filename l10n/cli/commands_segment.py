"""CLI commands: segment (registered on l10n.cli._app.app)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from l10n.cli._app import app, user_errors
from l10n.cli.render import echo, print_json


@app.command("segment")
@user_errors
def segment(
    file: Annotated[Path, typer.Argument(help="A UTF-8 plain-text or Markdown article.")],
    as_json: Annotated[
        bool, typer.Option("--json", help="Print a JSON array of {text, paragraph, start, end, line, heading}.")
    ] = False,
    lang: Annotated[str, typer.Option("--lang", help="Language of the article (data in l10n/lang/).")] = "en",
) -> None:
    """Split an article into sentences (segments) with paragraph, line and character offsets."""
    from l10n.errors import L10nError
    from l10n.segment import segment_file

    if file.suffix.lower() in (".po", ".pot", ".mo"):
        raise L10nError("a gettext catalog, not an article (segment reads an article: .txt or .md)", path=file)
    segments = segment_file(file, lang)
    if as_json:
        print_json([s.as_dict() for s in segments])
        return
    paragraphs = len({s.paragraph for s in segments})
    echo(
        f"{file}: {len(segments)} segments in {paragraphs} paragraphs "
        "(start/end are character offsets into the decoded text, UTF-8 BOM removed)"
    )
    if not segments:
        return
    echo(f"{'para':>4} {'line':>5} {'start':>7} {'end':>7} kind     text  (⏎ = line break in the source)")
    for s in segments:
        text = " ⏎ ".join(part.strip() for part in s.text.splitlines())
        kind = "heading" if s.heading else "sentence"
        echo(f"{s.paragraph:>4} {s.line:>5} {s.start:>7} {s.end:>7} {kind:<8} {text}")
