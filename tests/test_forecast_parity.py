"""The parity-year distribution: Dettmers (2015)'s years reproduced, explicit "already" and "never"."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from brainflops.errors import AssumptionError, BrainflopsError
from brainflops.forecast.energy import energy_parity, landauer_limit
from brainflops.forecast.parity import parity, timeline
from brainflops.hardware.projection import Projection
from brainflops.hardware.scenarios import load_scenario
from tests.conftest import REPO

DETTMERS_BRAIN = 1.075e21  # Dettmers (2015), Part I: "1.075×10^21 FLOPS for the brain"
DETTMERS_LOG10 = math.log10(DETTMERS_BRAIN)


def fixed(level: float, doubling: float, base: float = 2015.0, **kwargs) -> Projection:
    slope = math.log10(2) / doubling if doubling > 0 else -0.1
    return Projection("test", "FLOP/s", base, np.array([level]), np.array([slope]), level, slope, **kwargs)


class TestDettmers2015:
    """Tim Dettmers, "The Brain vs Deep Learning Part I: Computational Complexity — Or Why the Singularity Is
    Nowhere Near", blog post, 27 July 2015, Part IV: 1.075e21 / 0.58e15 = 1.85e6, log2 = 20.8, "21 doubling
    periods"; 1.8 years per doubling → 2053, 3 years → 2078, "Moore's law" → 2037."""

    def test_twenty_one_doubling_periods(self):
        r = timeline(DETTMERS_LOG10, "dettmers-2015-60-year-growth")
        assert pytest.approx(1.85e6, rel=3e-3) == DETTMERS_BRAIN / 0.58e15
        assert r.doublings == pytest.approx(20.8, abs=0.05)
        assert r.doublings_rounded == 21

    @pytest.mark.parametrize(
        ("scenario", "year"),
        [("dettmers-2015-60-year-growth", 2053), ("dettmers-2015-lower", 2078), ("dettmers-2015-moore", 2037)],
    )
    def test_published_years_from_whole_doublings(self, scenario, year):
        r = timeline(DETTMERS_LOG10, scenario)
        assert round(r.year_rounded) == year
        assert r.year_exact < r.year_rounded  # the post's rounding up to 21 doublings adds a few months
        assert round(r.year_exact) in (year, year - 1)

    def test_exact_arithmetic_of_the_post(self):
        r = timeline(DETTMERS_LOG10, "dettmers-2015-60-year-growth")
        assert r.year_rounded == pytest.approx(2015 + 21 * 1.8)  # 2052.8
        assert timeline(DETTMERS_LOG10, "dettmers-2015-lower").year_rounded == pytest.approx(2078.0)
        assert r.year_exact == pytest.approx(2015 + 1.8 * math.log2(DETTMERS_BRAIN / 0.58e15))

    def test_a_point_against_a_fixed_scenario_is_a_single_year(self):
        r = timeline(DETTMERS_LOG10, "dettmers-2015-lower")
        assert r.p5 == r.median == r.p95 == pytest.approx(r.year_exact)
        assert r.already == 0 and r.never == 0
        # 2077.47 lies in calendar year 2077: P(by the end of 2076) = 0, P(by the end of 2077) = 1
        assert r.p_by_year[r.years == 2076][0] == 0 and r.p_by_year[r.years == 2077][0] == 1


class TestDistribution:
    def test_brain_samples_give_the_matching_year_percentiles(self):
        brain = np.log10(0.58e15) + np.linspace(1, 9, 801)  # log10 FLOP/s, 1 to 9 decades above the base
        r = parity(brain, fixed(np.log10(0.58e15), doubling=2.0, base=2030.0))
        years = 2030 + 2.0 * (brain - np.log10(0.58e15)) / math.log10(2)
        assert r.median == pytest.approx(np.median(years), abs=0.05)
        assert r.p5 == pytest.approx(np.quantile(years, 0.05), abs=0.1)
        assert np.all(np.diff(r.p_by_year) >= 0)

    def test_already_reached_is_explicit(self):
        brain = np.array([13.0, 14.0, 16.0, 17.0])  # first two below 0.58e15 (10^14.76) in 2015
        r = parity(brain, fixed(np.log10(0.58e15), 1.0))
        assert r.already == 0.5 and r.never == 0
        assert r.p5 == 2015.0 and r.p_by_year[0] >= 0.5

    def test_never_with_a_cap_a_stall_or_no_growth(self):
        brain = np.array([15.0, 20.0])
        capped = parity(brain, fixed(14.0, 1.0, cap=18.0))
        assert capped.never == 0.5 and math.isinf(capped.p95)
        stalled = parity(brain, fixed(14.0, 1.0, stall_year=2030.0))
        assert stalled.never == 0.5
        flat = parity(brain, fixed(14.0, 0.0))
        assert flat.never == 1.0 and math.isinf(flat.median) and math.isinf(flat.year_exact)

    def test_growth_uncertainty_spreads_the_year(self):
        r = timeline(DETTMERS_LOG10, "hpcg-rank1-2014-latest", n_draws=1000)
        assert r.p5 < r.median < r.p95
        assert 2030 < r.median < 2080


class TestErrors:
    def test_a_fit_with_non_positive_growth_is_an_error(self, tmp_path):
        frame = pd.read_csv(REPO / "assumptions" / "data" / "top500.csv", dtype=str, keep_default_na=False)
        frame["rank1_rmax_flops"] = [f"{1e18 / (i + 1):.6g}" for i in range(len(frame))]  # a declining record
        data = tmp_path / "top500.csv"
        frame.to_csv(data, index=False)
        scenario = load_scenario("top500-rank1-2013-latest")
        with pytest.raises(AssumptionError, match=r"non-positive growth .* never reaches parity"):
            timeline(DETTMERS_LOG10, scenario, data=data, n_draws=100)

    def test_bad_brain_values(self):
        with pytest.raises(BrainflopsError, match="finite log10"):
            timeline(np.array([np.nan]), "dettmers-2015-lower")
        with pytest.raises(BrainflopsError, match="brain samples are log10"):
            timeline(DETTMERS_BRAIN, "dettmers-2015-lower")

    def test_a_set_stands_for_its_point_estimate(self):
        by_set = timeline("dettmers-2015", "dettmers-2015-60-year-growth")
        assert by_set.year_exact == pytest.approx(timeline(DETTMERS_LOG10, "dettmers-2015-60-year-growth").year_exact)


class TestEnergy:
    def test_landauer_limit_from_constants(self):
        """k_B T ln 2 at 310 K = 2.967e-21 J (k_B = 1.380649e-23 J/K exactly, SI 2019)."""
        assert landauer_limit() == pytest.approx(1.380649e-23 * 310 * math.log(2), rel=1e-9)
        assert landauer_limit() == pytest.approx(2.967e-21, rel=1e-3)

    def test_energy_parity_uses_20_watts(self):
        r, fit = energy_parity(DETTMERS_LOG10, n_draws=500)
        # brain: 1.075e21 / 20 W = 5.4e19 FLOP/s/W, against the Green500 record today; the projection starts
        # from that record at its date and grows at the fitted rate
        record = r.record
        expected = record.t[-1] + (math.log10(DETTMERS_BRAIN / 20) - math.log10(record.y[-1])) / fit.slope
        assert r.anchor == "record" and r.year_exact == pytest.approx(expected)
        assert r.p5 < r.median < r.p95
        lower_power, _ = energy_parity(DETTMERS_LOG10, power_w=200, n_draws=500)
        assert lower_power.median < r.median
