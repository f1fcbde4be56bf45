"""The hardware datasets: load the shipped CSVs, check them, return tidy DataFrames.

Each loader reads one file of ``assumptions/data/`` (or a path you give) as text, so that a bad cell can be
reported as written, then converts it: dates to ``datetime64`` plus a decimal ``year``, performance to float
[FLOP/s], power [W], prices [USD]. An empty cell stays missing (NaN), never zero. Every row keeps its
``source``. Problems raise :class:`~brainflops.errors.DataError` naming the file, the line and the column:

    top500.csv: line 7, column 'rank1_rmax_flops': expected a non-negative number [FLOP/s], found 'n/a'

A list date such as ``2015-06`` is a TOP500 list published in June (at ISC); its decimal year is the middle of
that month, ``2015 + 5.5/12``.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from brainflops.errors import DataError

__all__ = [
    "PRECISIONS",
    "data_dir",
    "decimal_year",
    "load_accelerators",
    "load_green500",
    "load_hpcg",
    "load_top500",
    "load_training_runs",
]

#: Accelerator precision name -> column of ``accelerators.csv`` holding the dense peak [FLOP/s].
PRECISIONS = {
    "fp64": "fp64",
    "fp32": "fp32_flops",
    "tf32": "tf32",
    "fp16": "fp16",
    "fp16_tensor": "fp16_tensor_flops",
    "bf16": "bf16_flops",
    "fp8": "fp8_flops",
    "fp4": "fp4",
    "int8": "int8",
}


def data_dir() -> Path:
    """The folder of the shipped datasets (the repository's ``assumptions/data`` or the installed copy)."""
    here = Path(__file__).resolve().parent
    candidates = [here.parent / "assumptions" / "data", here / "_assumptions" / "data"]
    return next((c for c in candidates if c.is_dir()), candidates[0])


def decimal_year(dates: pd.Series) -> np.ndarray:
    """Dates as decimal years, e.g. 2015-06-16 -> 2015.455 [year].

    Parameters
    ----------
    dates : pandas.Series of datetime64
        The dates.
    """
    d = pd.to_datetime(dates)
    start = pd.to_datetime(d.dt.year.astype(str) + "-01-01")
    length = np.where(d.dt.is_leap_year, 366.0, 365.0)
    return (d.dt.year + (d - start).dt.total_seconds() / 86400.0 / length).to_numpy(dtype=float)


def _read(path: str | os.PathLike[str] | None, default: str) -> tuple[pd.DataFrame, str]:
    p = Path(path) if path is not None else data_dir() / default
    label = p.name
    if not p.is_file():
        raise DataError("no such file", file=os.fspath(p))
    try:
        raw = pd.read_csv(p, dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, UnicodeDecodeError, pd.errors.EmptyDataError) as exc:
        raise DataError(f"cannot be read as CSV: {exc}", file=label) from None
    return raw.apply(lambda col: col.str.strip()), label


def _line(row: int) -> int:
    return row + 2  # the header is line 1


def _require_columns(raw: pd.DataFrame, columns: Sequence[str], label: str) -> None:
    missing = [c for c in columns if c not in raw.columns]
    if missing:
        raise DataError(
            f"missing column(s) {', '.join(repr(c) for c in missing)}",
            file=label,
            expected=", ".join(columns),
            found=", ".join(raw.columns),
        )


def _numbers(raw: pd.DataFrame, columns: Sequence[str], label: str, unit: str) -> pd.DataFrame:
    """Convert columns to float; empty -> NaN; non-numeric, infinite or negative -> DataError."""
    out = {}
    for col in columns:
        text = raw[col]
        values = pd.to_numeric(text.where(text != ""), errors="coerce").astype(float)
        bad = (text != "") & ~np.isfinite(values.fillna(0.0))
        bad |= (text != "") & values.isna()
        bad |= values < 0
        if bad.any():
            row = int(np.flatnonzero(bad.to_numpy())[0])
            raise DataError(
                f"line {_line(row)}, column '{col}': expected a non-negative number [{unit}], found '{text.iloc[row]}'",
                file=label,
                expected=f"a non-negative number [{unit}]",
                found=text.iloc[row],
            )
        out[col] = values
    return pd.DataFrame(out, index=raw.index)


def _dates(raw: pd.DataFrame, col: str, fmt: str, label: str, *, strict: bool | None) -> pd.Series:
    """Parse dates; refuse unparseable ones and, unless ``strict`` is None, dates out of order
    (``strict``: each after the previous; otherwise on or after)."""
    dates = pd.to_datetime(raw[col], format=fmt, errors="coerce")
    if dates.isna().any():
        row = int(np.flatnonzero(dates.isna().to_numpy())[0])
        raise DataError(
            f"line {_line(row)}, column '{col}': expected a date like {fmt.replace('%', '')}, "
            f"found '{raw[col].iloc[row]}'",
            file=label,
            expected=fmt,
            found=raw[col].iloc[row],
        )
    if strict is None:
        return dates
    step = dates.diff().iloc[1:]
    wrong = step <= pd.Timedelta(0) if strict else step < pd.Timedelta(0)
    if wrong.any():
        row = int(np.flatnonzero(wrong.to_numpy())[0]) + 1
        order = "after" if strict else "on or after"
        raise DataError(
            f"line {_line(row)}, column '{col}': dates out of order: '{raw[col].iloc[row]}' must come {order} "
            f"'{raw[col].iloc[row - 1]}' (line {_line(row - 1)})",
            file=label,
            expected=f"a date {order} {raw[col].iloc[row - 1]}",
            found=raw[col].iloc[row],
        )
    return dates


def _require_text(raw: pd.DataFrame, col: str, label: str, rows: np.ndarray | None = None) -> None:
    empty = (raw[col] == "").to_numpy().copy()
    if rows is not None:
        empty &= rows
    if empty.any():
        row = int(np.flatnonzero(empty)[0])
        raise DataError(
            f"line {_line(row)}, column '{col}': missing source; every row must name where its values come from",
            file=label,
            expected="a citation or URL",
            found="an empty cell",
        )


def _list_dates(raw: pd.DataFrame, label: str) -> pd.DataFrame:
    dates = _dates(raw, "list_date", "%Y-%m", label, strict=True)
    # a list published in month m is dated to the middle of that month
    mid = dates + pd.to_timedelta(dates.dt.days_in_month / 2.0, unit="D")
    return pd.DataFrame({"date": dates, "year": decimal_year(mid)}, index=raw.index)


def _text(raw: pd.DataFrame, columns: Sequence[str]) -> pd.DataFrame:
    return raw[list(columns)].replace("", np.nan)


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
    raw, label = _read(path, "top500.csv")
    flops = ["rank1_rmax_flops", "rank1_rpeak_flops", "rank500_rmax_flops", "sum_rmax_flops", "sum_rpeak_flops"]
    _require_columns(raw, ["list_date", "rank1_name", "rank1_site", *flops, "source", "note"], label)
    numbers = _numbers(raw, flops, label, "FLOP/s")
    _require_text(raw, "source", label)
    dates = _list_dates(raw, label)
    return pd.concat([dates, _text(raw, ["rank1_name", "rank1_site"]), numbers, _text(raw, ["source", "note"])], axis=1)


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
    raw, label = _read(path, "hpcg.csv")
    flops = ["hpcg_rank1_flops", "hpl_rmax_flops_of_that_system"]
    _require_columns(raw, ["list_date", "hpcg_rank1_name", *flops, "source", "note"], label)
    numbers = _numbers(raw, flops, label, "FLOP/s")
    _require_text(raw, "source", label)
    dates = _list_dates(raw, label)
    return pd.concat([dates, _text(raw, ["hpcg_rank1_name"]), numbers, _text(raw, ["source", "note"])], axis=1)


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
    raw, label = _read(path, "green500.csv")
    values = ["green500_no1_gflops_per_w", "top500file_max_eff_gflops_per_w"]
    names = ["green500_no1_system", "top500file_max_eff_system"]
    _require_columns(raw, ["list_date", *names, *values, "green500_source", "note"], label)
    numbers = _numbers(raw, values, label, "GFLOP/s/W")
    official = numbers["green500_no1_gflops_per_w"].notna().to_numpy()
    standin = ~official & numbers["top500file_max_eff_gflops_per_w"].notna().to_numpy()
    _require_text(raw, "green500_source", label, official)
    _require_text(raw, "note", label, standin)  # the note names the TOP500 list file the stand-in comes from
    dates = _list_dates(raw, label)
    gflops = numbers["green500_no1_gflops_per_w"].where(official, numbers["top500file_max_eff_gflops_per_w"])
    out = pd.DataFrame(
        {
            "system": raw["green500_no1_system"].where(official, raw["top500file_max_eff_system"]).replace("", np.nan),
            "flops_per_w": gflops * 1e9,
            "official": official,
            **{c: numbers[c] for c in values},
            "source": raw["green500_source"].where(official, raw["note"]).replace("", np.nan),
            "note": raw["note"].replace("", np.nan),
        },
        index=raw.index,
    )
    return pd.concat([dates, out], axis=1)


def load_accelerators(path: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """AI accelerators: dense peak per precision [FLOP/s], TDP [W], launch price [USD], release date.

    Parameters
    ----------
    path : str or PathLike, optional
        A CSV in the format of ``assumptions/data/accelerators.csv`` (the default).

    Returns
    -------
    pandas.DataFrame
        ``name``, ``vendor``, ``date``, ``year`` [decimal year], one column per precision of :data:`PRECISIONS`
        [FLOP/s], ``tdp_w`` [W], ``price_usd`` [USD, nominal at launch], ``datasheet``, ``source``, ``note``.

    References
    ----------
    Epoch AI, "Machine Learning Hardware" dataset (2025), epoch.ai/data/machine-learning-hardware, CC-BY.
    """
    raw, label = _read(path, "accelerators.csv")
    flops = list(PRECISIONS.values())
    _require_columns(raw, ["name", "vendor", "release_date", "year", *flops, "tdp_w", "price_usd", "source"], label)
    numbers = pd.concat(
        [
            _numbers(raw, flops, label, "FLOP/s"),
            _numbers(raw, ["tdp_w"], label, "W"),
            _numbers(raw, ["price_usd"], label, "USD"),
        ],
        axis=1,
    )
    _require_text(raw, "source", label)
    # the file is ordered by calendar year (within a year, not by day)
    _dates(raw, "year", "%Y", label, strict=False)
    dates = _dates(raw, "release_date", "%Y-%m-%d", label, strict=None)
    extra = [c for c in ("datasheet", "note") if c in raw.columns]
    return pd.concat(
        [
            _text(raw, ["name", "vendor"]),
            pd.DataFrame({"date": dates, "year": decimal_year(dates)}, index=raw.index),
            numbers,
            _text(raw, [*extra, "source"]),
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
    raw, label = _read(path, "training_compute_max_by_year.csv")
    _require_columns(raw, ["year", "max_training_compute_flop", "model", "publication_date", "source"], label)
    numbers = _numbers(raw, ["max_training_compute_flop"], label, "FLOP")
    _require_text(raw, "source", label)
    years = pd.to_datetime(raw["year"], format="%Y", errors="coerce")
    _dates(raw, "year", "%Y", label, strict=True)
    dates = _dates(raw, "publication_date", "%Y-%m-%d", label, strict=False)
    extra = [c for c in ("organization", "epoch_confidence") if c in raw.columns]
    return pd.concat(
        [
            pd.DataFrame({"date": dates, "year": decimal_year(dates), "calendar_year": years.dt.year}, index=raw.index),
            numbers.rename(columns={"max_training_compute_flop": "training_flop"}),
            _text(raw, ["model", *extra, "source"]),
        ],
        axis=1,
    )
