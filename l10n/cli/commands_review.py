"""CLI command: review (registered on l10n.cli._app.app). Needs the optional ``review`` extra."""

from __future__ import annotations

from typing import Annotated

import typer

from l10n.cli._app import app, user_errors
from l10n.cli._options import PathsArg, ToOpt
from l10n.cli.render import echo
from l10n.errors import L10nError

INSTALL_HINT = ("l10n review needs the 'review' extra (Starlette, uvicorn, Jinja2): "
                "pip install 'l10n[review]', or in this repository: uv sync --extra review")


@app.command()
@user_errors
def review(
    paths: PathsArg = None,
    to: ToOpt = None,
    port: Annotated[int, typer.Option("--port", "-p", help="Port on 127.0.0.1 (0: any free port).", min=0,
                                      max=65535)] = 8765,
    no_browser: Annotated[bool, typer.Option("--no-browser", help="Do not open a browser; just print the URL.")] = False,
) -> None:
    """Review translations in the browser: each article in its layout, segment by segment.

    Starts a local web server on 127.0.0.1 only, prints its URL and opens it;
    Ctrl-C stops it. Per segment: the translation to edit, its state, the raw
    machine draft and its engine, the stale English diff, translation-memory
    matches, glossary terms and check findings; save (draft), approve
    (reviewed), revert to the machine draft. Ctrl+Enter approves and moves to
    the next unreviewed segment; Alt+Down/Up moves. Changes are written to the
    .po files at once (as translate writes them, never over an editor's save).
    """
    try:
        import jinja2  # noqa: F401
        import starlette  # noqa: F401
        import uvicorn  # noqa: F401
    except ImportError:
        raise L10nError(INSTALL_HINT) from None
    from l10n.review.server import serve
    from l10n.review.session import open_session

    session = open_session([str(p) for p in paths or []], to)
    serve(session, port, open_browser=not no_browser, say=echo)
