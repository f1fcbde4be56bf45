"""The combined forecast: cited weights, both frames side by side, one P(parity by year) to 2200 and beyond."""

from __future__ import annotations

import math

import numpy as np
import pytest

from brainflops.errors import AssumptionError, BrainflopsError
from brainflops.forecast.combined import combined_forecast, mixture
from brainflops.forecast.parity import parity
from brainflops.forecast.utilisation import load_utilisation
from brainflops.forecast.weights import load_weights
from brainflops.hardware.projection import Projection
from tests.conftest import REPO

WEIGHTS = REPO / "assumptions" / "forecast" / "weights" / "combined-forecast@1.0.0.toml"


def variant(tmp_path, old: str, new: str, name: str = "w@1.0.0.toml"):
    text = WEIGHTS.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / name
    path.write_text(text.replace(old, new, 1).replace('id = "combined-forecast"', 'id = "w"'), encoding="utf-8")
    return path


class TestWeightsFile:
    def test_shipped_weights_sum_to_one_with_a_rationale_each(self):
        w = load_weights()
        assert w.ref == "combined-forecast@1.0.0"
        assert math.fsum(s.weight for s in w.scenarios) == pytest.approx(1.0)
        assert all(len(s.rationale) > 40 for s in w.scenarios)
        assert {s.frame for s in w.scenarios} == {"post", "deep-learning"}
        assert sum(w.frame_weights("post").values()) == pytest.approx(1.0)

    def test_negative_weight(self, tmp_path):
        path = variant(
            tmp_path, "weight = 0.15\nrationale = \"The post's own", "weight = -0.15\nrationale = \"The post's own"
        )
        with pytest.raises(AssumptionError, match=r"^.*w@1.0.0.toml: 'scenarios.hpcg-rank1-2014-latest.weight': "
                           r"Input should be greater than or equal to 0 \(found -0.15\)$"):  # fmt: skip
            load_weights(path)

    def test_weights_that_do_not_sum_to_one(self, tmp_path):
        path = variant(tmp_path, "weight = 0.20", "weight = 0.30")
        with pytest.raises(AssumptionError, match=r"w@1.0.0.toml: the weights of \[scenarios\] sum to 1.1, not 1$"):
            load_weights(path)

    def test_an_unknown_scenario_or_frame(self, tmp_path):
        path = variant(tmp_path, '[scenarios."top500-rank1-piecewise"]', '[scenarios."top500-rank1-piecewize"]')
        with pytest.raises(AssumptionError, match=r"w@1.0.0.toml: 'scenarios.top500-rank1-piecewize': no scenario "
                           r"'top500-rank1-piecewize' \(did you mean 'top500-rank1-piecewise'\?\)$"):  # fmt: skip
            load_weights(path)
        path = variant(tmp_path, 'frame = "post"', 'frame = "gpus"')
        with pytest.raises(AssumptionError, match=r"'scenarios.hpcg-rank1-2014-latest.frame': Input should be "
                           r"'deep-learning' or 'post' \(found 'gpus'\)"):  # fmt: skip
            load_weights(path)

    def test_per_preset_weights_are_possible(self, tmp_path):
        presets = (
            '\n[presets."sandberg-bostrom-2008-spiking-network"]\nweight = 0.5\nrationale = "A level the source '
            'judged plausible."\n\n[presets."sandberg-bostrom-2008-electrophysiology"]\nweight = 0.5\nrationale = '
            '"Another level the source judged plausible."\n'
        )
        path = tmp_path / "p@1.0.0.toml"
        path.write_text(WEIGHTS.read_text().replace('id = "combined-forecast"', 'id = "p"') + presets)
        w = load_weights(path)
        assert w.presets == {
            "sandberg-bostrom-2008-spiking-network": 0.5,
            "sandberg-bostrom-2008-electrophysiology": 0.5,
        }
        f = combined_forecast(None, w, n=2000, n_draws=200)
        assert f.brain_ref == "presets weighted by p@1.0.0"
        # a mixture of 1e18 and 1e22 FLOP/s: the median brain lies between the two
        assert 18 <= np.median(f.brain_log10) <= 22
        bad = tmp_path / "q@1.0.0.toml"
        bad.write_text(path.read_text().replace('id = "p"', 'id = "q"').replace("weight = 0.5\n", "weight = 0.4\n", 1))
        with pytest.raises(AssumptionError, match=r"the weights of \[presets\] sum to 0.9, not 1"):
            load_weights(bad)


def fixed(level: float, doubling: float) -> Projection:
    slope = math.log10(2) / doubling
    return Projection("x", "FLOP/s", 2030.0, np.array([level]), np.array([slope]), level, slope, anchor="published")


