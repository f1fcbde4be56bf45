"""The hardware outlook of one brain estimate: everything the timeline and energy views draw, in one place.

:func:`outlook` runs the brain's distribution against several trend scenarios and gathers the history to
show; :func:`energy_outlook` does the same for energy efficiency. Both return plain data that
:func:`brainflops.plots.timeline` and :func:`brainflops.plots.energy` draw — the app, the report and notebooks
share this one composition.
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pint

from brainflops.assumptions import AssumptionSet, load
from brainflops.forecast.brain import brain_samples
from brainflops.forecast.energy import BRAIN_POWER_W, energy_parity, landauer_limit
from brainflops.forecast.parity import ParityResult, parity
from brainflops.hardware import trends
from brainflops.hardware.projection import Projection, fit_projection
from brainflops.hardware.scenarios import FittedTrend, load_scenario
from brainflops.hardware.series import get_series

__all__ = ["DEFAULT_SCENARIOS", "EnergyOutlook", "Outlook", "energy_outlook", "outlook"]

#: Scenarios shown by default: the post's three, and what the record since says.
DEFAULT_SCENARIOS = (
    "dettmers-2015-60-year-growth",
    "dettmers-2015-lower",
    "hpcg-rank1-2014-latest",
    "top500-rank1-2013-latest",
)


@dataclass(frozen=True)
class Outlook:
    """A brain distribution against trend scenarios.

    Attributes
    ----------
    set_ref : str
        ``id@version`` of the brain set.
    point : float
        The brain's point estimate [log10 FLOP/s].
    brain_log10 : numpy.ndarray
        Brain samples [log10 FLOP/s].
    projections : dict of str to Projection
        Scenario label to hardware projection [FLOP/s].
    parities : dict of str to ParityResult
        Scenario label to parity-year distribution.
    sources : dict of str to str
        Scenario label to ``id@version``, hash and citation.
    history : list of Series
        The data series the scenarios are fitted to or compared with.
    """

    set_ref: str
    point: float
    brain_log10: np.ndarray = field(repr=False)
    projections: dict[str, Projection] = field(repr=False)
    parities: dict[str, ParityResult] = field(repr=False)
    sources: dict[str, str]
    history: list = field(repr=False)

    def to_frame(self) -> pd.DataFrame:
        """One row per scenario: median, 90% interval, already reached, never, source."""
        rows = []
        for label, p in self.parities.items():
            rows.append(
                {
                    "scenario": label,
                    "median_year": p.median,
                    "p5_year": p.p5,
                    "p95_year": p.p95,
                    "already_reached": p.already,
                    "never": p.never,
                    "doubling_years": p.doubling_time,
                    "source": self.sources[label],
                }
            )
        return pd.DataFrame(rows)

    def _repr_html_(self) -> str:
        return f"<div><b>Hardware outlook of {self.set_ref}</b></div>" + self.to_frame().to_html(index=False)


def outlook(
    assumption_set: AssumptionSet | str | os.PathLike[str],
    scenarios: Sequence[str] = DEFAULT_SCENARIOS,
    *,
    overrides: Mapping[str, str | float | pint.Quantity] | None = None,
    n: int = 20_000,
    n_draws: int = 2000,
    seed: int = 0,
) -> Outlook:
    """Parity-year distributions of a brain set against several scenarios, with the history to draw.

    Parameters
    ----------
    assumption_set : AssumptionSet, str or PathLike
        A loaded set, an id or a path.
    scenarios : sequence of str
        Scenario ids, ``id@version`` or paths.
    overrides : mapping, optional
        Changed parameter values (as for :func:`brainflops.estimate`).
    n : int
        Brain samples.
    n_draws : int
        Draws of each scenario's fit parameters.
    seed : int
        Seed for both.

    Returns
    -------
    Outlook
    """
    s = load(assumption_set)
    brain, point = brain_samples(s, n, seed, overrides)
    projections, parities, sources, series_names = {}, {}, {}, ["hpcg-rank1", "top500-rank1"]
    for ref in scenarios:
        scenario = load_scenario(ref)
        projection = scenario.projection(n_draws, seed)
        label = scenario.title
        projections[label] = projection
        parities[label] = parity(brain, projection, seed=seed, point=point)
        sources[label] = f"{scenario.ref} (hash {scenario.hash[:12]}): {scenario.citation}"
        spec = scenario.spec.projection
        if isinstance(spec, FittedTrend) and spec.series not in series_names:
            series_names.append(spec.series)
    history = [get_series(name) for name in series_names if name in ("hpcg-rank1", "top500-rank1")]
    return Outlook(s.ref, point, brain, projections, parities, sources, history)


@dataclass(frozen=True)
class EnergyOutlook:
    """A brain's FLOP/s per watt against the Green500 efficiency trend.

    Attributes
    ----------
    set_ref : str
        ``id@version`` of the brain set.
    brain_flops_per_w : numpy.ndarray
        Brain samples [FLOP/s per W] at :data:`brainflops.forecast.energy.BRAIN_POWER_W`.
    parity : ParityResult
        The energy-parity year distribution.
    fit : TrendFit
        The Green500 fit.
    projection : Projection
        The fit as a projection.
    landauer_j_per_bit : float
        k_B·T·ln 2 at 310 K [J].
    green500 : Series
        The efficiency history.
    """

    set_ref: str
    brain_flops_per_w: np.ndarray = field(repr=False)
    parity: ParityResult = field(repr=False)
    fit: trends.TrendFit = field(repr=False)
    projection: Projection = field(repr=False)
    landauer_j_per_bit: float
    green500: object = field(repr=False)


def energy_outlook(
    assumption_set: AssumptionSet | str | os.PathLike[str],
    *,
    overrides: Mapping[str, str | float | pint.Quantity] | None = None,
    n: int = 20_000,
    n_draws: int = 2000,
    seed: int = 0,
) -> EnergyOutlook:
    """Energy parity: when the most efficient computer matches the brain's FLOP/s per watt (20 W).

    Parameters
    ----------
    assumption_set : AssumptionSet, str or PathLike
        A loaded set, an id or a path.
    overrides : mapping, optional
        Changed parameter values.
    n, n_draws, seed : int
        Brain samples, fit draws, seed.

    Returns
    -------
    EnergyOutlook
    """
    s = load(assumption_set)
    brain, _ = brain_samples(s, n, seed, overrides)
    result, fit = energy_parity(brain, n_draws=n_draws, seed=seed)
    green500 = get_series("green500")
    projection = fit_projection(fit, n_draws, seed, label="Green500 #1 efficiency trend", anchor="record",
                                series=green500)  # fmt: skip
    return EnergyOutlook(
        s.ref, 10 ** (brain - math.log10(BRAIN_POWER_W)), result, fit, projection, landauer_limit(), green500,
    )  # fmt: skip
