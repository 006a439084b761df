"""The typer application and the error boundary shared by every command."""

from __future__ import annotations

import functools
import sys
from typing import Any, Callable, TypeVar

import typer

from l10n.errors import L10nError
from l10n.cli.render import echo

app = typer.Typer(
    name="l10n",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

F = TypeVar("F", bound=Callable[..., Any])


def user_errors(fn: F) -> F:
    """Turn an L10nError (and file-system errors) into one line on stderr and exit 2."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except L10nError as err:
            echo(f"error: {err}", err=True)
            raise typer.Exit(2) from None
        except BrokenPipeError:
            # the reader went away (`l10n segment a.txt | head`): no error, exit as a SIGPIPE'd tool does
            _silence_stdout()
            raise typer.Exit(141) from None
        except OSError as err:
            where = f"{err.filename}: " if getattr(err, "filename", None) else ""
            echo(f"error: {where}{err.strerror or err}", err=True)
            raise typer.Exit(2) from None

    return wrapper  # type: ignore[return-value]


def _silence_stdout() -> None:
    """Point stdout at /dev/null so Python's flush at exit does not fail on the closed pipe again."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _version(value: bool) -> None:
    if value:
        from l10n import __version__

        echo(f"l10n {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """Localize English news articles into Azerbaijani (az) and Russian (ru).

    Run the commands from a project: a folder with a source/ folder of English
    articles (<name>.txt or .md), or any folder below it.

    \b
    Examples:
      l10n models install en:az en:ru   # the offline MT packages (once)
      l10n translate                    # catalogs in locales/, MT drafts
      l10n status                       # reviewed / draft / stale / untranslated
      l10n check                        # QA findings, path:line: check: message
      l10n export --to ru               # dist/ru/<name>.txt|md
      l10n COMMAND -h                   # a command's options

    \b
    Exit codes:
      0  done
      1  findings or refusals (check: a reviewed entry fails;
         export: an article under --min-reviewed)
      2  user error (bad input, no project, malformed file), one line on stderr
    """
