"""The review server's routes (Starlette): pages, the export preview, the actions, the static files.

Security, for a server any page in the user's browser could try to reach:

- it answers only for the host names it was bound to (``127.0.0.1:PORT``,
  ``localhost:PORT``): a DNS-rebinding page's ``Host`` is refused;
- every state-changing request is a POST with a JSON body and the server's
  random token in the ``X-Review-Token`` header (only the server's own pages
  hold it), with a same-origin ``Origin`` and ``Sec-Fetch-Site`` when the
  browser sends them; a cross-site form or fetch cannot write;
- templates escape every text (Jinja2 autoescape), and the Content-Security-Policy
  allows only the server's own script and style: a ``<script>`` in an English
  sentence or a msgstr shows as text and never runs;
- articles and languages are looked up by name in the session's lists
  (:mod:`l10n.review.session`); static files come from the package's folder only.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterable
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Receive, Scope, Send

from l10n.errors import L10nError
from l10n.review.session import ReviewSession

HERE = Path(__file__).parent
TOKEN_HEADER = "x-review-token"
MAX_BODY = 1 << 20

PAGE_CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
            "frame-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
PREVIEW_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'self'; sandbox"


def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(default=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["percent"] = lambda value: f"{value:.0f}%"
    return env


class Guard:
    """ASGI middleware: known Host only; for a POST, the token and a same-origin request; security headers."""

    def __init__(self, app: ASGIApp, hosts: Iterable[str], token: str):
        self.app = app
        self.hosts = {h.lower() for h in hosts}
        self.origins = {f"http://{h}" for h in self.hosts}
        self.token = token

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        refusal = self.refusal(scope["method"], headers)
        if refusal is not None:
            status, message = refusal
            await JSONResponse({"error": message}, status_code=status)(scope, receive, send)
            return

        async def send_with_headers(message) -> None:
            if message["type"] == "http.response.start":
                extra = [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer"),
                         (b"cache-control", b"no-store")]
                if not any(k.lower() == b"content-security-policy" for k, _ in message.get("headers", [])):
                    extra.append((b"content-security-policy", PAGE_CSP.encode()))
                message["headers"] = list(message.get("headers", [])) + extra
            await send(message)

        await self.app(scope, receive, send_with_headers)

    def refusal(self, method: str, headers: dict[str, str]) -> tuple[int, str] | None:
        if headers.get("host", "").lower() not in self.hosts:
            return 421, "unknown host: open the address l10n review printed"
        if method in ("GET", "HEAD"):
            return None
        if method != "POST":
            return 405, "method not allowed"
        origin = headers.get("origin")
        if origin is not None and origin.lower() not in self.origins:
            return 403, "cross-site request refused"
        if headers.get("sec-fetch-site", "same-origin") not in ("same-origin", "none"):
            return 403, "cross-site request refused"
        if not secrets.compare_digest(headers.get(TOKEN_HEADER, "").encode(), self.token.encode()):
            return 403, "missing or wrong review token: reload the page"
        if headers.get("content-type", "").split(";")[0].strip().lower() != "application/json":
            return 415, "expected a JSON body"
        return None


def create_app(session: ReviewSession, hosts: Iterable[str], token: str | None = None) -> Starlette:
    """The application for ``session``, answering for ``hosts`` (``host:port`` values)."""
    token = token or secrets.token_urlsafe(32)
    env = _environment()

    def page(name: str, status: int = 200, **context) -> HTMLResponse:
        return HTMLResponse(env.get_template(name).render(token=token, **context), status_code=status)

    def not_found(message: str = "not found") -> HTMLResponse:
        return page("error.html", 404, message=message, title="Not found")

    def target(request: Request):
        doc = session.document(request.path_params["doc"])
        lang = request.path_params["lang"]
        if doc is None or lang not in session.languages:
            return None, lang
        return doc, lang

    def index(request: Request) -> Response:
        from l10n.review.page import progress_of

        rows = [_row(progress_of, session, doc, lang) for doc in session.documents.values()
                for lang in session.languages]
        return page("index.html", rows=rows, root=str(session.project.root))

    def article(request: Request) -> Response:
        from l10n.review.page import article_view

        doc, lang = target(request)
        if doc is None:
            return not_found("no such article or language in this review")
        view = article_view(session, doc, lang)
        return page("article.html", view=view, languages=session.languages,
                    po=session.project.relative(session.po_path(doc, lang)))

    def preview(request: Request) -> Response:
        doc, lang = target(request)
        if doc is None:
            return not_found("no such article or language in this review")
        fallback = request.query_params.get("fallback", "draft")
        if fallback not in ("source", "draft"):
            fallback = "draft"
        return HTMLResponse(_export_preview(session, doc, lang, fallback),
                            headers={"content-security-policy": PREVIEW_CSP})

    async def act(request: Request) -> Response:
        from starlette.concurrency import run_in_threadpool

        doc, lang = target(request)
        if doc is None:
            return JSONResponse({"error": "no such article or language in this review"}, status_code=404)
        body = await request.body()
        if len(body) > MAX_BODY:
            return JSONResponse({"error": "request too large"}, status_code=413)
        try:
            data = json.loads(body)
            change = _change_from(data)
        except (ValueError, TypeError) as err:
            return JSONResponse({"error": f"bad request: {err}"}, status_code=400)
        try:
            html = await run_in_threadpool(_act, session, env, token, doc, lang, change)
        except L10nError as err:
            from l10n.review.actions import ConflictError

            if isinstance(err, ConflictError):
                return JSONResponse({"error": _shown(err, session), "theirs": err.theirs}, status_code=409)
            return JSONResponse({"error": _shown(err, session)}, status_code=400)
        return JSONResponse(html)

    routes = [
        Route("/", index),
        Route("/article/{doc}/{lang}", article),
        Route("/preview/{doc}/{lang}", preview),
        Route("/api/{doc}/{lang}", act, methods=["POST"]),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    async def user_error(request: Request, exc: Exception) -> Response:
        return page("error.html", 400, message=_shown(exc, session), title="Cannot show this page")

    async def disk_error(request: Request, exc: Exception) -> Response:
        where = f"{exc.filename}: " if getattr(exc, "filename", None) else ""
        return page("error.html", 500, message=f"{where}{getattr(exc, 'strerror', None) or exc}",
                    title="Cannot read the project")

    app = Starlette(routes=routes, middleware=[Middleware(Guard, hosts=list(hosts), token=token)],
                    exception_handlers={L10nError: user_error, OSError: disk_error})
    app.state.token = token
    return app


def _row(progress_of, session: ReviewSession, doc, lang: str):
    """One index row; a file that cannot be read (a malformed catalog, a deleted article) is that row's error."""
    from l10n.review.page import Progress

    try:
        return progress_of(session, doc, lang)
    except L10nError as err:
        message = _shown(err, session)
    except OSError as err:
        message = f"{err.filename + ': ' if err.filename else ''}{err.strerror or err}"
    return Progress(doc.name, lang, 0, 0, {}, False, error=message)


