"""Option and argument types shared by several commands."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

PathsArg = Annotated[
    list[Path] | None,
    typer.Argument(help="Articles (source/<name>.txt|md) or project folders. Default: the current project.",
                   show_default=False),
]
ToOpt = Annotated[
    list[str] | None,
    typer.Option("--to", "-t", help="Target language (repeat, or az,ru). Default: l10n.toml, else az and ru.",
                 show_default=False),
]
#: The same option where a command reads catalogs: --to, with --lang kept as an alias.
ToLangOpt = Annotated[
    list[str] | None,
    typer.Option("--to", "--lang", "-t", "-l",
                 help="Only this language's catalogs (repeat, or az,ru). Default: every language.",
                 show_default=False),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON for scripts instead of text.")]

#: Shown (on stderr) by commands that report per article when the project has none.
NO_ARTICLES_HINT = ("No articles yet. Put English articles in the project's source/ folder "
                    "(source/<name>.txt or .md), then run: l10n translate")
