"""When does hardware reach the brain? The parity-year distribution, and energy parity.

The brain side is a 1-D array of samples of log10(FLOP/s) (one value for a point estimate); the hardware side
is a :class:`~brainflops.scenarios.Projection` with draws of its level and growth rate. Each brain sample is
paired with a hardware draw and solved for the year the line crosses it:

    year = base_year + (log10 brain - level) / slope

A pair whose hardware is already at or above the brain in the scenario's present (the last data year of a fit,
the base year of a fixed scenario) counts as **already reached**; a pair that never crosses (growth ≤ 0, a
brain above the cap, or a crossing after the stall year) counts as **never** — both reported as fractions,
not hidden in the percentiles. Percentiles are taken over all pairs with "never" as +∞ and "already" at the
present, so a median of ``inf`` means "more likely never than not".
"""

from __future__ import annotations

import html
import math
import os
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pint

from brainflops import trends
from brainflops.errors import AssumptionError, BrainflopsError
from brainflops.scenarios import FittedTrend, Projection, Scenario, fit_projection, load_scenario
from brainflops.units import parse_quantity, ureg

__all__ = [
    "BRAIN_POWER_W",
    "ParityResult",
    "brain_log10",
    "brain_samples",
    "energy_parity",
    "landauer_bit_rate",
    "landauer_limit",
    "parity",
    "timeline",
]

#: Power of the human brain [W]. Balasubramanian, V. (2021). Brain power. PNAS 118(32), e2107022118.
BRAIN_POWER_W = 20.0

_LOG10_2 = math.log10(2.0)


