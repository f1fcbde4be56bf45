"""One combined forecast: P(parity by year) as a weighted mixture of scenarios, per frame and overall.

Each scenario of a weights file (:mod:`brainflops.forecast.weights`) gives a parity-year distribution
(:func:`brainflops.forecast.parity.parity`; deep learning's frame multiplies the cluster record by draws of
the utilisation). The combined curve is their mixture: P(by Y) = Σ wₛ Pₛ(by Y), its median and 90% interval
the weighted percentiles of all pairs. Each frame gets its own mixture (weights renormalised within it), and
the overall curve mixes both frames. Years run to 2200; the rest is reported as "later than 2200 or never".

:func:`forecast_sentence` is the one-sentence answer for the app and the report; :func:`render_combined` the
full text for ``str()`` and the command line.
"""

from __future__ import annotations

import html
import math
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from brainflops.errors import BrainflopsError
from brainflops.forecast.brain import brain_samples
from brainflops.forecast.frames import FRAMES
from brainflops.forecast.history import Milestone, already_reached, render_milestones
from brainflops.forecast.parity import LAST_YEAR, ParityResult, parity, today_year
from brainflops.forecast.utilisation import Utilisation, load_utilisation
from brainflops.forecast.weights import DEFAULT_WEIGHTS, Weights, load_weights
from brainflops.formatting import format_month, format_percent, format_year
from brainflops.hardware.projection import Projection
from brainflops.hardware.scenarios import load_scenario
from brainflops.hardware.series import Series, get_series

__all__ = [
    "MAX_DRAWS",
    "CombinedForecast",
    "Curve",
    "ScenarioForecast",
    "combined_forecast",
    "forecast_sentence",
    "mixture",
    "render_combined",
]

#: Most draws of the fit parameters per scenario (memory grows with it; 1e6 draws ≈ 100 MB per scenario).
MAX_DRAWS = 1_000_000


@dataclass(frozen=True)
class Curve:
    """A (weighted) distribution of the parity year: P(parity by year), median, 90% interval.

    Attributes
    ----------
    label : str
        What it is, e.g. ``"deep learning's frame"``.
    years : numpy.ndarray
        Year grid [year].
    p_by_year : numpy.ndarray
        P(parity by the end of each grid year).
    median, p5, p95 : float
        Weighted percentiles of the parity year; ``inf`` where "later or never" holds that much [year].
    already : float
        Share already reached at the data's latest date.
    never : float
        Share that never reaches parity.
    later : float
        Share later than the last grid year, or never.
    now : float
        The latest data date [year].
    members : dict of str to float
        Scenario label -> weight in this curve.
    """

    label: str
    years: np.ndarray = field(repr=False)
    p_by_year: np.ndarray = field(repr=False)
    median: float
    p5: float
    p95: float
    already: float
    never: float
    later: float
    now: float
    members: dict[str, float] = field(repr=False)

    def describe(self, year: float) -> str:
        """A year of the curve in words: "never", a projected year, or "already (June 2008)"."""
        if math.isinf(year):
            return f"later than {int(self.years[-1])} or never" if self.years.size else "never"
        if year > self.years[-1] + 1:
            return f"later than {int(self.years[-1])}"
        if year <= self.now + 1e-9:
            return f"already ({format_month(year)})"
        return format_year(year)

    def headline(self) -> str:
        """``"median 2031 [90%: 2027–2046]"``, with the share later than the grid when there is one; a curve
        wholly in the past reads ``"already reached: median by June 2008, 95th percentile by June 2018"``."""
        if self.p95 <= self.now + 1e-9:
            return (f"already reached: median by {format_month(self.median)}, 95th percentile by "
                    f"{format_month(self.p95)}")  # fmt: skip
        text = f"median {self.describe(self.median)} [90%: {self.describe(self.p5)} – {self.describe(self.p95)}]"
        if self.later > 0:
            text += f"; {format_percent(self.later)} later than {int(self.years[-1])} or never"
        return text

    def to_frame(self) -> pd.DataFrame:
        """P(parity by year) over the grid."""
        return pd.DataFrame({"year": self.years, "p_parity_by_year": self.p_by_year})


