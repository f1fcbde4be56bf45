"""Figures: pure functions, data in, :class:`matplotlib.figure.Figure` out (matplotlib is imported on first use)."""

from __future__ import annotations

from brainflops.plots.hardware import energy, gpus_per_brain, hindcast, timeline
from brainflops.plots.uncertainty import distribution, sobol, tornado

__all__ = ["distribution", "energy", "gpus_per_brain", "hindcast", "sobol", "timeline", "tornado"]
