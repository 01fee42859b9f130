"""The web chat in a real Chromium, against the real app on a loopback port.

Outside CI these skip when Debian's chromium is missing; in CI (.ci/run installs it) they run.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from eval.server import running_app
from tests.conftest import ROOT, SEEDS

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = os.environ.get("MEETINGQA_CHROMIUM", "/usr/bin/chromium")
SHOTS = ROOT / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-dev-shm-usage",
]

# Markup left in a report is removed at ingestion (the <img>); markup the report writes escaped is
# its text, shown as text: neither may ever run in the chat.
HOSTILE = """Phiên họp thứ Chín về an toàn thông tin

Sáng 9/9/2023, Ủy ban họp về an toàn thông tin mạng.

Báo cáo cho biết có &lt;script&gt;window.__xss = 1; alert('xss')&lt;/script&gt; 77 sự cố tấn công mạng được xử lý.

Hệ thống giám sát phát hiện <img src=x onerror="window.__xss = 2"> 1.234 điểm yếu an ninh.

Xem thêm [bấm vào đây](javascript:window.__xss=3) và **chữ đậm** về 15 đội ứng cứu sự cố.
"""


# Run in the page before its own scripts: records every element that ever enters the document (even
# for a moment) carrying the hostile payload where it could run: a <script> with it, an on* handler
# or a javascript: URL. What never entered the page cannot run later, so no waiting is needed.
WATCH_HOSTILE = """
(() => {
  window.__hostile = [];
  const payload = (value) => value.includes("__xss");
  const runs = (el) =>
    el instanceof Element &&
    ((el.tagName === "SCRIPT" && payload(el.textContent)) ||
      [...el.attributes].some((a) => payload(a.value) && (/^on/i.test(a.name) || /javascript:/i.test(a.value))));
  const note = (el) => window.__hostile.push(el.outerHTML.slice(0, 200));
  new MutationObserver((records) => {
    for (const r of records) {
      const target = r.target instanceof Element ? r.target : r.target.parentElement;
      if (runs(target)) note(target); // an attribute set, or text put into a script
      for (const node of r.addedNodes) {
        if (node instanceof Element) [node, ...node.querySelectorAll("*")].filter(runs).forEach(note);
      }
    }
  }).observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
})();
"""


def _browser_available() -> str | None:
    """None when tests can run, else the reason they cannot."""
    if not Path(CHROMIUM).exists():
        return f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install -e '.[test]')"
    return None


@pytest.fixture(scope="module")
def browser():
    reason = _browser_available()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"browser tests are mandatory in CI: {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def app_url(real_index_dir, tmp_path_factory):
    index = tmp_path_factory.mktemp("browser") / "index"
    shutil.copytree(real_index_dir, index)
    with running_app({"MEETINGQA_INDEX_DIR": str(index), "MEETINGQA_SEEDS_DIR": str(SEEDS)}) as app:
        yield app.url


@pytest.fixture
def page(browser, app_url):
    pg = browser.new_page(viewport={"width": 1440, "height": 1000})
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.goto(app_url)
    pg.wait_for_selector("#mqa-header p", timeout=60_000)
    pg.errors = errors
    yield pg
    pg.close()


def ask(pg, question: str, expect: str = ".mqa-a") -> float:
    """Type a question, press Enter, wait for one more answer bubble; seconds from Enter to answer."""
    before = pg.locator(".mqa-a").count()
    pg.fill("#mqa-input textarea", question)
    t0 = time.perf_counter()
    pg.press("#mqa-input textarea", "Enter")
    pg.wait_for_function(f"document.querySelectorAll('.mqa-a').length > {before}", timeout=60_000)
    took = time.perf_counter() - t0
    assert pg.locator(".mqa-a").last.evaluate(f"el => el.matches('{expect}')")
    return took


def test_ask_see_the_cited_report_and_expand_it(page):
    took = ask(page, "Năm 2024 tỷ lệ hộ gia đình sử dụng Internet cáp quang băng rộng là bao nhiêu?", ".mqa-a.answer")
    answer = page.locator(".mqa-a").last
    assert "82,9%" in answer.locator(".mqa-text").inner_text() and "[1]" in answer.inner_text()
    card = answer.locator(".mqa-src").first
    assert "004_032592353c007c67.txt" in card.inner_text() and "6/2/2025" in card.inner_text()
    assert "82,9%" in card.locator("mark").inner_text()  # the quoted sentence is highlighted
    context = card.locator(".mqa-context")
    assert not context.is_visible()
    card.locator("summary").click()
    assert context.is_visible() and len(context.inner_text()) > len(card.locator(".mqa-passage").inner_text())
    answer.locator("a.mqa-cite").first.click()
    assert page.evaluate("location.hash").startswith("#src-")
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "desktop-answer.png"), full_page=True)
    (SHOTS / "timing.txt").write_text(f"enter_to_answer_s={took:.3f}\n")
    assert page.errors == []


def test_year_filter_and_follow_up(page):
    page.locator("#mqa-year input").click()
    page.get_by_role("option", name="2022").click()
    ask(page, "Tỷ lệ hộ gia đình có cáp quang băng rộng là bao nhiêu?", ".mqa-a.answer")
    first = page.locator(".mqa-a").last
    assert all("2022" in t for t in first.locator(".mqa-src-head").all_inner_texts())
    page.locator("#mqa-year input").click()
    page.get_by_role("option", name="Tất cả các năm").click()
    ask(page, "Năm 2024 tỷ lệ hộ gia đình sử dụng Internet cáp quang băng rộng là bao nhiêu?", ".mqa-a.answer")
    ask(page, "Còn năm 2022 thì sao?")
    follow = page.locator(".mqa-a").last
    assert "Năm 2022 tỷ lệ hộ gia đình" in follow.inner_text()  # shown as the question it understood
    assert page.errors == []


def test_unanswerable_question_looks_like_a_refusal(page):
    # far from the reports (and refused with a probability of 0.01): what is tested is how a refusal looks
    ask(page, "Vốn đầu tư trực tiếp nước ngoài đã giải ngân trong năm 2023 là bao nhiêu?", ".mqa-a.refusal")
    refusal = page.locator(".mqa-a").last
    assert "Không tìm thấy" in refusal.inner_text() and "Các đoạn có thể liên quan" in refusal.inner_text()
    assert refusal.locator(".mqa-src").count() >= 1
    page.click("#mqa-clear")
    page.wait_for_function("document.querySelectorAll('.mqa-a').length === 0")


def test_example_question_and_phone_width(browser, app_url):
    pg = browser.new_page(viewport={"width": 390, "height": 844})
    pg.goto(app_url)
    pg.wait_for_selector("#mqa-header p", timeout=60_000)
    pg.locator(".mqa-example").nth(1).click()
    pg.wait_for_selector(".mqa-a.answer", timeout=60_000)
    assert "77.732.636" in pg.locator(".mqa-a").last.inner_text()
    width = pg.evaluate("document.documentElement.scrollWidth")
    assert width <= 390 + 1  # nothing forces sideways scrolling on a phone
    ask(pg, "Thời tiết Hà Nội ngày mai thế nào?", ".mqa-a.refusal")
    SHOTS.mkdir(exist_ok=True)
    pg.screenshot(path=str(SHOTS / "phone-390.png"), full_page=True)
    pg.close()


def test_hostile_report_stays_inert(browser, real_index_dir, tmp_path):
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    (seeds / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    env = {"MEETINGQA_INDEX_DIR": str(tmp_path / "index"), "MEETINGQA_SEEDS_DIR": str(seeds)}
    with running_app(env) as app:  # builds its own index, hostile report included
        pg = browser.new_page(viewport={"width": 1440, "height": 1000})
        pg.add_init_script(WATCH_HOSTILE)
        dialogs: list[str] = []
        pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        pg.goto(app.url)
        pg.wait_for_selector("#mqa-header p", timeout=60_000)
        ask(pg, "Có bao nhiêu sự cố tấn công mạng được xử lý tại Phiên họp thứ Chín?")
        ask(pg, "Hệ thống giám sát phát hiện bao nhiêu điểm yếu an ninh?")
        ask(pg, "Có bao nhiêu đội ứng cứu sự cố?")
        chat = pg.locator("#mqa-chat")
        text = chat.inner_text()
        assert "<script>" in text  # the escaped markup is shown as text
        assert chat.locator("script").count() == 0 and chat.locator("img").count() == 0
        assert chat.locator("a[href^='javascript']").count() == 0 and chat.locator("strong").count() == 0
        # the observer's records are delivered before the next task: this evaluation sees them all
        assert pg.evaluate("window.__hostile") == []  # no runnable payload ever entered the page
        assert pg.evaluate("window.__xss") is None and dialogs == []
        SHOTS.mkdir(exist_ok=True)
        pg.screenshot(path=str(SHOTS / "hostile.png"), full_page=True)
        pg.close()
