"""The review server without a browser: pages, actions, token and origin checks, escaping, traversal.

Driven with Starlette's TestClient; the catalogs are checked on disk (msgfmt as the oracle).
"""

from __future__ import annotations

import difflib
import json
import re
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from catalog_helpers import msgfmt_check
from review_helpers import COMMITTEE, COMMITTEE_AZ, STALE_NEW, XSS, build_project, edit_po, po_path
from typer.testing import CliRunner

from l10n.cli import app as cli_app

starlette = pytest.importorskip("starlette")
from starlette.testclient import TestClient  # noqa: E402

from l10n.review.app import create_app  # noqa: E402
from l10n.review.session import open_session  # noqa: E402

TOKEN = "test-token"
HEADLINE = "Customs Seize Drugs at the Border"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build_project(tmp_path_factory.mktemp("review-template"))


@pytest.fixture
def project(built, tmp_path):
    import shutil

    root = tmp_path / "project"
    shutil.copytree(built, root)
    return root


@pytest.fixture
def client(project):
    session = open_session([str(project)], ["az"])
    return TestClient(create_app(session, hosts=["testserver"], token=TOKEN))


def post(client, action, msgid, text="", base=None, **headers):
    body = {"action": action, "msgid": msgid, "text": text}
    if base is not None:
        body["base"] = base
    return client.post("/api/story/az", content=json.dumps(body),
                       headers={"content-type": "application/json", "x-review-token": TOKEN, **headers})


def shown(client, msgid, doc="story"):
    """The state digest the article page carries for ``msgid`` (what its buttons send as ``base``)."""
    import html as html_lib

    page = client.get(f"/article/{doc}/az").text
    for found, base in re.findall(r'data-msgid="([^"]*)"[^>]*data-base="([^"]*)"', page):
        if html_lib.unescape(found) == msgid:
            return base
    raise AssertionError(f"no segment {msgid!r} on the page")


def entry(project, msgid, doc="story"):
    return next(e for e in polib.pofile(str(po_path(project, doc))) if e.msgid == msgid)


def segments(html: str) -> dict[str, str]:
    import html as html_lib

    return {html_lib.unescape(m): s for m, s in re.findall(r'class="segment[^"]*" data-msgid="([^"]*)" data-state="([^"]*)"', html)}


# --- pages -----------------------------------------------------------------------------------------------


def test_index_lists_every_article_and_language_with_progress(client):
    page = client.get("/")
    assert page.status_code == 200
    assert '/article/story/az' in page.text and '/article/other/az' in page.text
    assert "0 / 7" in page.text and "1 / 1" in page.text


def test_the_article_page_shows_each_segment_with_its_state(client):
    page = client.get("/article/story/az")
    assert page.status_code == 200
    states = segments(page.text)
    assert states[HEADLINE] == "draft"
    assert states[STALE_NEW] == "stale"
    assert len(states) == 7 and set(states.values()) == {"draft", "stale"}
    assert "0 of 7 reviewed" in page.text
    assert page.text.count("<textarea") == 7
    assert page.text.count('data-action="approve"') == 7
    # the layout: the headline is a heading block, the two bullets one list
    assert 'class="block kind-heading tag-h1"' in page.text
    assert page.text.count('class="block kind-list-item tag-li"') == 2 and page.text.count('class="list list-ul"') == 1


def test_a_stale_entry_shows_the_word_diff_of_its_english(client):
    page = client.get("/article/story/az").text
    assert "<del>a ton</del><ins>two tons</ins>" in page


