"""Accelerators per brain: how many of each chip, at its dense peak times a utilisation, equal one brain.

Peak figures are dense (no structured sparsity) at a stated precision. A training run achieves only a fraction
of peak (its model FLOP utilisation, :mod:`brainflops.forecast.utilisation`), so the count divides by that
fraction too: devices = brain FLOP/s ÷ (peak × utilisation). A utilisation of 1 gives the raw-peak count.
"""

from __future__ import annotations

import os

import numpy as np
import pandas as pd

from brainflops.assumptions import AssumptionSet
from brainflops.errors import DataError
from brainflops.forecast.brain import brain_log10, brain_samples
from brainflops.forecast.energy import BRAIN_POWER_W
from brainflops.forecast.utilisation import DEFAULT_UTILISATION, Utilisation, load_utilisation
from brainflops.hardware import datasets

__all__ = ["gpus_per_brain"]


def gpus_per_brain(
    brain_flops,
    precision: str = "fp16_tensor",
    *,
    path: str | os.PathLike[str] | None = None,
    utilisation: str | os.PathLike[str] | float | Utilisation = DEFAULT_UTILISATION,
) -> pd.DataFrame:
    """How many of each accelerator equal one brain at dense peak × utilisation, and that cluster's price and power.

    Parameters
    ----------
    brain_flops : float, numpy.ndarray, pint.Quantity, AssumptionSet, str or PathLike
        Brain performance [FLOP/s]; with samples, the median is used and the 5th/95th percentiles are added.
        An assumption set (or its id or path) stands for draws of its distribution [FLOP/s].
    precision : str
        A key of :data:`brainflops.hardware.datasets.PRECISIONS`; devices without a figure at it are left out.
    path : str or PathLike, optional
        An accelerators CSV instead of the shipped one.
    utilisation : str, PathLike, float or Utilisation
        The fraction of peak achieved [1]: the cited median of a utilisation file (the shipped
        ``mfu-large-training-runs`` by default) or a number such as ``1`` for raw peak.

    Returns
    -------
    pandas.DataFrame
        Per device: ``name``, ``year``, ``precision``, ``peak_flops`` [FLOP/s], ``utilisation`` [1],
        ``devices`` (brain / (peak × utilisation), fractional), ``devices_p5``, ``devices_p95``, ``cost_usd``
        (devices × launch price; NaN without a price) [USD], ``power_w`` (devices × TDP) [W],
        ``power_vs_brain`` (cluster power / 20 W). ``attrs["utilisation"]`` describes the utilisation in words
        (text, so that the table serialises).

    Raises
    ------
    DataError
        An unknown precision, or one at which no accelerator has a figure.
    """
    if precision not in datasets.PRECISIONS:
        raise DataError(f"unknown precision '{precision}' (known: {', '.join(datasets.PRECISIONS)})", found=precision)
    u = load_utilisation(utilisation)
    if isinstance(brain_flops, AssumptionSet | str | os.PathLike):
        values = 10 ** brain_samples(brain_flops)[0]
    else:
        values = 10 ** brain_log10(brain_flops)
    mid, p5, p95 = np.median(values), np.quantile(values, 0.05), np.quantile(values, 0.95)
    acc = datasets.load_accelerators(path)
    col = datasets.PRECISIONS[precision]
    acc = acc[acc[col] > 0]
    if acc.empty:
        label = os.path.basename(os.fspath(path)) if path is not None else "accelerators.csv"
        raise DataError(f"no accelerator has a figure at precision '{precision}' (column '{col}' is empty)",
                        file=label, found=precision)  # fmt: skip
    effective = acc[col] * u.median
    devices = mid / effective
    table = pd.DataFrame(
        {
            "name": acc["name"],
            "year": acc["date"].dt.year,
            "precision": precision,
            "peak_flops": acc[col],
            "utilisation": u.median,
            "devices": devices,
            "devices_p5": p5 / effective,
            "devices_p95": p95 / effective,
            "cost_usd": devices * acc["price_usd"],
            "power_w": devices * acc["tdp_w"],
            "power_vs_brain": devices * acc["tdp_w"] / BRAIN_POWER_W,
        }
    ).reset_index(drop=True)
    table.attrs["utilisation"] = str(u)
    return table


def render_gpus(table: pd.DataFrame, brain_label: str, brain_flops: float) -> str:
    """The accelerators-per-brain table for people: count, cost and power per chip, newest last.

    Parameters
    ----------
    table : pandas.DataFrame
        From :func:`gpus_per_brain`.
    brain_label : str
        What the brain is, e.g. a set's ``id@version``.
    brain_flops : float
        The brain figure [FLOP/s].
    """
    from brainflops.formatting import format_count, format_money, format_power, format_sci
    from brainflops.hardware.datasets import PRECISION_NAMES

    u = table.attrs.get("utilisation")
    precision = PRECISION_NAMES.get(table["precision"].iloc[0], table["precision"].iloc[0]) if len(table) else ""
    lines = [
        f"{brain_label}: {format_sci(brain_flops, 'FLOP/s')} at dense {precision} peak × "
        + (u if u is not None else "utilisation")
        + " (cost = launch price × devices; power = TDP × devices)",
        f"  {'accelerator':<30} {'year':>4}  {'peak':>22}  {'devices':>22}  {'cost':>20}  {'power':>9}",
    ]
    for r in table.itertuples():
        cost = "no launch price" if r.cost_usd != r.cost_usd else format_money(r.cost_usd)
        power = "no TDP" if r.power_w != r.power_w else format_power(r.power_w)
        lines.append(
            f"  {r.name:<30} {r.year:>4}  {format_sci(r.peak_flops, 'FLOP/s'):>22}  "
            f"{format_count(r.devices):>22}  {cost:>20}  {power:>9}"
        )
    return "\n".join(lines)
