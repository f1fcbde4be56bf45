"""The hardware datasets: load the shipped CSVs, check them, return tidy DataFrames.

Each loader reads one file of ``assumptions/data/`` (or a path you give) and converts it: dates to
``datetime64`` plus a decimal ``year``, performance to float [FLOP/s], power [W], prices [USD]. An empty cell
stays missing (NaN), never zero. Every row keeps its ``source``. Problems raise
:class:`~brainflops.errors.DataError` naming the file, the line and the column (see :mod:`.checks`).

A list date such as ``2015-06`` is a TOP500 list published in June (at ISC); its decimal year is the middle of
that month, ``2015 + 5.5/12``.
"""

from __future__ import annotations

import os

import numpy as np
import pandas as pd

from brainflops.hardware.checks import (
    data_dir,
    dates,
    decimal_year,
    numbers,
    read_table,
    require_choice,
    require_columns,
    require_text,
    text_columns,
)

__all__ = [
    "PRECISIONS",
    "data_dir",
    "decimal_year",
    "load_accelerators",
    "load_green500",
    "load_hpcg",
    "load_top500",
    "load_training_runs",
    "month_dates",
]

#: Accelerator precision name -> column of :func:`load_accelerators` holding the dense peak [FLOP/s].
#: ``16bit`` is the dense 16-bit figure an AI cluster is rated at: BF16 where the chip has it, else the FP16
#: tensor figure, else plain FP16 (the P100 has no tensor cores).
PRECISIONS = {
    "fp64": "fp64",
    "fp32": "fp32_flops",
    "tf32": "tf32",
    "fp16": "fp16",
    "fp16_tensor": "fp16_tensor_flops",
    "bf16": "bf16_flops",
    "16bit": "peak_16bit_flops",
    "fp8": "fp8_flops",
    "fp4": "fp4",
    "int8": "int8",
}

#: Words for the precisions, for people.
PRECISION_NAMES = {
    "fp64": "FP64",
    "fp32": "FP32",
    "tf32": "TF32",
    "fp16": "FP16",
    "fp16_tensor": "FP16 tensor",
    "bf16": "BF16",
    "16bit": "dense 16-bit",
    "fp8": "FP8",
    "fp4": "FP4",
    "int8": "INT8",
}

#: Markets of ``accelerators.csv``: datacenter/ML accelerators and consumer graphics cards.
MARKETS = ("datacenter", "consumer")


def month_dates(raw: pd.DataFrame, label: str, column: str = "list_date", *, strict: bool | None = True,
                future: np.ndarray | None = None) -> pd.DataFrame:  # fmt: skip
    """Dates given as ``YYYY-MM``, dated to the middle of the month: ``date`` and decimal ``year``."""
    parsed = dates(raw, column, "%Y-%m", label, strict=strict, future=future)
    mid = parsed + pd.to_timedelta(parsed.dt.days_in_month / 2.0, unit="D")
    return pd.DataFrame({"date": parsed, "year": decimal_year(mid)}, index=raw.index)


