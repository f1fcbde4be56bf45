"""Figures of the forecast: the combined forecast, the ledger, the AI-cluster record. Data in, Figure out.

matplotlib is imported inside each function; figures use the Agg canvas directly, so nothing changes the
caller's backend. A curve that goes on past the right edge says so with an arrow and its share.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from brainflops.forecast.combined import CombinedForecast, Curve
from brainflops.forecast.ledger import Ledger
from brainflops.hardware.series import Series
from brainflops.plots.hardware import _COLORS, _figure, continues_beyond

__all__ = ["clusters", "forecast", "ledger"]

_FRAME_COLORS = {"deep-learning": "#d95f02", "post": "#1b9e77"}


def _curve(ax, c: Curve, color: str, lw: float, label: str, end: float, **kwargs) -> None:
    ax.step(c.years, c.p_by_year, where="post", color=color, lw=lw, label=label, **kwargs)
    continues_beyond(ax, c.years, c.p_by_year, end, color, median=c.median)


def forecast(f: CombinedForecast, *, years: tuple[float, float] = (1995, 2100)):
    """The combined forecast: the records against the brain, and P(parity by year) per frame and combined.

    Top: each frame's record (TOP500 #1 and HPCG #1 for the post's frame; the largest AI cluster × the median
    utilisation for deep learning's) and the brain's 90% band. Bottom: P(parity by year) for each frame, the
    combined curve (thick) and each scenario (thin); where a curve is below 1 at the right edge, an arrow says
    how much lies beyond (to 2200, and later or never).

    Parameters
    ----------
    f : CombinedForecast
        From :func:`brainflops.forecast.combined.combined_forecast`.
    years : (float, float)
        x range [year].
    """
    from brainflops.forecast.frames import FRAMES

    fig, (ax, ax2) = _figure(9.5, 8.5, 2, sharex=True, gridspec_kw={"height_ratios": [1.6, 1.4]})
    u = f.utilisation.median
    styles = {"top500-rank1": ("s", "#1b9e77"), "hpcg-rank1": ("o", "#66a61e"), "ai-cluster-record": ("D", "#d95f02")}
    for name, series in f.records.items():
        factor = u if name == "ai-cluster-record" else 1.0
        record = series.record()
        marker, color = styles.get(name, ("o", "black"))
        label = record.short + (f" × {round(100 * u)}% utilisation" if factor != 1 else "")
        ax.step(record.t, record.y * factor, where="post", color=color, lw=1.4, label=label)
        ax.scatter(record.t, record.y * factor, s=10, marker=marker, color=color, zorder=3)
    lo, mid, hi = np.quantile(f.brain_log10, [0.05, 0.5, 0.95])
    if hi - lo > 1e-9:
        ax.axhspan(10**lo, 10**hi, color="#999999", alpha=0.25, lw=0, label=f"{f.brain_ref} (90%)")
    ax.axhline(10**mid, color="#444444", ls="--", lw=1.2, label=f"{f.brain_ref} (median)")
    ax.set_yscale("log")
    ax.set_ylabel("FLOP/s")
    ax.grid(True, which="major", alpha=0.3)
    ax.legend(fontsize=7.5, loc="upper left", framealpha=0.9)
    ax.set_title("When does hardware reach the brain? Both frames and the combined forecast", fontsize=11)
    for s in f.scenarios:
        if s.weight > 0:
            ax2.step(s.result.years, s.result.p_by_year, where="post", lw=0.7, alpha=0.45,
                     color=_FRAME_COLORS.get(s.frame, "grey"))  # fmt: skip
    for key, c in f.frames.items():
        _curve(ax2, c, _FRAME_COLORS.get(key, "grey"), 2.0, FRAMES[key].label(u), years[1])
    _curve(ax2, f.overall, "black", 2.8, f"combined ({f.weights.ref})", years[1])
    ax2.set_xlim(*years)
    ax2.set_ylim(-0.02, 1.05)
    ax2.set_ylabel("P(parity by year)")
    ax2.set_xlabel("year (thin lines: each scenario; arrows: the share beyond the axis)")
    ax2.grid(True, alpha=0.3)
    ax2.legend(fontsize=7.5, loc="upper left", framealpha=0.9)
    return fig


def ledger(result: Ledger, *, years: tuple[float, float] = (1995, 2095)):
    """Published forecasts against the record: each forecast's window, and when its threshold was reached.

    A bar runs from the year of publication to the forecast's year (a window is drawn thicker); a filled marker
    is the date the record reached the threshold, an open one at today means "not yet", annotated with the gap
    in doublings.

    Parameters
    ----------
    result : Ledger
        From :func:`brainflops.forecast.ledger.ledger`.
    years : (float, float)
        x range [year].
    """
    import textwrap

    from brainflops.forecast.parity import today_year
    from brainflops.formatting import format_sci, significant

    entries = result.entries
    fig, ax = _figure(10.5, 0.46 * len(entries) + 1.8)
    now = today_year()
    status_colors = {"early": "#1b9e77", "on time": "#1b9e77", "late": "#d95f02", "pending": "#7570b3",
                     "overdue": "#e7298a"}  # fmt: skip
    for i, e in enumerate(entries):
        color = status_colors[e.status]
        ax.plot([e.year, e.predicted], [i, i], color="#bbbbbb", lw=1.0, zorder=1)
        ax.plot([e.predicted, e.predicted_to + 0.9], [i, i], color=color, lw=6, alpha=0.5, zorder=2,
                solid_capstyle="butt")  # fmt: skip
        if e.reached is not None:
            ax.scatter([e.reached], [i], color=color, s=40, zorder=3)
            note = f"{e.status}" + (f" by {e.years_off}" if e.years_off else "")
            ax.annotate(note, (max(e.reached, e.predicted_to + 0.9), i), xytext=(6, 0), textcoords="offset points",
                        fontsize=7, va="center", color=color)  # fmt: skip
        else:
            ax.scatter([now], [i], facecolor="white", edgecolor=color, s=40, zorder=3)
            ax.annotate(f"{e.status}: {significant(e.gap_doublings, 2)} doublings to go",
                        (max(now, min(e.predicted_to + 0.9, years[1] - 12)), i), xytext=(6, 0),
                        textcoords="offset points", fontsize=7, va="center", color=color)  # fmt: skip
        continues_beyond(ax, None, None, years[1], color, y=i, value=e.predicted if e.predicted > years[1] else None)
    labels = []
    for e in entries:
        unverified = " [U]" if e.label == "U" else ""
        labels.append(f"{e.who} {e.year}{unverified}: {format_sci(e.threshold, 'FLOP/s')}, {e.forecast_text}\n"
                      + textwrap.shorten(e.hardware, 44, placeholder="…"))  # fmt: skip
    ax.set_yticks(range(len(entries)), labels, fontsize=7.5)
    ax.invert_yaxis()
    ax.axvline(now, color="#444444", lw=0.8, ls=":")
    ax.set_xlim(*years)
    ax.set_xlabel("year — bar: the forecast's year or window; dot: when the record reached it; ring: not yet (today)")
    ax.set_title("Published forecasts of hardware parity, against the record", fontsize=10)
    ax.grid(True, axis="x", alpha=0.3)
    return fig


def clusters(table: pd.DataFrame, record: Series, *, fits: tuple[float, ...] = (2016, 2019)):
    """The large AI training clusters, the record they set, its fits, and Epoch AI's nine-month trend.

    Parameters
    ----------
    table : pandas.DataFrame
        From :func:`brainflops.hardware.clusters.load_ai_clusters` [FLOP/s].
    record : Series
        The AI-cluster record series (``get_series("ai-cluster-record")``) [FLOP/s].
    fits : tuple of float
        First years of the log-linear fits to draw [year].
    """
    from brainflops.hardware.clusters import EPOCH_DOUBLING_MONTHS
    from brainflops.hardware.trends import fit_loglinear

    fig, ax = _figure(9.0, 5.8)
    kinds = {"operational": "o", "announced": "s", "planned": "^"}
    for kind, marker in kinds.items():
        rows = table[table["date_kind"] == kind]
        ok = rows[rows["verified"]]
        ax.scatter(ok["year"], ok["peak_16bit_flops"], marker=marker, color="#444444", s=28, zorder=3, label=kind)
        bad = rows[~rows["verified"]]
        if len(bad):
            ax.scatter(bad["year"], bad["peak_16bit_flops"], marker=marker, facecolor="white", edgecolor="#999999",
                       s=28, zorder=3, label=f"{kind}, unverified")  # fmt: skip
    r = record.record()
    ax.step(r.t, r.y, where="post", color="#d95f02", lw=1.6, label="record (largest operational, verified)")
    grid = np.linspace(2016, 2031, 200)
    for i, start in enumerate(fits):
        fit = fit_loglinear(record, start)
        t = grid[grid >= fit.start]
        lo, hi = fit.doubling_interval
        ax.plot(
            t,
            fit.predict(t),
            color=_COLORS[(i + 2) % len(_COLORS)],
            lw=1.2,
            ls="--",
            label=f"fit {start}–: doubling {12 * fit.doubling_time:.1f} months [{12 * lo:.1f}–{12 * hi:.1f}]",
        )
    t_end, v_end = r.t[-1], r.y[-1]
    t = grid[grid >= t_end]
    ax.plot(t, v_end * 2 ** ((t - t_end) * 12 / EPOCH_DOUBLING_MONTHS), color="#7570b3", lw=1.2, ls=":",
            label=f"Epoch AI: doubling {EPOCH_DOUBLING_MONTHS:.1f} months, from the record")  # fmt: skip
    ax.set_yscale("log")
    ax.set_xlim(2016, 2031)
    ax.set_ylabel("dense 16-bit peak [FLOP/s]")
    ax.set_xlabel("date operational (announced or planned where marked)")
    ax.set_title("The largest AI training clusters", fontsize=11)
    ax.grid(True, which="major", alpha=0.3)
    ax.legend(fontsize=7.5, loc="upper left")
    return fig