@dataclass(frozen=True)
class ParityResult:
    """The distribution of the year hardware reaches the brain.

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
        Fraction of pairs already at parity in the scenario's present (``now``).
    never : float
        Fraction of pairs that never reach parity.
    now : float
        The scenario's present [year].
    doublings : float
        Doublings from the central hardware level at ``base_year`` to the central brain value (exact).
    doublings_rounded : int
        Whole doublings needed (``ceil``), as Dettmers (2015) counts "21 doubling periods".
    year_exact, year_rounded : float
        Central parity year from the exact and from the whole doublings [year].
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
    base_year: float
    doubling_time: float
    doublings: float
    doublings_rounded: int
    year_exact: float
    year_rounded: float
    samples: np.ndarray = field(repr=False)

    def to_frame(self) -> pd.DataFrame:
        """P(parity by year) over the grid."""
        return pd.DataFrame({"year": self.years, "p_parity_by_year": self.p_by_year})

    def summary(self) -> pd.DataFrame:
        """One row: median, 90% interval, already, never, the central exact and rounded-doublings years."""
        return pd.DataFrame(
            [
                {
                    "scenario": self.label,
                    "median": self.median,
                    "p5": self.p5,
                    "p95": self.p95,
                    "already": self.already,
                    "never": self.never,
                    "doubling_years": self.doubling_time,
                    "doublings": self.doublings,
                    "year_exact": self.year_exact,
                    "year_rounded_doublings": self.year_rounded,
                }
            ]
        )

    def __repr__(self) -> str:
        return f"ParityResult({self})"

    def _repr_html_(self) -> str:
        return f"<div><b>{html.escape(self.label)}</b>{self.summary().to_html(index=False)}</div>"

    def __str__(self) -> str:
        def y(v: float) -> str:
            if math.isinf(v):
                return "never"
            return f"already (by {self.now:.1f})" if v <= self.now else f"{v:.0f}"

        return (
            f"{self.label}: median {y(self.median)}, 90% interval {y(self.p5)}–{y(self.p95)}; "
            f"already reached {self.already:.0%}, never {self.never:.0%}; central: {self.doublings:.1f} doublings "
            f"of {self.doubling_time:.2f} years from {self.base_year:.1f} → {self.year_exact:.1f} "
            f"({self.doublings_rounded} whole doublings → {self.year_rounded:.1f})"
        )


def brain_log10(brain_flops: float | np.ndarray | pd.Series | pint.Quantity) -> np.ndarray:
    """Brain FLOP/s (a float, samples, or a pint Quantity) as a 1-D array of log10 values.

    Parameters
    ----------
    brain_flops : float, array-like or pint.Quantity
        Brain performance [FLOP/s]. A Quantity is converted to FLOP/s and taken as it is; a bare number below
        1e3 is refused as probably a log10 value already (pass a Quantity for a brain that small).

    Raises
    ------
    BrainflopsError
        Non-finite or non-positive values, or bare numbers below 1e3 FLOP/s.
    """
    is_quantity = isinstance(brain_flops, pint.Quantity)
    if is_quantity:
        brain_flops = brain_flops.to("FLOP/s").magnitude
    values = np.atleast_1d(np.asarray(brain_flops, dtype=float)).ravel()
    if values.size == 0 or not np.all(np.isfinite(values)) or np.any(values <= 0):
        raise BrainflopsError("brain FLOP/s must be finite positive numbers")
    if not is_quantity and np.any(values < 1e3):
        raise BrainflopsError(
            f"brain FLOP/s of {values.min():.4g} looks like a log10 value; pass FLOP/s here (e.g. 1.075e21)"
        )
    return np.log10(values)


def brain_samples(brain, n: int = 20_000, seed: int = 0, overrides=None) -> tuple[np.ndarray, float]:
    """The brain side of a comparison: log10(FLOP/s) samples and the log10 point estimate.

    Parameters
    ----------
    brain : AssumptionSet, str, PathLike, float or numpy.ndarray
        An assumption set (or its id / path): ``n`` Monte Carlo draws of its distribution (its uncertain
        parameters) and its point estimate. Or samples of log10 brain performance [log10 FLOP/s] (one value
        for a point estimate), whose median then stands for the point.
    n : int
        Draws from an assumption set's distribution.
    seed : int
        Seed of those draws.
    overrides : mapping, optional
        Changed parameter values of an assumption set (as for :func:`brainflops.estimate`).

    Returns
    -------
    (numpy.ndarray, float)
        Samples [log10 FLOP/s] and the point estimate [log10 FLOP/s].

    Raises
    ------
    BrainflopsError
        Non-finite samples, or values above 100 (FLOP/s passed where log10 was expected).
    """
    from brainflops.assumptions import AssumptionSet
    from brainflops.uncertainty import sample

    if isinstance(brain, AssumptionSet | str | os.PathLike):
        d = sample(brain, n, seed, overrides=overrides, exact=False, keep_samples=True)
        return d.samples, math.log10(d.point)  # a point-valued set keeps its one value
    values = np.atleast_1d(np.asarray(brain, dtype=float)).ravel()
    if values.size == 0 or not np.all(np.isfinite(values)):
        raise BrainflopsError("brain samples must be finite log10(FLOP/s) values")
    if np.any(values > 100):
        raise BrainflopsError(
            f"brain samples are log10(FLOP/s), found {values.max():.4g}; pass numpy.log10 of the FLOP/s "
            "(brainflops.timeline.brain_log10 converts)"
        )
    return values, float(np.median(values))


def parity(
    brain: np.ndarray | float,
    projection: Projection,
    *,
    years: np.ndarray | None = None,
    now: float | None = None,
    seed: int | np.random.Generator | None = 0,
    point: float | None = None,
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
        Year grid for P(parity by year) [year]; ``now`` … 2200 by default.
    now : float, optional
        The present of the scenario [year]: the last data year of a fit or the base year of a fixed scenario.
    seed : int or numpy.random.Generator, optional
        Pairs brain samples with hardware draws when both have several.
    point : float, optional
        The brain's point estimate [log10 FLOP/s] for the doubling count of the published argument
        (``year_exact``, ``year_rounded``); the median of ``brain`` by default.

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
    now = float(now if now is not None else (projection.data_end or projection.base_year))

    with np.errstate(divide="ignore", invalid="ignore"):
        year = np.where(slope > 0, projection.base_year + (target - level) / slope, np.inf)
    at_now = level + slope * (min(now, projection.stall_year or now) - projection.base_year)
    if projection.cap is not None:
        at_now = np.minimum(at_now, projection.cap)
        year = np.where(target > projection.cap, np.inf, year)
    if projection.stall_year is not None:
        year = np.where(year > projection.stall_year, np.inf, year)
    already = at_now >= target
    year = np.where(already, now, year)
    never = np.isinf(year)

    grid = np.arange(math.floor(now), 2201, dtype=float) if years is None else np.asarray(years, float)
    sorted_years = np.sort(year)
    p_by = np.searchsorted(sorted_years, grid + 1.0, side="left") / n_pairs  # by the end of year Y
    p5, median, p95 = (float(np.quantile(year, q, method="inverted_cdf")) for q in (0.05, 0.5, 0.95))

    central = float(np.median(b)) if point is None else float(point)
    t_double = projection.doubling_time
    doublings = (central - projection.point_level) / _LOG10_2
    if math.isinf(t_double):
        exact = rounded = math.inf
        whole = 0
    else:
        whole = max(0, math.ceil(doublings - 1e-12))
        exact = projection.base_year + doublings * t_double
        rounded = projection.base_year + whole * t_double
    return ParityResult(
        label=projection.label,
        years=grid,
        p_by_year=p_by,
        median=median,
        p5=p5,
        p95=p95,
        already=float(already.mean()),
        never=float(never.mean()),
        now=now,
        base_year=projection.base_year,
        doubling_time=t_double,
        doublings=float(doublings),
        doublings_rounded=int(whole),
        year_exact=float(exact),
        year_rounded=float(rounded),
        samples=year,
    )


def timeline(
    brain,
    scenario: str | os.PathLike[str] | Scenario,
    *,
    n_draws: int = 2000,
    seed: int = 0,
    data: str | os.PathLike[str] | None = None,
    years: np.ndarray | None = None,
    brain_n: int = 20_000,
) -> ParityResult:
    """The parity year of a brain estimate against a shipped (or given) scenario.

    Parameters
    ----------
    brain : AssumptionSet, str, PathLike, float or numpy.ndarray
        An assumption set, set id or path (its distribution, sampled, and its point estimate for the
        doubling count), or samples of log10 brain performance [log10 FLOP/s] — see :func:`brain_samples`.
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
    projection = s.projection(n_draws, seed, data=data)
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
    samples, point = brain_samples(brain, brain_n, seed)
    return parity(samples, projection, years=years, seed=seed, point=point)


