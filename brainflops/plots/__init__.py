"""Figures: pure functions, data in, :class:`matplotlib.figure.Figure` out (matplotlib imported lazily)."""

from __future__ import annotations

from brainflops.plots.estimates import REFERENCE_LINES, ReferenceLine, ladder, landauer_limit
from brainflops.plots.waterfall import waterfall

__all__ = [
    "REFERENCE_LINES",
    "ReferenceLine",
    "ladder",
    "landauer_limit",
    "waterfall",
]
