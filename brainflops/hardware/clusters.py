"""Large AI training clusters (``assumptions/data/ai_clusters.csv``) and the record they set.

Each row is one cluster: who owns it, when it became operational (or was announced or planned), which
accelerator and how many. The per-chip dense peak is **not** in the file: it is looked up in the shipped
accelerator table (``accelerators.csv``) by name, so a chip's figure is cited once and every cluster uses the
same one. Total peak = count × per-chip peak [FLOP/s], at dense 16-bit (BF16, else FP16 tensor, else FP16;
see :data:`~brainflops.hardware.datasets.PRECISIONS`) and at FP8 where the chip has it.

Every row carries a verification ``label``: ``V`` (read in the primary source), ``2nd`` (read in a named
secondary source) or ``U`` (unverified; kept for the record of what is claimed, never used as fact). The
**record** — the largest cluster known at each date — uses operational rows whose label is not ``U``.

Checked on loading, each failure a :class:`~brainflops.errors.DataError` naming the file, line and column: a
missing or non-positive count, an accelerator the table does not know or that has no 16-bit figure, a
non-positive owner figure, power or cost, an unknown status or label, a date in the future on a row that is
not a plan, and a missing source or URL.
"""

from __future__ import annotations

import math
import os

import numpy as np
import pandas as pd

from brainflops.errors import DataError
from brainflops.hardware.checks import (
    line,
    numbers,
    read_table,
    require_choice,
    require_columns,
    require_text,
    text_columns,
)
from brainflops.hardware.datasets import load_accelerators, month_dates

__all__ = ["DATE_KINDS", "KINDS", "LABELS", "cluster_record", "load_ai_clusters"]

#: What a row's date means.
DATE_KINDS = ("operational", "announced", "planned")
#: An AI cluster, or an HPC system counted as Epoch AI counts them (Summit, Frontier, El Capitan).
KINDS = ("ai", "hpc")
#: Verification labels: read in the primary source, in a named secondary source, unverified.
LABELS = ("V", "2nd", "U")

_COLUMNS = ["name", "owner", "date", "date_kind", "kind", "accelerator", "count", "owner_peak_flops", "power_w",
            "cost_usd", "label", "source", "url", "note"]  # fmt: skip


def load_ai_clusters(
    path: str | os.PathLike[str] | None = None,
    *,
    accelerators: str | os.PathLike[str] | None = None,
) -> pd.DataFrame:
    """Large AI training clusters with their total dense 16-bit (and FP8) peak.

    Parameters
    ----------
    path : str or PathLike, optional
        A CSV in the format of ``assumptions/data/ai_clusters.csv`` (the default).
    accelerators : str or PathLike, optional
        The accelerator table the per-chip peaks come from (``accelerators.csv`` by default).

    Returns
    -------
    pandas.DataFrame
        ``name``, ``owner``, ``date``, ``year`` [decimal year, mid-month], ``date_kind``, ``kind``,
        ``accelerator``, ``count``, ``chip_peak_16bit_flops``, ``chip_peak_fp8_flops`` [FLOP/s per chip],
        ``peak_16bit_flops``, ``peak_fp8_flops`` [FLOP/s, count × chip], ``owner_peak_flops`` [FLOP/s, the
        owner's own figure where published], ``power_w`` [W], ``cost_usd`` [USD], ``label``, ``verified``
        (label is not ``U``), ``in_record`` (operational and verified), ``source``, ``url``, ``note``.
        Missing stays missing (NaN).

    Raises
    ------
    DataError
        See the module docstring; the message names the file, the line and the column.
    """
    raw, label = read_table(path, "ai_clusters.csv")
    require_columns(raw, _COLUMNS, label)
    for col in ("name", "source", "url"):
        require_text(raw, col, label, what=f"missing {col}; every cluster needs a name, a source and a URL")
    require_choice(raw, "date_kind", DATE_KINDS, label)
    require_choice(raw, "kind", KINDS, label)
    require_choice(raw, "label", LABELS, label)
    count = numbers(raw, ["count"], label, "chips", positive=True, required=True)["count"]
    fractional = count % 1 != 0
    if fractional.any():
        row = int(np.flatnonzero(fractional.to_numpy())[0])
        raise DataError(
            f"line {line(row)}, column 'count': expected a whole number of chips, found '{raw['count'].iloc[row]}'",
            file=label,
            expected="a whole number",
            found=raw["count"].iloc[row],
        )
    figures = pd.concat(
        [
            numbers(raw, ["owner_peak_flops"], label, "FLOP/s", positive=True),
            numbers(raw, ["power_w"], label, "W", positive=True),
            numbers(raw, ["cost_usd"], label, "USD", positive=True),
        ],
        axis=1,
    )
    when = month_dates(raw, label, "date", strict=False, future=(raw["date_kind"] == "planned").to_numpy())
    chips = load_accelerators(accelerators).drop_duplicates("name").set_index("name")
    unknown = ~raw["accelerator"].isin(chips.index)
    if unknown.any():
        row = int(np.flatnonzero(unknown.to_numpy())[0])
        raise DataError(
            f"line {line(row)}, column 'accelerator': '{raw['accelerator'].iloc[row]}' is not in accelerators.csv; "
            "add the chip there (with its citation) first",
            file=label,
            expected="a name in accelerators.csv",
            found=raw["accelerator"].iloc[row],
        )
    peak16 = chips["peak_16bit_flops"].reindex(raw["accelerator"]).to_numpy()
    peak8 = chips["fp8_flops"].reindex(raw["accelerator"]).to_numpy()
    no_peak = ~(peak16 > 0)
    if no_peak.any():
        row = int(np.flatnonzero(no_peak)[0])
        raise DataError(
            f"line {line(row)}, column 'accelerator': '{raw['accelerator'].iloc[row]}' has no dense 16-bit peak in "
            "accelerators.csv, so the cluster's total cannot be computed",
            file=label,
            expected="a chip with a positive 16-bit peak",
            found=raw["accelerator"].iloc[row],
        )
    verified = (raw["label"] != "U").to_numpy()
    out = pd.DataFrame(
        {
            "date_kind": raw["date_kind"],
            "kind": raw["kind"],
            "accelerator": raw["accelerator"],
            "count": count.astype(int),
            "chip_peak_16bit_flops": peak16,
            "chip_peak_fp8_flops": peak8,
            "peak_16bit_flops": count.to_numpy() * peak16,
            "peak_fp8_flops": count.to_numpy() * peak8,
            **{c: figures[c] for c in figures.columns},
            "label": raw["label"],
            "verified": verified,
            "in_record": verified & (raw["date_kind"] == "operational").to_numpy(),
        },
        index=raw.index,
    )
    return pd.concat([text_columns(raw, ["name", "owner"]), when, out, text_columns(raw, ["source", "url", "note"])],
                     axis=1)  # fmt: skip


