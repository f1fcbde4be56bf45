"""Shared figure helpers: a non-interactive backend and consistent sizes."""

from __future__ import annotations

__all__ = ["new_figure", "to_bytes"]


def new_figure(width: float = 7.0, height: float = 4.0):
    """A matplotlib Figure and Axes on the Agg backend (no display needed), with constrained layout."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), layout="constrained")
    return fig, fig.add_subplot()


def to_bytes(fig, fmt: str = "png", dpi: int = 110) -> bytes:
    """Render a Figure to PNG or SVG bytes (for the app's caches and the report)."""
    import io

    buffer = io.BytesIO()
    fig.savefig(buffer, format=fmt, dpi=dpi)
    return buffer.getvalue()
