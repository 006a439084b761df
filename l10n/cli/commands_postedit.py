"""CLI command: postedit (registered on l10n.cli._app.app)."""

from __future__ import annotations


from l10n.cli._app import app, user_errors
from l10n.cli._options import NO_ARTICLES_HINT, JsonOpt, PathsArg, ToOpt
from l10n.cli.render import echo, json_or_hint, right_from, table


@app.command()
@user_errors
def postedit(paths: PathsArg = None, to: ToOpt = None, json_out: JsonOpt = False) -> None:
    """How much translators changed the machine drafts, per article, language and engine.

    Counts reviewed segments that started as machine drafts: accepted
    unchanged or edited, with the mean chrF (draft -> final, 0-100, 100 =
    unchanged) and the mean word edit rate (word edits per final word, %,
    0 = unchanged; TER without shifts). Drafts and stale entries are not final
    and are not counted (shown as 'pending'); nor are translation-memory
    entries. 'no draft': reviewed, but the raw draft is not in
    locales/.l10n/drafts.sqlite (e.g. the English changed), so not measured.
    """
    from l10n.report.postedit import postedit_paths, totals

    rows = postedit_paths([str(p) for p in paths or []], to)
    if json_or_hint(rows, json_out, NO_ARTICLES_HINT):
        return
    header = ["article", "lang", "engine", "reviewed-from-MT", "unchanged", "edited", "chrF", "word-edit-rate",
              "no-draft", "pending"]
    if len(rows) > len({r.language for r in rows}):  # totals only sum something when a language has 2+ rows
        rows = rows + totals(rows)
    body = [_cells(r) for r in rows]
    echo(table(header, body, right=right_from(3)))  # the counts and measures, '-' included


def _cells(row) -> list[object]:
    article = "(all)" if row.document == "*" else row.document
    origin = row.origin or ("-" if row.catalog else "- (no catalog yet)")
    chrf = "-" if row.chrf is None else f"{row.chrf:.1f}"
    rate = "-" if row.edit_rate is None else f"{row.edit_rate:.1f}%"
    return [article, row.language, origin, row.reviewed_from_mt, row.unchanged, row.edited, chrf, rate,
            row.no_draft, row.pending]
