"""App rerun benchmark (issue 6): the time from a slider change to the end of the rerun, with AppTest.

Divided by the same measurement on a one-slider app that does nothing, in the same run. Each move goes to a
value not seen before, so every rerun misses the cache and recomputes the estimate and its distribution at
the default sample count (100,000 draws). Target: ratio ≤ 3.
Run: ``python benchmarks/bench_app.py``.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

REPO = Path(__file__).resolve().parent.parent
TRIVIAL = """
import streamlit as st
st.select_slider("x", options=[float(i) for i in range(100)], value=50.0, key="x")
"""
MOVES = 12


def rerun_times(at: AppTest, key: str, values: list[float]) -> list[float]:
    """Seconds from setting each value to the end of the rerun it triggers."""
    times = []
    for value in values:
        began = time.perf_counter()
        at.select_slider(key=key).set_value(value).run()
        times.append(time.perf_counter() - began)
        assert not at.exception, at.exception
    return times


def main() -> None:
    trivial = AppTest.from_string(TRIVIAL, default_timeout=60).run()
    app = AppTest.from_file(str(REPO / "app.py"), default_timeout=120).run()
    key = next(s.key for s in app.select_slider if s.key.endswith(".firing_rate"))
    # warm both (imports, first compile, first cache fill)
    trivial.select_slider(key="x").set_value(49.0).run()
    app.select_slider(key=key).set_value(200 * 10 ** (1 / 12)).run()
    base = statistics.median(rerun_times(trivial, "x", [float(50 - i) for i in range(1, MOVES + 1)]))
    ours = statistics.median(rerun_times(app, key, [200 * 10 ** (-i / 12) for i in range(1, MOVES + 1)]))
    print(f"slider change to end of rerun (median of {MOVES} cache-missing moves, AppTest):")
    print(f"  one-slider app that does nothing: {1000 * base:.1f} ms")
    print(f"  brainflops estimate view (dettmers-2015, 20,000 Monte Carlo draws): {1000 * ours:.1f} ms")
    print(f"  ratio: {ours / base:.2f} (target <= 3)")


if __name__ == "__main__":
    main()