def test_draft_engine_memory_glossary_and_findings_are_shown(client):
    page = client.get("/article/story/az").text
    assert '<span class="engine">fake-1 az</span>' in page
    # an edited draft shows the raw machine draft beside it; an unedited one says so
    assert '<span class="draft-text" lang="az">[az] Exports of oil rose sharply.</span>' in page
    assert page.count("(the translation: not edited yet)") == 5
    # the committee sentence is reviewed in the other article: an exact memory match from there
    assert '<span class="source-doc">other</span>' in page and COMMITTEE_AZ in page
    assert "World Customs Organization</span> → <span class=\"term-rendering\" lang=\"az\">Ümumdünya Gömrük Təşkilatı" in page
    assert "✗ not in the translation" in page
    assert ('The <mark class="term-en" title="glossary: Ümumdünya Gömrük Təşkilatı">World Customs Organization</mark>'
            ' praised them.</div>') in page
    assert 'class="check-name">brackets</span>' in page
    # the missing term shows once (its glossary row), not again as a "Check" row; it still counts as a finding
    assert page.count("✗ not in the translation") == 1 and 'class="check-name">glossary</span>' not in page
    assert re.search(r'data-msgid="The World Customs Organization praised them." data-state="draft" '
                     r'data-findings="[1-9]', page)


def test_every_text_is_escaped(client):
    page = client.get("/article/story/az").text
    assert page.count("<script") == 1  # the page's own script, not the msgstr's or the English's
    assert "<img src=x" not in page
    assert "&lt;script&gt;window.__xss = 1&lt;/script&gt;" in page
    assert "The form read &lt;script&gt;window.__xss = 3&lt;/script&gt; at the top." in page
    csp = client.get("/article/story/az").headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp


def test_the_export_preview_is_the_html_export_sandboxed(client):
    page = client.get("/preview/story/az")
    assert page.status_code == 200
    assert "sandbox" in page.headers["content-security-policy"]
    assert "<h1>[az] Customs Seize Drugs at the Border</h1>" in page.text
    assert "&lt;script&gt;window.__xss = 1" in page.text and "<script" not in page.text
    source = client.get("/preview/story/az?fallback=source").text
    assert f'<h1 lang="en">{HEADLINE}</h1>' in source  # the English fills in: marked as English


@pytest.mark.parametrize("url", [
    "/article/other/xx", "/article/missing/az", "/article/..%2F..%2Fpyproject/az", "/article/../../etc/passwd",
    "/preview/..%2Fstory/az", "/static/../app.py", "/static/%2e%2e/app.py", "/static/..%2Fapp.py",
    "/static/%2e%2e/%2e%2e/%2e%2e/pyproject.toml", "/article/story/az/../../../../etc/passwd", "/etc/passwd",
])
def test_nothing_outside_the_project_is_served(client, url):
    page = client.get(url)
    assert page.status_code in (404, 400)
    assert "create_app" not in page.text and "root:" not in page.text and "[project]" not in page.text


def test_a_request_for_another_host_is_refused(client):
    assert client.get("/", headers={"host": "evil.example"}).status_code == 421
    assert client.get("/static/review.js").status_code == 200


# --- actions -----------------------------------------------------------------------------------------------


def test_save_keeps_a_draft(client, project, msgfmt):
    reply = post(client, "save", HEADLINE, "Gömrük sərhəddə narkotik ələ keçirir")
    assert reply.status_code == 200, reply.text
    assert reply.json()["state"] == "draft"
    saved = entry(project, HEADLINE)
    assert saved.msgstr == "Gömrük sərhəddə narkotik ələ keçirir" and "fuzzy" in saved.flags
    msgfmt_check(msgfmt, po_path(project))


def test_approve_makes_reviewed_and_changes_nothing_else(client, project, msgfmt):
    path = po_path(project)
    before = path.read_text(encoding="utf-8")
    base = shown(client, HEADLINE)
    reply = post(client, "approve", HEADLINE, "Gömrük sərhəddə narkotik ələ keçirir", base=base)
    assert reply.status_code == 200, reply.text
    data = reply.json()
    assert data["state"] == "reviewed" and data["progress"]["reviewed"] == 1
    assert 'data-state="reviewed"' in data["html"]
    approved = entry(project, HEADLINE)
    assert "fuzzy" not in approved.flags and approved.previous_msgid is None
    assert approved.tcomment == "l10n: reviewed (was: machine draft, fake-1 az)"
    changed = [line for line in difflib.unified_diff(before.splitlines(), path.read_text(encoding="utf-8").splitlines(),
                                                     lineterm="", n=0)
               if line[:1] in "+-" and line[:3] not in ("+++", "---") and "PO-Revision-Date" not in line]
    assert sorted(changed) == sorted([
        "-# l10n: machine draft, fake-1 az", "+# l10n: reviewed (was: machine draft, fake-1 az)",
        "-#, fuzzy", f'-msgstr "[az] {HEADLINE}"', '+msgstr "Gömrük sərhəddə narkotik ələ keçirir"',
    ])
    assert msgfmt_check(msgfmt, path) == {"translated": 1, "fuzzy": 6, "untranslated": 0}


