"""The real app in a real browser: Streamlit served on localhost, driven by Playwright in Debian's Chromium.

Skipped, with the reason, where Chromium or the Playwright package is missing (``.ci/run`` installs Chromium).
Set ``BRAINFLOPS_SCREENSHOTS=folder`` to keep the screenshots.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

import brainflops as bf
from brainflops.assumptions import parse_set
from tests.conftest import REPO

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
]  # fmt: skip

pytestmark = [
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"no Chromium at {CHROMIUM} (apt-get install chromium)"),
    pytest.mark.browser,
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server():
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(REPO / "app.py"), "--server.headless=true",
         "--server.address=127.0.0.1", f"--server.port={port}", "--browser.gatherUsageStats=false"],
        cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read() == b"ok":
                    break
        except OSError:
            time.sleep(0.5)
    else:
        proc.kill()
        pytest.fail("streamlit did not become healthy within 90 s")
    yield url
    proc.terminate()
    proc.wait(timeout=20)


@pytest.fixture
def page(server):
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport={"width": 1280, "height": 800}, accept_downloads=True)
        page.goto(server)
        page.wait_for_selector("[data-testid='stMetricValue']", timeout=90_000)
        yield page
        browser.close()


def metric(page) -> str:
    return page.locator("[data-testid='stMetricValue']").first.inner_text()


def shot(page, name: str, tmp_path: Path) -> Path:
    folder = Path(os.environ.get("BRAINFLOPS_SCREENSHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    page.screenshot(path=str(path), full_page=False)
    return path


def test_move_the_firing_rate_slider_and_read_the_estimate(page, tmp_path):
    assert metric(page) == "1.075e21 FLOP/s"
    rate = page.get_by_role("slider", name="firing_rate [Hz]")
    assert rate.get_attribute("aria-valuetext") == "200 Hz"
    rate.focus()
    for _ in range(24):  # 12 steps per decade: two decades down, to 2 Hz
        rate.press("ArrowLeft")
    expected = bf.format_flops(bf.estimate("dettmers-2015", {"firing_rate": 2.0}).flops)
    page.wait_for_function(
        "e => document.querySelector(\"[data-testid='stMetricValue']\").innerText === e", arg=expected, timeout=30_000
    )
    assert metric(page) == expected == "1.075e19 FLOP/s"
    page.wait_for_url(lambda url: "p.firing_rate=2.0" in url, timeout=30_000)  # written at the end of the rerun
    page.wait_for_selector("[data-testid='stVegaLiteChart'] canvas, [data-testid='stVegaLiteChart'] svg")
    assert shot(page, "estimate", tmp_path).stat().st_size > 10_000


def test_download_is_a_loadable_new_version(page, tmp_path):
    with page.expect_download() as info:
        page.get_by_role("button", name="Download these assumptions as a new version (.toml)").click()
    target = tmp_path / "saved.toml"
    info.value.save_as(target)
    saved = parse_set(target.read_bytes(), "saved.toml")
    assert saved.ref == "dettmers-2015@1.3.0"  # the newest, 1.2.0, bumped
    assert bf.estimate(saved).flops == pytest.approx(1.075e21)


def test_sensitivity_view_renders(page, tmp_path):
    page.get_by_text("Sensitivity", exact=True).click()
    page.wait_for_selector("text=Which assumption matters?", timeout=30_000)
    page.wait_for_selector("[data-testid='stVegaLiteChart']", timeout=30_000)
    page.wait_for_url(lambda url: "view=sensitivity" in url, timeout=30_000)
    shot(page, "sensitivity", tmp_path)


def test_page_survives_a_garbage_link(server, tmp_path):
    """Markup and Markdown in a link are shown as text: no element, no request to another address."""
    sync_api = pytest.importorskip("playwright.sync_api")
    from urllib.parse import quote, urlsplit

    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page()
        requested = []
        page.on("request", lambda request: requested.append(request.url))
        view = quote("<img src=x onerror=alert(1)> ![pixel](http://127.0.0.1:9/p.png) [login](https://example.org/x)")
        page.goto(f"{server}/?view={view}&p.firing_rate=abc")
        page.wait_for_selector("[data-testid='stMetricValue']", timeout=90_000)
        alerts = page.locator("[data-testid='stAlert']")
        assert alerts.count() == 2
        assert page.locator("[data-testid='stAlert'] img, [data-testid='stAlert'] a").count() == 0
        # shown as written; a word joiner (U+2060) after "http" defuses Markdown's autolinks
        assert "![pixel](http\u2060://127.0.0.1:9/p.png)" in alerts.first.inner_text()
        hosts = {urlsplit(url).netloc for url in requested}
        assert not hosts & {"127.0.0.1:9", "example.org"}
        assert metric(page) == "1.075e21 FLOP/s"
        browser.close()