def landauer_bit_rate(power_w: float = BRAIN_POWER_W, temperature: str = "310 K") -> float:
    """Most bit erasures per second that ``power_w`` can pay for at ``temperature`` (Landauer) [1/s].

    power / (k_B · T · ln 2): about 6.74e21 for a 20 W brain at 310 K. It bounds irreversible bit operations,
    not FLOP (a FLOP erases many bits; reversible computing erases few), so it is a landmark, not a ceiling.
    """
    return float(power_w) / landauer_limit(temperature)


def landauer_limit(temperature: str = "310 K") -> float:
    """Minimum energy to erase one bit, k_B·T·ln 2 [J], from the CODATA Boltzmann constant.

    Parameters
    ----------
    temperature : str
        Absolute temperature as a quantity string with its unit [K, or any temperature unit]; body temperature
        (310 K) by default.

    References
    ----------
    Landauer, R. (1961). Irreversibility and heat generation in the computing process. IBM Journal of Research
    and Development 5(3), 183–191.
    """
    t = parse_quantity(temperature).to("K")
    return float((ureg.boltzmann_constant * t * math.log(2)).to("J").magnitude)


def energy_parity(
    brain,
    *,
    power_w: float = BRAIN_POWER_W,
    start: float | None = None,
    end: float | None = None,
    n_draws: int = 2000,
    seed: int = 0,
    data: str | os.PathLike[str] | None = None,
) -> tuple[ParityResult, trends.TrendFit]:
    """When the most efficient system (Green500 trend) matches the brain's FLOP/s per watt.

    Parameters
    ----------
    brain : AssumptionSet, str, PathLike, float or numpy.ndarray
        A set, or samples of log10 brain performance [log10 FLOP/s] — see :func:`brain_samples`.
    power_w : float
        Brain power [W]; 20 W (Balasubramanian 2021) by default.
    start, end : float, optional
        Window of the Green500 fit [year].
    n_draws, seed, data
        As for :func:`timeline`.

    Returns
    -------
    (ParityResult, TrendFit)
        The energy-parity distribution and the Green500 fit [FLOP/s per W].

    References
    ----------
    Balasubramanian, V. (2021). Brain power. PNAS 118(32), e2107022118.
    """
    if not power_w > 0:
        raise BrainflopsError(f"brain power must be positive, found {power_w} W")
    fit = trends.fit_loglinear(trends.get_series("green500", path=data), start, end)
    projection = fit_projection(fit, n_draws, seed, label="Green500 #1 efficiency trend")
    samples, point = brain_samples(brain, seed=seed)
    watts = math.log10(power_w)
    return parity(samples - watts, projection, seed=seed, point=point - watts), fit
