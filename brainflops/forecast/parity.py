"""When does hardware reach the brain? The parity-year distribution of one scenario.

The brain side is a 1-D array of samples of log10(FLOP/s) (one value for a point estimate); the hardware side
is a :class:`~brainflops.hardware.projection.Projection` with draws of its level and growth rate. Each brain
sample is paired with a hardware draw and solved for the year the projection crosses it:

    year = base_year + (log10 brain - level) / slope

Three outcomes, each reported as a share and never hidden in the percentiles:

- **already reached**: the hardware was at or above the brain at the last data date. Its year comes from the
  *data*: the first date the record reached that value ("June 2008, TOP500 #1, Roadrunner"), never from the
  line. A fixed (published) scenario without data dates it "by" its base year.
- **projected**: a year after the data. A crossing the trend puts between the last data point and today is
  dated today — the data cannot show it yet, and a projected year is never in the past.
- **never**: growth ≤ 0, a brain above the cap, or a crossing after the stall year.

Percentiles are taken over all pairs with "never" as +∞, so a median of ``inf`` means "more likely never than
not". :func:`render_parity` writes the one text of a result, shared by ``str()`` and the command line.
"""

from __future__ import annotations

import html
import math
import os
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from brainflops.errors import AssumptionError
from brainflops.forecast.brain import brain_samples
from brainflops.formatting import format_month, format_percent, format_year, significant
from brainflops.hardware.checks import decimal_year, today
from brainflops.hardware.projection import Projection
from brainflops.hardware.scenarios import FittedTrend, Scenario, load_scenario
from brainflops.hardware.series import Series

__all__ = ["LAST_YEAR", "ParityResult", "describe_year", "parity", "render_parity", "timeline", "today_year"]

#: The last year of the default grid: P(parity by year) runs to here, the rest is "later than LAST_YEAR".
LAST_YEAR = 2200

_LOG10_2 = math.log10(2.0)


def today_year() -> float:
    """Today as a decimal year [year]."""
    return float(decimal_year(pd.Series([today()]))[0])


@dataclass(frozen=True)
class ParityResult:
    """The distribution of the year hardware reaches the brain under one scenario.

    Attributes
    ----------
    label : str
        The scenario.
    years : numpy.ndarray
        Year grid [year].
    p_by_year : numpy.ndarray
        P(hardware ≥ brain by the end of each grid year), including "already reached".
    median, p5, p95 : float
        Percentiles of the parity year; ``inf`` where "never" holds that much probability [year].
    already : float
        Fraction of pairs already at parity at the last data date (``now``).
    never : float
        Fraction of pairs that never reach parity.
    now : float
        The last data date (the base year of a fixed scenario) [year].
    today : float
        The date the result was computed; no projected year is earlier [year].
    base_year, doubling_time : float
        Where the projection starts and its central doubling time [year].
    doublings : float
        Doublings from the central hardware level at ``base_year`` up to the central brain value (exact); 0 if
        the central value is already reached.
    doublings_rounded : int
        Whole doublings needed (``ceil``), as Dettmers (2015) counts "21 doubling periods".
    year_exact, year_rounded : float
        Central parity year from the exact and from the whole doublings; NaN if already reached [year].
    anchor : str
        ``"record"``, ``"line"`` or ``"published"``.
    anchor_text : str
        The anchor in words.
    record : Series or None
        The record the "already" years come from.
    samples : numpy.ndarray
        Parity year of each pair (``inf`` = never) [year].
    """

    label: str
    years: np.ndarray
    p_by_year: np.ndarray
    median: float
    p5: float
    p95: float
    already: float
    never: float
    now: float
    today: float
    base_year: float
    doubling_time: float
    doublings: float
    doublings_rounded: int
    year_exact: float
    year_rounded: float
    anchor: str = "line"
    anchor_text: str = ""
    record: Series | None = field(default=None, repr=False)
    samples: np.ndarray = field(default_factory=lambda: np.zeros(0), repr=False)

    @property
    def later(self) -> float:
        """Share of pairs reaching parity after the last grid year, or never (the part a plot cannot show)."""
        return float(1.0 - self.p_by_year[-1]) if self.p_by_year.size else 1.0

    def to_frame(self) -> pd.DataFrame:
        """P(parity by year) over the grid."""
        return pd.DataFrame({"year": self.years, "p_parity_by_year": self.p_by_year})

    def summary(self) -> pd.DataFrame:
        """One row: median, 90% interval, already, never, later than the grid, the anchor and the central
        exact and rounded-doublings years."""
        return pd.DataFrame(
            [
                {
                    "scenario": self.label,
                    "median": self.median,
                    "p5": self.p5,
                    "p95": self.p95,
                    "already": self.already,
                    "never": self.never,
                    f"later_than_{int(self.years[-1])}": self.later,
                    "anchor": self.anchor,
                    "doubling_years": self.doubling_time,
                    "doublings": self.doublings,
                    "year_exact": self.year_exact,
                    "year_rounded_doublings": self.year_rounded,
                }
            ]
        )

    def describe(self, year: float) -> str:
        """One parity year in words: a projected year, a date from the record, or "never"."""
        return describe_year(year, now=self.now, record=self.record, base_year=self.base_year)

    def __str__(self) -> str:
        return render_parity(self)

    def __repr__(self) -> str:
        return f"ParityResult({self})"

    def _repr_html_(self) -> str:
        table = self.summary().to_html(index=False)
        return f"<div><b>{html.escape(self.label)}</b><p>{html.escape(str(self))}</p>{table}</div>"


