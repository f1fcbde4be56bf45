"""Figures of the hardware side: data in, :class:`matplotlib.figure.Figure` out.

matplotlib is imported inside each function (import time matters for the CLI), and figures are built on the
Agg canvas directly, without pyplot, so nothing changes the caller's backend or global state.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from brainflops.forecast.hindcast import Hindcast
from brainflops.forecast.parity import ParityResult
from brainflops.hardware.projection import Projection
from brainflops.hardware.series import Series
from brainflops.hardware.trends import TrendFit

__all__ = ["continues_beyond", "energy", "gpus_per_brain", "hindcast", "timeline"]

_COLORS = ["#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d", "#666666"]


def _figure(width: float, height: float, rows: int = 1, **kwargs):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), layout="constrained")
    FigureCanvasAgg(fig)
    axes = fig.subplots(rows, 1, **kwargs)
    return fig, axes


def continues_beyond(
    ax,
    years: np.ndarray | None,
    p_by_year: np.ndarray | None,
    end: float,
    color: str,
    *,
    median: float | None = None,
    y: float | None = None,
    value: float | None = None,
) -> None:
    """Mark at the right edge of the axes where a curve (or a row) goes on beyond it.

    For a P(parity by year) curve: an arrow at ``end`` with the share still to come ("→ 23% later, median 2181").
    For a row of a chart: an arrow at (``end``, ``y``) with the ``value`` that lies beyond ("→ 2201").

    Parameters
    ----------
    ax : matplotlib Axes
        Where to draw.
    years, p_by_year : numpy.ndarray or None
        The curve's grid [year] and P(parity by year); ``None`` for a row.
    end : float
        The right edge [year].
    color : str
        Colour of the mark.
    median : float, optional
        The curve's median, named when it lies beyond the edge [year].
    y : float, optional
        The row's position (for a row).
    value : float, optional
        What lies beyond, for a row (e.g. a predicted year) [year].
    """
    from brainflops.formatting import format_percent, format_year

    if years is None or p_by_year is None:
        if value is None or y is None:
            return
        ax.annotate(f"→ {format_year(value)}", (end, y), xytext=(-2, 0), textcoords="offset points", fontsize=7,
                    ha="right", va="center", color=color, annotation_clip=False)  # fmt: skip
        return
    inside = years <= end
    at_end = float(p_by_year[inside][-1]) if inside.any() else 0.0
    rest = 1.0 - at_end
    if rest <= 0.005:
        return
    text = f"→ {format_percent(rest)} later"
    if median is not None and median > end:
        text += ", median " + ("after 2200 or never" if not math.isfinite(median) or median > years[-1] + 1
                               else format_year(median))  # fmt: skip
    ax.annotate(text, (end, at_end), xytext=(-4, -9), textcoords="offset points", fontsize=7, color=color,
                va="center", ha="right", annotation_clip=False)  # fmt: skip
    ax.plot([end], [at_end], marker=">", color=color, markersize=6, clip_on=False, zorder=5)


def _band(ax, years: np.ndarray, projection: Projection, color: str, label: str) -> None:
    log10 = projection.log10_at(years)
    lo, hi = np.quantile(log10, [0.05, 0.95], axis=0)
    ax.plot(years, 10 ** projection.log10_at(years, central=True), color=color, lw=1.6, label=label)
    if projection.level.size > 1:
        ax.fill_between(years, 10**lo, 10**hi, color=color, alpha=0.18, lw=0)


def _brain_band(ax, brain_log10: np.ndarray, label: str) -> None:
    lo, mid, hi = np.quantile(brain_log10, [0.05, 0.5, 0.95])
    if hi - lo > 1e-9:
        ax.axhspan(10**lo, 10**hi, color="#999999", alpha=0.25, lw=0, label=f"{label} (90%)")
    ax.axhline(10**mid, color="#444444", ls="--", lw=1.2, label=label if hi - lo <= 1e-9 else None)


def timeline(
    history: Sequence[Series],
    projections: Mapping[str, Projection],
    brain_log10: np.ndarray | float,
    parities: Mapping[str, ParityResult],
    *,
    years: tuple[float, float] = (1993, 2100),
    brain_label: str = "brain",
    title: str | None = None,
):
    """History, projections with their 90% bands, the brain band, and P(parity by year) per scenario.

    Parameters
    ----------
    history : sequence of Series
        Data points to show [FLOP/s].
    projections : mapping of str to Projection
        Label to hardware projection [FLOP/s].
    brain_log10 : numpy.ndarray or float
        Brain samples [log10 FLOP/s].
    parities : mapping of str to ParityResult
        Label to parity-year distribution (same labels as ``projections`` for matching colours).
    years : (float, float)
        x range [year].
    brain_label : str
        Legend label of the brain band, e.g. a set's ``id@version``.
    title : str, optional
        Figure title.
    """
    fig, (ax, ax2) = _figure(9.0, 8.0, 2, sharex=True, gridspec_kw={"height_ratios": [2.3, 1]})
    markers = "osD^v"
    for i, s in enumerate(history):
        ax.scatter(s.t, s.y, s=14, marker=markers[i % len(markers)], color="black", alpha=0.55, zorder=3, label=s.label)
    grid = np.linspace(years[0], years[1], 400)
    colors = {label: _COLORS[i % len(_COLORS)] for i, label in enumerate(projections)}
    for label, p in projections.items():
        t = grid[grid >= (p.data_start if p.data_start is not None else p.base_year)]
        _band(ax, t, p, colors[label], label)
    brain = np.atleast_1d(np.asarray(brain_log10, float))
    _brain_band(ax, brain, brain_label)
    ax.set_yscale("log")
    ax.set_ylabel("performance [FLOP/s]")
    ax.set_ylim(1e10, 10.0 ** (max(float(np.quantile(brain, 0.95)), 18.0) + 2))
    ax.grid(True, which="major", alpha=0.3)
    ax.legend(fontsize=7.5, loc="upper left", ncol=1, framealpha=0.9)
    ax.set_title(title or "When does hardware reach the brain?", fontsize=11)
    for label, r in parities.items():
        color = colors.get(label, "black")
        ax2.step(r.years, r.p_by_year, where="post", color=color, lw=1.6, label=label)
        continues_beyond(ax2, r.years, r.p_by_year, years[1], color, median=r.median)
    ax2.set_xlim(*years)
    ax2.set_ylim(-0.02, 1.02)
    ax2.set_ylabel("P(parity by year)")
    ax2.set_xlabel("year (arrows: the share beyond the axis)")
    ax2.grid(True, alpha=0.3)
    return fig


def hindcast(result: Hindcast, hpcg: Series, top500: Series):
    """Dettmers' 2015 scenario lines against the HPCG #1 and TOP500 #1 record since 2014.

    Parameters
    ----------
    result : Hindcast
        From :func:`brainflops.forecast.hindcast.hindcast`.
    hpcg, top500 : Series
        The HPCG #1 and TOP500 #1 series [FLOP/s].
    """
    fig, ax = _figure(8.5, 5.5)
    h, t = hpcg.window(2014), top500.window(2014)
    ax.scatter(h.t, h.y, s=22, color="black", zorder=3, label="HPCG #1 (the benchmark the post used)")
    ax.scatter(t.t, t.y, s=22, marker="s", facecolor="none", edgecolor="#555555", zorder=3, label="TOP500 #1 (HPL)")
    grid = np.linspace(2015, result.latest_year, 100)
    for i, row in result.scenarios.reset_index(drop=True).iterrows():
        color = _COLORS[int(i) % len(_COLORS)]
        line = 0.58e15 * 2 ** ((grid - 2015) / row["assumed_doubling"])
        ax.plot(grid, line, color=color, lw=1.8, label=f"{row['scenario']}: doubling {row['assumed_doubling']:.2f} y")
        ax.annotate(
            f"×{row['ratio_to_hpcg']:.2g} vs HPCG",
            (grid[-1], line[-1]),
            xytext=(4, 0),
            textcoords="offset points",
            fontsize=8,
            color=color,
            va="center",
        )
    achieved = result.achieved.set_index("series")
    text = "\n".join(
        f"{name}: doubling {r['doubling_end_to_end']:.2f} y end to end, "
        f"fit {r['doubling_fit']:.2f} y [{r['doubling_fit_p5']:.2f}–{r['doubling_fit_p95']:.2f}]"
        for name, r in achieved.iterrows()
    )
    ax.text(0.98, 0.02, f"achieved since 2015:\n{text}", transform=ax.transAxes, fontsize=8, va="bottom", ha="right")
    ax.set_yscale("log")
    ax.set_xlim(2014, result.latest_year + 3.2)
    ax.set_ylabel("performance [FLOP/s]")
    ax.set_xlabel("year")
    ax.set_title("Dettmers (2015) forecast against the record", fontsize=11)
    ax.grid(True, which="major", alpha=0.3)
    ax.legend(fontsize=8, loc="upper left")
    return fig


def energy(
    green500: Series,
    fit: TrendFit,
    projection: Projection,
    brain_flops_per_w: np.ndarray | float,
    parity_result: ParityResult,
    landauer_j_per_bit: float,
    *,
    years: tuple[float, float] = (2006, 2110),
):
    """Green500 efficiency, its trend with a 90% band, the brain's FLOP/s per W, and the Landauer limit.

    Parameters
    ----------
    green500 : Series
        Most efficient system per list [FLOP/s/W].
    fit : TrendFit
        The Green500 fit.
    projection : Projection
        The fit as a projection (draws for the band).
    brain_flops_per_w : numpy.ndarray or float
        Brain FLOP/s per W [FLOP/s/W] (samples or a value).
    parity_result : ParityResult
        Energy-parity distribution.
    landauer_j_per_bit : float
        k_B T ln 2 [J]; drawn as 1 / that, in bit erasures per second per watt.
    years : (float, float)
        x range [year].
    """
    fig, ax = _figure(8.5, 5.5)
    ax.scatter(green500.t, green500.y, s=16, color="black", zorder=3, label="most efficient system per list")
    grid = np.linspace(years[0], years[1], 300)
    lo, hi = parity_result.p5, parity_result.p95
    _band(
        ax, grid, projection, _COLORS[0], f"trend: doubling {fit.doubling_time:.2f} y ({fit.start:.0f}–{fit.end:.0f})"
    )
    _brain_band(ax, np.log10(np.atleast_1d(brain_flops_per_w)), "brain at 20 W")
    limit = 1.0 / landauer_j_per_bit
    ax.axhline(limit, color="#b2182b", lw=1.2, ls=":")
    ax.text(
        years[0] + 1, limit * 1.6, "Landauer limit: 1 bit erasure per k_B·T·ln2 (310 K)", color="#b2182b", fontsize=8
    )
    if math.isfinite(parity_result.median):
        ax.axvspan(lo, hi if math.isfinite(hi) else years[1], color=_COLORS[1], alpha=0.15, lw=0)
        ax.axvline(parity_result.median, color=_COLORS[1], lw=1.2)
        note = f"energy parity\nmedian {parity_result.median:.0f}\n90% {lo:.0f}–{hi:.0f}"
        ax.text(parity_result.median + 0.8, 3e8, note, fontsize=8, color=_COLORS[1])
    ax.set_yscale("log")
    ax.set_xlim(*years)
    ax.set_ylim(1e8, limit * 30)
    ax.set_ylabel("energy efficiency [FLOP/s per W]  (Landauer: bit erasures/s per W)")
    ax.set_xlabel("year")
    ax.set_title("Energy: the most efficient computers against the brain", fontsize=11)
    ax.grid(True, which="major", alpha=0.3)
    ax.legend(fontsize=8, loc="center left")
    return fig


def _money(usd: float) -> str:
    for scale, word in ((1e12, " trillion"), (1e9, " bn"), (1e6, " M")):
        if usd >= scale:
            return f"${usd / scale:.3g}{word}"
    return f"${usd:,.0f}"


def _watts(w: float) -> str:
    for scale, word in ((1e9, " GW"), (1e6, " MW"), (1e3, " kW")):
        if w >= scale:
            return f"{w / scale:.3g}{word}"
    return f"{w:.3g} W"


def gpus_per_brain(table: pd.DataFrame, *, brain_label: str = "brain"):
    """Accelerators needed to match one brain at dense peak, with the cluster's price and power.

    Parameters
    ----------
    table : pandas.DataFrame
        From :func:`brainflops.forecast.accelerators.gpus_per_brain`.
    brain_label : str
        What the brain is called in the title, e.g. a set's ``id@version``.
    """
    rows = table.sort_values("year").reset_index(drop=True)
    fig, ax = _figure(9.0, 0.32 * len(rows) + 1.6)
    y = np.arange(len(rows))
    ax.barh(y, rows["devices"], color=_COLORS[2], alpha=0.8)
    if (rows["devices_p95"] > rows["devices_p5"]).any():
        err = [rows["devices"] - rows["devices_p5"], rows["devices_p95"] - rows["devices"]]
        ax.errorbar(rows["devices"], y, xerr=err, fmt="none", ecolor="black", lw=0.8)
    for i, r in rows.iterrows():
        cost = "no launch price" if pd.isna(r["cost_usd"]) else _money(r["cost_usd"])
        label = f"{r['devices']:.2g} devices, {cost}, {_watts(r['power_w'])}"
        ax.text(r["devices_p95"] * 1.15, i, label, va="center", fontsize=7.5)
    ax.set_yticks(y, [f"{n} ({yr})" for n, yr in zip(rows["name"], rows["year"], strict=True)], fontsize=8)
    ax.invert_yaxis()
    ax.set_xscale("log")
    ax.set_xlim(rows["devices_p5"].min() / 3, rows["devices_p95"].max() * 40)
    precision = rows["precision"].iloc[0] if len(rows) else ""
    ax.set_xlabel(f"devices at dense {precision} peak to match {brain_label}")
    ax.set_title(f"Accelerators per brain ({brain_label}); price = launch price, power = TDP", fontsize=10)
    ax.grid(True, axis="x", which="major", alpha=0.3)
    return fig
