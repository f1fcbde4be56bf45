"""Eras of every series and FLOP/s per dollar at constant precision against Epoch AI."""

from __future__ import annotations

import csv
import math

import numpy as np
import pytest

from brainflops.hardware import eras as eras_module
from brainflops.hardware.price_performance import EPOCH_RATES, price_performance
from brainflops.hardware.summary import cluster_sentence, hardware_summary
from brainflops.hardware.trends import fit_piecewise
from tests.conftest import REPO


class TestEras:
    @pytest.mark.parametrize("name", ["top500-rank1", "top500-sum", "top500-rank500"])
    def test_top500_series_have_a_fixed_2013_break_and_slowed_after_it(self, name):
        e = eras_module.eras(name)
        fixed = fit_piecewise(name, break_year=2013)
        assert e.fixed.break_year == 2013 and e.fixed.slope_after == pytest.approx(fixed.slope_after)
        assert e.fixed.slope_after < e.fixed.slope_before  # the 2013 slowdown
        assert e.placed is not None and e.placed.placed == "data"
        frame = e.to_frame()
        assert list(frame["fit"]) == ["whole"] + ["fixed break"] * 2 + ["data-placed break"] * 2
        assert (frame["doubling_p5"] < frame["doubling_years"]).all()

    def test_hpcg_starts_after_2013_and_says_so(self):
        e = eras_module.eras("hpcg-rank1")
        assert e.fixed is None and "the series starts in 2014" in e.fixed_note
        assert e.placed is not None

    def test_the_cluster_record_gets_epochs_window_as_its_fixed_break(self):
        e = eras_module.eras("ai-cluster-record")
        assert e.fixed.break_year == 2019
        text = eras_module.render_eras([e])
        assert "ai-cluster-record" in text and "before 2019" in text and "after 2019" in text

    def test_cluster_record_against_epochs_nine_months(self):
        """Epoch AI: 2.5x a year since 2019, 12 ln 2 / ln 2.5 = 9.1 months per doubling."""
        sentence = cluster_sentence()
        assert "9.1 months" in sentence and "consistent with" in sentence

    def test_the_hardware_text_covers_every_series_with_eras(self):
        text = hardware_summary()
        for name in eras_module.ERA_SERIES:
            assert name in text
        assert "Epoch AI" in text and "FLOP/s per dollar" in text


def priced(precision_column: str) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Datacenter devices with a cited launch price, read with csv: (decimal year, FLOP/s per USD, names)."""
    t, y, names = [], [], []
    with open(REPO / "assumptions" / "data" / "accelerators.csv", encoding="utf-8") as fh:
        table = list(csv.DictReader(fh))
    for r in table:
        if r["market"] == "datacenter" and r["price_source"] and r["price_usd"] and r[precision_column]:
            year, month, day = (int(p) for p in r["release_date"].split("-"))
            t.append(year + (month - 1) / 12 + (day - 0.5) / 365)
            y.append(float(r[precision_column]) / float(r["price_usd"]))
            names.append(r["name"])
    return np.array(t), np.array(y), names


class TestPricePerformance:
    @pytest.mark.parametrize(("precision", "column"), [("fp32", "fp32_flops"), ("fp16_tensor", "fp16_tensor_flops")])
    def test_fit_uses_comparable_devices_only_and_matches_an_independent_polyfit(self, precision, column):
        t, y, names = priced(column)
        result = price_performance(precision, n_boot=200)
        assert set(result.series.names) == set(names)
        assert not {"GeForce RTX 4090", "GeForce RTX 2080 Ti", "B100"} & set(names)  # consumer, or no cited price
        expected = math.log10(2) / np.polyfit(t, np.log10(y), 1)[0]
        assert result.fit.doubling_time == pytest.approx(expected, rel=0.01)

    def test_comparison_with_epoch_rates(self):
        """Hobbhahn & Besiroglu (2022): ML GPUs 2.07 years [1.54, 3.13]; all GPUs 2.46 [2.24, 2.72]. Epoch's hub:
        ~30% cheaper a year at fixed precision, a doubling of ln 2 / ln(1/0.7) = 1.94 years."""
        result = price_performance("fp32", n_boot=200)
        table = result.to_frame().set_index("what")
        assert table.loc["ML GPUs, FP32, 2006-2021 (n = 26)", "doubling_years"] == 2.07
        hub = next(r for r in EPOCH_RATES if r.low is None)
        assert hub.doubling == pytest.approx(1.943, abs=1e-3)
        lo, hi = result.fit.doubling_interval
        for r in table.iloc[1:].itertuples():
            low, high = (r.low, r.high) if r.low == r.low and r.low is not None else (r.doubling_years,) * 2
            assert r.overlaps_this_fit == (low <= hi and lo <= high)
        assert "Epoch AI" in str(result) and "years" in str(result)
