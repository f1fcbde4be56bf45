"""Figures: pure functions, data in, :class:`matplotlib.figure.Figure` out (matplotlib is imported on first use)."""

from __future__ import annotations

from brainflops.plots.estimates import ReferenceLine, ladder, reference_lines
from brainflops.plots.forecast import clusters, forecast, ledger
from brainflops.plots.hardware import energy, gpus_per_brain, hindcast, timeline
from brainflops.plots.uncertainty import distribution, sobol, tornado
from brainflops.plots.waterfall import waterfall

__all__ = [
    "ReferenceLine",
    "clusters",
    "distribution",
    "energy",
    "forecast",
    "gpus_per_brain",
    "hindcast",
    "ladder",
    "ledger",
    "reference_lines",
    "sobol",
    "timeline",
    "tornado",
    "waterfall",
]
