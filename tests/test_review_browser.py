"""``l10n review`` in a real browser: Debian's chromium driven by Playwright.

The server runs as the user runs it (``python -m l10n review --no-browser --port 0``), on a
test project; the page is edited with the keyboard, reloaded, and the .po files are checked on
disk with GNU msgfmt. Screenshots (1280x800) are kept as test artefacts in ``test-artifacts/review/``
at the repository root (ignored by git; ``L10N_TEST_ARTIFACTS`` names another folder).
"""

from __future__ import annotations

import os
import re
import select
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import polib
import pytest
from catalog_helpers import msgfmt_check
from review_helpers import COMMITTEE, COMMITTEE_AZ, STALE_NEW, XSS, build_project, edit_po, po_path

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = [
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed (/usr/bin/chromium); "
                                                     ".ci/run installs it: apt-get install chromium"),
]
pytest.importorskip("starlette")
HEADLINE = "Customs Seize Drugs at the Border"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build_project(tmp_path_factory.mktemp("review-browser-template"))


@pytest.fixture(scope="module")
def served(built, tmp_path_factory):
    """One ``l10n review`` for the module, on a copy of the project: yields (root, URL). Stopped with Ctrl-C
    (SIGINT), which must end it cleanly: exit 0, no traceback."""
    root = tmp_path_factory.mktemp("review-browser") / "project"
    shutil.copytree(built, root)
    proc = subprocess.Popen([sys.executable, "-m", "l10n", "review", str(root), "--to", "az", "--no-browser",
                             "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    url = _read_url(proc)
    yield root, url
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=20)
    assert proc.returncode == 0, err
    assert "Traceback" not in err and "Stopped." in out


@pytest.fixture
def project(served, built):
    """The served project, reset to the built one before each test (the server reads the disk per request)."""
    root, _url = served
    for folder in ("locales", "source"):
        shutil.rmtree(root / folder)
        shutil.copytree(built / folder, root / folder)
    return root


@pytest.fixture
def server(served, project):
    return served[1]


def _read_url(proc: subprocess.Popen, timeout: float = 30) -> str:
    deadline = time.monotonic() + timeout
    seen = ""
    while time.monotonic() < deadline:
        ready, _, _ = select.select([proc.stdout], [], [], 0.5)
        if ready:
            line = proc.stdout.readline()
            seen += line
            found = re.search(r"http://127\.0\.0\.1:\d+/", line)
            if found:
                return found.group(0)
        if proc.poll() is not None:
            break
    proc.kill()
    raise AssertionError(f"no URL from l10n review: {seen!r} {proc.stderr.read()!r}")


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.goto(server + "article/story/az")
    page.wait_for_selector(".segment.current")
    page.errors = errors  # type: ignore[attr-defined]
    yield page
    context.close()


ARTIFACTS = Path(os.environ.get("L10N_TEST_ARTIFACTS") or Path(__file__).resolve().parent.parent / "test-artifacts")


def shot(page, tmp_path: Path, name: str) -> Path:
    folder = ARTIFACTS / "review"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    page.screenshot(path=str(path))
    print(f"screenshot: {path}")
    return path


def seg(page, msgid: str):
    return page.locator(f'.segment[data-msgid="{msgid}"]')


def current_msgid(page) -> str | None:
    return page.evaluate("() => { const s = document.activeElement.closest('.segment'); return s && s.dataset.msgid }")


def entries(path: Path) -> dict[str, tuple[str, list[str], str | None, str]]:
    return {e.msgid: (e.msgstr, list(e.flags), e.previous_msgid, e.tcomment) for e in polib.pofile(str(path))}


def test_edit_and_approve_with_the_keyboard_then_reload(page, project, tmp_path, msgfmt):
    path = po_path(project)
    before = entries(path)
    shot(page, tmp_path, "article")
    # the page opens on the first unreviewed segment, its box focused
    assert current_msgid(page) == HEADLINE
    box = seg(page, HEADLINE).locator("textarea")
    box.fill("Gömrük sərhəddə narkotik ələ keçirir")
    page.keyboard.press("Control+Enter")
    page.wait_for_selector(f'.segment[data-msgid="{HEADLINE}"][data-state="reviewed"]')
    # focus followed to the next unreviewed segment
    page.wait_for_function("() => document.activeElement.closest('.segment')?.dataset.msgid === "
                           f"{STALE_NEW!r}")
    assert page.locator("#progress-text").inner_text() == "1 of 7 reviewed"
    # Alt+Down / Alt+Up move, and focus follows
    page.keyboard.press("Alt+ArrowDown")
    assert current_msgid(page) == "The World Customs Organization praised them."
    page.keyboard.press("Alt+ArrowUp")
    page.keyboard.press("Alt+ArrowUp")
    assert current_msgid(page) == HEADLINE
    assert page.locator(".segment.current").count() == 1
    shot(page, tmp_path, "after-approve")

    page.reload()
    page.wait_for_selector(".segment.current")
    assert seg(page, HEADLINE).get_attribute("data-state") == "reviewed"
    assert seg(page, HEADLINE).locator("textarea").input_value() == "Gömrük sərhəddə narkotik ələ keçirir"
    assert current_msgid(page) == STALE_NEW  # the first unreviewed, after the reload

    after = entries(path)
    assert after[HEADLINE] == ("Gömrük sərhəddə narkotik ələ keçirir", [], None,
                               "l10n: reviewed (was: machine draft, fake-1 az)")
    assert {k: v for k, v in after.items() if k != HEADLINE} == {k: v for k, v in before.items() if k != HEADLINE}
    assert msgfmt_check(msgfmt, path) == {"translated": 1, "fuzzy": 6, "untranslated": 0}
    assert page.errors == []


def test_save_and_revert_with_the_buttons(page, project):
    segment = seg(page, COMMITTEE)
    segment.locator("textarea").fill("Komitə toplandı")
    segment.locator('[data-action="save"]').click()
    page.wait_for_selector(f'.segment[data-msgid="{COMMITTEE}"] .provenance')
    page.wait_for_function(f"() => document.querySelector('#status').textContent.startsWith('Saved')")
    assert entries(po_path(project))[COMMITTEE][:2] == ("Komitə toplandı", ["fuzzy"])
    assert seg(page, COMMITTEE).get_attribute("data-state") == "draft"
    seg(page, COMMITTEE).locator('[data-action="revert"]').click()
    page.wait_for_function(f"() => document.querySelector('#status').textContent.startsWith('Machine draft')")
    assert seg(page, COMMITTEE).locator("textarea").input_value() == f"[az] {COMMITTEE}"
    assert entries(po_path(project))[COMMITTEE][:2] == (f"[az] {COMMITTEE}", ["fuzzy"])
    # the memory match from the other article fills the box
    seg(page, COMMITTEE).locator('[data-action="use"]').click()
    assert seg(page, COMMITTEE).locator("textarea").input_value() == COMMITTEE_AZ


def test_the_stale_diff_and_the_details_show(page, tmp_path):
    stale = seg(page, STALE_NEW)
    assert stale.get_attribute("data-state") == "stale"
    assert stale.locator(".diff del").all_inner_texts() == ["a ton"]
    assert stale.locator(".diff ins").all_inner_texts() == ["two tons"]
    assert stale.locator(".badge-stale").is_visible()
    wco = seg(page, "The World Customs Organization praised them.")
    assert "Ümumdünya Gömrük Təşkilatı" in wco.locator(".term").inner_text()
    # the missing term is shown once, in its glossary row (not again as a "Check" row)
    assert "not in the translation" in wco.locator(".term-missing").inner_text()
    assert "glossary" not in " ".join(wco.locator(".finding").all_inner_texts())
    assert "fake-1 az" in wco.locator(".machine-draft").inner_text()
    page.locator("#preview").scroll_into_view_if_needed()
    frame = page.frame_locator("#preview-frame")
    assert frame.locator("h1").inner_text() == f"[az] {HEADLINE}"
    shot(page, tmp_path, "preview")


def test_a_script_in_a_msgstr_or_the_english_stays_text(page, tmp_path):
    exports = seg(page, "Exports of oil rose sharply.")
    assert exports.locator("textarea").input_value() == XSS
    english = "The form read <script>window.__xss = 3</script> at the top."
    assert seg(page, english).locator(".english").inner_text() == english
    assert page.evaluate("() => window.__xss") is None
    assert page.locator("img[src=x]").count() == 0
    # after an action the server's fragment replaces the segment: still text
    exports.locator('[data-action="save"]').click()
    page.wait_for_function("() => document.querySelector('#status').textContent.startsWith('Saved')")
    assert seg(page, "Exports of oil rose sharply.").locator("textarea").input_value() == XSS
    assert page.evaluate("() => window.__xss") is None
    # the export preview shows it as text too
    assert "<script>" in page.frame_locator("#preview-frame").locator("li").nth(1).inner_text()
    assert page.evaluate("() => window.__xss") is None


def test_filters(page, tmp_path):
    page.check("#filter-stale")
    assert page.locator(".segment:visible").count() == 1
    assert page.locator(".segment:visible").get_attribute("data-msgid") == STALE_NEW
    page.uncheck("#filter-stale")
    page.check("#filter-findings")
    findings = page.locator(".segment:visible").count()
    assert 0 < findings == page.locator('.segment:not([data-findings="0"])').count()
    page.uncheck("#filter-findings")
    seg(page, HEADLINE).locator('[data-action="approve"]').click()
    page.wait_for_selector(f'.segment[data-msgid="{HEADLINE}"][data-state="reviewed"]')
    page.check("#filter-unreviewed")
    assert page.locator(".segment:visible").count() == 6
    assert not seg(page, HEADLINE).is_visible()
    shot(page, tmp_path, "filter-unreviewed")


def test_a_post_without_the_token_or_from_another_site_writes_nothing(browser, page, server, project):
    before = po_path(project).read_bytes()
    status = page.evaluate("""async (msgid) => (await fetch('/api/story/az', {method: 'POST',
        headers: {'Content-Type': 'application/json'},
        body: JSON.stringify({action: 'approve', msgid: msgid, text: 'no token'})})).status""", HEADLINE)
    assert status == 403
    # another site's page posts a "simple" request (no preflight) with the right token guessed... and cannot
    other = browser.new_context()
    try:
        other.route("http://elsewhere.test/", lambda route: route.fulfill(status=200, content_type="text/html",
                                                                          body="<title>elsewhere</title>"))
        attacker = other.new_page()
        attacker.goto("http://elsewhere.test/")
        attacker.evaluate("""async ([url, msgid]) => { try { await fetch(url + 'api/story/az', {method: 'POST',
            mode: 'no-cors', headers: {'Content-Type': 'text/plain'},
            body: JSON.stringify({action: 'approve', msgid: msgid, text: 'cross-site'})}); } catch (e) {} }""",
                          [server, HEADLINE])
        attacker.wait_for_timeout(300)
    finally:
        other.close()
    assert po_path(project).read_bytes() == before


def test_a_concurrent_save_in_another_editor_is_merged_not_lost(page, project, msgfmt, tmp_path):
    path = po_path(project)
    # Poedit saves another entry while the page is open
    edit_po(path, {"Trade grew by five percent.": ("Ticarət beş faiz artıb.", True)})
    seg(page, COMMITTEE).locator("textarea").fill(COMMITTEE_AZ)
    seg(page, COMMITTEE).locator("textarea").focus()
    page.keyboard.press("Control+Enter")
    page.wait_for_selector(f'.segment[data-msgid="{COMMITTEE}"][data-state="reviewed"]')
    after = entries(path)
    assert after[COMMITTEE][:2] == (COMMITTEE_AZ, [])
    assert after["Trade grew by five percent."][:2] == ("Ticarət beş faiz artıb.", [])
    msgfmt_check(msgfmt, path)
    # Poedit changes the very entry the page shows: the page refuses to overwrite it and says why
    edit_po(path, {HEADLINE: ("Poedit-in mətni", False)})
    seg(page, HEADLINE).locator("textarea").fill("Brauzerin mətni")
    seg(page, HEADLINE).locator('[data-action="approve"]').click()
    page.wait_for_selector("#status.error")
    assert "another tab or editor" in page.locator("#status").inner_text()
    assert entries(path)[HEADLINE][0] == "Poedit-in mətni"
    # the reviewer's text stays in the box; the other version is shown under it
    assert seg(page, HEADLINE).locator("textarea").input_value() == "Brauzerin mətni"
    assert seg(page, HEADLINE).locator(".conflict .theirs-text").inner_text() == "Poedit-in mətni"
    shot(page, tmp_path, "conflict")
    page.reload()
    assert seg(page, HEADLINE).locator("textarea").input_value() == "Poedit-in mətni"


def test_a_translation_starting_with_a_line_break_keeps_it_in_the_box_and_on_approve(page, project):
    box = seg(page, COMMITTEE).locator("textarea")
    box.fill("\nKomitə toplandı")
    seg(page, COMMITTEE).locator('[data-action="save"]').click()
    page.wait_for_function("() => document.querySelector('#status').textContent.startsWith('Saved')")
    assert entries(po_path(project))[COMMITTEE][0] == "\nKomitə toplandı"
    assert seg(page, COMMITTEE).locator("textarea").input_value() == "\nKomitə toplandı"  # the fresh segment
    page.reload()
    page.wait_for_selector(".segment.current")
    assert seg(page, COMMITTEE).locator("textarea").input_value() == "\nKomitə toplandı"
    seg(page, COMMITTEE).locator('[data-action="approve"]').click()
    page.wait_for_selector(f'.segment[data-msgid="{COMMITTEE}"][data-state="reviewed"]')
    assert entries(po_path(project))[COMMITTEE][:2] == ("\nKomitə toplandı", [])


def test_an_entry_holding_a_carriage_return_is_approved_in_the_browser(page, project):
    path = po_path(project)
    path.write_text(path.read_text(encoding="utf-8").replace(f'msgstr "[az] {COMMITTEE}"', 'msgstr "Bir\\r\\niki"'),
                    encoding="utf-8")
    page.reload()
    page.wait_for_selector(".segment.current")
    seg(page, COMMITTEE).locator('[data-action="approve"]').click()
    page.wait_for_selector(f'.segment[data-msgid="{COMMITTEE}"][data-state="reviewed"]')
    assert entries(path)[COMMITTEE][:2] == ("Bir\niki", [])


def test_an_approval_in_another_tab_is_not_undone(page, project, browser, server):
    other = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
    try:
        other.goto(server + "article/story/az")
        other.wait_for_selector(".segment.current")
        other.locator(f'.segment[data-msgid="{HEADLINE}"] [data-action="approve"]').click()  # tab A approves
        other.wait_for_selector(f'.segment[data-msgid="{HEADLINE}"][data-state="reviewed"]')
    finally:
        other.context.close()
    seg(page, HEADLINE).locator('[data-action="save"]').click()  # tab B, loaded before
    page.wait_for_selector("#status.error")
    assert "another tab" in page.locator("#status").inner_text()
    assert entries(po_path(project))[HEADLINE][1] == []


def test_ctrl_enter_with_only_unreviewed_goes_to_the_next_one_after_the_current(page, project):
    page.check("#filter-unreviewed")
    praised = "The World Customs Organization praised them."
    seg(page, praised).locator("textarea").focus()
    page.keyboard.press("Control+Enter")
    page.wait_for_selector(f'.segment[data-msgid="{praised}"][data-state="reviewed"]', state="attached")
    page.wait_for_function(f"() => document.activeElement.closest('.segment')?.dataset.msgid === {COMMITTEE!r}")
    assert not seg(page, praised).is_visible()


def test_a_filter_matching_nothing_says_so(page, project):
    assert not page.locator("#filter-empty").is_visible()
    edit_po(po_path(project), {STALE_NEW: (None, True)})  # no stale entry left
    page.reload()
    page.wait_for_selector(".segment.current")
    page.check("#filter-stale")
    assert page.locator(".segment:visible").count() == 0
    assert page.locator("#filter-empty").is_visible()
    page.uncheck("#filter-stale")
    assert not page.locator("#filter-empty").is_visible()


def test_a_phone_gets_one_column_and_nothing_wider_than_the_screen(browser, server, project, tmp_path):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    try:
        phone = context.new_page()
        phone.goto(server + "article/story/az")
        phone.wait_for_selector(".segment.current")
        shot(phone, tmp_path, "phone-article")
        assert phone.evaluate("() => document.documentElement.scrollWidth") <= 390
        english = seg(phone, HEADLINE).locator(".english").bounding_box()
        box = seg(phone, HEADLINE).locator("textarea").bounding_box()
        assert box["y"] >= english["y"] + english["height"] - 1  # the translation under the English
        assert box["x"] + box["width"] <= 390
        header = phone.locator("header.top").bounding_box()
        assert header["height"] <= 844 / 3  # the sticky header leaves the screen to the text
        for button in seg(phone, HEADLINE).locator(".buttons button").all():
            b = button.bounding_box()
            assert b["x"] >= 0 and b["x"] + b["width"] <= 390
        phone.goto(server)
        shot(phone, tmp_path, "phone-index")
        assert phone.evaluate("() => document.documentElement.scrollWidth") <= 390
    finally:
        context.close()


def test_a_pasted_nul_is_refused_on_the_page_and_nothing_is_written(page, project):
    before = po_path(project).read_bytes()
    box = seg(page, HEADLINE).locator("textarea")
    box.evaluate("(el) => { el.value = 'Gömrük\\u0000 sərhəddə'; }")  # as a paste from a broken source
    seg(page, HEADLINE).locator('[data-action="approve"]').click()
    page.wait_for_selector("#status.error")
    assert "U+0000 (NUL)" in page.locator("#status").inner_text()
    assert po_path(project).read_bytes() == before
    assert box.input_value() == "Gömrük\x00 sərhəddə"  # the reviewer's text is still there to fix
