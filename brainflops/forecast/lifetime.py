"""A brain's lifetime compute against the largest training runs.

Lifetime compute = brain FLOP/s × a span of life (30 Julian years by default) [FLOP]. The largest training run
per year (Epoch AI) is fitted and projected from its last record, like every hardware series.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import numpy as np
import pandas as pd

from brainflops.forecast.brain import brain_log10, brain_samples
from brainflops.forecast.parity import ParityResult, parity
from brainflops.hardware import datasets, trends
from brainflops.hardware.projection import fit_projection
from brainflops.hardware.series import get_series
from brainflops.units import Quantity

__all__ = ["LifetimeComparison", "lifetime_compute", "training_vs_lifetime"]


def lifetime_compute(brain_flops: float | np.ndarray, years: float = 30.0) -> np.ndarray:
    """A brain's compute over a span of life: FLOP/s × ``years`` (Julian years of 365.25 days) [FLOP].

    Parameters
    ----------
    brain_flops : float, numpy.ndarray or pint.Quantity
        Brain performance [FLOP/s].
    years : float
        Span [year]; 30 years by default (roughly the age by which a person has learned what they use).
    """
    seconds = Quantity(years, "year").to("s").magnitude
    return 10 ** brain_log10(brain_flops) * seconds


@dataclass(frozen=True)
class LifetimeComparison:
    """Brain lifetime compute against the largest training run per year.

    Attributes
    ----------
    lifetime_flop : float
        Median lifetime compute [FLOP].
    lifetime_years : float
        The span of life counted [year].
    first_year_passed : int or None
        First calendar year whose largest run reached the median lifetime compute; ``None`` if none yet.
    fit : TrendFit
        Log-linear fit of the largest training run per year [FLOP].
    parity : ParityResult
        When the runs pass the lifetime-compute distribution (the record first, then the trend).
    """

    lifetime_flop: float
    lifetime_years: float
    first_year_passed: int | None
    fit: trends.TrendFit
    parity: ParityResult

    def __str__(self) -> str:
        from brainflops.formatting import format_sci

        passed = "not yet" if self.first_year_passed is None else str(self.first_year_passed)
        return (
            f"median lifetime compute {format_sci(self.lifetime_flop, 'FLOP')} over {self.lifetime_years:g} years; "
            f"the largest training run first passed it: {passed}; {self.parity}"
        )

    def __repr__(self) -> str:
        return f"LifetimeComparison({self})"

    def _repr_html_(self) -> str:
        return self.to_frame().to_html(index=False)

    def to_frame(self) -> pd.DataFrame:
        """One row: lifetime FLOP, first year passed, training doubling time, parity-year percentiles."""
        return pd.DataFrame(
            [
                {
                    "lifetime_flop": self.lifetime_flop,
                    "lifetime_years": self.lifetime_years,
                    "first_year_passed": self.first_year_passed,
                    "training_doubling_years": self.fit.doubling_time,
                    "parity_median": self.parity.median,
                    "parity_p5": self.parity.p5,
                    "parity_p95": self.parity.p95,
                    "already": self.parity.already,
                }
            ]
        )


def training_vs_lifetime(
    brain,
    *,
    years: float = 30.0,
    start: float | None = 2010,
    end: float | None = None,
    n_draws: int = 2000,
    seed: int = 0,
    path: str | os.PathLike[str] | None = None,
) -> LifetimeComparison:
    """The year the largest training runs passed (or pass) a brain's lifetime compute.

    Parameters
    ----------
    brain : AssumptionSet, str, PathLike, float or numpy.ndarray
        A set, or samples of log10 brain performance [log10 FLOP/s]
        (see :func:`brainflops.forecast.brain.brain_samples`).
    years : float
        Lifetime span [year].
    start, end : float, optional
        Window of the training-compute fit [year]; from 2010 by default (Sevilla et al. 2022 find a
        faster regime from about 2010).
    n_draws, seed : int
        Draws of the fit parameters and the random seed.
    path : str or PathLike, optional
        A training-runs CSV instead of the shipped one.

    References
    ----------
    Sevilla, J. et al. (2022). Compute trends across three eras of machine learning. arXiv:2202.05924.
    """
    # log10 samples are already checked; a Quantity skips the "looks like log10" guard for tiny brains
    lifetime = lifetime_compute(Quantity(10 ** brain_samples(brain)[0], "FLOP/s"), years)
    runs = datasets.load_training_runs(path)
    median = float(np.median(lifetime))
    passed = runs[runs["training_flop"] >= median]
    series = get_series("training-compute", path=path)
    fit = trends.fit_loglinear(series, start, end)
    projection = fit_projection(fit, n_draws, seed, label="largest training run per year", anchor="record",
                                series=series)  # fmt: skip
    result = parity(np.log10(lifetime), projection, seed=seed)
    first = None if passed.empty else int(passed["calendar_year"].iloc[0])
    return LifetimeComparison(median, years, first, fit, result)
