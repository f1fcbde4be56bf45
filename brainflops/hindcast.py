"""The 2015 forecast against the record: Dettmers' scenarios scored on what HPCG and TOP500 #1 did since.

For each Dettmers (2015) scenario: the doubling time it assumed, the doubling time the record achieved from
2015 to the latest list (end to end, and as a log-linear fit with a HAC 90% interval), and where the
scenario's line stands in the latest list's year against the real #1 machine (ratio > 1: the scenario is
ahead of reality). The TOP500 comparison re-bases the scenario's growth on the 2015-06 TOP500 #1 (HPL), since
the post's base value is an HPCG figure.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from brainflops import hardware, trends
from brainflops.scenarios import load_scenario

__all__ = ["DETTMERS_SCENARIOS", "Hindcast", "hindcast"]

DETTMERS_SCENARIOS = ("dettmers-2015-moore", "dettmers-2015-60-year-growth", "dettmers-2015-lower")


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
    """

    scenarios: pd.DataFrame
    achieved: pd.DataFrame
    latest_year: float

    def _repr_html_(self) -> str:
        return self.scenarios.to_html(index=False) + self.achieved.to_html(index=False)

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
    hpcg, top = hardware.load_hpcg(), hardware.load_top500()
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
    return Hindcast(pd.DataFrame(rows), pd.DataFrame(achieved), latest)
