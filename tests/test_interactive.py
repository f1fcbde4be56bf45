"""Slider grids and URL state for interactive front ends."""

from __future__ import annotations

import itertools
import math
import re

import pytest

import brainflops as bf
from brainflops.interactive import STEPS_PER_DECADE, UrlState, decode_state, encode_state, slider_grid


@pytest.mark.parametrize("name", list(bf.load("dettmers-2015").parameters))
def test_grid_contains_the_value_and_covers_the_interval(name):
    p = bf.load("dettmers-2015").parameters[name]
    grid = slider_grid(p)
    assert p.value.magnitude in grid
    assert grid == sorted(grid)
    steps = [math.log10(b / a) for a, b in itertools.pairwise(grid)]
    assert steps == pytest.approx([1 / STEPS_PER_DECADE] * len(steps))
    if p.distribution is not None:
        assert grid[0] <= p.distribution.low and grid[-1] >= p.distribution.high


def test_round_trip():
    s = bf.load("dettmers-2015")
    state = UrlState("dettmers-2015", "sensitivity", {"firing_rate": 2.0, "time_steps": 5.0}, 10_000, 3, None)
    query = encode_state(state, s)
    assert query == {"set": "dettmers-2015", "view": "sensitivity", "p.firing_rate": "2.0", "n": "10000", "seed": "3"}
    decoded = decode_state(query, bf.presets())
    assert decoded.overrides == {"firing_rate": 2.0} and decoded.n == 10_000 and decoded.seed == 3
    assert decoded.problems == ()


@pytest.mark.parametrize(
    ("query", "problem"),
    [
        ({"set": "../x"}, "unknown set '../x' in the link; showing the default"),
        ({"set": "nonexistent-set"}, "unknown set 'nonexistent-set' in the link; showing the default"),
        ({"view": "<b>x</b>"}, "unknown view '<b>x</b>' in the link"),
        ({"p.firing_rate": "inf"}, "ignored parameter 'p.firing_rate' = 'inf' in the link"),
        ({"p.__class__": "1"}, "ignored parameter 'p.__class__' = '1' in the link"),
        ({"p.firing_rate": "-3"}, "ignored parameter 'p.firing_rate' = '-3' in the link"),
        ({"n": "99999999999"}, "ignored n = '99999999999' in the link (allowed: 1,000 to 10,000,000)"),
        ({"seed": "x"}, "ignored seed = 'x' in the link (allowed: 0 to 4,294,967,295)"),
    ],
)
def test_garbage_is_dropped_with_a_reason(query, problem):
    state = decode_state(query, bf.presets())
    assert state.problems == (problem,)
    assert state.overrides == {} and state.view == "estimate"


def test_overlong_values_are_truncated_in_messages():
    state = decode_state({"view": "x" * 10_000})
    assert len(state.problems[0]) < 300


@pytest.mark.parametrize(
    "text",
    ["![x](http://127.0.0.1:9/p.png)", "[login](https://example.org)", "<b>x</b>", "# heading", "www.example.org",
     "mail me@example.org", "$x^2$", "`code`"],
)  # fmt: skip
def test_markdown_text_leaves_no_markup(text):
    from brainflops.interactive import markdown_text

    safe = markdown_text(text)
    unescaped = safe.replace("\\", "").replace("\u2060", "")
    assert unescaped == text  # shows as written
    assert re.search(r"(?<!\\)[<>\[\]()!#`$*_:@.]", safe) is None  # every markup character escaped
    assert "://" not in safe and "www." not in safe and "e@" not in safe  # no autolink patterns