def describe_year(
    year: float, *, now: float, record: Series | None, base_year: float | None = None, short: bool = False
) -> str:
    """A parity year in words.

    ``inf`` → "never"; a year after the data → the calendar year ("2047"); a date the record already reached →
    "reached in June 2008 (TOP500 #1, Roadrunner)"; at the first data point → "reached by June 1993, when the
    TOP500 #1 record starts (CM-5/1024)"; a fixed scenario's base → "reached by 2015 (the scenario's base)".
    ``short`` drops "reached in" and the record's name: "June 2008 (Roadrunner)".

    Parameters
    ----------
    year : float
        The parity year [year].
    now : float
        The last data date [year].
    record : Series or None
        The record the year comes from, if it is historical.
    base_year : float, optional
        A fixed scenario's base year [year].
    short : bool
        The short form, for a list of dates that share one "reached".
    """
    if math.isinf(year):
        return "never"
    if year > now + 1e-9:
        return format_year(year)
    if record is None or record.t.size == 0:
        if base_year is None:
            return format_year(year)
        return f"by {format_year(year)} (the scenario's base)" if short else (
            f"reached by {format_year(year)} (the scenario's base)")  # fmt: skip
    i = max(0, int(np.searchsorted(record.t, year + 1e-9, side="right")) - 1)
    holder = record.names[i]
    if i == 0 and year <= record.t[0] + 1e-9:
        if short:
            return f"by {format_month(record.t[0])} ({holder}, where the data start)"
        return f"reached by {format_month(record.t[0])}, when the {record.short} record starts ({holder})"
    return (
        f"{format_month(year)} ({holder})" if short else f"reached in {format_month(year)} ({record.short}, {holder})"
    )


def render_parity(r: ParityResult) -> str:
    """The text of a :class:`ParityResult`, the same in ``str()`` and on the command line.

    Parameters
    ----------
    r : ParityResult
        The result.
    """
    historical = r.p95 <= r.now + 1e-9
    if historical:

        def short(y: float) -> str:
            return describe_year(y, now=r.now, record=r.record, base_year=r.base_year, short=True)

        on = f" on {r.record.short}" if r.record is not None else ""
        if r.p5 == r.median == r.p95:
            parts = [f"{r.label}: already reached{on}, {short(r.median)}"]
        else:
            parts = [f"{r.label}: already reached{on} — median {short(r.median)}; 90% interval {short(r.p5)} – "
                     f"{short(r.p95)}"]  # fmt: skip
    elif r.p5 == r.median == r.p95:
        parts = [f"{r.label}: {r.describe(r.median)}"]
    else:
        parts = [f"{r.label}: median {r.describe(r.median)}; 90% interval {r.describe(r.p5)} – {r.describe(r.p95)}"]
    shares = f"already reached {format_percent(r.already)}"
    if r.later > 0:
        shares += f", later than {format_year(r.years[-1])} or never {format_percent(r.later)}"
        if 0 < r.never < r.later:
            shares += f" (never {format_percent(r.never)})"
    parts.append(shares)
    if r.anchor_text:
        parts.append(r.anchor_text)
    if r.doublings > 0 and math.isfinite(r.year_exact):
        whole = "doubling" if r.doublings_rounded == 1 else "doublings"
        parts.append(
            f"central: {significant(r.doublings)} doublings of {r.doubling_time:.2f} years from "
            f"{r.base_year:.1f} → {r.year_exact:.1f} ({r.doublings_rounded} whole {whole} → {r.year_rounded:.1f})"
        )
    elif r.doublings <= 0:
        parts.append("the central estimate is already reached")
    return "; ".join(parts)


