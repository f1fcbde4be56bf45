"""Accelerators per brain and brain lifetime compute against training runs."""

from __future__ import annotations

import math

import numpy as np
import pytest

from brainflops.errors import BrainflopsError, DataError
from brainflops.forecast import accelerators, lifetime

SECONDS_PER_JULIAN_YEAR = 365.25 * 86400


class TestGpusPerBrain:
    def test_h100_count_cost_and_power(self):
        """H100 SXM5: 989.4 TFLOP/s dense FP16 tensor, 700 W, 33,600 USD (Epoch AI ML hardware dataset)."""
        table = accelerators.gpus_per_brain(1.075e21, "fp16_tensor", utilisation=1).set_index("name")
        h100 = table.loc["H100 SXM5 80GB"]
        assert h100["devices"] == pytest.approx(1.075e21 / 9.894e14)
        assert h100["cost_usd"] == pytest.approx(1.075e21 / 9.894e14 * 33600)
        assert h100["power_w"] == pytest.approx(1.075e21 / 9.894e14 * 700)
        assert h100["power_vs_brain"] == pytest.approx(h100["power_w"] / 20)
        assert np.isnan(table.loc["B200", "cost_usd"])  # no launch price: stays missing

    def test_utilisation_divides_the_peak(self):
        """At the cited median utilisation (sqrt(0.30 x 0.56) = 41%: assumptions/forecast/utilisation) a brain
        needs 1/0.41 times the raw-peak count."""
        raw = accelerators.gpus_per_brain(1.075e21, "bf16", utilisation=1).set_index("name")
        cited = accelerators.gpus_per_brain(1.075e21, "bf16").set_index("name")
        u = math.sqrt(0.30 * 0.56)
        assert cited.loc["H100 SXM5 80GB", "devices"] == pytest.approx(raw.loc["H100 SXM5 80GB", "devices"] / u)
        assert np.allclose(cited["utilisation"], u) and "mfu-large-training-runs@1.0.0" in cited.attrs["utilisation"]
        with pytest.raises(BrainflopsError, match=r"utilisation must be a fraction of peak in \(0, 1\], found 1.5"):
            accelerators.gpus_per_brain(1e16, utilisation=1.5)

    def test_a_precision_without_devices_is_a_clear_error(self, tmp_path):
        import pandas as pd

        from tests.conftest import REPO

        frame = pd.read_csv(REPO / "assumptions" / "data" / "accelerators.csv", dtype=str, keep_default_na=False)
        frame["fp8_flops"] = ""
        path = tmp_path / "accelerators.csv"
        frame.to_csv(path, index=False)
        with pytest.raises(DataError, match=r"accelerators.csv: no accelerator has a figure at precision 'fp8'"):
            accelerators.gpus_per_brain(1e16, "fp8", path=path)

    def test_samples_give_an_interval_and_precision_filters_devices(self):
        table = accelerators.gpus_per_brain(np.geomspace(1e15, 1e19, 101), "fp32")
        assert (table["devices_p5"] < table["devices"]).all() and (table["devices"] < table["devices_p95"]).all()
        assert "TPU v3" not in set(table["name"])  # no FP32 figure
        with pytest.raises(DataError, match="unknown precision 'fp7'"):
            accelerators.gpus_per_brain(1e16, "fp7")


class TestLifetime:
    def test_lifetime_compute_is_thirty_julian_years(self):
        assert lifetime.lifetime_compute(1e16)[0] == pytest.approx(1e16 * 30 * SECONDS_PER_JULIAN_YEAR)

    def test_first_year_a_training_run_passed_a_lifetime(self):
        """log10 brain = 16: 1e16 FLOP/s × 30 years = 9.5e24 FLOP; the first larger run in the data is
        Gemini 1.0 Ultra (2023, 5e25 FLOP; Epoch AI 'Notable AI Models')."""
        result = lifetime.training_vs_lifetime(16.0, n_draws=200)
        assert result.first_year_passed == 2023
        assert result.parity.already == 1.0

    def test_dettmers_lifetime_is_ahead_of_every_run(self):
        result = lifetime.training_vs_lifetime("dettmers-2015", n_draws=500)
        assert result.first_year_passed is None
        assert result.parity.already == 0
        assert 2026 < result.parity.median < 2040
        assert 0.3 < result.fit.doubling_time < 0.7  # Epoch: ~5-6 months since 2010


def test_flops_and_log10_are_not_confused():
    with pytest.raises(BrainflopsError, match="looks like a log10 value"):
        accelerators.gpus_per_brain(21.0)
    with pytest.raises(BrainflopsError, match=r"brain samples are log10\(FLOP/s\), found 1.075e\+21"):
        lifetime.training_vs_lifetime(1.075e21)
