"""Records and first crossings: the dates a threshold was first reached equal the lists, read here with csv."""

from __future__ import annotations

import csv

import pytest

from brainflops.hardware.series import get_series
from tests.conftest import REPO

DATA = REPO / "assumptions" / "data"


def first_list(name: str, column: str, threshold: float) -> tuple[str, str]:
    """The first list (YYYY-MM) whose value reaches ``threshold``, and its system, straight from the CSV."""
    name_column = "rank1_name" if name == "top500.csv" else "hpcg_rank1_name"
    with open(DATA / name, newline="", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            if r[column] and float(r[column]) >= threshold:
                return r["list_date"], r[name_column]
    raise AssertionError("never reached")


def month(year: float) -> str:
    whole = int(year)
    return f"{whole}-{round((year - whole) * 12 + 0.5):02d}"


@pytest.mark.parametrize(
    ("series", "file", "column", "threshold"),
    [
        ("top500-rank1", "top500.csv", "rank1_rmax_flops", 1e15),  # Roadrunner, 2008-06
        ("top500-rank1", "top500.csv", "rank1_rmax_flops", 1e18),  # Frontier, 2022-06
        ("top500-rank1", "top500.csv", "rank1_rmax_flops", 1e14),
        ("hpcg-rank1", "hpcg.csv", "hpcg_rank1_flops", 1e15),  # Summit, 2018-06
        ("hpcg-rank1", "hpcg.csv", "hpcg_rank1_flops", 1e16),  # Fugaku, 2020-06
    ],
)
def test_first_crossing_equals_the_lists(series, file, column, threshold):
    expected_date, expected_name = first_list(file, column, threshold)
    when, name = get_series(series).record().first_reached(threshold)
    assert month(when) == expected_date and name == expected_name


def test_known_crossings():
    assert get_series("top500-rank1").first_reached(1e15)[1] == "Roadrunner"
    assert month(get_series("hpcg-rank1").first_reached(1e15)[0]) == "2018-06"
    assert get_series("hpcg-rank1").first_reached(1e17) is None  # not yet


def test_record_is_a_running_maximum_that_keeps_the_holder():
    """HPCG: Tianhe-2's 0.623 PF (2014-11) stays the record while later lists show 0.58 PF and K computer 0.603."""
    r = get_series("hpcg-rank1").record()
    assert (r.y[1:] >= r.y[:-1]).all()
    assert r.y[4] == pytest.approx(0.623e15) and r.names[5] == "Tianhe-2 (MilkyWay-2)"
    year, value, holder = get_series("top500-rank1").latest
    assert value == pytest.approx(1.809e18) and holder == "El Capitan" and month(year) == "2025-11"