def _history(target: np.ndarray, record: Series, shift: np.ndarray) -> np.ndarray:
    """The first date the record (times 10**shift) reached each target; ``nan`` where it has not yet."""
    log_record = np.log10(record.y)  # a running maximum: non-decreasing
    idx = np.searchsorted(log_record, target - shift, side="left")
    out = np.full(target.shape, np.nan)
    ok = idx < record.t.size
    out[ok] = record.t[idx[ok]]
    return out


def parity(
    brain: np.ndarray | float,
    projection: Projection,
    *,
    years: np.ndarray | None = None,
    now: float | None = None,
    seed: int | np.random.Generator | None = 0,
    point: float | None = None,
    today: float | None = None,
) -> ParityResult:
    """The parity-year distribution of a brain distribution against a hardware projection.

    Parameters
    ----------
    brain : numpy.ndarray or float
        Samples of log10 brain performance [log10 of the projection's unit, e.g. log10 FLOP/s]; a single
        value for a point estimate.
    projection : Projection
        Hardware over time with draws of level and growth rate.
    years : numpy.ndarray, optional
        Year grid for P(parity by year) [year]; from the first data year (or base year) to 2200 by default.
    now : float, optional
        The last data date [year]: the projection's ``data_end`` by default (the base year of a fixed scenario).
    seed : int or numpy.random.Generator, optional
        Pairs brain samples with hardware draws when both have several.
    point : float, optional
        The brain's point estimate [log10 FLOP/s] for the doubling count of the published argument
        (``year_exact``, ``year_rounded``); the median of ``brain`` by default.
    today : float, optional
        The present [year]; a projected crossing earlier than this is dated today. Today's date by default.

    Returns
    -------
    ParityResult
    """
    b = np.atleast_1d(np.asarray(brain, float)).ravel()
    m = projection.level.size
    n_pairs = max(b.size, m)
    rng = seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)
    bi = np.arange(n_pairs) % b.size
    hj = np.arange(n_pairs) % m if b.size == 1 or m == 1 else rng.permutation(n_pairs) % m
    target, level, slope = b[bi], projection.level[hj], projection.slope[hj]
    shift = np.zeros(n_pairs) if projection.shift is None else np.resize(projection.shift, m)[hj]
    record = projection.record if projection.record is not None and projection.record.t.size else None
    published = projection.anchor == "published"
    if now is None:
        # the present of the data; a published line with a record attached is judged against that record
        now = record.t[-1] if published and record is not None else (projection.data_end or projection.base_year)
    now = float(now)
    present = max(float(today if today is not None else today_year()), now)

    with np.errstate(divide="ignore", invalid="ignore"):
        year = np.where(slope > 0, projection.base_year + (target - level) / slope, np.inf)
    at_now = level + slope * (min(now, projection.stall_year or now) - projection.base_year)
    if projection.cap is not None:
        at_now = np.minimum(at_now, projection.cap)
        year = np.where(target > projection.cap, np.inf, year)
    if projection.stall_year is not None:
        year = np.where(year > projection.stall_year, np.inf, year)
    already = at_now >= target
    if published and record is not None:
        already = np.log10(record.y[-1]) + shift >= target
    if record is not None:
        dated = _history(target, record, shift)
        # reached in the data: its date; passed only by the fitted line (line anchor): dated at the data's end
        year = np.where(already, np.where(np.isnan(dated), now, dated), year)
    else:
        year = np.where(already, now, year)
    projected = ~already & np.isfinite(year)
    year = np.where(projected, np.maximum(year, present), year)
    never = np.isinf(year)

    if years is None:
        first = record.t[0] if record is not None else projection.base_year
        grid = np.arange(math.floor(min(first, now)), LAST_YEAR + 1, dtype=float)
    else:
        grid = np.asarray(years, float)
    p_by = np.searchsorted(np.sort(year), grid + 1.0, side="left") / n_pairs  # by the end of year Y
    p5, median, p95 = (float(np.quantile(year, q, method="inverted_cdf")) for q in (0.05, 0.5, 0.95))

    central = float(np.median(b)) if point is None else float(point)
    t_double = projection.doubling_time
    doublings = (central - projection.point_level) / _LOG10_2
    if record is not None and np.log10(record.y[-1]) + float(np.median(shift)) >= central:
        doublings = 0.0  # the record has passed the central value: no doubling count to make
    if math.isinf(t_double) or doublings <= 0:
        exact = rounded = math.inf if math.isinf(t_double) and doublings > 0 else math.nan
        whole = 0
        doublings = max(doublings, 0.0)
    else:
        whole = max(0, math.ceil(doublings - 1e-12))
        exact = projection.base_year + doublings * t_double
        rounded = projection.base_year + whole * t_double
    return ParityResult(
        label=projection.label, years=grid, p_by_year=p_by, median=median, p5=p5, p95=p95,
        already=float(already.mean()), never=float(never.mean()), now=now, today=present,
        base_year=projection.base_year, doubling_time=t_double, doublings=float(doublings),
        doublings_rounded=int(whole), year_exact=float(exact), year_rounded=float(rounded),
        anchor=projection.anchor, anchor_text=projection.anchor_text, record=record, samples=year,
    )  # fmt: skip


