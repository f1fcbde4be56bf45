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
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd
import pint

from brainflops.assumptions import AssumptionSet, load
from brainflops.errors import BrainflopsError
from brainflops.forecast.brain import brain_samples
from brainflops.forecast.energy import BRAIN_POWER_W, energy_parity, landauer_limit
from brainflops.forecast.frames import FRAMES, frame_of
from brainflops.forecast.parity import LAST_YEAR, ParityResult, parity
from brainflops.forecast.utilisation import DEFAULT_UTILISATION, Utilisation, load_utilisation
from brainflops.forecast.weights import DEFAULT_WEIGHTS, Weights, load_weights
from brainflops.hardware import trends
from brainflops.hardware.projection import Projection, fit_projection
from brainflops.hardware.scenarios import load_scenario
from brainflops.hardware.series import get_series

__all__ = ["DEFAULT_SCENARIOS", "EnergyOutlook", "Outlook", "energy_outlook", "outlook", "render_outlook"]

#: Scenarios shown by default: deep learning's frame (the cluster record, Epoch AI's rate) and the post's
#: (HPCG and TOP500 #1 from their records, and the post's two lines).
DEFAULT_SCENARIOS = (
    "ai-cluster-record-2019-latest",
    "epoch-2025-ai-supercomputers",
    "hpcg-rank1-2014-latest",
    "top500-rank1-2013-latest",
    "dettmers-2015-60-year-growth",
    "dettmers-2015-lower",
)


@dataclass(frozen=True)
class Outlook:
    """A brain distribution against trend scenarios, each in its frame.

    Attributes
    ----------
    set_ref : str
        ``id@version`` of the brain set.
    point : float
        The brain's point estimate [log10 FLOP/s].
    brain_log10 : numpy.ndarray
        Brain samples [log10 FLOP/s].
    projections : dict of str to Projection
        Scenario label to hardware projection [FLOP/s] (times utilisation in deep learning's frame).
    parities : dict of str to ParityResult
        Scenario label to parity-year distribution.
    sources : dict of str to str
        Scenario label to ``id@version``, hash and citation.
    history : list of Series
        The records to draw [FLOP/s]; the AI-cluster record is times the median utilisation.
    frames : dict of str to str or None
        Scenario label to frame key (``None`` for a budget scenario, which belongs to neither frame).
    utilisation : Utilisation
        The utilisation of deep learning's frame.
    anchor : str
        ``"record"`` or ``"line"``.
    """

    set_ref: str
    point: float
    brain_log10: np.ndarray = field(repr=False)
    projections: dict[str, Projection] = field(repr=False)
    parities: dict[str, ParityResult] = field(repr=False)
    sources: dict[str, str]
    history: list = field(repr=False)
    frames: dict[str, str | None] = field(default_factory=dict)
    utilisation: Utilisation | None = field(default=None, repr=False)
    anchor: str = "record"

    def to_frame(self) -> pd.DataFrame:
        """One row per scenario: frame, median, 90% interval, already reached, never, anchor, source."""
        rows = []
        for label, p in self.parities.items():
            frame = self.frames.get(label)
            rows.append(
                {
                    "scenario": label,
                    "frame": FRAMES[frame].name if frame else "no frame (a budget, one chip, or unnamed)",
                    "median_year": p.median,
                    "p5_year": p.p5,
                    "p95_year": p.p95,
                    "already_reached": p.already,
                    "never": p.never,
                    f"later_than_{LAST_YEAR}": p.later,
                    "doubling_years": p.doubling_time,
                    "anchor": p.anchor,
                    "source": self.sources[label],
                }
            )
        return pd.DataFrame(rows)

    def __str__(self) -> str:
        return render_outlook(self)

    def _repr_html_(self) -> str:
        return f"<div><b>Hardware outlook of {self.set_ref}</b></div>" + self.to_frame().to_html(index=False)


