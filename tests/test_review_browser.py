"""The review page in a real headless Chromium (Debian's /usr/bin/chromium, driven by Playwright).

The server is the real one (uvicorn on a free 127.0.0.1 port) over the pipeline's output for
corpus/raw plus one invented document that carries script and HTML injections. Without the
browser these tests skip, saying why; with CI set, they fail instead.
"""

import os
import re
import socket
import threading
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from consortia.review.app import create_app
from consortia.review.session import Filters, Session
from consortia.review.store import Store

from .conftest import ROOT
from .test_review_support import XSS, XSS_RELATIONS, Clock, build_record, write_output

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
# The README's screenshot is refreshed only when asked (CONSORTIA_UPDATE_SCREENSHOT=1), so that
# running the tests never changes tracked files.
README_SCREENSHOT = ROOT / "docs" / "review-screenshot.png"
XSS_TITLE = "<script>window.__pwned=1</script> Qinghai news"


def _browser_or_skip():
    reason = None
    if not Path(CHROMIUM).exists():
        reason = f"{CHROMIUM} is missing (Debian package 'chromium'; .ci/run installs it)"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            reason = "the Python package playwright is not installed"
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"browser tests cannot run: {reason}; CI is set, so this is a failure")
        pytest.skip(f"browser tests skipped: {reason}")


@pytest.fixture(scope="module")
def browser():
    _browser_or_skip()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def server(browser, tmp_path_factory, seed_records):
    import uvicorn

    folder = tmp_path_factory.mktemp("review-browser")
    records = [seed_records[k] for k in sorted(seed_records)]
    xss = build_record(folder, "qinghai_xss", XSS, XSS_RELATIONS)
    out = write_output(folder / "corpus.jsonl", [*records, xss])
    session = Session.open(out, Store(folder / "review.sqlite", clock=Clock()), reviewer="analyst")
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(64)
    port = sock.getsockname()[1]
    uv = uvicorn.Server(uvicorn.Config(create_app(session), log_level="warning"))
    thread = threading.Thread(target=uv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not uv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert uv.started, "the review server did not start"
    yield SimpleNamespace(url=f"http://127.0.0.1:{port}", session=session, xss_sha=xss.sha256)
    uv.should_exit = True
    thread.join(timeout=10)
    sock.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda err: page.errors.append(str(err)))
    yield page
    context.close()


def _correct_by_keyboard(page, card, item):
    """e and a new role for holds_position; t (next type) for a relation between two ORGs."""
    from playwright.sync_api import expect

    rel = item["relation"]
    if rel["type"] == "holds_position":
        page.keyboard.press("e")
        role = card.locator("form.edit input[name=role]")
        expect(role).to_be_focused()
        page.keyboard.press("Control+A")
        page.keyboard.type("acting director")
        page.keyboard.press("Enter")
        expect(card).to_have_class(re.compile(r"\bstatus-corrected\b"))
        return "role", "acting director"
    page.keyboard.press("t")
    expect(card).to_have_class(re.compile(r"\bstatus-corrected\b"))
    return "type", card.locator(".type").inner_text()


def test_accept_reject_and_correct_by_keyboard_and_find_them_after_a_reload(page, server, tmp_path):
    from playwright.sync_api import expect

    seed = [i for i in server.session.queue(Filters())["items"] if i["doc_sha256"] != server.xss_sha]
    assert len(seed) >= 3, "the run over corpus/raw gave fewer than 3 relations to review"
    target = next((n for n, i in enumerate(seed) if n >= 2 and i["status"] == "pending"
                   and (i["relation"]["type"] == "holds_position"
                        or {i["relation"]["head"]["label"], i["relation"]["tail"]["label"]} == {"ORG"})), None)
    assert target is not None, "no seed relation to correct by keyboard"

    page.goto(server.url + "/")
    cards = page.locator("article.card")
    card = lambda n: page.locator(f"#item-{seed[n]['id']}")
    expect(card(0)).to_have_class(re.compile(r"\bselected\b"))
    before = int(page.locator("#reviewed").inner_text())
    total = page.locator("#total").inner_text()
    assert int(total) == cards.count() >= 4

    page.keyboard.press("a")
    expect(card(0)).to_have_class(re.compile(r"\bstatus-accepted\b"))
    expect(card(1)).to_have_class(re.compile(r"\bselected\b"))
    page.keyboard.press("r")
    expect(card(1)).to_have_class(re.compile(r"\bstatus-rejected\b"))
    for _ in range(target - 2):
        page.keyboard.press("j")
    expect(card(target)).to_have_class(re.compile(r"\bselected\b"))
    field, value = _correct_by_keyboard(page, card(target), seed[target])
    expect(page.locator("#reviewed")).to_have_text(str(before + 3))

    page.reload()
    expect(card(0)).to_have_class(re.compile(r"\bstatus-accepted\b"))
    expect(card(1)).to_have_class(re.compile(r"\bstatus-rejected\b"))
    expect(card(target)).to_have_class(re.compile(r"\bstatus-corrected\b"))
    expect(card(target)).to_contain_text(value)
    expect(card(0)).to_contain_text("accepted by analyst")
    expect(page.locator("#reviewed")).to_have_text(str(before + 3))
    expect(page.locator("#total")).to_have_text(total)
    # resumes at the first relation nobody has decided
    first_pending = next(i["id"] for n, i in enumerate(seed) if n not in (0, 1, target))
    expect(page.locator("article.card.selected")).to_have_attribute("data-id", first_pending)

    current = {d.item_id: d for d in server.session.store.current().values()}
    assert current[seed[0]["id"]].status == "accepted" and current[seed[1]["id"]].status == "rejected"
    assert current[seed[target]["id"]].status == "corrected"
    assert current[seed[target]["id"]].relation[field] == value
    assert current[seed[target]["id"]].original["id"] == seed[target]["relation"]["id"]
    assert page.errors == []

    page.evaluate("window.scrollTo(0, 0)")
    shot = README_SCREENSHOT if os.environ.get("CONSORTIA_UPDATE_SCREENSHOT") else tmp_path / "review.png"
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000


