"""CLI commands: models list|install|remove (registered on l10n.cli._app.app)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from l10n.cli._app import app, user_errors
from l10n.cli._options import JsonOpt
from l10n.cli.progress import downloads
from l10n.cli.render import echo, human_size, print_json, table

models_app = typer.Typer(
    help="Manage offline Argos Translate packages (shared with argospm).",
    no_args_is_help=True,
)
app.add_typer(models_app, name="models")

DirOpt = Annotated[
    Optional[Path],
    typer.Option(
        "--dir",
        help="Packages folder. Default: $ARGOS_PACKAGES_DIR, else argostranslate's own folder.",
        show_default=False,
    ),
]


@models_app.command("list")
@user_errors
def list_models(directory: DirOpt = None, json_out: JsonOpt = False) -> None:
    """List installed packages: pair, version, size, path."""
    from l10n.engine.packages import list_packages, packages_dir

    folder = directory or packages_dir()
    packages = list_packages(folder)
    if json_out:
        print_json([p.as_dict() for p in packages])
        return
    if not packages:
        echo(f"No packages installed in {folder}.")
        echo("Install one with: l10n models install en:az  (or a .argosmodel file)")
        return
    body = [[p.pair, p.version, human_size(p.size()), str(p.path)] for p in packages]
    echo(table(["pair", "version", "size", "path"], body))


@models_app.command("install")
@user_errors
def install_models(
    sources: Annotated[
        list[str],
        typer.Argument(help="A .argosmodel file, a folder of them, or a pair such as en:az (from the Argos index)."),
    ],
    directory: DirOpt = None,
) -> None:
    """Validate and install packages atomically (downloads from $ARGOS_PACKAGE_INDEX show progress)."""
    from l10n.engine.install import install

    with downloads() as progress:
        installed = install(sources, directory, progress)
    for package in installed:
        echo(f"installed {package.pair} {package.version} -> {package.path}")


@models_app.command("remove")
@user_errors
def remove_models(
    which: Annotated[str, typer.Argument(help="A pair such as en:az, or a package folder name.")],
    directory: DirOpt = None,
) -> None:
    """Remove installed packages by pair or by name."""
    from l10n.engine.install import remove

    for package in remove(which, directory):
        echo(f"removed {package.pair} {package.version} ({package.path})")