def test_approving_a_stale_entry_clears_its_previous_english(client, project):
    reply = post(client, "approve", STALE_NEW, "Gömrük işçiləri bu il iki ton narkotik ələ keçirdi.")
    assert reply.status_code == 200
    approved = entry(project, STALE_NEW)
    assert approved.previous_msgid is None and "fuzzy" not in approved.flags
    assert approved.tcomment == "l10n: reviewed (was: machine draft, fake-1 az)"


def test_postedit_measures_what_was_reviewed_here(client, project, monkeypatch):
    assert post(client, "approve", HEADLINE, "[az] Customs seize drugs at the border").status_code == 200
    assert post(client, "approve", COMMITTEE, f"[az] {COMMITTEE}").status_code == 200
    monkeypatch.chdir(project)
    result = CliRunner().invoke(cli_app, ["postedit", "--to", "az", "--json"])
    assert result.exit_code == 0, result.output
    row = next(r for r in json.loads(result.stdout) if r["document"] == "story")
    assert (row["reviewed_from_mt"], row["unchanged"], row["edited"]) == (2, 1, 1)


def test_revert_puts_the_raw_machine_draft_back(client, project):
    post(client, "approve", HEADLINE, "Başqa mətn")
    reply = post(client, "revert", HEADLINE)
    assert reply.status_code == 200 and reply.json()["state"] == "draft"
    reverted = entry(project, HEADLINE)
    assert reverted.msgstr == f"[az] {HEADLINE}" and "fuzzy" in reverted.flags
    assert reverted.tcomment == "l10n: machine draft, fake-1 az"


def test_an_empty_translation_is_not_approved(client, project):
    before = po_path(project).read_bytes()
    reply = post(client, "approve", HEADLINE, "  ")
    assert reply.status_code == 400 and "empty" in reply.json()["error"]
    assert po_path(project).read_bytes() == before


def test_an_entry_changed_in_another_editor_is_not_overwritten(client, project):
    base = shown(client, HEADLINE)
    edit_po(po_path(project), {HEADLINE: ("Poedit-də yazılıb", False)})
    before = po_path(project).read_bytes()
    reply = post(client, "approve", HEADLINE, "Brauzerdə yazılıb", base=base)
    assert reply.status_code == 409 and reply.json()["error"].startswith("locales/az/LC_MESSAGES/story.po: ")
    assert "another tab or editor" in reply.json()["error"]
    assert po_path(project).read_bytes() == before


def test_a_save_by_an_editor_between_read_and_write_is_merged(client, project, monkeypatch):
    """Poedit saves another entry after the action read the file: the write notices and applies the change again."""
    import l10n.review.actions as actions

    real = actions.read_catalog
    calls = []

    def read_then_editor_saves(path):
        found = real(path)
        if not calls:
            edit_po(po_path(project), {"Trade grew by five percent.": ("Ticarət beş faiz artıb.", True)})
        calls.append(path)
        return found

    monkeypatch.setattr(actions, "read_catalog", read_then_editor_saves)
    reply = post(client, "approve", COMMITTEE, COMMITTEE_AZ)
    assert reply.status_code == 200, reply.text
    assert len(calls) == 2  # read, found changed at write time, read again
    assert entry(project, COMMITTEE).msgstr == COMMITTEE_AZ and "fuzzy" not in entry(project, COMMITTEE).flags
    trade = entry(project, "Trade grew by five percent.")
    assert trade.msgstr == "Ticarət beş faiz artıb." and "fuzzy" not in trade.flags