def _shown(err: L10nError, session: ReviewSession) -> str:
    """The error as the page shows it: a path inside the project relative to its root."""
    if err.path is not None:
        try:
            err.path = Path(err.path).resolve().relative_to(session.project.root).as_posix()
        except ValueError:
            pass
    return str(err)


def _change_from(data: object):
    from l10n.review.actions import Change

    if not isinstance(data, dict):
        raise ValueError("expected a JSON object")
    action, msgid, text, base = data.get("action"), data.get("msgid"), data.get("text", ""), data.get("base")
    if not isinstance(action, str) or not isinstance(msgid, str) or not isinstance(text, str):
        raise ValueError("'action' and 'msgid' (and 'text') must be strings")
    if base is not None and not isinstance(base, str):
        raise ValueError("'base' must be a string")
    return Change(action, msgid, text, base)


def _act(session: ReviewSession, env: Environment, token: str, doc, lang: str, change) -> dict:
    """Apply the change; the segment's new HTML and the article's progress, for the page to show."""
    from l10n.review.actions import apply
    from l10n.review.page import entry_of, progress_of

    apply(session, doc, lang, change)
    entry = entry_of(session, doc, lang, change.msgid)
    progress = progress_of(session, doc, lang)
    macros = env.get_template("segment.html").module
    return {
        "state": entry.state,
        "translation": entry.translation,
        "html": str(macros.segment(entry, doc.name, lang)),
        "progress": {"reviewed": progress.reviewed, "total": progress.total, "percent": progress.percent,
                     "counts": progress.counts},
    }


def _export_preview(session: ReviewSession, doc, lang: str, fallback: str) -> str:
    """The article as ``l10n export --format html --fallback FALLBACK`` would write it (nothing written)."""
    from l10n.catalog.files import read_catalog
    from l10n.export.plan import catalog_entries, plan, render
    from l10n.segment import read_source, segment_article

    text = read_source(doc.source)
    found = read_catalog(session.po_path(doc, lang))
    article = segment_article(text)
    pieces = plan(article.segments, catalog_entries(found.po if found else None), fallback)
    return render("html", doc.name, lang, doc.source, text, pieces, fallback, article.code)
