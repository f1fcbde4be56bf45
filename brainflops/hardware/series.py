"""Named time series of the hardware datasets, and the record each one sets.

A :class:`Series` is ``t`` [decimal year] and ``y`` [its unit] with the names of the systems; a missing or zero
value is left out (it cannot enter a log fit), never filled. :meth:`Series.record` is the running maximum (the
best so far at each date) and :meth:`Series.first_reached` says when, and with which system, the record first
reached a value — the history behind "already reached in June 2008 (TOP500 #1, Roadrunner)".

The AI-cluster record is sampled like the TOP500 lists: the largest operational cluster known at each June and
November from the first record row, and at the date of the latest row, so that it can be fitted like the other
series.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import numpy as np
import pandas as pd

from brainflops.errors import DataError
from brainflops.hardware import clusters, datasets

__all__ = ["SERIES", "SHORT_NAMES", "Series", "get_series"]


@dataclass(frozen=True)
class Series:
    """A time series of positive values, with labels and source.

    Attributes
    ----------
    name : str
        A key of :data:`SERIES` (with ``/precision`` for accelerator series).
    label : str
        What it is, for legends.
    unit : str
        The unit of ``y``, e.g. ``"FLOP/s"``.
    t : numpy.ndarray
        Dates [decimal year].
    y : numpy.ndarray
        Values [``unit``].
    names : tuple of str
        The system or model of each point.
    source : str
        The dataset file it comes from.
    """

    name: str
    label: str
    unit: str
    t: np.ndarray
    y: np.ndarray
    names: tuple[str, ...]
    source: str

    @property
    def short(self) -> str:
        """A short name for sentences, e.g. ``"TOP500 #1"``."""
        return SHORT_NAMES.get(self.name.split("/")[0], self.label)

    def window(self, start: float | None = None, end: float | None = None) -> Series:
        """The points with ``start <= t < end + 1`` (``end`` is a calendar year, inclusive)."""
        keep = np.ones(self.t.shape, bool)
        if start is not None:
            keep &= self.t >= start
        if end is not None:
            keep &= self.t < end + 1
        return Series(
            self.name,
            self.label,
            self.unit,
            self.t[keep],
            self.y[keep],
            tuple(np.asarray(self.names, dtype=object)[keep]),
            self.source,
        )

    def record(self) -> Series:
        """The running maximum: at each date, the best value so far and the system that set it."""
        if self.y.size == 0:
            return self
        holder = np.zeros(self.y.size, dtype=int)
        best = 0
        for i in range(1, self.y.size):
            if self.y[i] > self.y[best]:
                best = i
            holder[i] = best
        names = tuple(self.names[j] for j in holder)
        return Series(self.name, self.label, self.unit, self.t, self.y[holder], names, self.source)

    def first_reached(self, value: float) -> tuple[float, str] | None:
        """When the record first reached ``value`` [unit], and the system that did: (decimal year, name), or
        ``None`` if it has not yet."""
        hit = np.flatnonzero(self.y >= value)
        if hit.size == 0:
            return None
        i = int(hit[0])
        return float(self.t[i]), self.names[i]

    @property
    def latest(self) -> tuple[float, float, str]:
        """The last date of the series, the record standing then [unit], and the system holding it."""
        r = self.record()
        return float(r.t[-1]), float(r.y[-1]), r.names[-1]

    def to_frame(self) -> pd.DataFrame:
        """The points as a DataFrame: year, value, system/model name."""
        return pd.DataFrame({"year": self.t, self.unit: self.y, "name": list(self.names)})


#: Series names and what they are; accelerator series take a precision (see :data:`datasets.PRECISIONS`).
SERIES = {
    "top500-rank1": "TOP500 #1 system, HPL Rmax [FLOP/s]",
    "top500-rank500": "TOP500 #500 system, HPL Rmax [FLOP/s]",
    "top500-sum": "TOP500 sum of Rmax over the list [FLOP/s]",
    "hpcg-rank1": "HPCG #1 result [FLOP/s]",
    "ai-cluster-record": "largest AI training cluster, dense 16-bit peak [FLOP/s]",
    "accelerator-peak": "AI accelerator dense peak at a precision [FLOP/s]",
    "gpu-flops-per-dollar": "accelerator dense peak per launch price, every priced device [FLOP/s per USD]",
    "datacenter-flops-per-dollar": "datacenter accelerator dense peak per cited launch price [FLOP/s per USD]",
    "green500": "most energy-efficient system per list [FLOP/s per W]",
    "training-compute": "largest training run per year [FLOP]",
}

#: Short names for sentences.
SHORT_NAMES = {
    "top500-rank1": "TOP500 #1",
    "top500-rank500": "TOP500 #500",
    "top500-sum": "TOP500 sum",
    "hpcg-rank1": "HPCG #1",
    "ai-cluster-record": "largest AI cluster",
    "accelerator-peak": "fastest accelerator",
    "gpu-flops-per-dollar": "best FLOP/s per dollar",
    "datacenter-flops-per-dollar": "best datacenter FLOP/s per dollar",
    "green500": "Green500 #1",
    "training-compute": "largest training run",
}

_PRECISION_SERIES = ("accelerator-peak", "gpu-flops-per-dollar", "datacenter-flops-per-dollar")


def _list_months(first: float, last: float) -> np.ndarray:
    """Mid-June and mid-November of every year from ``first`` to ``last`` [decimal year], plus ``last``."""
    grid = [y + m for y in range(int(first), int(last) + 1) for m in (5.5 / 12, 10.5 / 12)]
    points = [g for g in grid if first - 1e-9 <= g <= last + 1e-9]
    if not points or points[-1] < last - 1e-9:
        points.append(last)
    return np.array(points)


def _cluster_record(path, accelerators) -> tuple[pd.DataFrame, str, str]:
    all_rows = clusters.load_ai_clusters(path, accelerators=accelerators)
    rows = clusters.cluster_record(all_rows)
    last = float(all_rows.loc[all_rows["in_record"], "year"].max())
    t = _list_months(float(rows["year"].iloc[0]), last)
    holder = np.searchsorted(rows["year"].to_numpy(), t, side="right") - 1
    frame = pd.DataFrame(
        {"year": t, "value": rows["peak_16bit_flops"].to_numpy()[holder], "name": rows["name"].to_numpy()[holder]}
    )
    return frame, "value", "ai_clusters.csv"


def get_series(
    name: str,
    *,
    precision: str | None = None,
    path: str | os.PathLike[str] | None = None,
) -> Series:
    """Load one named series.

    Parameters
    ----------
    name : str
        A key of :data:`SERIES`.
    precision : str, optional
        For the accelerator series (``accelerator-peak``, ``gpu-flops-per-dollar``,
        ``datacenter-flops-per-dollar``): a key of :data:`datasets.PRECISIONS` (default ``"fp16_tensor"``).
    path : str or PathLike, optional
        The CSV to read instead of the shipped one.

    Returns
    -------
    Series
        Points with a missing value dropped (not filled).
    """
    if name in ("top500-rank1", "top500-rank500", "top500-sum"):
        df = datasets.load_top500(path)
        col = {"top500-rank1": "rank1_rmax_flops", "top500-rank500": "rank500_rmax_flops"}.get(name, "sum_rmax_flops")
        names = df["rank1_name"] if name == "top500-rank1" else df["date"].dt.strftime("%Y-%m")
        unit, src = "FLOP/s", "top500.csv"
    elif name == "hpcg-rank1":
        df = datasets.load_hpcg(path)
        col, names, unit, src = "hpcg_rank1_flops", df["hpcg_rank1_name"], "FLOP/s", "hpcg.csv"
    elif name == "ai-cluster-record":
        df, col, src = _cluster_record(path, None)
        names, unit = df["name"], "FLOP/s"
    elif name == "green500":
        df = datasets.load_green500(path)
        col, names, unit, src = "flops_per_w", df["system"], "FLOP/s/W", "green500.csv"
    elif name == "training-compute":
        df = datasets.load_training_runs(path)
        col, names, unit, src = "training_flop", df["model"], "FLOP", "training_compute_max_by_year.csv"
    elif name in _PRECISION_SERIES:
        precision = precision or "fp16_tensor"
        if precision not in datasets.PRECISIONS:
            raise DataError(
                f"unknown precision '{precision}' (known: {', '.join(datasets.PRECISIONS)})", found=precision
            )
        df = datasets.load_accelerators(path)
        col, src, unit = datasets.PRECISIONS[precision], "accelerators.csv", "FLOP/s"
        if name != "accelerator-peak":
            if name == "datacenter-flops-per-dollar":
                cited = df.get("price_source", pd.Series(np.nan, index=df.index)).notna()
                df = df[(df["market"] == "datacenter") & cited]
            df = df.assign(per_dollar=df[col] / df["price_usd"])
            col, unit = "per_dollar", "FLOP/s/USD"
        names = df["name"]
    else:
        raise DataError(f"unknown series '{name}' (known: {', '.join(SERIES)})", found=name)
    keep = (df[col] > 0).to_numpy()  # NaN (not verified) and zero cannot enter a log fit
    if not keep.any():
        what = f"'{name}'" + (f" at precision '{precision}'" if name in _PRECISION_SERIES else "")
        raise DataError(f"series {what} has no data points in {src}", file=src, found="no positive values")
    label = SERIES[name] + (f", {precision}" if name in _PRECISION_SERIES else "")
    order = np.argsort(df["year"].to_numpy(float)[keep], kind="stable")
    return Series(
        name=name if name not in _PRECISION_SERIES else f"{name}/{precision}",
        label=label,
        unit=unit,
        t=df["year"].to_numpy(float)[keep][order],
        y=df[col].to_numpy(float)[keep][order],
        names=tuple(str(n) for n in np.asarray(names)[keep][order]),
        source=src,
    )