def mixture(
    results: Sequence[tuple[ParityResult, float]],
    label: str,
    *,
    years: np.ndarray | None = None,
) -> Curve:
    """The weighted mixture of parity-year distributions.

    Parameters
    ----------
    results : sequence of (ParityResult, float)
        Each scenario's result and its weight [1] (need not sum to 1: they are normalised).
    label : str
        What the mixture is.
    years : numpy.ndarray, optional
        Year grid [year]; the union of the results' grids by default.

    Raises
    ------
    BrainflopsError
        No result with a positive weight.
    """
    chosen = [(r, w) for r, w in results if w > 0]
    total = math.fsum(w for _, w in chosen)
    if not chosen or total <= 0:
        raise BrainflopsError(f"{label}: no scenario with a positive weight")
    samples = np.concatenate([r.samples for r, _ in chosen])
    weights = np.concatenate([np.full(r.samples.size, w / total / r.samples.size) for r, w in chosen])
    order = np.argsort(samples, kind="stable")
    samples, cum = samples[order], np.cumsum(weights[order])
    cum /= cum[-1]
    if years is None:
        first = min(float(r.years[0]) for r, _ in chosen)
        years = np.arange(math.floor(first), LAST_YEAR + 1, dtype=float)
    idx = np.searchsorted(samples, years + 1.0, side="left")
    p_by = np.where(idx > 0, cum[np.maximum(idx - 1, 0)], 0.0)

    def quantile(q: float) -> float:
        return float(samples[min(int(np.searchsorted(cum, q - 1e-12)), samples.size - 1)])

    share = {
        "already": sum(w * r.already for r, w in chosen) / total,
        "never": sum(w * r.never for r, w in chosen) / total,
    }
    return Curve(
        label, years, p_by, quantile(0.5), quantile(0.05), quantile(0.95), share["already"], share["never"],
        float(1.0 - p_by[-1]), max(r.now for r, _ in chosen), {r.label: w / total for r, w in chosen},
    )  # fmt: skip


@dataclass(frozen=True)
class ScenarioForecast:
    """One scenario of the combined forecast.

    Attributes
    ----------
    ref : str
        ``id@version``.
    frame : str
        The frame's key.
    weight : float
        Its weight in the combined forecast [1].
    rationale : str
        Why.
    result : ParityResult
        Its parity-year distribution.
    projection : Projection
        Its hardware projection (utilisation applied in deep learning's frame).
    citation : str
        The scenario's source.
    hash : str
        The scenario file's content hash.
    """

    ref: str
    frame: str
    weight: float
    rationale: str
    result: ParityResult = field(repr=False)
    projection: Projection = field(repr=False)
    citation: str
    hash: str


@dataclass(frozen=True)
class CombinedForecast:
    """The combined forecast of one brain estimate (or a weighted set of presets) against weighted scenarios.

    Attributes
    ----------
    brain_ref : str
        The set's ``id@version``, or a description of the brain given.
    brain_log10 : numpy.ndarray
        Brain samples [log10 FLOP/s].
    brain_weights : numpy.ndarray or None
        Sample weights when presets are mixed.
    weights : Weights
        The weights file used.
    utilisation : Utilisation
        The utilisation in deep learning's frame.
    anchor : str
        ``"record"`` or ``"line"``.
    scenarios : tuple of ScenarioForecast
        Every weighted scenario.
    frames : dict of str to Curve
        The mixture within each frame.
    overall : Curve
        The mixture over both frames.
    history : list of Milestone
        When each frame's records reached the brain's 5th, 50th and 95th percentiles.
    records : dict of str to Series
        The record series shown with the forecast.
    """

    brain_ref: str
    brain_log10: np.ndarray = field(repr=False)
    brain_weights: np.ndarray | None = field(repr=False)
    weights: Weights = field(repr=False)
    utilisation: Utilisation = field(repr=False)
    anchor: str
    scenarios: tuple[ScenarioForecast, ...] = field(repr=False)
    frames: dict[str, Curve] = field(repr=False)
    overall: Curve = field(repr=False)
    history: list[Milestone] = field(repr=False)
    records: dict[str, Series] = field(repr=False)

    def sentence(self) -> str:
        """The answer in one sentence (see :func:`forecast_sentence`)."""
        return forecast_sentence(self)

    def frame_label(self, key: str) -> str:
        """A frame in words, with the utilisation where it applies."""
        return FRAMES[key].label(self.utilisation.median)

    def to_frame(self) -> pd.DataFrame:
        """One row per scenario, per frame and overall: weight, median, 90% interval, shares, anchor, source."""
        rows = []
        for s in self.scenarios:
            r = s.result
            rows.append({"level": "scenario", "name": s.ref, "frame": s.frame, "weight": s.weight,
                         "median": r.median, "p5": r.p5, "p95": r.p95, "already": r.already, "never": r.never,
                         f"later_than_{LAST_YEAR}": r.later, "anchor": r.anchor, "source": s.citation})  # fmt: skip
        for key, c in [*self.frames.items(), ("all", self.overall)]:
            rows.append({"level": "frame" if key != "all" else "combined", "name": c.label,
                         "frame": key, "weight": sum(s.weight for s in self.scenarios if key in ("all", s.frame)),
                         "median": c.median, "p5": c.p5, "p95": c.p95, "already": c.already, "never": c.never,
                         f"later_than_{LAST_YEAR}": c.later, "anchor": self.anchor,
                         "source": self.weights.ref})  # fmt: skip
        return pd.DataFrame(rows)

    def __str__(self) -> str:
        return render_combined(self)

    def __repr__(self) -> str:
        return f"CombinedForecast({self.brain_ref}, {self.weights.ref}: {self.overall.headline()})"

    def _repr_html_(self) -> str:
        return f"<p>{html.escape(self.sentence())}</p>" + self.to_frame().drop(columns="source").to_html(index=False)


