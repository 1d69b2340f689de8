"""The pages in a real headless Chromium (Debian's /usr/bin/chromium, driven by Playwright for Python;
``scripts/ensure-chromium.sh`` installs it): ``section16 serve`` on a free loopback port over a small
ingested store, clicked through screener -> issuer -> insider -> filing, with the content checked, the
search suggestions typed, a phone-width layout, and screenshots (see SHOTS)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
# Screenshots go to a temporary folder; SECTION16_UPDATE_SCREENSHOTS=1 writes the README's copies in
# docs/screenshots/ instead (a test run must not change tracked files).
SHOTS = (
    Path(__file__).resolve().parents[2] / "docs" / "screenshots"
    if os.environ.get("SECTION16_UPDATE_SCREENSHOTS")
    else Path(tempfile.gettempdir()) / "section16-screenshots"
)
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(web_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``section16 serve`` in a subprocess over a copy of the store (the in-process app holds the
    original open), on a free loopback port; its address."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} not found: run scripts/ensure-chromium.sh to install Debian's chromium")
    pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    db = tmp_path_factory.mktemp("browser") / "web.duckdb"
    db.write_bytes(web_db.read_bytes())
    port = _free_port()
    log = db.with_suffix(".log")
    command = [str(Path(sys.executable).parent / "section16"), "serve", "--db", str(db), "--port", str(port)]
    with log.open("wb") as out:
        proc = subprocess.Popen(
            command, stdout=out, stderr=subprocess.STDOUT, env={**os.environ, "PYTHONWARNINGS": "ignore"}
        )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/api/search?q=a", timeout=1).read()
                break
            except OSError:
                if proc.poll() is not None:
                    raise AssertionError(f"section16 serve exited: {log.read_text()}") from None
                time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(scope="module")
def browser(server: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield b
        finally:
            b.close()


def _shot(page: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=False, type="png")


def test_click_through_screener_issuer_insider_filing(server: str, browser: Any) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(server + "/screener?code=P&sort=value")
    rows = page.locator("table.data tbody tr")
    assert rows.count() > 0
    assert set(rows.locator("td:nth-child(6)").all_inner_texts()) == {"Purchase"}
    _shot(page, "screener")

    ticker = rows.first.locator("td:nth-child(3)").inner_text()
    rows.first.locator("td:nth-child(3) a").click()  # ticker -> search -> the issuer page
    page.wait_for_url("**/issuer/**")
    assert ticker in page.locator("h1").inner_text()
    assert page.locator("svg.chart rect.buy").count() > 0
    assert page.locator("#insiders tbody tr").count() > 0
    _shot(page, "issuer")

    name = page.locator("#insiders tbody tr td:first-child a").first.inner_text()
    page.locator("#insiders tbody tr td:first-child a").first.click()
    page.wait_for_url("**/insider/**")
    assert page.locator("h1").inner_text() == name
    assert ticker in page.locator("#roles").inner_text()
    assert page.locator("svg.chart polyline").count() > 0
    _shot(page, "insider")

    page.locator("table.data tbody tr td:last-child a").first.click()
    page.wait_for_url("**/filing/**")
    assert "Table I" in page.content() and "Explanation of Responses" in page.content()
    assert name in page.locator("#h-owners + div").inner_text()
    _shot(page, "filing")
    page.close()


def test_footnote_links_jump_to_their_note(server: str, browser: Any) -> None:
    page = browser.new_page()
    body = urllib.request.urlopen(server + "/api/trades?per_page=200").read().decode()
    import json

    keys = [r["filing_key"] for r in json.loads(body)["rows"]]
    for key in keys:
        page.goto(f"{server}/filing/{key}")
        if page.locator("a.fn").count():
            break
    else:
        pytest.skip("no filing among the first trades carries a footnote")
    link = page.locator("a.fn").first
    target = link.get_attribute("href")
    link.click()
    assert page.evaluate("location.hash") == target
    note = page.locator(target)
    assert note.inner_text().strip()
    back = note.locator("a.back").first.get_attribute("href")
    assert page.locator(back).count() == 1  # the note links back to the value it explains
    page.close()


def test_search_suggests_as_you_type_and_keyboard_opens(server: str, browser: Any) -> None:
    page = browser.new_page()
    page.goto(server + "/")
    first = page.locator("table.data tbody tr").first
    ticker = first.locator("td:nth-child(3) a").inner_text()
    page.locator("#q").focus()
    page.keyboard.type(ticker[:3].lower())
    page.locator("#suggestions li").first.wait_for()
    assert ticker in page.locator("#suggestions").inner_text()
    _shot(page, "search")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url("**/issuer/**")
    page.close()


def test_sortable_table_by_keyboard(server: str, browser: Any) -> None:
    page = browser.new_page()
    page.goto(server + "/screener?per_page=50")
    value_head = page.locator("table.data thead th", has_text="Value")
    value_head.focus()
    page.keyboard.press("Enter")
    cells = page.locator("table.data tbody tr td:nth-child(11)")
    values = [float(v) for v in cells.evaluate_all("cs => cs.map(c => c.dataset.sort)") if v]
    assert values == sorted(values)
    page.close()


def test_phone_width_has_no_page_level_horizontal_scroll(server: str, browser: Any) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=1)
    page.goto(server + "/screener")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 1
    _shot(page, "phone")
    page.close()


def test_late_filings_by_insider_then_one_insiders_filings(server: str, browser: Any) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(server + "/")
    page.locator("nav a", has_text="Late filings").click()
    page.wait_for_url("**/late")
    filings = page.locator("table.data tbody tr")
    assert filings.count() > 0
    assert set(filings.locator("td:nth-child(7)").all_inner_texts()) <= {"error", "warning"}
    page.select_option("select[name=by]", "insider")
    page.locator("form.filters button").click()
    page.wait_for_url("**/late?by=insider**")
    first = page.locator("table.data tbody tr").first
    count = int(first.locator("td:nth-child(3)").inner_text())
    first.locator("td:nth-child(3) a").click()  # that insider's late filings, one row each
    page.wait_for_url("**/late?by=filing&insider_cik=**")
    assert page.locator("table.data tbody tr").count() == count
    page.close()
