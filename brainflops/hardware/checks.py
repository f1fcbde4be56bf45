"""Reading and checking the shipped CSVs: every bad cell is reported with its file, line and column.

A dataset is read as text first (so that a bad cell can be quoted as written), then converted column by column.
An empty cell stays missing (NaN), never zero. Problems raise :class:`~brainflops.errors.DataError`:

    top500.csv: line 7, column 'rank1_rmax_flops': expected a non-negative number [FLOP/s], found 'n/a'

Dates after today are refused (a data row describes something that happened), unless a loader allows them for
rows that say they are plans.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from brainflops.errors import DataError

__all__ = [
    "data_dir",
    "dates",
    "decimal_year",
    "line",
    "numbers",
    "read_table",
    "require_choice",
    "require_columns",
    "require_text",
    "text_columns",
    "today",
]


def data_dir() -> Path:
    """The folder of the shipped datasets (the repository's ``assumptions/data`` or the installed copy)."""
    here = Path(__file__).resolve().parent.parent
    candidates = [here.parent / "assumptions" / "data", here / "_assumptions" / "data"]
    return next((c for c in candidates if c.is_dir()), candidates[0])


def today() -> pd.Timestamp:
    """Today's date: the latest date a data row may carry and the present of every forecast.

    ``BRAINFLOPS_TODAY`` (an ISO date, e.g. ``2026-11-29``) fixes it, so that a forecast, the ledger's "overdue by
    N years" and the documentation's pasted output are reproducible; the test suite sets it.
    """
    fixed = os.environ.get("BRAINFLOPS_TODAY", "").strip()
    if fixed:
        try:
            return pd.Timestamp(dt.date.fromisoformat(fixed))
        except ValueError:
            raise DataError(
                f"BRAINFLOPS_TODAY must be a date like 2026-11-29, found '{fixed}'", expected="YYYY-MM-DD", found=fixed
            ) from None
    return pd.Timestamp(dt.date.today())


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


def read_table(path: str | os.PathLike[str] | None, default: str) -> tuple[pd.DataFrame, str]:
    """A CSV as stripped text cells, and the label (file name) errors use."""
    p = Path(path) if path is not None else data_dir() / default
    label = p.name
    if not p.is_file():
        raise DataError("no such file", file=os.fspath(p))
    try:
        raw = pd.read_csv(p, dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, UnicodeDecodeError, pd.errors.EmptyDataError) as exc:
        raise DataError(f"cannot be read as CSV: {exc}", file=label) from None
    if raw.empty:
        raise DataError("holds no data rows", file=label)
    return raw.apply(lambda col: col.str.strip()), label


def line(row: int) -> int:
    """The file line of data row ``row`` (0-based); the header is line 1."""
    return row + 2


def require_columns(raw: pd.DataFrame, columns: Sequence[str], label: str) -> None:
    """Refuse a file that lacks one of ``columns``."""
    missing = [c for c in columns if c not in raw.columns]
    if missing:
        raise DataError(
            f"missing column(s) {', '.join(repr(c) for c in missing)}",
            file=label,
            expected=", ".join(columns),
            found=", ".join(raw.columns),
        )


def numbers(
    raw: pd.DataFrame,
    columns: Sequence[str],
    label: str,
    unit: str,
    *,
    positive: bool = False,
    required: bool = False,
) -> pd.DataFrame:
    """Columns as floats; empty -> NaN (or an error when ``required``); non-numeric, infinite or negative
    (zero too when ``positive``) -> DataError naming the line and column."""
    out = {}
    kind = "a positive number" if positive else "a non-negative number"
    for col in columns:
        text = raw[col]
        values = pd.to_numeric(text.where(text != ""), errors="coerce").astype(float)
        bad = (text != "") & ~np.isfinite(values.fillna(0.0))
        bad |= (text != "") & values.isna()
        bad |= (values <= 0) if positive else (values < 0)
        if required:
            bad |= text == ""
        if bad.any():
            row = int(np.flatnonzero(bad.to_numpy())[0])
            found = text.iloc[row]
            raise DataError(
                f"line {line(row)}, column '{col}': expected {kind} [{unit}], found "
                + (f"'{found}'" if found else "an empty cell"),
                file=label,
                expected=f"{kind} [{unit}]",
                found=found,
            )
        out[col] = values
    return pd.DataFrame(out, index=raw.index)


def dates(
    raw: pd.DataFrame,
    col: str,
    fmt: str,
    label: str,
    *,
    strict: bool | None,
    future: np.ndarray | None = None,
) -> pd.Series:
    """Parse dates; refuse unparseable ones, dates after today (except rows where ``future`` is true) and,
    unless ``strict`` is None, dates out of order (``strict``: each after the previous; otherwise on or after)."""
    parsed = pd.to_datetime(raw[col], format=fmt, errors="coerce")
    if parsed.isna().any():
        row = int(np.flatnonzero(parsed.isna().to_numpy())[0])
        raise DataError(
            f"line {line(row)}, column '{col}': expected a date like {fmt.replace('%', '')}, "
            f"found '{raw[col].iloc[row]}'",
            file=label,
            expected=fmt,
            found=raw[col].iloc[row],
        )
    late = (parsed > today()).to_numpy().copy()
    if future is not None:
        late &= ~future
    if late.any():
        row = int(np.flatnonzero(late)[0])
        raise DataError(
            f"line {line(row)}, column '{col}': the date '{raw[col].iloc[row]}' is in the future "
            f"(today is {today():%Y-%m-%d}); a data row records what has happened",
            file=label,
            expected=f"a date on or before {today():%Y-%m-%d}",
            found=raw[col].iloc[row],
        )
    if strict is None:
        return parsed
    step = parsed.diff().iloc[1:]
    wrong = step <= pd.Timedelta(0) if strict else step < pd.Timedelta(0)
    if wrong.any():
        row = int(np.flatnonzero(wrong.to_numpy())[0]) + 1
        order = "after" if strict else "on or after"
        raise DataError(
            f"line {line(row)}, column '{col}': dates out of order: '{raw[col].iloc[row]}' must come {order} "
            f"'{raw[col].iloc[row - 1]}' (line {line(row - 1)})",
            file=label,
            expected=f"a date {order} {raw[col].iloc[row - 1]}",
            found=raw[col].iloc[row],
        )
    return parsed


def require_text(raw: pd.DataFrame, col: str, label: str, rows: np.ndarray | None = None, what: str = "") -> None:
    """Refuse an empty cell in ``col`` (only among ``rows`` if given); ``what`` says what the cell is for."""
    empty = (raw[col] == "").to_numpy().copy()
    if rows is not None:
        empty &= rows
    if empty.any():
        row = int(np.flatnonzero(empty)[0])
        reason = what or "missing source; every row must name where its values come from"
        raise DataError(
            f"line {line(row)}, column '{col}': {reason}",
            file=label,
            expected="a citation or URL" if not what else "a value",
            found="an empty cell",
        )


def require_choice(raw: pd.DataFrame, col: str, choices: Sequence[str], label: str) -> None:
    """Refuse a cell of ``col`` that is not one of ``choices``."""
    wrong = ~raw[col].isin(choices).to_numpy()
    if wrong.any():
        row = int(np.flatnonzero(wrong)[0])
        found = raw[col].iloc[row]
        raise DataError(
            f"line {line(row)}, column '{col}': expected one of {', '.join(choices)}, found "
            + (f"'{found}'" if found else "an empty cell"),
            file=label,
            expected=", ".join(choices),
            found=found,
        )


def text_columns(raw: pd.DataFrame, columns: Sequence[str]) -> pd.DataFrame:
    """Text columns with empty cells as NaN."""
    return raw[list(columns)].replace("", np.nan)