def cluster_record(clusters: pd.DataFrame | None = None, *, include_hpc: bool = True) -> pd.DataFrame:
    """The rows that set a new record: each is larger (dense 16-bit peak) than every earlier record row.

    Parameters
    ----------
    clusters : pandas.DataFrame, optional
        From :func:`load_ai_clusters` (loaded if not given).
    include_hpc : bool
        Count HPC systems (Summit, Frontier, El Capitan), as Epoch AI does.

    Returns
    -------
    pandas.DataFrame
        The record-setting rows, oldest first, with the columns of :func:`load_ai_clusters`.
    """
    frame = load_ai_clusters() if clusters is None else clusters
    rows = frame[frame["in_record"] & (include_hpc | (frame["kind"] == "ai"))].sort_values("year", kind="stable")
    earlier_best = rows["peak_16bit_flops"].cummax().shift(fill_value=0.0)
    return rows[rows["peak_16bit_flops"] > earlier_best]  # a tie is not a new record


#: Epoch AI's doubling time of leading AI supercomputers' 16-bit performance: 2.5x per year since 2019,
#: 12 ln 2 / ln 2.5 = 9.1 months. Pilz, Rahman, Sanders, Emberson & Heim (2025), "The computational performance
#: of leading AI supercomputers has doubled every nine months", Epoch AI data insight.
EPOCH_DOUBLING_MONTHS = 12 * math.log(2) / math.log(2.5)


def render_clusters(clusters: pd.DataFrame) -> str:
    """The cluster table for people: date, status, chips, total dense 16-bit peak, record, label.

    Parameters
    ----------
    clusters : pandas.DataFrame
        From :func:`load_ai_clusters`.
    """
    from brainflops.formatting import format_month, format_sci

    record = set(cluster_record(clusters).index)
    lines = [
        f"{len(clusters)} large AI training clusters (assumptions/data/ai_clusters.csv); total = count × the chip's "
        "dense 16-bit peak from accelerators.csv; * = a new record (operational, verified)",
        f"  {'':1} {'cluster':<32} {'owner':<28} {'date':<15} {'status':<11} {'chips':>9} {'accelerator':<22} "
        f"{'16-bit peak':>18}  label",
    ]
    for i, r in clusters.iterrows():
        mark = "*" if i in record else ""
        lines.append(
            f"  {mark:1} {r['name']:<32.32} {r['owner']:<28.28} {format_month(r['year']):<15} {r['date_kind']:<11} "
            f"{r['count']:>9,} {r['accelerator']:<22.22} {format_sci(r['peak_16bit_flops'], 'FLOP/s'):>18}  "
            f"{r['label']}"
        )
    lines.append(
        "Labels: V read in the primary source; 2nd in a named secondary source; U unverified (not in the record)."
    )
    return "\n".join(lines)