def test_injected_script_and_html_in_an_article_show_as_text_and_run_nothing(page, server):
    from playwright.sync_api import expect

    page.goto(f"{server.url}/?doc={server.xss_sha}")
    card = page.locator("article.card").first
    sentence = page.locator("section.sentence").first  # the sentence, shown once above its relations
    expect(sentence.locator(".evidence")).to_contain_text("<script>window.__pwned=1</script>")
    expect(sentence.locator(".doc-link")).to_contain_text(XSS_TITLE)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("script").count() == 2  # common.js and review.js, nothing injected
    assert page.locator("img").count() == 0
    # t changes the type of this ORG-ORG relation, by keyboard
    expect(card).to_have_class(re.compile(r"\bselected\b"))
    page.keyboard.press("t")
    expect(card.locator(".type")).to_have_text("member_of")
    expect(card).to_have_class(re.compile(r"\bstatus-corrected\b"))

    page.goto(f"{server.url}/document/{server.xss_sha}")
    text = page.locator("#doc-text")
    expect(text).to_contain_text('Readers said <img src=x onerror="window.__pwned=1"> & "quotes" were fine')
    expect(text).to_contain_text("<script>window.__pwned=1</script>")
    expect(page.locator("#title")).to_have_text(XSS_TITLE)
    expect(text.locator("mark.entity")).to_have_count(3)
    assert page.locator("#doc-text script, #doc-text img").count() == 0
    page.wait_for_timeout(300)  # an onerror would have fired by now
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.errors == []


def test_a_missed_relation_is_added_by_clicking_two_entities(page, server):
    from playwright.sync_api import expect

    page.goto(f"{server.url}/document/{server.xss_sha}")
    marks = page.locator("#doc-text mark.entity")
    expect(marks).to_have_count(3)
    marks.nth(1).click()  # Haidong Clinic: the head
    marks.nth(2).click()  # Golmud Hospital: the tail
    expect(marks.nth(1)).to_have_class(re.compile(r"\bchosen-head\b"))
    expect(marks.nth(2)).to_have_class(re.compile(r"\bchosen-tail\b"))
    page.select_option("#add-form select[name=type]", "partner_of")
    page.click("#add-form button[type=submit]")
    added = page.locator("#doc-items li.status-added")
    expect(added).to_have_count(1)
    expect(added).to_contain_text("Haidong Clinic")
    expect(added).to_contain_text("Golmud Hospital")

    rows = [d for d in server.session.store.current([server.xss_sha]).values() if d.status == "added"]
    assert [(r.relation["head"]["canonical"], r.relation["tail"]["canonical"]) for r in rows] == [
        ("Haidong Clinic", "Golmud Hospital")]
    assert rows[0].reviewer == "analyst" and rows[0].original is None
    page.goto(f"{server.url}/?status=added")
    expect(page.locator("article.card")).to_have_count(1)
    expect(page.locator("article.card .status")).to_have_text("added")
    assert page.errors == []


def test_without_chromium_the_browser_tests_skip_or_fail_under_ci(monkeypatch, tmp_path):
    import tests.test_review_browser as module

    monkeypatch.setattr(module, "CHROMIUM", str(tmp_path / "no-chromium"))
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="no-chromium is missing"):
        module._browser_or_skip()
    monkeypatch.setenv("CI", "1")
    with pytest.raises(pytest.fail.Exception, match="CI is set"):
        module._browser_or_skip()