def render_outlook(o: Outlook) -> str:
    """Every scenario's parity years, grouped by frame and labelled in words (the ``timeline`` command).

    Parameters
    ----------
    o : Outlook
        From :func:`outlook`.
    """
    lines = []
    u = o.utilisation.median if o.utilisation is not None else None
    for key in (*FRAMES, None):
        members = [label for label, f in o.frames.items() if f == key]
        if not members:
            continue
        lines.append(FRAMES[key].label(u) + ":" if key else "other scenarios (a budget, one chip, or no frame named):")
        lines += [f"  {o.parities[label]}" for label in members]
    if u is not None and any(f == "deep-learning" for f in o.frames.values()):
        lines.append(f"deep learning's frame counts {o.utilisation}; --utilisation 1 gives raw peak")
    return "\n".join(lines)


def outlook(
    assumption_set: AssumptionSet | str | os.PathLike[str],
    scenarios: Sequence[str] = DEFAULT_SCENARIOS,
    *,
    overrides: Mapping[str, str | float | pint.Quantity] | None = None,
    utilisation: str | os.PathLike[str] | float | Utilisation = DEFAULT_UTILISATION,
    anchor: str = "record",
    weights: str | os.PathLike[str] | Weights = DEFAULT_WEIGHTS,
    n: int = 20_000,
    n_draws: int = 2000,
    seed: int = 0,
) -> Outlook:
    """Parity-year distributions of a brain set against several scenarios, each in its frame, with the records.

    Parameters
    ----------
    assumption_set : AssumptionSet, str or PathLike
        A loaded set, an id or a path.
    scenarios : sequence of str
        Scenario ids, ``id@version`` or paths.
    overrides : mapping, optional
        Changed parameter values (as for :func:`brainflops.estimate`).
    utilisation : str, PathLike, float or Utilisation
        The fraction of peak in deep learning's frame [1]; ``1`` for raw peak.
    anchor : {"record", "line"}
        Where fitted scenarios start.
    weights : str, PathLike or Weights
        Where a scenario's frame (and a fixed scenario's record) is looked up; a scenario it does not list gets
        its frame from its series.
    n : int
        Brain samples.
    n_draws : int
        Draws of each scenario's fit parameters (and of the utilisation), at most 1,000,000.
    seed : int
        Seed for both.

    Returns
    -------
    Outlook
    """
    from brainflops.forecast.combined import MAX_DRAWS

    if not 1 <= n_draws <= MAX_DRAWS:
        raise BrainflopsError(f"the number of draws must be between 1 and {MAX_DRAWS:,}, found {n_draws:,}",
                              parameter="draws", found=str(n_draws))  # fmt: skip
    s = load(assumption_set)
    brain, point = brain_samples(s, n, seed, overrides)
    u = load_utilisation(utilisation)
    listed = {w.scenario.split("@")[0]: w for w in load_weights(weights).scenarios}
    log_u = np.log10(u.draws(n_draws, np.random.default_rng(seed)))
    projections, parities, sources, frames = {}, {}, {}, {}
    for ref in scenarios:
        scenario = load_scenario(ref)
        entry = listed.get(scenario.id)
        frame = entry.frame if entry else frame_of(scenario)
        projection = scenario.projection(n_draws, seed, anchor=anchor)
        if entry is not None and entry.record is not None:
            projection = projection.with_record(get_series(entry.record))
        if frame is not None and FRAMES[frame].utilisation:
            projection = projection.shifted(log_u)
        label = scenario.title
        projections[label] = projection
        parities[label] = parity(brain, projection, seed=seed, point=point)
        sources[label] = f"{scenario.ref} (hash {scenario.hash[:12]}): {scenario.citation}"
        frames[label] = frame
    history = [get_series("top500-rank1"), get_series("hpcg-rank1")]
    if "deep-learning" in frames.values():
        clusters = get_series("ai-cluster-record")
        history.insert(0, replace(clusters, y=clusters.y * u.median,
                                  label=f"{clusters.label} × {round(100 * u.median)}% utilisation"))  # fmt: skip
    return Outlook(s.ref, point, brain, projections, parities, sources, history, frames, u, anchor)


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
