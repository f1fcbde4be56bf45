"""'Already' as history: when the record passed a brain value, per percentile of the brain distribution and per
frame, from the data — "reached in June 2008 (TOP500 #1, Roadrunner)" — or how far it still is.

A value the record has not reached gets its gap in doublings above the latest record; a value below the first
data point is "reached by" that first date ("when the record starts"), since the data cannot say earlier.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from brainflops.formatting import format_month, format_sci, significant
from brainflops.hardware.series import Series

__all__ = ["Milestone", "already_reached", "render_milestones"]

_PERCENTILE_NAMES = {5: "5th percentile", 50: "median", 95: "95th percentile"}


@dataclass(frozen=True)
class Milestone:
    """One brain value against one record.

    Attributes
    ----------
    frame : str
        The frame's key.
    record : str
        The record's short name, e.g. ``"TOP500 #1"``.
    percentile : int
        The brain percentile (5, 50, 95) [%].
    brain_flops : float
        The brain value [FLOP/s].
    factor : float
        What the record is multiplied by (the utilisation in deep learning's frame, else 1) [1].
    reached : float or None
        When the record (× factor) first reached it [decimal year]; ``None`` if not yet.
    holder : str or None
        The system that did.
    before_start : bool
        Reached at the record's first data point (so possibly earlier).
    gap_doublings : float
        Doublings still needed above the latest record × factor; 0 once reached.
    latest : float
        The latest record × factor [FLOP/s].
    latest_holder : str
        The system holding it.
    latest_year : float
        Its date [decimal year].
    """

    frame: str
    record: str
    percentile: int
    brain_flops: float
    factor: float
    reached: float | None
    holder: str | None
    before_start: bool
    gap_doublings: float
    latest: float
    latest_holder: str
    latest_year: float

    def __str__(self) -> str:
        name = _PERCENTILE_NAMES.get(self.percentile, f"{self.percentile}th percentile")
        value = format_sci(self.brain_flops, "FLOP/s")
        if self.reached is None:
            return (
                f"{name} ({value}): not yet, {significant(self.gap_doublings)} doublings above "
                f"{format_sci(self.latest, 'FLOP/s')} ({self.latest_holder}, {format_month(self.latest_year)})"
            )
        if self.before_start:
            return f"{name} ({value}): reached by {format_month(self.reached)}, when the record starts ({self.holder})"
        return f"{name} ({value}): reached in {format_month(self.reached)} ({self.holder})"


def already_reached(
    brain_log10: np.ndarray,
    records: Mapping[str, Sequence[tuple[Series, float]]],
    *,
    percentiles: Sequence[int] = (5, 50, 95),
    weights: np.ndarray | None = None,
) -> list[Milestone]:
    """When each frame's records reached the brain's percentiles, or how far they still are.

    Parameters
    ----------
    brain_log10 : numpy.ndarray
        Brain samples [log10 FLOP/s].
    records : mapping of str to sequence of (Series, float)
        Frame key -> the series whose records count, each with the factor its values are multiplied by
        (a utilisation, or 1) [FLOP/s, 1].
    percentiles : sequence of int
        Brain percentiles [%].
    weights : numpy.ndarray, optional
        Weights of the samples (a mixture of presets); equal by default.

    Returns
    -------
    list of Milestone
        Frame by frame, record by record, percentile by percentile.
    """
    values = _quantiles(np.asarray(brain_log10, float), [p / 100 for p in percentiles], weights)
    out = []
    for frame, pairs in records.items():
        for series, factor in pairs:
            record = series.record()
            scaled = record.y * factor
            for p, v in zip(percentiles, values, strict=True):
                flops = 10.0**v
                hit = np.flatnonzero(scaled >= flops)
                latest = float(scaled[-1])
                if hit.size:
                    i = int(hit[0])
                    out.append(Milestone(frame, record.short, p, flops, factor, float(record.t[i]), record.names[i],
                                         i == 0, 0.0, latest, record.names[-1], float(record.t[-1])))  # fmt: skip
                else:
                    gap = math.log2(flops / latest)
                    out.append(Milestone(frame, record.short, p, flops, factor, None, None, False, gap, latest,
                                         record.names[-1], float(record.t[-1])))  # fmt: skip
    return out


def _quantiles(x: np.ndarray, qs: Sequence[float], weights: np.ndarray | None) -> list[float]:
    if weights is None:
        return [float(np.quantile(x, q)) for q in qs]
    order = np.argsort(x)
    cum = np.cumsum(weights[order]) / np.sum(weights)
    return [float(x[order][min(int(np.searchsorted(cum, q)), x.size - 1)]) for q in qs]


def render_milestones(milestones: Sequence[Milestone], frame_names: Mapping[str, str]) -> list[str]:
    """One line per frame and record: each percentile reached when, with what — or its gap.

    Parameters
    ----------
    milestones : sequence of Milestone
        From :func:`already_reached`.
    frame_names : mapping of str to str
        Frame key -> the frame in words.
    """
    lines = []
    groups: dict[tuple[str, str], list[Milestone]] = {}
    for m in milestones:
        groups.setdefault((m.frame, m.record), []).append(m)
    for (frame, record), ms in groups.items():
        factor = ms[0].factor
        on = record if factor == 1 else f"{record} at {round(100 * factor)}% utilisation"
        if len({m.brain_flops for m in ms}) == 1:  # a point estimate: one value, not three percentiles
            text = str(ms[0]).replace(_PERCENTILE_NAMES.get(ms[0].percentile, ""), "the estimate", 1)
        else:
            text = "; ".join(str(m) for m in ms)
        lines.append(f"{frame_names.get(frame, frame)}, on {on}: {text}")
    return lines


def milestones_frame(milestones: Sequence[Milestone]) -> pd.DataFrame:
    """The milestones as a table."""
    return pd.DataFrame([m.__dict__ for m in milestones])
