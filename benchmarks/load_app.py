"""Load test of the Streamlit app: concurrent browser sessions moving sliders, checked for cross-talk.

Not a pytest test. Starts ``streamlit run app.py`` on 127.0.0.1 (a free port), then drives ``--sessions``
Playwright browser contexts (spread over ``--browsers`` Debian Chromium processes) for ``--duration``
seconds each. Every session moves the ``firing_rate [Hz]`` slider with the keyboard, tracks its own slider
position, and after each move waits until the displayed estimate equals
``brainflops.estimate("dettmers-2015", {"firing_rate": value}).flops`` for *its own* value (so a session
that showed another session's number would fail). It records the rerun latency (last key press → correct
estimate shown) and prints p50/p90/p99, the number of moves and every error.

Bounded: at most 50 sessions, 300 s per session, a hard overall deadline, and only 127.0.0.1.

    .venv/bin/python benchmarks/load_app.py --sessions 20 --duration 60
"""

from __future__ import annotations

import argparse
import asyncio
import random
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

import brainflops as bf
from brainflops import interactive as ui

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
]  # fmt: skip
HOST = "127.0.0.1"
MAX_SESSIONS, MAX_DURATION = 50, 300.0
SET_ID, PARAMETER, LABEL = "dettmers-2015", "firing_rate", "firing_rate [Hz]"
METRIC = "[data-testid='stMetricValue']"
MOVE_TIMEOUT_S = 60


