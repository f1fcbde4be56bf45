"""The 2015 forecast against the record: Dettmers' scenarios scored on what HPCG and TOP500 #1 did since.

For each Dettmers (2015) scenario: the doubling time it assumed, the doubling time the record achieved from
2015 to the latest list (end to end, and as a log-linear fit with a HAC 90% interval), and where the
scenario's line stands in the latest list's year against the real #1 machine (ratio > 1: the scenario is
ahead of reality). The TOP500 comparison re-bases the scenario's growth on the 2015-06 TOP500 #1 (HPL), since
the post's base value is an HPCG figure.

The two anchors are hindcast too (:func:`anchor_hindcast`): each fitted series is cut at a year, fitted on the
data before it, projected to the latest data point from the record at the cut (the default) and from the
fitted line, and compared with what the record then did — in doublings off, so the choice is visible.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd

from brainflops.hardware import datasets, trends
from brainflops.hardware.projection import fit_projection
from brainflops.hardware.scenarios import load_scenario
from brainflops.hardware.series import get_series

__all__ = ["ANCHOR_SERIES", "DETTMERS_SCENARIOS", "Hindcast", "anchor_hindcast", "hindcast"]

DETTMERS_SCENARIOS = ("dettmers-2015-moore", "dettmers-2015-60-year-growth", "dettmers-2015-lower")

#: Series hindcast with both anchors: name -> (first year of the fit window, cut year).
ANCHOR_SERIES = {
    "top500-rank1": (2013.0, 2020.0),
    "hpcg-rank1": (2014.0, 2020.0),
    "ai-cluster-record": (2016.0, 2023.0),
}


@dataclass(frozen=True)
class Hindcast:
    """Scenario lines against the record.

    Attributes
    ----------
    scenarios : pandas.DataFrame
        Per scenario: ``assumed_doubling`` [year], the scenario's value in the latest list year and the real
        HPCG #1 and TOP500 #1 values [FLOP/s], and the ratios scenario / real.
    achieved : pandas.DataFrame
        Per series (HPCG #1, TOP500 #1): doubling time from 2015 to the latest list, end to end and fitted
        (with its 90% interval) [year].
    latest_year : float
        The latest list's decimal year [year].
    anchors : pandas.DataFrame
        The anchor hindcast (see :func:`anchor_hindcast`).
    """

    scenarios: pd.DataFrame
    achieved: pd.DataFrame
    latest_year: float
    anchors: pd.DataFrame = field(default_factory=pd.DataFrame)

    def _repr_html_(self) -> str:
        return "".join(f.to_html(index=False) for f in (self.scenarios, self.achieved, self.anchors))

    def __str__(self) -> str:
        return render_anchors(self.anchors)

    def to_frame(self) -> pd.DataFrame:
        """The scenarios table with the achieved doubling times as extra columns."""
        out = self.scenarios.copy()
        for _, row in self.achieved.iterrows():
            key = row["series"].replace("-rank1", "")
            out[f"{key}_doubling_end_to_end"] = row["doubling_end_to_end"]
            out[f"{key}_doubling_fit"] = row["doubling_fit"]
        return out


def _achieved(name: str, frame: pd.DataFrame, column: str, since: float) -> dict:
    rows = frame[(frame["year"] >= since) & frame[column].notna()]
    first, last = rows.iloc[0], rows.iloc[-1]
    fit = trends.fit_loglinear(name, since)
    lo, hi = fit.doubling_interval
    return {
        "series": name,
        "from": round(float(first["year"]), 2),
        "to": round(float(last["year"]), 2),
        "value_from": float(first[column]),
        "value_to": float(last[column]),
        "doubling_end_to_end": (last["year"] - first["year"]) / math.log2(last[column] / first[column]),
        "doubling_fit": fit.doubling_time,
        "doubling_fit_p5": lo,
        "doubling_fit_p95": hi,
    }


def hindcast(scenario_ids: Sequence[str] = DETTMERS_SCENARIOS, *, since: float = 2015.0) -> Hindcast:
    """Score fixed-growth scenarios against the HPCG #1 and TOP500 #1 record since ``since``.

    Parameters
    ----------
    scenario_ids : sequence of str
        Fixed-growth scenarios (Dettmers 2015's three by default).
    since : float
        Start of the scored period [year]; the first list in that year is the starting point.

    Returns
    -------
    Hindcast

    References
    ----------
    Dettmers, T. (2015). The Brain vs Deep Learning Part I: Computational Complexity. Blog post, Part IV.
    """
    hpcg, top = datasets.load_hpcg(), datasets.load_top500()
    achieved = [
        _achieved("hpcg-rank1", hpcg, "hpcg_rank1_flops", since),
        _achieved("top500-rank1", top, "rank1_rmax_flops", since),
    ]
    hpcg_now, top_now = achieved[0], achieved[1]
    latest = hpcg_now["to"]
    rows = []
    for ident in scenario_ids:
        s = load_scenario(ident)
        p = s.projection()
        scenario_now = float(p.log10_at(latest, central=True)[0])
        growth_top = 10 ** (p.point_slope * (top_now["to"] - top_now["from"]))
        rows.append(
            {
                "scenario": s.id,
                "assumed_doubling": p.doubling_time,
                "year": latest,
                "scenario_flops": 10**scenario_now,
                "hpcg_rank1_flops": hpcg_now["value_to"],
                "ratio_to_hpcg": 10**scenario_now / hpcg_now["value_to"],
                "top500_rebased_flops": top_now["value_from"] * growth_top,
                "top500_rank1_flops": top_now["value_to"],
                "ratio_to_top500": top_now["value_from"] * growth_top / top_now["value_to"],
            }
        )
    return Hindcast(pd.DataFrame(rows), pd.DataFrame(achieved), latest, anchor_hindcast())


def anchor_hindcast(series: dict[str, tuple[float, float]] | None = None) -> pd.DataFrame:
    """Record anchor against line anchor, out of sample: fit before a cut, project to the latest data point.

    Parameters
    ----------
    series : dict of str to (float, float), optional
        Series name -> (first year of the fit window, cut year) [year]; :data:`ANCHOR_SERIES` by default.

    Returns
    -------
    pandas.DataFrame
        Per series and anchor: the fit window, the projected and the observed value at the latest data point
        [FLOP/s], and the error in doublings (log2 projected / observed; positive = too high).
    """
    rows = []
    for name, (start, cut) in (series or ANCHOR_SERIES).items():
        full = get_series(name)
        before = full.window(None, cut - 1)  # data up to the end of the year before the cut
        fit = trends.fit_loglinear(before, start)
        t_end, observed = float(full.t[-1]), float(full.record().y[-1])
        for anchor in ("record", "line"):
            p = fit_projection(fit, 1, 0, anchor=anchor, series=before)
            projected = 10 ** float(p.log10_at(t_end, central=True)[0])
            rows.append({
                "series": name, "anchor": anchor, "fit_from": start, "cut": cut, "projected_to": round(t_end, 2),
                "doubling_years": p.doubling_time, "projected_flops": projected, "observed_flops": observed,
                "error_doublings": math.log2(projected / observed),
            })  # fmt: skip
    return pd.DataFrame(rows)


def render_anchors(anchors: pd.DataFrame) -> str:
    """The anchor hindcast in words: per series, how far each anchor's projection missed the record.

    Parameters
    ----------
    anchors : pandas.DataFrame
        From :func:`anchor_hindcast`.
    """
    from brainflops.formatting import format_month, format_sci, significant

    lines = []
    for name, group in anchors.groupby("series", sort=False):
        first = group.iloc[0]
        parts = []
        for r in group.itertuples():
            direction = "too high" if r.error_doublings > 0 else "too low"
            parts.append(f"from the {r.anchor} {format_sci(r.projected_flops)} ({significant(abs(r.error_doublings))} "
                         f"doublings {direction})")  # fmt: skip
        lines.append(
            f"{name}, fitted {first.fit_from:.0f}–{first.cut - 1:.0f}, projected to {format_month(first.projected_to)} "
            f"(observed {format_sci(first.observed_flops, 'FLOP/s')}): " + "; ".join(parts)
        )
    return "\n".join(lines)
