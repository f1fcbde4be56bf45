"""Figures: pure functions, data in, :class:`matplotlib.figure.Figure` out (matplotlib imported lazily)."""

from __future__ import annotations

from brainflops.plots.hardware import plot_energy, plot_gpus_per_brain, plot_hindcast, plot_timeline

__all__ = ["plot_energy", "plot_gpus_per_brain", "plot_hindcast", "plot_timeline"]
