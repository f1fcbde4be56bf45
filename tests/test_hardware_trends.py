"""Trend fits: doubling times checked against fits computed here, independently, from the raw CSVs."""

from __future__ import annotations

import csv
import math

import numpy as np
import pytest

from brainflops.errors import DataError
from brainflops.hardware import series, trends
from tests.conftest import REPO

DATA = REPO / "assumptions" / "data"


def raw_points(name: str, column: str) -> tuple[np.ndarray, np.ndarray]:
    """Read (decimal year, value) straight from a shipped CSV with the csv module: mid-month of each list."""
    t, y = [], []
    with open(DATA / name, newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if not row[column]:
                continue
            year, month = (int(p) for p in row["list_date"].split("-"))
            t.append(year + (month - 0.5) / 12)
            y.append(float(row[column]))
    return np.array(t), np.array(y)


def polyfit_doubling(t: np.ndarray, y: np.ndarray) -> float:
    slope = np.polyfit(t, np.log10(y), 1)[0]
    return math.log10(2) / slope


class TestLogLinear:
    @pytest.mark.parametrize(
        ("series", "file", "column", "start", "end"),
        [
            ("top500-rank1", "top500.csv", "rank1_rmax_flops", 1993, 2008),
            ("top500-rank1", "top500.csv", "rank1_rmax_flops", 2013, None),
            ("top500-rank500", "top500.csv", "rank500_rmax_flops", None, None),
            ("hpcg-rank1", "hpcg.csv", "hpcg_rank1_flops", 2014, None),
        ],
    )
    def test_doubling_time_matches_an_independent_polyfit(self, series, file, column, start, end):
        t, y = raw_points(file, column)
        keep = (t >= (start or 0)) & (t < (end or 9999) + 1)
        expected = polyfit_doubling(t[keep], y[keep])
        fit = trends.fit_loglinear(series, start, end)
        assert fit.n == keep.sum()
        # day-based decimal years differ from (month - 0.5)/12 by under a day, hence the tolerance
        assert fit.doubling_time == pytest.approx(expected, rel=2e-3)
        lo, hi = fit.doubling_interval
        assert lo < fit.doubling_time < hi

    def test_top500_slowed_after_2013(self):
        early = trends.fit_loglinear("top500-rank1", 1993, 2008)
        late = trends.fit_loglinear("top500-rank1", 2013)
        assert early.doubling_interval[1] < late.doubling_interval[0]
        assert 1.0 < early.doubling_time < 1.2 and 1.6 < late.doubling_time < 2.1

    def test_hac_interval_is_wider_than_naive_ols_for_autocorrelated_lists(self):
        fit = trends.fit_loglinear("hpcg-rank1", 2014)
        t, y = raw_points("hpcg.csv", "hpcg_rank1_flops")
        x = np.column_stack([np.ones_like(t), t - t.mean()])
        resid = np.log10(y) - x @ np.linalg.lstsq(x, np.log10(y), rcond=None)[0]
        naive_se = math.sqrt(resid @ resid / (len(t) - 2) / np.sum((t - t.mean()) ** 2))
        assert fit.slope_se > naive_se

    def test_predict_and_draws(self):
        fit = trends.fit_loglinear("top500-rank1", 2013)
        assert fit.predict(fit.t0) == pytest.approx(10**fit.intercept)
        level, slope = fit.draws(2000, np.random.default_rng(1))
        assert slope.std() == pytest.approx(fit.slope_se, rel=0.1)
        assert level.mean() == pytest.approx(fit.intercept, abs=0.01)

    def test_accelerator_precision_and_unknowns(self):
        fit = trends.fit_loglinear("accelerator-peak", precision="fp32")
        assert fit.series == "accelerator-peak/fp32" and fit.n == 38
        with pytest.raises(DataError, match="unknown precision 'fp12'"):
            series.get_series("accelerator-peak", precision="fp12")
        with pytest.raises(DataError, match="unknown series 'top5000'"):
            series.get_series("top5000")

    def test_fewer_than_three_points_in_the_window(self):
        with pytest.raises(
            DataError, match=r"window 2025–2025 of series 'top500-rank1' holds 2 point\(s\); a fit needs at least 3"
        ):
            trends.fit_loglinear("top500-rank1", 2025, 2025)


class TestPiecewise:
    def test_fixed_break_matches_an_independent_hinge_fit(self):
        t, y = raw_points("top500.csv", "rank1_rmax_flops")
        x = np.column_stack([np.ones_like(t), np.minimum(t - 2013, 0), np.maximum(t - 2013, 0)])
        coef = np.linalg.lstsq(x, np.log10(y), rcond=None)[0]
        fit = trends.fit_piecewise("top500-rank1", break_year=2013)
        assert fit.placed == "fixed"
        assert fit.slope_before == pytest.approx(coef[1], rel=2e-3)
        assert fit.slope_after == pytest.approx(coef[2], rel=2e-3)
        assert fit.slope_after < fit.slope_before

    def test_data_placed_break_minimises_the_residuals(self):
        placed = trends.fit_piecewise("top500-rank1")
        fixed = trends.fit_piecewise("top500-rank1", break_year=2013)
        assert placed.placed == "data" and 2008 < placed.break_year < 2018
        assert placed.sse <= fixed.sse
        frame = placed.to_frame()
        assert list(frame["segment"]) == ["before", "after"]

    def test_break_needs_points_on_both_sides(self):
        with pytest.raises(DataError, match="fewer than 3 points on one side"):
            trends.fit_piecewise("top500-rank1", break_year=1994)


class TestBlockBootstrap:
    def test_bootstrap_matches_ols_on_independent_noise(self):
        rng = np.random.default_rng(3)
        t = np.arange(2000, 2040, 0.5)
        y = 10 ** (0.2 * (t - 2000) + rng.normal(0, 0.1, t.size))
        synthetic = series.Series("synthetic", "synthetic", "FLOP/s", t, y, tuple(["x"] * t.size), "test")
        slopes = trends.block_bootstrap_slopes(synthetic, n_boot=1500, block=1, seed=1)
        ols_se = 0.1 / math.sqrt(np.sum((t - t.mean()) ** 2))
        assert slopes.mean() == pytest.approx(0.2, abs=3 * ols_se)
        assert slopes.std() == pytest.approx(ols_se, rel=0.25)

    def test_fit_reports_both_intervals(self):
        fit = trends.fit_loglinear("hpcg-rank1", 2014, n_boot=1000)
        lo, hi = fit.boot_interval
        assert lo < fit.doubling_time < hi
        frame = fit.to_frame()
        assert frame.loc[0, "doubling_p5_boot"] == pytest.approx(lo)
        assert trends.fit_loglinear("hpcg-rank1", 2014).boot_interval is None
