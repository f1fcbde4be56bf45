"""The waterfall of a diff: from one set's estimate to the other's, one step per changed parameter."""

from __future__ import annotations

import math

from brainflops.diff import DIFFERENT_METHODS, DiffResult
from brainflops.estimate import format_flops

__all__ = ["waterfall"]


def waterfall(result: DiffResult, *, title: str | None = None):
    """Steps from ``result.a``'s estimate to ``result.b``'s on a log10 FLOP/s axis.

    Parameters
    ----------
    result : DiffResult
        From :func:`brainflops.diff.diff`.
    title : str, optional
        Figure title; by default ``a -> b`` and the attribution used.

    Returns
    -------
    matplotlib.figure.Figure
        Bars for the two estimates [log10 FLOP/s] and, between them, one floating bar per parameter whose
        value changed, its height that parameter's contribution [log10]; labels give the factor. Across
        methods only the two estimates are drawn, with the two formulas as text.
    """
    from matplotlib.figure import Figure

    steps = [c for c in result.changes if c.contribution != 0]
    start, end = math.log10(result.flops_a), math.log10(result.flops_b)
    labels = [result.a, *(c.name for c in steps), result.b]
    fig = Figure(figsize=(max(6.0, 1.6 * len(labels)), 5.0), layout="constrained")
    ax = fig.add_subplot()
    level = start
    lows = [start, end]
    ax.bar(0, start, color="#4a6fa5", width=0.6)
    ax.text(0, start, format_flops(result.flops_a, ""), ha="center", va="bottom", fontsize=9)
    for i, change in enumerate(steps, start=1):
        delta = change.contribution / math.log(10)
        colour = "#c0504d" if delta < 0 else "#2e8b57"
        ax.bar(i, delta, bottom=level, color=colour, width=0.6)
        ax.plot([i - 1 + 0.3, i - 0.3], [level, level], color="#777777", linewidth=0.8)
        factor = change.factor
        text = f"×{factor:.3g}" if factor >= 1 else f"×1/{1 / factor:.3g}"
        ax.text(i, max(level, level + delta), text, ha="center", va="bottom", fontsize=9)
        level += delta
        lows.append(level)
    last = len(labels) - 1
    if steps:
        ax.plot([last - 1 + 0.3, last - 0.3], [level, level], color="#777777", linewidth=0.8)
    ax.bar(last, end, color="#4a6fa5", width=0.6)
    ax.text(last, end, format_flops(result.flops_b, ""), ha="center", va="bottom", fontsize=9)
    ax.set_xticks(range(len(labels)), labels, rotation=20, ha="right")
    bottom = math.floor(min(lows)) - 1
    top = math.ceil(max(lows)) + 1
    ax.set_ylim(bottom, top)
    for patch in ax.patches:  # the estimate bars rise from the bottom of the axis, not from 10^0
        if patch.get_y() == 0:
            patch.set_y(bottom)
            patch.set_height(patch.get_height() - bottom)
    ax.set_ylabel("log10 FLOP/s")
    ax.grid(axis="y", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    if result.how == DIFFERENT_METHODS:
        ax.text(
            0.5,
            0.97,
            f"different methods: no attribution\n"
            f"{result.a}: F = {result.formula_a}\n{result.b}: F = {result.formula_b}",
            transform=ax.transAxes,
            ha="center",
            va="top",
            fontsize=8,
            family="monospace",
        )
    ax.set_title(title or f"{result.a} → {result.b}\nattribution: {result.how}", fontsize=10)
    return fig