@dataclass
class SessionLog:
    """What one session saw: latencies of its reruns [s] and its errors."""

    index: int
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    moves: int = 0
    first_load: float = float("nan")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def start_server(port: int, log_path: Path) -> subprocess.Popen:
    cmd = [
        sys.executable, "-m", "streamlit", "run", str(REPO / "app.py"), "--server.headless=true",
        f"--server.address={HOST}", f"--server.port={port}", "--browser.gatherUsageStats=false",
    ]  # fmt: skip
    # The server's output goes to a file: an undrained pipe fills up and blocks the server under load.
    with log_path.open("wb") as log:
        proc = subprocess.Popen(cmd, cwd=REPO, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://{HOST}:{port}/_stcore/health", timeout=2) as response:
                if response.read() == b"ok":
                    return proc
        except OSError:
            time.sleep(0.5)
    proc.kill()
    raise SystemExit("streamlit did not become healthy within 90 s")


def expected_texts(grid: list[float]) -> tuple[list[str], list[str]]:
    """For each slider position: the slider's aria-valuetext and the estimate the page must show."""
    values = [bf.format_flops(v, "Hz") for v in grid]
    estimates = [bf.format_flops(bf.estimate(SET_ID, {PARAMETER: v}).flops) for v in grid]
    return values, estimates


async def run_session(
    browser, url: str, log: SessionLog, grid, texts, duration: float, seed: int, delay: float
) -> None:
    valuetexts, estimates = texts
    rng = random.Random(seed)
    await asyncio.sleep(delay)  # ramp up: sessions open one after another, as users arrive
    context = await browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        page = await context.new_page()
        opened = time.perf_counter()
        await page.goto(url, timeout=180_000)
        await page.wait_for_selector(METRIC, timeout=180_000)
        log.first_load = time.perf_counter() - opened
        slider = page.get_by_role("slider", name=LABEL)
        index = grid.index(float(bf.load(SET_ID).parameters[PARAMETER].value.magnitude))
        seen = {estimates[index]}  # every estimate this session has asked for: what a stale page may show
        end = time.monotonic() + duration
        while time.monotonic() < end:
            steps = rng.randint(1, 3)
            direction = rng.choice((-1, 1))
            if not 0 <= index + direction * steps < len(grid):
                direction = -direction
            await slider.focus()
            for _ in range(steps):
                await slider.press("ArrowRight" if direction > 0 else "ArrowLeft")
            pressed = time.perf_counter()
            index += direction * steps
            want = estimates[index]
            seen.add(want)
            try:
                await page.wait_for_function(
                    'e => { const m = document.querySelector("' + METRIC + '"); return m && m.innerText === e; }',
                    arg=want,
                    timeout=MOVE_TIMEOUT_S * 1000,
                )
                log.latencies.append(time.perf_counter() - pressed)
                shown_value = await slider.get_attribute("aria-valuetext")
                if shown_value != valuetexts[index]:
                    log.errors.append(f"session {log.index}: slider shows {shown_value}, expected {valuetexts[index]}")
                    break
            except Exception as exc:  # a wrong or missing estimate: record what the page showed
                shown = await page.evaluate(
                    '() => { const m = document.querySelector("' + METRIC + "\"); return m ? m.innerText : '-'; }"
                )
                kind = (
                    "late"
                    if shown == want
                    else "stale (an earlier value of this session)"
                    if shown in seen
                    else ("CROSS-TALK (never this session's value)")
                )
                log.errors.append(
                    f"session {log.index}: {kind}: after moving to {valuetexts[index]} expected {want} within "
                    f"{MOVE_TIMEOUT_S} s, page shows {shown} ({type(exc).__name__})"
                )
                break
            log.moves += 1
            await asyncio.sleep(rng.uniform(0.0, 0.3))
        alerts = await page.locator("[data-testid='stException'], [data-testid='stAlert']").count()
        if alerts:
            log.errors.append(f"session {log.index}: {alerts} error/alert element(s) on the page")
    except Exception as exc:
        log.errors.append(f"session {log.index}: {type(exc).__name__}: {str(exc).splitlines()[0][:200]}")
    finally:
        await context.close()


async def drive(url: str, sessions: int, browsers: int, duration: float, seed: int, ramp: float) -> list[SessionLog]:
    from playwright.async_api import async_playwright

    grid = ui.slider_grid(bf.load(SET_ID).parameters[PARAMETER])
    texts = expected_texts(grid)
    logs = [SessionLog(i) for i in range(sessions)]
    async with async_playwright() as p:
        launched = [await p.chromium.launch(executable_path=CHROMIUM, args=FLAGS) for _ in range(browsers)]
        try:
            tasks = [
                run_session(launched[i % browsers], url, logs[i], grid, texts, duration, seed + i, i * ramp)
                for i in range(sessions)
            ]
            # Overall bound: the sessions' own time, plus page loads and the last rerun.
            await asyncio.wait_for(asyncio.gather(*tasks), timeout=duration + sessions * ramp + 400)
        finally:
            for b in launched:
                await b.close()
    return logs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20, help="concurrent browser sessions (default 20)")
    parser.add_argument("--duration", type=float, default=60.0, help="seconds each session moves sliders")
    parser.add_argument("--browsers", type=int, default=4, help="Chromium processes sharing the sessions")
    parser.add_argument("--seed", type=int, default=0, help="random seed of the moves")
    parser.add_argument("--ramp", type=float, default=1.0, help="seconds between session starts (default 1)")
    args = parser.parse_args(argv)
    if not 1 <= args.sessions <= MAX_SESSIONS or not 0 < args.duration <= MAX_DURATION:
        parser.error(f"--sessions must be 1..{MAX_SESSIONS} and --duration 0..{MAX_DURATION:g} s")
    if not Path(CHROMIUM).exists():
        raise SystemExit(f"no Chromium at {CHROMIUM}")
    port = free_port()
    server_log = Path(tempfile.mkdtemp(prefix="brainflops-load-")) / "streamlit.log"
    server = start_server(port, server_log)
    started = time.monotonic()
    try:
        browsers = max(1, min(args.browsers, args.sessions))
        logs = asyncio.run(drive(f"http://{HOST}:{port}", args.sessions, browsers, args.duration, args.seed, args.ramp))
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
    wall = time.monotonic() - started
    latencies = np.array([x for log in logs for x in log.latencies])
    errors = [e for log in logs for e in log.errors]
    moves = [lg.moves for lg in logs]
    print(f"{args.sessions} sessions x {args.duration:g} s on {HOST} ({browsers} Chromium), wall {wall:.0f} s")
    print(f"moves checked: {latencies.size} (per session: min {min(moves)}, max {max(moves)})")
    if latencies.size:
        p50, p90, p99 = np.percentile(latencies, [50, 90, 99])
        print(f"rerun latency [s]: p50 {p50:.2f}  p90 {p90:.2f}  p99 {p99:.2f}  max {latencies.max():.2f}")
    loads = np.array([lg.first_load for lg in logs if lg.first_load == lg.first_load])
    if loads.size:
        print(f"first page load [s]: p50 {np.median(loads):.1f}  max {loads.max():.1f}")
    print(f"errors: {len(errors)} (server log: {server_log})")
    for e in errors:
        print("  " + e)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
