"""Shared figure helpers: a non-interactive backend and consistent sizes."""

from __future__ import annotations

__all__ = ["new_figure"]


def new_figure(width: float = 7.0, height: float = 4.0):
    """A matplotlib Figure and Axes on the Agg backend (no display needed), with constrained layout."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), layout="constrained")
    return fig, fig.add_subplot()
