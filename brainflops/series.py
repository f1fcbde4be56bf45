"""Named time series of the hardware datasets: TOP500 #1/#500/sum, HPCG #1, accelerator peak per precision,
FLOP/s per dollar, Green500 efficiency, largest training run.

A :class:`Series` is ``t`` [decimal year] and ``y`` [its unit] with the names of the systems; a missing or zero
value is left out (it cannot enter a log fit), never filled.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import numpy as np
import pandas as pd

from brainflops import hardware
from brainflops.errors import DataError

__all__ = ["SERIES", "Series", "get_series"]


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

    def to_frame(self) -> pd.DataFrame:
        """The points as a DataFrame: year, value, system/model name."""
        return pd.DataFrame({"year": self.t, self.unit: self.y, "name": list(self.names)})


#: Series names and what they are; accelerator series take a precision (see :data:`hardware.PRECISIONS`).
SERIES = {
    "top500-rank1": "TOP500 #1 system, HPL Rmax [FLOP/s]",
    "top500-rank500": "TOP500 #500 system, HPL Rmax [FLOP/s]",
    "top500-sum": "TOP500 sum of Rmax over the list [FLOP/s]",
    "hpcg-rank1": "HPCG #1 result [FLOP/s]",
    "accelerator-peak": "AI accelerator dense peak at a precision [FLOP/s]",
    "gpu-flops-per-dollar": "AI accelerator dense peak per launch price [FLOP/s per USD]",
    "green500": "most energy-efficient system per list [FLOP/s per W]",
    "training-compute": "largest training run per year [FLOP]",
}


def get_series(name: str, *, precision: str | None = None, path: str | os.PathLike[str] | None = None) -> Series:
    """Load one named series.

    Parameters
    ----------
    name : str
        A key of :data:`SERIES`.
    precision : str, optional
        For ``accelerator-peak`` and ``gpu-flops-per-dollar``: a key of :data:`hardware.PRECISIONS`
        (default ``"fp16_tensor"``, the dense FP16 tensor-core peak).
    path : str or PathLike, optional
        The CSV to read instead of the shipped one.

    Returns
    -------
    Series
        Points with a missing value dropped (not filled).
    """
    if name in ("top500-rank1", "top500-rank500", "top500-sum"):
        df = hardware.load_top500(path)
        col = {"top500-rank1": "rank1_rmax_flops", "top500-rank500": "rank500_rmax_flops"}.get(name, "sum_rmax_flops")
        names, unit, src = (
            df["rank1_name"] if name == "top500-rank1" else df["date"].dt.strftime("%Y-%m"),
            "FLOP/s",
            "top500.csv",
        )
    elif name == "hpcg-rank1":
        df = hardware.load_hpcg(path)
        col, names, unit, src = "hpcg_rank1_flops", df["hpcg_rank1_name"], "FLOP/s", "hpcg.csv"
    elif name == "green500":
        df = hardware.load_green500(path)
        col, names, unit, src = "flops_per_w", df["system"], "FLOP/s/W", "green500.csv"
    elif name == "training-compute":
        df = hardware.load_training_runs(path)
        col, names, unit, src = "training_flop", df["model"], "FLOP", "training_compute_max_by_year.csv"
    elif name in ("accelerator-peak", "gpu-flops-per-dollar"):
        precision = precision or "fp16_tensor"
        if precision not in hardware.PRECISIONS:
            raise DataError(
                f"unknown precision '{precision}' (known: {', '.join(hardware.PRECISIONS)})", found=precision
            )
        df = hardware.load_accelerators(path)
        col, names, src = hardware.PRECISIONS[precision], df["name"], "accelerators.csv"
        unit = "FLOP/s"
        if name == "gpu-flops-per-dollar":
            df = df.assign(per_dollar=df[col] / df["price_usd"])
            col, unit = "per_dollar", "FLOP/s/USD"
    else:
        raise DataError(f"unknown series '{name}' (known: {', '.join(SERIES)})", found=name)
    keep = (df[col] > 0).to_numpy()  # NaN (not verified) and zero cannot enter a log fit
    label = SERIES[name] + (f", {precision}" if name in ("accelerator-peak", "gpu-flops-per-dollar") else "")
    return Series(
        name=name if precision is None else f"{name}/{precision}",
        label=label,
        unit=unit,
        t=df["year"].to_numpy(float)[keep],
        y=df[col].to_numpy(float)[keep],
        names=tuple(str(n) for n in np.asarray(names)[keep]),
        source=src,
    )