def forecast_sentence(f: CombinedForecast) -> str:
    """The answer in one sentence: each frame's median and 90% interval, then the combined one.

    "Hardware reaches the brain (dettmers-2015@1.1.0): on deep learning's frame (...) median 2039 [90%: ...];
    on the post's frame (...) median 2058 [...]; combined (combined-forecast@1.0.0) median 2043 [...]."

    Parameters
    ----------
    f : CombinedForecast
        The forecast.
    """
    parts = [f"on {f.frame_label(k)} {c.headline()}" for k, c in f.frames.items()]
    return (
        f"Hardware reaches the brain ({f.brain_ref}): "
        + "; ".join(parts)
        + f"; combined ({f.weights.ref}) {f.overall.headline()}."
    )


def render_combined(f: CombinedForecast) -> str:
    """The full text of a combined forecast: the sentence, what is already history, each frame's scenarios.

    Parameters
    ----------
    f : CombinedForecast
        The forecast.
    """
    names = {k: FRAMES[k].name for k in FRAMES}
    lines = [f.sentence(), "", "Already history (the record reaching the brain's percentiles):"]
    lines += [f"  {line}" for line in render_milestones(f.history, names)]
    anchor = "the last record at its date" if f.anchor == "record" else "the fitted line"
    lines += ["", f"Scenarios (weights {f.weights.ref}; fitted scenarios start from {anchor}; {f.utilisation}):"]
    for key in f.frames:
        lines.append(f"  {f.frame_label(key)}: {f.frames[key].headline()}")
        for s in (s for s in f.scenarios if s.frame == key):
            lines.append(f"    [{format_percent(s.weight)}] {s.ref}: {s.result}")
    return "\n".join(lines)


def _brain(brain, weights: Weights, n: int, seed: int, overrides) -> tuple[np.ndarray, np.ndarray | None, str]:
    from brainflops.assumptions import AssumptionSet, load

    if brain is None:
        if not weights.presets:
            raise BrainflopsError(f"{weights.ref} weights no presets; give a brain estimate")
        samples, sample_weights = [], []
        for preset, w in weights.presets.items():
            if w <= 0:
                continue
            s, _ = brain_samples(preset, n, seed)
            samples.append(s)
            sample_weights.append(np.full(s.size, w / s.size))
        return np.concatenate(samples), np.concatenate(sample_weights), f"presets weighted by {weights.ref}"
    if isinstance(brain, AssumptionSet | str | os.PathLike):
        s = load(brain)
        samples, _ = brain_samples(s, n, seed, overrides)
        return samples, None, s.ref
    samples, _ = brain_samples(brain, n, seed)
    return samples, None, "the brain values given"