def load_top500(path: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Every TOP500 list: #1 system (Rmax, Rpeak), #500 Rmax, and the sums over the list.

    Parameters
    ----------
    path : str or PathLike, optional
        A CSV in the format of ``assumptions/data/top500.csv`` (the default).

    Returns
    -------
    pandas.DataFrame
        ``date``, ``year`` [decimal year], ``rank1_name``, ``rank1_site``, ``rank1_rmax_flops``,
        ``rank1_rpeak_flops``, ``rank500_rmax_flops``, ``sum_rmax_flops``, ``sum_rpeak_flops`` [FLOP/s],
        ``source``, ``note``.

    References
    ----------
    TOP500 project list files, mirrored at github.com/Sam-Bieberich/top500_data (commit 4ac2cb7); see each row.
    """
    raw, label = read_table(path, "top500.csv")
    flops = ["rank1_rmax_flops", "rank1_rpeak_flops", "rank500_rmax_flops", "sum_rmax_flops", "sum_rpeak_flops"]
    require_columns(raw, ["list_date", "rank1_name", "rank1_site", *flops, "source", "note"], label)
    values = numbers(raw, flops, label, "FLOP/s")
    require_text(raw, "source", label)
    when = month_dates(raw, label)
    return pd.concat([when, text_columns(raw, ["rank1_name", "rank1_site"]), values,
                      text_columns(raw, ["source", "note"])], axis=1)  # fmt: skip


def load_hpcg(path: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """The #1 HPCG result of each list since 2014-06, with that system's HPL Rmax.

    Parameters
    ----------
    path : str or PathLike, optional
        A CSV in the format of ``assumptions/data/hpcg.csv`` (the default).

    Returns
    -------
    pandas.DataFrame
        ``date``, ``year`` [decimal year], ``hpcg_rank1_name``, ``hpcg_rank1_flops``,
        ``hpl_rmax_flops_of_that_system`` [FLOP/s], ``source``, ``note``.

    References
    ----------
    HPCG list pages, hpcg-benchmark.org (snapshot github.com/icl-utk-edu/web@a957641); see each row.
    """
    raw, label = read_table(path, "hpcg.csv")
    flops = ["hpcg_rank1_flops", "hpl_rmax_flops_of_that_system"]
    require_columns(raw, ["list_date", "hpcg_rank1_name", *flops, "source", "note"], label)
    values = numbers(raw, flops, label, "FLOP/s")
    require_text(raw, "source", label)
    when = month_dates(raw, label)
    return pd.concat([when, text_columns(raw, ["hpcg_rank1_name"]), values, text_columns(raw, ["source", "note"])],
                     axis=1)  # fmt: skip


def load_green500(path: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Energy efficiency of the most efficient system per list [FLOP/s per W].

    The official Green500 #1 value where it was verified; otherwise the best value among the 500 systems of
    that TOP500 list file, a stand-in marked ``official = False`` (Green500 may use a separate, power-optimised
    submission, so the stand-in can be lower).

    Parameters
    ----------
    path : str or PathLike, optional
        A CSV in the format of ``assumptions/data/green500.csv`` (the default).

    Returns
    -------
    pandas.DataFrame
        ``date``, ``year``, ``system``, ``flops_per_w`` [FLOP/s/W], ``official`` (bool), the two source columns
        in [GFLOP/s/W] as shipped, ``source`` (of the value used) and ``note``.
    """
    raw, label = read_table(path, "green500.csv")
    values = ["green500_no1_gflops_per_w", "top500file_max_eff_gflops_per_w"]
    names = ["green500_no1_system", "top500file_max_eff_system"]
    require_columns(raw, ["list_date", *names, *values, "green500_source", "note"], label)
    parsed = numbers(raw, values, label, "GFLOP/s/W")
    official = parsed["green500_no1_gflops_per_w"].notna().to_numpy()
    standin = ~official & parsed["top500file_max_eff_gflops_per_w"].notna().to_numpy()
    require_text(raw, "green500_source", label, official)
    require_text(raw, "note", label, standin)  # the note names the TOP500 list file the stand-in comes from
    when = month_dates(raw, label)
    gflops = parsed["green500_no1_gflops_per_w"].where(official, parsed["top500file_max_eff_gflops_per_w"])
    out = pd.DataFrame(
        {
            "system": raw["green500_no1_system"].where(official, raw["top500file_max_eff_system"]).replace("", np.nan),
            "flops_per_w": gflops * 1e9,
            "official": official,
            **{c: parsed[c] for c in values},
            "source": raw["green500_source"].where(official, raw["note"]).replace("", np.nan),
            "note": raw["note"].replace("", np.nan),
        },
        index=raw.index,
    )
    return pd.concat([when, out], axis=1)


def load_accelerators(path: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """AI accelerators: dense peak per precision [FLOP/s], TDP [W], launch price [USD], release date, market.

    Parameters
    ----------
    path : str or PathLike, optional
        A CSV in the format of ``assumptions/data/accelerators.csv`` (the default).

    Returns
    -------
    pandas.DataFrame
        ``name``, ``vendor``, ``market`` (``datacenter`` or ``consumer``), ``date``, ``year`` [decimal year],
        one column per precision of :data:`PRECISIONS` [FLOP/s], ``tdp_w`` [W], ``price_usd`` [USD, nominal at
        launch], ``price_source`` (where the price is from; empty where Epoch gives none), ``datasheet``,
        ``source``, ``note``.

    Raises
    ------
    DataError
        A negative, zero or non-numeric peak, TDP or price (a zero price would make FLOP/s per dollar
        infinite), an unknown market, a release date in the future, or a row without a source.

    References
    ----------
    Epoch AI, "Machine Learning Hardware" dataset (2025), epoch.ai/data/machine-learning-hardware, CC-BY.
    """
    raw, label = read_table(path, "accelerators.csv")
    flops = [c for c in PRECISIONS.values() if c != "peak_16bit_flops"]
    columns = ["name", "vendor", "release_date", "year", *flops, "tdp_w", "price_usd", "market", "source"]
    require_columns(raw, columns, label)
    values = pd.concat(
        [
            numbers(raw, flops, label, "FLOP/s", positive=True),
            numbers(raw, ["tdp_w"], label, "W", positive=True),
            numbers(raw, ["price_usd"], label, "USD", positive=True),
        ],
        axis=1,
    )
    values["peak_16bit_flops"] = values["bf16_flops"].fillna(values["fp16_tensor_flops"]).fillna(values["fp16"])
    require_text(raw, "source", label)
    require_text(raw, "name", label, what="missing accelerator name")
    require_choice(raw, "market", MARKETS, label)
    # the file is ordered by calendar year (within a year, not by day)
    dates(raw, "year", "%Y", label, strict=False)
    released = dates(raw, "release_date", "%Y-%m-%d", label, strict=None)
    extra = [c for c in ("price_source", "datasheet", "note") if c in raw.columns]
    return pd.concat(
        [
            text_columns(raw, ["name", "vendor", "market"]),
            pd.DataFrame({"date": released, "year": decimal_year(released)}, index=raw.index),
            values,
            text_columns(raw, [*extra, "source"]),
        ],
        axis=1,
    )


def load_training_runs(path: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """The largest training run (total compute) published in each year.

    Parameters
    ----------
    path : str or PathLike, optional
        A CSV in the format of ``assumptions/data/training_compute_max_by_year.csv`` (the default).

    Returns
    -------
    pandas.DataFrame
        ``date`` (publication date), ``year`` [decimal year of publication], ``calendar_year``,
        ``training_flop`` [FLOP], ``model``, ``organization``, ``epoch_confidence``, ``source``.

    References
    ----------
    Epoch AI, "Notable AI Models" dataset, snapshot of 24 Feb 2025, epoch.ai/data/notable-ai-models, CC-BY.
    """
    raw, label = read_table(path, "training_compute_max_by_year.csv")
    require_columns(raw, ["year", "max_training_compute_flop", "model", "publication_date", "source"], label)
    values = numbers(raw, ["max_training_compute_flop"], label, "FLOP")
    require_text(raw, "source", label)
    years = pd.to_datetime(raw["year"], format="%Y", errors="coerce")
    dates(raw, "year", "%Y", label, strict=True)
    published = dates(raw, "publication_date", "%Y-%m-%d", label, strict=False)
    extra = [c for c in ("organization", "epoch_confidence") if c in raw.columns]
    return pd.concat(
        [
            pd.DataFrame(
                {"date": published, "year": decimal_year(published), "calendar_year": years.dt.year}, index=raw.index
            ),
            values.rename(columns={"max_training_compute_flop": "training_flop"}),
            text_columns(raw, ["model", *extra, "source"]),
        ],
        axis=1,
    )