class TestMixture:
    def test_the_combined_curve_is_the_weighted_mean_of_the_scenario_curves(self):
        brain = np.linspace(20, 22, 401)
        a = parity(brain, fixed(18.0, 1.0), years=np.arange(2030, 2201.0))
        b = parity(brain, fixed(18.0, 3.0), years=np.arange(2030, 2201.0))
        c = mixture([(a, 0.25), (b, 0.75)], "test", years=np.arange(2030, 2201.0))
        assert np.allclose(c.p_by_year, 0.25 * a.p_by_year + 0.75 * b.p_by_year)
        assert a.median < c.median < b.median
        assert c.later == pytest.approx(0.75 * b.later + 0.25 * a.later)

    def test_no_positive_weight_is_an_error(self):
        a = parity(np.array([20.0]), fixed(18.0, 1.0))
        with pytest.raises(BrainflopsError, match="no scenario with a positive weight"):
            mixture([(a, 0.0)], "empty")


@pytest.fixture(scope="module")
def dettmers():
    return combined_forecast("dettmers-2015@1.1.0", n=5000, n_draws=500)


class TestCombinedForecast:
    def test_both_frames_side_by_side_and_one_combined_curve(self, dettmers):
        f = dettmers
        assert list(f.frames) == ["deep-learning", "post"]
        assert f.frames["deep-learning"].median < f.frames["post"].median  # AI clusters grow faster
        assert f.frames["deep-learning"].median <= f.overall.median <= f.frames["post"].median
        assert f.overall.years[-1] == 2200 and 0 <= f.overall.later < 0.2
        sentence = f.sentence()
        start = "Hardware reaches the brain (dettmers-2015@1.1.0): on deep learning's frame (the largest AI "
        assert sentence.startswith(start + "training cluster at dense 16-bit × 41% utilisation) median ")
        assert "on the post's frame (FP64 supercomputers: TOP500 HPL, HPCG) median" in sentence
        assert "combined (combined-forecast@1.0.0)" in sentence
        assert set(f.to_frame()["level"]) == {"scenario", "frame", "combined"}
        assert repr(f).startswith("CombinedForecast(dettmers-2015@1.1.0, combined-forecast@1.0.0: median ")
        assert "\n" not in repr(f) and len(repr(f)) < 200 and "<table" in f._repr_html_()

    def test_utilisation_is_explicit_and_one_gives_raw_peak(self, dettmers):
        raw = combined_forecast("dettmers-2015@1.1.0", utilisation=1, n=5000, n_draws=500)
        assert raw.utilisation.median == 1 and "× 100% utilisation" in raw.sentence()
        assert raw.frames["deep-learning"].median <= dettmers.frames["deep-learning"].median
        assert raw.frames["post"].median == dettmers.frames["post"].median  # FP64 is not scaled

    def test_the_anchor_is_said_and_changeable(self, dettmers):
        assert "fitted scenarios start from the last record at its date" in str(dettmers)
        line = combined_forecast("dettmers-2015", anchor="line", n=2000, n_draws=200)
        assert "start from the fitted line" in str(line)
        assert {s.result.anchor for s in line.scenarios} >= {"line", "published"}

    def test_a_brain_already_passed_reads_as_history(self):
        f = combined_forecast("carlsmith-2020@1.0.0", n=5000, n_draws=300)
        assert "already reached: median by" in f.sentence()
        post = next(m for m in f.history if m.frame == "post" and m.record == "TOP500 #1" and m.percentile == 50)
        assert post.holder == "Roadrunner"  # 1e15 FLOP/s, June 2008

    def test_draws_are_bounded(self):
        with pytest.raises(
            BrainflopsError, match="the number of draws must be between 1 and 1,000,000, found 100,000,000"
        ):
            combined_forecast("dettmers-2015", n_draws=100_000_000)


def test_utilisation_file_is_cited():
    """Median sqrt(0.30 × 0.56) = 41%: the 90% interval spans Megatron-Turing NLG (30.2%, PaLM paper's table) to
    the Megatron-LM 1T benchmark (52-56%); Llama 3 405B's 38-43% sits in the middle."""
    u = load_utilisation()
    assert u.median == pytest.approx(math.sqrt(0.30 * 0.56))
    obs = u.to_frame().set_index("run")
    assert obs.loc["PaLM 540B (2022)", "mfu"] == 0.462
    assert obs.loc["Megatron-Turing NLG 530B (2021)", "mfu"] == pytest.approx(0.302)
    draws = u.draws(20000, np.random.default_rng(0))
    assert np.quantile(draws, 0.05) == pytest.approx(0.30, rel=0.03) and draws.max() <= 1
    with pytest.raises(BrainflopsError, match=r"utilisation must be a fraction of peak in \(0, 1\], found 0"):
        load_utilisation(0)
