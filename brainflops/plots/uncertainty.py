"""Figures for uncertainty and sensitivity: distribution, tornado, Sobol indices. Data in, Figure out."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from brainflops.plots._style import new_figure
from brainflops.uncertainty import DistributionSummary

__all__ = ["distribution", "sobol", "tornado"]


def distribution(summary: DistributionSummary, title: str | None = None):
    """Histogram of log10 FLOP/s with the 5th, 50th and 95th percentiles and the point estimate marked.

    Parameters
    ----------
    summary : DistributionSummary
        From :func:`brainflops.uncertainty.sample`.
    title : str, optional
        Defaults to the set and how the distribution was obtained.

    Returns
    -------
    matplotlib.figure.Figure
    """
    fig, ax = new_figure()
    edges, density = summary.edges, summary.density
    ax.stairs(density, edges, fill=True, color="#9ecae1", edgecolor="#3182bd")
    for q, style in ((5.0, ":"), (50.0, "-"), (95.0, ":")):
        x = math.log10(summary.percentiles[q])
        ax.axvline(x, color="#08519c", linestyle=style, linewidth=1.2)
        ax.annotate(f"p{q:g}\n{summary.percentiles[q]:.2g}", (x, 1.0), xycoords=("data", "axes fraction"),
                    ha="center", va="bottom", fontsize=8, color="#08519c")  # fmt: skip
    ax.axvline(math.log10(summary.point), color="#d94801", linewidth=1.5, label=f"point {summary.point:.3g}")
    ax.set_xlabel("log10 FLOP/s")
    ax.set_ylabel("probability density per decade")
    exact = "exact, by quadrature" if summary.exact_by == "quadrature" else "exact lognormal"
    how = {"exact": exact, "point": "point value"}.get(summary.how, f"Monte Carlo, n = {summary.n:,}")
    ax.set_title(title or f"{summary.set_id}@{summary.version} ({how})", pad=28, fontsize=11)
    ax.legend(loc="upper right", fontsize=8, frameon=False)
    return fig


def tornado(frame: pd.DataFrame, title: str | None = None):
    """One-at-a-time swings as horizontal bars around the all-medians baseline (log10 FLOP/s).

    Parameters
    ----------
    frame : pandas.DataFrame
        From :func:`brainflops.sensitivity.tornado`.
    title : str, optional
        Figure title.

    Returns
    -------
    matplotlib.figure.Figure
    """
    rows = frame.iloc[::-1]
    fig, ax = new_figure(7.0, 1.2 + 0.42 * max(len(rows), 1))
    if rows.empty:
        ax.text(0.5, 0.5, "no uncertain parameters", ha="center", va="center", transform=ax.transAxes)
        return fig
    base = math.log10(float(rows["baseline_flops"].iloc[0]))
    y = np.arange(len(rows))
    low = np.log10(rows["low_flops"].to_numpy()) - base
    high = np.log10(rows["high_flops"].to_numpy()) - base
    ax.barh(y, low, left=base, color="#6baed6", label="parameter at its 5th percentile")
    ax.barh(y, high, left=base, color="#fd8d3c", label="parameter at its 95th percentile")
    ax.axvline(base, color="black", linewidth=0.8)
    ax.set_yticks(y, rows["parameter"])
    ax.set_xlabel("log10 FLOP/s (others at their median)")
    ax.set_title(title or "Tornado: one parameter at a time", fontsize=11)
    # Below the axes, not inside: with one or two parameters the bars fill the axes and a legend would hide them.
    fig.legend(loc="outside lower center", ncol=2, fontsize=8, frameon=False)
    return fig


def sobol(frame: pd.DataFrame, title: str | None = None):
    """First-order and total Sobol indices with their 95% confidence intervals.

    Parameters
    ----------
    frame : pandas.DataFrame
        From :func:`brainflops.sensitivity.sobol`.
    title : str, optional
        Figure title.

    Returns
    -------
    matplotlib.figure.Figure
    """
    rows = frame.iloc[::-1]
    fig, ax = new_figure(7.0, 1.2 + 0.42 * max(len(rows), 1))
    y = np.arange(len(rows))
    ax.barh(y + 0.2, rows["S1"], height=0.38, xerr=rows["S1_conf"], color="#74c476", label="first order S1")
    ax.barh(y - 0.2, rows["ST"], height=0.38, xerr=rows["ST_conf"], color="#238b45", label="total ST")
    ax.set_yticks(y, rows["parameter"])
    ax.set_xlim(0, 1.05)
    ax.set_xlabel("share of the variance of log10 FLOP/s")
    ax.set_title(title or "Sobol indices", fontsize=11)
    fig.legend(loc="outside lower center", ncol=2, fontsize=8, frameon=False)
    return fig