def test_unknown_segment_and_action_are_refused(client, project):
    before = po_path(project).read_bytes()
    assert post(client, "approve", "Not a sentence of the article.", "x").status_code == 409
    assert post(client, "delete", HEADLINE, "x").status_code == 400
    assert client.post("/api/story/az", content="[1]", headers={"content-type": "application/json",
                                                                "x-review-token": TOKEN}).status_code == 400
    assert client.post("/api/missing/az", content="{}", headers={"content-type": "application/json",
                                                                 "x-review-token": TOKEN}).status_code == 404
    assert po_path(project).read_bytes() == before


# --- the token and the origin -------------------------------------------------------------------------------


@pytest.mark.parametrize("headers, status", [
    ({"x-review-token": ""}, 403),
    ({"x-review-token": "guess"}, 403),
    ({"origin": "http://evil.example"}, 403),
    ({"origin": "null"}, 403),
    ({"sec-fetch-site": "cross-site"}, 403),
    ({"sec-fetch-site": "same-site"}, 403),
    ({"content-type": "text/plain"}, 415),
    ({"content-type": "application/x-www-form-urlencoded"}, 415),
    ({"host": "attacker.example"}, 421),
])
def test_a_write_without_the_token_or_from_another_site_is_refused(client, project, headers, status):
    before = po_path(project).read_bytes()
    reply = post(client, "approve", HEADLINE, "written by another site", **headers)
    assert reply.status_code == status
    assert po_path(project).read_bytes() == before


def test_a_same_origin_write_with_the_token_passes(client, project):
    reply = post(client, "save", HEADLINE, "bir", origin="http://testserver", **{"sec-fetch-site": "same-origin"})
    assert reply.status_code == 200


def test_each_server_has_its_own_token(project):
    session = open_session([str(project)], ["az"])
    one, two = create_app(session, hosts=["testserver"]), create_app(session, hosts=["testserver"])
    assert len(one.state.token) >= 32 and one.state.token != two.state.token
    page = TestClient(one).get("/article/story/az").text
    assert f'<meta name="review-token" content="{one.state.token}">' in page


# --- the command -------------------------------------------------------------------------------------------


def test_without_the_extra_the_command_says_how_to_install_it(project, monkeypatch):
    monkeypatch.setitem(sys.modules, "starlette", None)
    result = CliRunner().invoke(cli_app, ["review", str(project), "--no-browser"])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        "error: l10n review needs the 'review' extra (Starlette, uvicorn, Jinja2): pip install 'l10n[review]', "
        "or in this repository: uv sync --extra review"]


def test_a_port_in_use_is_a_clean_error(project):
    from l10n.review.server import bind

    taken = bind(0)
    try:
        result = CliRunner().invoke(cli_app, ["review", str(project), "--no-browser", "--port",
                                              str(taken.getsockname()[1])])
    finally:
        taken.close()
    assert result.exit_code == 2
    assert "is in use" in result.output and "Traceback" not in result.output


