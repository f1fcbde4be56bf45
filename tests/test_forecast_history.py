"""'Already' as history: when the record passed a brain value, per percentile and per frame, from the data."""

from __future__ import annotations

import math

import numpy as np
import pytest

from brainflops.forecast import history
from brainflops.forecast.parity import timeline
from brainflops.hardware.series import get_series


def test_a_value_already_passed_is_dated_from_the_record():
    """1e15 FLOP/s: TOP500 #1 first reached it in June 2008 (Roadrunner, top500.csv)."""
    brain = np.full(3, 15.0)
    (m,) = history.already_reached(brain, {"post": [(get_series("top500-rank1"), 1.0)]}, percentiles=(50,))
    assert m.reached == pytest.approx(2008 + 5.5 / 12, abs=0.01) and m.holder == "Roadrunner"
    assert str(m) == "median (10¹⁵ FLOP/s): reached in June 2008 (Roadrunner)"


def test_utilisation_scales_the_record_and_the_gap_is_in_doublings():
    """Deep learning's frame at 40%: Project Rainier's 3.335e20 becomes 1.334e20; 1.075e21 is log2(1.075e21 /
    1.334e20) = 3.01 doublings above it."""
    records = {"deep-learning": [(get_series("ai-cluster-record"), 0.4)]}
    (m,) = history.already_reached(np.array([math.log10(1.075e21)]), records, percentiles=(50,))
    assert m.reached is None and m.latest == pytest.approx(0.4 * 3.335e20)
    assert m.gap_doublings == pytest.approx(math.log2(1.075e21 / (0.4 * 3.335e20)))
    assert "not yet, 3.01 doublings above" in str(m)


def test_before_the_record_starts_says_so():
    (m,) = history.already_reached(np.array([13.0]), {"post": [(get_series("hpcg-rank1"), 1.0)]}, percentiles=(50,))
    assert m.before_start and "reached by June 2014, when the record starts" in str(m)


class TestNoNonsense:
    """Issue 12: never a placeholder year, a negative number of doublings, or a projected year in the past."""

    @pytest.mark.parametrize("brain", ["carlsmith-2020", "moravec-1998", "kurzweil-2005"])
    @pytest.mark.parametrize("scenario", ["hpcg-rank1-2014-latest", "top500-rank1-2013-latest",
                                          "dettmers-2015-60-year-growth", "ai-cluster-record-2019-latest"])  # fmt: skip
    def test_values_already_passed(self, brain, scenario):
        r = timeline(brain, scenario, n_draws=300)
        text = str(r)
        assert "−" not in text and "-0." not in text and " -" not in text
        assert "already (by" not in text
        finite = r.samples[np.isfinite(r.samples)]
        projected = finite[finite > r.now + 1e-9]
        assert (projected >= r.today - 1e-9).all()  # no projected year in the past
        if r.record is not None:
            assert finite.min() >= r.record.t[0] - 1e-9  # nothing dated before the data start

    def test_carlsmith_on_top500_reads_as_history(self):
        r = timeline("carlsmith-2020@1.0.0", "top500-rank1-2013-latest", n_draws=300)
        start = "TOP500 #1 (HPL Rmax), log-linear fit 2013–latest: already reached on TOP500 #1 — median June 2008 "
        assert str(r).startswith(start + "(Roadrunner); 90% interval November 2004")
        assert r.doublings == 0 and math.isnan(r.year_exact)