def _resample(brain: np.ndarray, weights: np.ndarray | None, n: int, rng: np.random.Generator) -> np.ndarray:
    """Equal-weight samples of a weighted brain sample (presets mixed by their weights)."""
    if weights is None:
        return brain
    return rng.choice(brain, size=n, replace=True, p=weights / weights.sum())


def combined_forecast(
    brain=None,
    weights: str | os.PathLike[str] | Weights = DEFAULT_WEIGHTS,
    *,
    utilisation: str | os.PathLike[str] | float | Utilisation | None = None,
    anchor: str | None = None,
    overrides: Mapping[str, object] | None = None,
    n: int = 20_000,
    n_draws: int = 2000,
    seed: int = 0,
) -> CombinedForecast:
    """When hardware reaches the brain: both frames side by side and one combined curve, from a weights file.

    Parameters
    ----------
    brain : AssumptionSet, str, PathLike, float, numpy.ndarray or None
        A set (id, ``id@version``, path or loaded), or samples of log10 brain FLOP/s [log10 FLOP/s]; ``None``
        mixes the presets the weights file weights.
    weights : str, PathLike or Weights
        The weights file (the shipped ``combined-forecast`` by default).
    utilisation : str, PathLike, float or Utilisation, optional
        The fraction of peak in deep learning's frame [1]; the weights file's by default. ``1`` is raw peak.
    anchor : {"record", "line"}, optional
        Where fitted scenarios start; the weights file's choice (``"record"``) by default.
    overrides : mapping, optional
        Changed parameter values of the brain set.
    n : int
        Brain samples.
    n_draws : int
        Draws of each scenario's growth rate (and of the utilisation), at most :data:`MAX_DRAWS`.
    seed : int
        Random seed.

    Returns
    -------
    CombinedForecast

    Raises
    ------
    BrainflopsError
        A bad weights or utilisation file, an unknown scenario, a draw count out of range.
    """
    if not 1 <= n_draws <= MAX_DRAWS:
        raise BrainflopsError(f"the number of draws must be between 1 and {MAX_DRAWS:,}, found {n_draws:,}",
                              parameter="draws", found=str(n_draws))  # fmt: skip
    if not 1 <= n <= MAX_DRAWS:
        raise BrainflopsError(f"the number of brain samples must be between 1 and {MAX_DRAWS:,}, found {n:,}",
                              parameter="n", found=str(n))  # fmt: skip
    w = load_weights(weights)
    u = load_utilisation(w.utilisation if utilisation is None else utilisation)
    anchor = anchor or w.anchor
    rng = np.random.default_rng(seed)
    brain_log10, brain_w, brain_ref = _brain(brain, w, n, seed, overrides)
    pairs_brain = _resample(brain_log10, brain_w, n, rng)
    log_u = np.log10(u.draws(n_draws, rng))
    present = today_year()
    scenarios = []
    for entry in w.scenarios:
        s = load_scenario(entry.scenario)
        projection = s.projection(n_draws, seed, anchor=anchor)
        if entry.record is not None:
            projection = projection.with_record(get_series(entry.record))
        if FRAMES[entry.frame].utilisation:
            projection = projection.shifted(log_u, label=f"{s.title} × utilisation")
        result = parity(pairs_brain, projection, seed=seed, today=present)
        scenarios.append(ScenarioForecast(s.ref, entry.frame, entry.weight, entry.rationale, result, projection,
                                          s.citation, s.hash))  # fmt: skip
    frames = {}
    for key in FRAMES:
        members = [(sf.result, sf.weight) for sf in scenarios if sf.frame == key]
        if any(weight > 0 for _, weight in members):
            frames[key] = mixture(members, FRAMES[key].name)
    overall = mixture([(sf.result, sf.weight) for sf in scenarios], "combined")
    records = {}
    pairs = {}
    for key in frames:
        factor = u.median if FRAMES[key].utilisation else 1.0
        pairs[key] = []
        for name in FRAMES[key].records:
            records.setdefault(name, get_series(name))
            pairs[key].append((records[name], factor))
    history = already_reached(brain_log10, pairs, weights=brain_w)
    return CombinedForecast(brain_ref, brain_log10, brain_w, w, u, anchor, tuple(scenarios), frames, overall, history,
                            records)  # fmt: skip
