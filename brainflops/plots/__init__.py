"""Figures: pure functions, data in, :class:`matplotlib.figure.Figure` out (matplotlib is imported on first use)."""

from __future__ import annotations

from brainflops.plots.uncertainty import distribution, sobol, tornado

__all__ = ["distribution", "sobol", "tornado"]
