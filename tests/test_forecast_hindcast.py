"""The 2015 forecast against the record, recomputed here from the raw HPCG and TOP500 rows."""

from __future__ import annotations

import math

import pytest

from brainflops.forecast.hindcast import hindcast


def list_year(text: str) -> float:
    year, month = (int(p) for p in text.split("-"))
    return year + (month - 0.5) / 12


def test_achieved_doubling_times_end_to_end():
    """HPCG #1 went from 0.58e15 (Tianhe-2, 2015-06) to 17.41e15 (El Capitan, 2025-11); TOP500 #1 from
    33.8627e15 to 1.809e18 over the same lists (assumptions/data/hpcg.csv, top500.csv)."""
    h = hindcast()
    span = list_year("2025-11") - list_year("2015-06")
    hpcg, top = h.achieved.set_index("series").loc["hpcg-rank1"], h.achieved.set_index("series").loc["top500-rank1"]
    assert hpcg["doubling_end_to_end"] == pytest.approx(span / math.log2(17.41e15 / 0.58e15), rel=2e-3)
    assert top["doubling_end_to_end"] == pytest.approx(span / math.log2(1.809e18 / 33.8627e15), rel=2e-3)
    assert hpcg["doubling_fit_p5"] < hpcg["doubling_fit"] < hpcg["doubling_fit_p95"]


def test_scenario_lines_against_the_machines_today():
    h = hindcast()
    rows = h.scenarios.set_index("scenario")
    assert list(rows.index) == ["dettmers-2015-moore", "dettmers-2015-60-year-growth", "dettmers-2015-lower"]
    expected = 0.58e15 * 2 ** ((h.latest_year - 2015) / 1.8) / 17.41e15
    assert rows.loc["dettmers-2015-60-year-growth", "ratio_to_hpcg"] == pytest.approx(expected, rel=1e-6)
    # the record sits between the 1.8-year and the 3-year scenario; 'Moore's law' overshot it
    assert (
        rows.loc["dettmers-2015-lower", "ratio_to_hpcg"] < 1 < rows.loc["dettmers-2015-60-year-growth", "ratio_to_hpcg"]
    )
    assert rows.loc["dettmers-2015-moore", "ratio_to_hpcg"] > 10
    assert set(h.to_frame().columns) >= {"hpcg_doubling_end_to_end", "top500_doubling_fit"}
