"""Figures: the right things are drawn (checked on the Figure's artists, not by eye)."""

from __future__ import annotations

import math

import pytest

import brainflops.plots as plots
from brainflops.sensitivity import sobol, tornado
from brainflops.uncertainty import sample

pytest.importorskip("matplotlib")


def test_distribution_marks_percentiles_and_point():
    d = sample("merkle-1989")
    fig = plots.distribution(d)
    ax = fig.axes[0]
    xs = sorted(line.get_xdata()[0] for line in ax.get_lines())
    expected = sorted([math.log10(d.p5), math.log10(d.median), math.log10(d.p95), math.log10(d.point)])
    assert xs == pytest.approx(expected)
    assert ax.get_xlabel() == "log10 FLOP/s"


def test_tornado_has_two_bars_per_parameter_in_swing_order():
    frame = tornado("dettmers-2015")
    fig = plots.tornado(frame)
    ax = fig.axes[0]
    assert len(ax.patches) == 2 * len(frame)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[-1] == frame["parameter"].iloc[0]  # the largest swing is drawn on top


def test_sobol_bars_and_limits():
    frame = sobol("merkle-1989", base_samples=256)
    fig = plots.sobol(frame)
    assert len(fig.axes[0].patches) == 2 * len(frame)
    assert fig.axes[0].get_xlim() == (0, 1.05)


def test_figures_render_to_svg(tmp_path):
    fig = plots.distribution(sample("dettmers-2015", n=20_000))
    out = tmp_path / "d.svg"
    fig.savefig(out)
    assert out.read_text().startswith("<?xml")
