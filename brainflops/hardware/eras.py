"""Eras of every series: one log-linear fit over the whole record, and two-slope fits with a fixed and with a
data-placed break, each with its 90% interval.

TOP500 growth slowed around 2013; fitting 1993–2025 in one line straddles that slowdown and reports neither
era. Every series here gets three fits: the whole window, a break fixed where a source puts it (2013 for the
TOP500 series; 2019, the start of Epoch AI's window, for the AI-cluster record), and a break placed by least
squares. A series that starts after a fixed break (HPCG from 2014) says so instead of pretending to fit it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pandas as pd

from brainflops.errors import DataError
from brainflops.hardware.series import Series, get_series
from brainflops.hardware.trends import PiecewiseFit, TrendFit, fit_loglinear, fit_piecewise

__all__ = ["ERA_SERIES", "Eras", "eras", "render_eras"]

#: Series with their eras: name -> (fixed break year or None, why that year).
ERA_SERIES: dict[str, tuple[float | None, str]] = {
    "top500-rank1": (2013.0, "the TOP500 slowdown"),
    "top500-sum": (2013.0, "the TOP500 slowdown"),
    "top500-rank500": (2013.0, "the TOP500 slowdown"),
    "hpcg-rank1": (2013.0, "the TOP500 slowdown"),
    "ai-cluster-record": (2019.0, "the start of Epoch AI's window"),
}


@dataclass(frozen=True)
class Eras:
    """One series fitted whole and in two eras.

    Attributes
    ----------
    series : Series
        The data.
    whole : TrendFit
        Log-linear fit over the whole series.
    fixed : PiecewiseFit or None
        Two slopes meeting at a fixed break; ``None`` when the break leaves fewer than 3 points on a side.
    fixed_note : str
        Why that break, or why there is none.
    placed : PiecewiseFit or None
        Two slopes meeting at the break that fits best; ``None`` with fewer than 6 points.
    """

    series: Series = field(repr=False)
    whole: TrendFit
    fixed: PiecewiseFit | None
    fixed_note: str
    placed: PiecewiseFit | None

    def to_frame(self) -> pd.DataFrame:
        """One row per fitted stretch: series, fit, era, window, n, doubling time with its 90% interval [year]."""
        rows = []
        lo, hi = self.whole.doubling_interval
        rows.append(_row(self.series.name, "whole", "", self.whole.start, self.whole.end, self.whole.n,
                         self.whole.doubling_time, lo, hi))  # fmt: skip
        for kind, fit in (("fixed break", self.fixed), ("data-placed break", self.placed)):
            if fit is None:
                continue
            frame = fit.to_frame()
            for _, r in frame.iterrows():
                era = f"{'before' if r['segment'] == 'before' else 'after'} {fit.break_year:g}"
                n = int((self.series.t < fit.break_year).sum() if r["segment"] == "before"
                        else (self.series.t >= fit.break_year).sum())  # fmt: skip
                start = fit.start if r["segment"] == "before" else fit.break_year
                end = fit.break_year if r["segment"] == "before" else fit.end
                rows.append(_row(self.series.name, kind, era, start, end, n, r["doubling_years"], r["doubling_p5"],
                                 r["doubling_p95"]))  # fmt: skip
        return pd.DataFrame(rows)

    def __str__(self) -> str:
        return render_eras([self])


def _row(series, fit, era, start, end, n, doubling, lo, hi) -> dict:
    return {"series": series, "fit": fit, "era": era, "start": start, "end": end, "n": n, "doubling_years": doubling,
            "doubling_p5": lo, "doubling_p95": hi}  # fmt: skip


def eras(series: Series | str, *, break_year: float | None = None, precision: str | None = None) -> Eras:
    """Fit a series whole, with a fixed break and with a data-placed break.

    Parameters
    ----------
    series : Series or str
        The data, or a name of :data:`~brainflops.hardware.series.SERIES`.
    break_year : float, optional
        The fixed break [year]; by default the one :data:`ERA_SERIES` gives for the series (2013 for TOP500).
    precision : str, optional
        For accelerator series given by name.

    Returns
    -------
    Eras
    """
    s = get_series(series, precision=precision) if isinstance(series, str) else series
    name = s.name.split("/")[0]
    fixed_year, why = ERA_SERIES.get(name, (None, ""))
    if break_year is not None:
        fixed_year, why = float(break_year), "given"
    whole = fit_loglinear(s)
    fixed, note = None, "no fixed break for this series"
    if fixed_year is not None:
        try:
            fixed = fit_piecewise(s, break_year=fixed_year)
            note = f"break fixed at {fixed_year:g} ({why})"
        except DataError:
            first = math.floor(s.t[0])
            note = (
                f"no fit with a break at {fixed_year:g} ({why}): the series starts in {first}"
                if s.t[0] > fixed_year
                else f"no fit with a break at {fixed_year:g}: too few points on one side"
            )
    try:
        placed = fit_piecewise(s)
    except DataError:
        placed = None
    return Eras(s, whole, fixed, note, placed)


def render_eras(results: list[Eras]) -> str:
    """The eras of several series as one table, doubling times in years with their 90% intervals.

    Parameters
    ----------
    results : list of Eras
        From :func:`eras`.
    """
    lines = []
    header = f"{'series':<22} {'fit':<18} {'era':<14} {'window':<11} {'n':>3}  doubling [years] (90% interval)"
    lines.append(header)
    for e in results:
        for r in e.to_frame().itertuples():
            window = f"{math.floor(r.start)}–{math.floor(r.end)}"
            hi = "∞" if math.isinf(r.doubling_p95) else f"{r.doubling_p95:.2f}"
            doubling = (
                "no growth" if math.isinf(r.doubling_years) else f"{r.doubling_years:.2f} ({r.doubling_p5:.2f}–{hi})"
            )
            lines.append(f"{r.series:<22} {r.fit:<18} {r.era:<14} {window:<11} {r.n:>3}  {doubling}")
        if e.fixed is None:
            lines.append(f"{e.series.name:<22} {'fixed break':<18} {e.fixed_note}")
    return "\n".join(lines)
