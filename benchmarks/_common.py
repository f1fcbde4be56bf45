"""Helpers shared by the benchmark scripts: timing with repeats, and a fully uncertain Dettmers set."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def best_of(fn: Callable[[], object], repeats: int = 5) -> float:
    """The fastest of ``repeats`` wall-clock runs [s]; the minimum is the least noisy estimate."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def dettmers_all_uncertain():
    """dettmers-2015 with *every* parameter uncertain (benchmark only: the two extra intervals are ours)."""
    from brainflops.assumptions import parse_set

    text = (REPO / "assumptions" / "brain" / "dettmers-2015@1.1.0.toml").read_text()
    text = text.replace(
        'value = "2 FLOP/multiply_add"',
        'value = "2 FLOP/multiply_add"\nuncertainty = { kind = "lognormal", p5 = "1 FLOP/multiply_add", '
        'p95 = "4 FLOP/multiply_add" }',
    ).replace(
        'value = "1.0749032587067164"',
        'value = "1.0749032587067164"\nuncertainty = { kind = "lognormal", p5 = "1", p95 = "1.2" }',
    )
    return parse_set(text, "dettmers-2015-all-uncertain (benchmark)")
