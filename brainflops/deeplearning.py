"""The brain against deep-learning hardware: accelerators per brain, and brain lifetime compute against the
largest training runs.

Peak figures are dense (no structured sparsity) at a stated precision; sustained training throughput is
typically well below peak, so device counts here are lower bounds.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import numpy as np
import pandas as pd

from brainflops import hardware, trends
from brainflops.assumptions import AssumptionSet
from brainflops.errors import DataError
from brainflops.scenarios import fit_projection
from brainflops.timeline import BRAIN_POWER_W, ParityResult, brain_log10, brain_samples, parity
from brainflops.units import Quantity

__all__ = ["LifetimeComparison", "gpus_per_brain", "lifetime_compute", "training_vs_lifetime"]


def gpus_per_brain(
    brain_flops: float | np.ndarray | AssumptionSet | str | os.PathLike[str],
    precision: str = "fp16_tensor",
    *,
    path: str | os.PathLike[str] | None = None,
) -> pd.DataFrame:
    """How many of each accelerator at its dense peak equal one brain, and that cluster's price and power.

    Parameters
    ----------
    brain_flops : float, numpy.ndarray, pint.Quantity, AssumptionSet, str or PathLike
        Brain performance [FLOP/s]; with samples, the median is used and the 5th/95th percentiles are added.
        An assumption set (or its id or path) stands for draws of its distribution [FLOP/s].
    precision : str
        A key of :data:`brainflops.hardware.PRECISIONS`; devices without a figure at it are left out.
    path : str or PathLike, optional
        An accelerators CSV instead of the shipped one.

    Returns
    -------
    pandas.DataFrame
        Per device: ``name``, ``year``, ``precision``, ``peak_flops`` [FLOP/s], ``devices`` (brain / peak,
        fractional), ``devices_p5``, ``devices_p95``, ``cost_usd`` (devices × launch price; NaN without a
        price) [USD], ``power_w`` (devices × TDP) [W], ``power_vs_brain`` (cluster power / 20 W).
    """
    if precision not in hardware.PRECISIONS:
        raise DataError(f"unknown precision '{precision}' (known: {', '.join(hardware.PRECISIONS)})")
    if isinstance(brain_flops, AssumptionSet | str | os.PathLike):
        values = 10 ** brain_samples(brain_flops)[0]
    else:
        values = 10 ** brain_log10(brain_flops)
    mid, p5, p95 = np.median(values), np.quantile(values, 0.05), np.quantile(values, 0.95)
    acc = hardware.load_accelerators(path)
    col = hardware.PRECISIONS[precision]
    acc = acc[acc[col] > 0]
    devices = mid / acc[col]
    return pd.DataFrame(
        {
            "name": acc["name"],
            "year": acc["date"].dt.year,
            "precision": precision,
            "peak_flops": acc[col],
            "devices": devices,
            "devices_p5": p5 / acc[col],
            "devices_p95": p95 / acc[col],
            "cost_usd": devices * acc["price_usd"],
            "power_w": devices * acc["tdp_w"],
            "power_vs_brain": devices * acc["tdp_w"] / BRAIN_POWER_W,
        }
    ).reset_index(drop=True)


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
    first_year_passed : int or None
        First calendar year whose largest run reached the median lifetime compute; ``None`` if none yet.
    fit : TrendFit
        Log-linear fit of the largest training run per year [FLOP].
    parity : ParityResult
        When the trend passes the lifetime-compute distribution.
    """

    lifetime_flop: float
    lifetime_years: float
    first_year_passed: int | None
    fit: trends.TrendFit
    parity: ParityResult

    def __repr__(self) -> str:
        passed = "not yet" if self.first_year_passed is None else str(self.first_year_passed)
        return (
            f"LifetimeComparison(median lifetime {self.lifetime_flop:.3g} FLOP over {self.lifetime_years:g} years; "
            f"largest run first passed it: {passed}; {self.parity})"
        )

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
        (see :func:`brainflops.timeline.brain_samples`).
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
    runs = hardware.load_training_runs(path)
    median = float(np.median(lifetime))
    passed = runs[runs["training_flop"] >= median]
    fit = trends.fit_loglinear(trends.get_series("training-compute", path=path), start, end)
    projection = fit_projection(fit, n_draws, seed, label="largest training run per year")
    result = parity(np.log10(lifetime), projection, seed=seed)
    first = None if passed.empty else int(passed["calendar_year"].iloc[0])
    return LifetimeComparison(median, years, first, fit, result)