def test_help_loads_no_web_stack():
    code = ("import sys, runpy; sys.argv = ['l10n', '--help']\n"
            "try:\n    runpy.run_module('l10n', run_name='__main__')\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('starlette', 'uvicorn', 'jinja2') "
            "or m.startswith('l10n.review')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "[]"


def test_review_help_names_the_options():
    result = CliRunner().invoke(cli_app, ["review", "--help"])
    assert result.exit_code == 0
    assert "--port" in result.output and "--no-browser" in result.output and "--to" in result.output


def test_an_article_path_serves_that_article_only(project):
    session = open_session([str(project / "source" / "story.txt")], None)
    assert list(session.documents) == ["story"] and session.languages == ("az", "ru")
    client = TestClient(create_app(session, hosts=["testserver"], token=TOKEN))
    assert client.get("/article/story/ru").status_code == 200  # no ru catalog yet: the page says so
    assert "No catalog for ru yet" in client.get("/article/story/ru").text
    assert client.get("/article/other/az").status_code == 404
    reply = client.post("/api/story/ru", content=json.dumps({"action": "save", "msgid": HEADLINE, "text": "x"}),
                        headers={"content-type": "application/json", "x-review-token": TOKEN})
    assert reply.status_code == 400 and "run `l10n translate` first" in reply.json()["error"]
    assert not (project / "locales" / "ru").exists()


def test_a_malformed_catalog_is_a_clean_error_page(client, project):
    po_path(project).write_text('msgid "x"\nmsgstr "unclosed\n', encoding="utf-8")
    page = client.get("/article/story/az")
    assert page.status_code == 400
    assert "locales/az/LC_MESSAGES/story.po:" in page.text and "Traceback" not in page.text


def test_an_article_gone_unreadable_is_an_error_page_not_a_traceback(client, project):
    source = project / "source" / "story.txt"
    source.unlink()
    source.mkdir()  # replaced by a folder while the server runs
    page = client.get("/article/story/az")
    assert page.status_code in (400, 500) and "Traceback" not in page.text
    assert "story.txt" in page.text


def test_the_server_listens_on_loopback_only():
    from l10n.review.server import bind

    sock = bind(0)
    try:
        host, port = sock.getsockname()
    finally:
        sock.close()
    assert host == "127.0.0.1" and port > 0


# --- the tester's findings ---------------------------------------------------------------------------------


@pytest.mark.parametrize("text, said", [
    ("Gömrük\x00 sərhəddə", "U+0000 (NUL)"),
    ("Gömrük\x1b[31m sərhəddə", "U+001B (ESC)"),
    ("Gömrük\x04", "U+0004 (EOT)"),
    ("Gömrük \ud83d sərhəddə", "lone surrogate U+D83D"),
])
@pytest.mark.parametrize("action", ["save", "approve"])
def test_a_control_character_or_lone_surrogate_is_refused_before_anything_is_written(client, project, text, said,
                                                                                     action):
    before = po_path(project).read_bytes()
    body = json.dumps({"action": action, "msgid": HEADLINE, "text": text})  # ensure_ascii: "\ud83d" stays an escape
    reply = client.post("/api/story/az", content=body,
                        headers={"content-type": "application/json", "x-review-token": TOKEN})
    assert reply.status_code == 400, reply.text
    assert said in reply.json()["error"] and "nothing was written" in reply.json()["error"]
    assert po_path(project).read_bytes() == before
    result = CliRunner().invoke(cli_app, ["status", str(project), "--to", "az"])
    assert result.exit_code == 0, result.output


def test_a_line_break_and_a_tab_are_still_fine(client, project, msgfmt):
    assert post(client, "save", HEADLINE, "Gömrük\tsərhəddə\nnarkotik").status_code == 200
    assert entry(project, HEADLINE).msgstr == "Gömrük\tsərhəddə\nnarkotik"
    msgfmt_check(msgfmt, po_path(project))


def test_an_approval_in_another_tab_is_not_undone_by_a_page_loaded_before(client, project):
    base = shown(client, HEADLINE)  # tab B loads the page
    text = f"[az] {HEADLINE}"
    assert post(client, "approve", HEADLINE, text, base=shown(client, HEADLINE)).status_code == 200  # tab A
    before = po_path(project).read_bytes()
    reply = post(client, "save", HEADLINE, text, base=base)  # tab B, same text, stale page
    assert reply.status_code == 409 and "another tab" in reply.json()["error"]
    assert po_path(project).read_bytes() == before
    assert "fuzzy" not in entry(project, HEADLINE).flags


def test_saving_a_reviewed_entry_as_a_draft_does_not_say_reviewed(client, project):
    assert post(client, "approve", HEADLINE, "Gömrük sərhəddə").status_code == 200
    assert post(client, "save", HEADLINE, "Gömrük sərhəddə!", base=shown(client, HEADLINE)).status_code == 200
    saved = entry(project, HEADLINE)
    assert "fuzzy" in saved.flags and saved.tcomment == "l10n: machine draft, fake-1 az"


def test_an_entry_holding_a_carriage_return_can_be_approved(client, project):
    path = po_path(project)
    path.write_text(path.read_text(encoding="utf-8").replace(f'msgstr "[az] {HEADLINE}"', 'msgstr "Bir\\r\\niki"'),
                    encoding="utf-8")
    assert entry(project, HEADLINE).msgstr == "Bir\r\niki"
    reply = post(client, "approve", HEADLINE, "Bir\niki", base=shown(client, HEADLINE))  # as a textarea sends it
    assert reply.status_code == 200, reply.text
    assert entry(project, HEADLINE).msgstr == "Bir\niki" and "fuzzy" not in entry(project, HEADLINE).flags


@pytest.mark.parametrize("breakage", ["malformed catalog", "article deleted"])
def test_one_unreadable_file_shows_in_its_row_and_the_index_still_lists_the_rest(client, project, breakage):
    if breakage == "malformed catalog":
        po_path(project).write_text('msgid "x"\nmsgstr "unclosed\n', encoding="utf-8")
        said = "cannot read: locales/az/LC_MESSAGES/story.po:2: "
    else:
        (project / "source" / "story.txt").unlink()
        said = "story.txt"
    page = client.get("/")
    assert page.status_code == 200 and "Traceback" not in page.text
    row = next(r for r in page.text.split("<tr>") if "/article/story/az" in r)
    assert 'class="row-error"' in row and said in row
    other = next(r for r in page.text.split("<tr>") if "/article/other/az" in r)
    assert "1 / 1" in other and "row-error" not in other


def _one_entry_changed(before: str, after: str) -> list[str]:
    return [line for line in difflib.unified_diff(before.split("\n"), after.split("\n"), lineterm="", n=0)
            if line[:1] in "+-" and line[:3] not in ("+++", "---") and "PO-Revision-Date" not in line]


@pytest.mark.parametrize("layout", ["crlf", "no-wrap"])
def test_an_approve_keeps_the_files_line_endings_and_wrapping(client, project, layout, msgfmt):
    path = po_path(project)
    long = "Customs officers seized a ton of drugs this year and the officers of the border said so at length."
    text = path.read_text(encoding="utf-8")
    text = text.replace(f'msgstr "[az] {COMMITTEE}"', f'msgstr "{long} {long}"')  # an editor's long line
    path.write_text(text, encoding="utf-8")
    if layout == "crlf":
        saved = subprocess.run(["msgcat", "--width=79", str(path)], capture_output=True, check=True).stdout
        saved = saved.replace(b"\n", b"\r\n")
    else:
        saved = subprocess.run(["msgcat", "--no-wrap", str(path)], capture_output=True, check=True).stdout
        assert max(len(line) for line in saved.split(b"\n")) > 150
    path.write_bytes(saved)
    assert post(client, "approve", HEADLINE, "Gömrük sərhəddə narkotik ələ keçirir").status_code == 200
    after = path.read_bytes()
    if layout == "crlf":
        assert after.count(b"\r\n") == after.count(b"\n")
    changed = _one_entry_changed(saved.decode().replace("\r\n", "\n"), after.decode().replace("\r\n", "\n"))
    assert sorted(changed) == sorted([
        "-# l10n: machine draft, fake-1 az", "+# l10n: reviewed (was: machine draft, fake-1 az)",
        "-#, fuzzy", f'-msgstr "[az] {HEADLINE}"', '+msgstr "Gömrük sərhəddə narkotik ələ keçirir"'])
    msgfmt_check(msgfmt, path)


def test_the_provenance_line_stays_where_it_was_among_the_translators_comments(client, project):
    path = po_path(project)
    text = path.read_text(encoding="utf-8")
    said = "# l10n: reviewed (was: machine draft, fake-1 az)\n#: source/story.txt:3\n"
    assert said in text
    path.write_text(text.replace(said, "# checked with the desk\n" + said, 1), encoding="utf-8")
    assert "# checked with the desk" in path.read_text(encoding="utf-8")
    reply = post(client, "approve", STALE_NEW, "Gömrük işçiləri bu il iki ton narkotik ələ keçirdi.")
    assert reply.status_code == 200
    assert entry(project, STALE_NEW).tcomment == "checked with the desk\nl10n: reviewed (was: machine draft, fake-1 az)"


def test_an_approve_writes_through_a_symlinked_catalog_and_keeps_its_mode(client, project):
    import os
    import stat

    path = po_path(project)
    kept = project / "shared-story.po"
    path.rename(kept)
    os.chmod(kept, 0o644)
    path.symlink_to(kept)
    assert post(client, "approve", HEADLINE, "Gömrük sərhəddə").status_code == 200
    assert path.is_symlink() and entry(project, HEADLINE).msgstr == "Gömrük sərhəddə"
    assert stat.S_IMODE(kept.stat().st_mode) == 0o644


def test_an_article_with_no_sentences_says_so(client, project):
    (project / "source" / "story.txt").write_text("\n", encoding="utf-8")
    page = client.get("/article/story/az")
    assert page.status_code == 200 and "has no sentences to translate" in page.text


@pytest.mark.parametrize("sig", ["SIGTERM", "SIGINT"])
def test_sigterm_stops_the_server_as_cleanly_as_ctrl_c(project, sig):
    import os
    import select
    import signal
    import time
    import urllib.request

    proc = subprocess.Popen([sys.executable, "-m", "l10n", "review", str(project), "--to", "az", "--no-browser",
                             "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        url, deadline = None, time.monotonic() + 30
        while url is None and time.monotonic() < deadline and proc.poll() is None:
            if select.select([proc.stdout], [], [], 0.5)[0]:
                found = re.search(r"http://127\.0\.0\.1:\d+/", proc.stdout.readline())
                url = found and found.group(0)
        assert url, proc.stderr.read()
        assert urllib.request.urlopen(url, timeout=10).status == 200
        proc.send_signal(getattr(signal, sig))
        out, err = proc.communicate(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert "Traceback" not in err and "Stopped." in out


def test_a_refused_action_returns_the_version_on_disk_and_acting_on_it_then_writes(client, project):
    base = shown(client, HEADLINE)
    edit_po(po_path(project), {HEADLINE: ("Poedit-də yazılıb", True)})
    reply = post(client, "save", HEADLINE, "Brauzerdə yazılıb", base=base)
    assert reply.status_code == 409
    theirs = reply.json()["theirs"]
    assert theirs["translation"] == "Poedit-də yazılıb" and theirs["state"] == "reviewed"
    assert theirs["base"] == shown(client, HEADLINE)
    assert post(client, "save", HEADLINE, "Brauzerdə yazılıb", base=theirs["base"]).status_code == 200
    assert entry(project, HEADLINE).msgstr == "Brauzerdə yazılıb"


def test_the_memory_reuses_unchanged_catalogs_and_rereads_a_changed_one(client, project, monkeypatch):
    import l10n.catalog.files as files

    real, reads = files.read_catalog, []

    def counting(path):
        reads.append(Path(path).name)
        return real(path)

    import l10n.memory.sync as sync

    monkeypatch.setattr(files, "read_catalog", counting)  # the server's catalog cache
    monkeypatch.setattr(sync, "read_catalog", counting)  # the project memory's index
    client.get("/article/story/az")
    reads.clear()
    assert COMMITTEE_AZ in client.get("/article/story/az").text
    assert "other.po" not in reads  # unchanged: neither the cache nor the memory reads it again
    edit_po(po_path(project, "other"), {COMMITTEE: ("Komitə yenə toplandı.", True)})
    reads.clear()
    page = client.get("/article/story/az").text
    assert 1 <= reads.count("other.po") <= 2 and "Komitə yenə toplandı." in page and COMMITTEE_AZ not in page