def timeline(
    brain,
    scenario: str | os.PathLike[str] | Scenario,
    *,
    n_draws: int = 2000,
    seed: int = 0,
    data: str | os.PathLike[str] | None = None,
    years: np.ndarray | None = None,
    brain_n: int = 20_000,
    anchor: str = "record",
    utilisation=None,
) -> ParityResult:
    """The parity year of a brain estimate against a shipped (or given) scenario.

    Parameters
    ----------
    brain : AssumptionSet, str, PathLike, float or numpy.ndarray
        An assumption set, set id or path (its distribution, sampled, and its point estimate for the
        doubling count), or samples of log10 brain performance [log10 FLOP/s] — see
        :func:`brainflops.forecast.brain.brain_samples`.
    scenario : str, PathLike or Scenario
        A scenario id, ``id@version``, path, or loaded scenario.
    n_draws : int
        Draws of the fit parameters for a fitted scenario.
    seed : int
        Random seed (draws and pairing).
    data : str or PathLike, optional
        A CSV to fit instead of the shipped one.
    years : numpy.ndarray, optional
        Year grid [year].
    brain_n : int
        Draws from an assumption set's distribution.
    anchor : {"record", "line"}
        Where a fitted scenario starts: the last record value at its date (default) or the fitted line.
    utilisation : str, PathLike, float or Utilisation, optional
        For a scenario of deep learning's frame (the AI-cluster record), the fraction of peak achieved [1]: the
        cited ``mfu-large-training-runs`` by default, ``1`` for raw peak. Other scenarios are not scaled.

    Returns
    -------
    ParityResult

    Raises
    ------
    AssumptionError
        The scenario does not project FLOP/s, or its fit does not grow (a fitted slope ≤ 0 never reaches
        parity, which for a user-chosen fit is a mistake to report, not a result to plot).
    """
    s = load_scenario(scenario)
    projection = s.projection(n_draws, seed, data=data, anchor=anchor)
    if projection.unit != "FLOP/s":
        raise AssumptionError(
            f"projects {projection.unit}, not FLOP/s; it cannot be compared with a brain's FLOP/s", file=s.label
        )
    if isinstance(s.spec.projection, FittedTrend) and projection.point_slope <= 0:
        p = s.spec.projection
        raise AssumptionError(
            f"the fit of '{p.series}' over {p.start or 'start'}–{p.end or 'latest'} has non-positive growth "
            f"({projection.point_slope:.3g} log10/year): it never reaches parity",
            file=s.label,
            parameter="projection",
            expected="a positive growth rate",
            found=f"{projection.point_slope:.3g} log10/year",
        )
    from brainflops.forecast.frames import FRAMES, frame_of
    from brainflops.forecast.utilisation import DEFAULT_UTILISATION, load_utilisation

    frame = frame_of(s)
    if frame is not None and FRAMES[frame].utilisation:
        u = load_utilisation(DEFAULT_UTILISATION if utilisation is None else utilisation)
        projection = projection.shifted(np.log10(u.draws(n_draws, np.random.default_rng(seed))))
    samples, point = brain_samples(brain, brain_n, seed)
    return parity(samples, projection, years=years, seed=seed, point=point)
