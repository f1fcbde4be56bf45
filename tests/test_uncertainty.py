"""Propagating uncertainty: the closed form, Monte Carlo against it, reproducibility, bounded memory."""

from __future__ import annotations

import math
import tracemalloc

import numpy as np
import pytest

import brainflops.uncertainty as unc
from brainflops.assumptions import parse_set
from brainflops.errors import AssumptionError, BrainflopsError
from tests.conftest import VALID_SET

Z95 = 1.6448536269514722


def uncertain_set(rank: str = "", extra: str = "") -> str:
    """Synapses 1e14–1e15 (one decade), rate 0.1–10 Hz and cost 1–100 FLOP (two decades each): all lognormal."""
    text = (
        VALID_SET.replace(
            'value = "1e15 synapse"',
            'value = "3e14 synapse"\nuncertainty = { kind = "lognormal", p5 = "1e14 synapse", p95 = "1e15 synapse" }',
        )
        .replace(
            'value = "10 Hz"', 'value = "1 Hz"\nuncertainty = { kind = "lognormal", p5 = "0.1 Hz", p95 = "10 Hz" }'
        )
        .replace(
            'value = "1 FLOP/synapse"',
            'value = "10 FLOP/synapse"\n'
            'uncertainty = { kind = "lognormal", p5 = "1 FLOP/synapse", p95 = "100 FLOP/synapse" }',
        )
    )
    return text + extra + rank


class TestExact:
    def test_closed_form_percentiles(self):
        """ln F is normal: the median is the product of the geometric middles, and the log10 standard deviation
        is sqrt(0.5² + 1² + 1²) / z95 (half-widths of 1, 2 and 2 decades)."""
        s = parse_set(uncertain_set())
        d = unc.sample(s)
        assert d.how == "exact" and d.n == 0
        median = math.sqrt(1e14 * 1e15) * math.sqrt(0.1 * 10) * math.sqrt(1 * 100)
        sd10 = math.sqrt(0.5**2 + 1**2 + 1**2) / Z95
        assert d.median == pytest.approx(median, rel=1e-9)
        assert d.p95 == pytest.approx(median * 10 ** (Z95 * sd10), rel=1e-9)
        assert d.p5 == pytest.approx(median / 10 ** (Z95 * sd10), rel=1e-9)
        assert d.log10_std == pytest.approx(sd10, rel=1e-12)

    def test_point_valued_set(self):
        d = unc.sample(parse_set(VALID_SET))
        assert d.how == "point" and d.p5 == d.median == d.p95 == pytest.approx(1e16)

    def test_dettmers_is_not_a_product_of_powers(self):
        with pytest.raises(BrainflopsError, match="no closed form"):
            unc.sample("dettmers-2015", exact=True)
        assert unc.prepare("dettmers-2015").monomial is None

    def test_dettmers_firing_rate_alone_is_a_product_of_powers(self):
        """With only the rate and time steps uncertain (v1.0.0) the formula is c · f · T: exact."""
        d = unc.sample("dettmers-2015@1.0.0")
        assert d.how == "exact"
        median = 1.075e21 * math.sqrt(50 * 1000) / 200 * math.sqrt(2.4 * 6) / 5
        assert d.median == pytest.approx(median, rel=1e-9)


class TestMonteCarlo:
    @pytest.mark.parametrize("ref", ["merkle-1989", "kurzweil-1999"])
    def test_agrees_with_the_closed_form_within_1_percent_in_log10(self, ref):
        exact = unc.sample(ref)
        mc = unc.sample(ref, n=400_000, seed=3, exact=False)
        assert mc.how == "monte carlo"
        for q in (5.0, 50.0, 95.0):
            assert math.log10(mc.percentiles[q]) == pytest.approx(math.log10(exact.percentiles[q]), rel=0.01)

    def test_general_path_matches_closed_form(self):
        """Force the general (non-monomial) evaluation path on a product set and compare with the closed form."""
        s = parse_set(uncertain_set())
        problem = unc.prepare(s)
        general = unc.Problem(s, problem.names, problem.distributions, problem.fixed, None, None)
        z = np.random.default_rng(1).standard_normal((3, 1000))
        np.testing.assert_allclose(general.evaluate(z), problem.evaluate(z), rtol=1e-12)

    def test_log_space_path_matches_the_compiled_formula_on_dettmers(self):
        """Dettmers is a sum of two monomials (a posynomial): the log-sum-exp path equals direct evaluation."""
        problem = unc.prepare("dettmers-2015")
        assert problem.posynomial is not None and len(problem.posynomial[0]) == 2
        direct = unc.Problem(problem.assumption_set, problem.names, problem.distributions, problem.fixed, None, None)
        z = np.random.default_rng(2).standard_normal((len(problem.names), 2000))
        np.testing.assert_allclose(problem.evaluate(z), direct.evaluate(z), rtol=1e-12)

    def test_same_seed_same_result_for_any_worker_count(self):
        one = unc.sample("dettmers-2015", n=50_000, seed=7, workers=1, chunk_size=4096)
        two = unc.sample("dettmers-2015", n=50_000, seed=7, workers=2, chunk_size=4096)
        assert one.percentiles == two.percentiles
        assert (one.log10_mean, one.log10_std) == (two.log10_mean, two.log10_std)
        other = unc.sample("dettmers-2015", n=50_000, seed=8, workers=2, chunk_size=4096)
        assert other.percentiles != one.percentiles

    def test_kept_samples_match_the_streamed_summary(self):
        d = unc.sample("dettmers-2015", n=30_000, seed=2, keep_samples=True, chunk_size=4096)
        assert d.samples.shape == (30_000,)
        assert d.log10_mean == pytest.approx(float(d.samples.mean()), abs=1e-9)
        for q in (5.0, 50.0, 95.0):
            assert math.log10(d.percentiles[q]) == pytest.approx(float(np.percentile(d.samples, q)), abs=2e-3)

    def test_no_array_of_size_n_is_allocated(self, monkeypatch):
        """Chunk-size contract: every draw has at most chunk_size columns, and peak traced memory stays far
        below n × 8 bytes."""
        shapes = []
        original = unc.Problem.evaluate

        def spy(self, z):
            shapes.append(z.shape)
            return original(self, z)

        monkeypatch.setattr(unc.Problem, "evaluate", spy)
        n, chunk = 2**21, 2**13
        tracemalloc.start()
        unc.sample("dettmers-2015", n=n, seed=0, chunk_size=chunk, workers=1)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        assert max(cols for _, cols in shapes) == chunk
        assert sum(cols for _, cols in shapes) == n
        assert peak < n * 8 / 4, f"peak {peak / 1e6:.1f} MB"

    def test_overrides_move_the_distribution(self):
        base = unc.sample("dettmers-2015", n=20_000, seed=1)
        low = unc.sample("dettmers-2015", n=20_000, seed=1, overrides={"firing_rate": "0.25 Hz"})
        assert base.median / low.median == pytest.approx(800, rel=1e-5)  # float32 draws: ~1e-6 decades


class TestCorrelations:
    RANK1 = '\n[[correlations]]\nbetween = ["firing_rate", "flop_per_synaptic_event"]\nrank = 1.0\n'

    def test_perfect_rank_correlation_adds_spreads(self):
        d = unc.sample(parse_set(uncertain_set(self.RANK1)))
        assert d.log10_std == pytest.approx(math.sqrt(0.5**2 + (1 + 1) ** 2) / Z95, rel=1e-9)

    def test_monte_carlo_follows_the_copula(self):
        s = parse_set(uncertain_set('\n[[correlations]]\nbetween = ["synapses", "firing_rate"]\nrank = -0.6\n'))
        exact = unc.sample(s)
        mc = unc.sample(s, n=300_000, seed=5, exact=False)
        assert mc.log10_std == pytest.approx(exact.log10_std, rel=0.01)

    def test_not_positive_semidefinite(self):
        pairs = [("synapses", "firing_rate", 0.9), ("firing_rate", "flop_per_synaptic_event", 0.9),
                 ("synapses", "flop_per_synaptic_event", -0.9)]  # fmt: skip
        text = "".join(f'\n[[correlations]]\nbetween = ["{a}", "{b}"]\nrank = {r}\n' for a, b, r in pairs)
        with pytest.raises(AssumptionError) as info:
            parse_set(uncertain_set(text), "bad.toml")
        assert str(info.value).startswith(
            "bad.toml: the correlations are inconsistent: their matrix is not positive semi-definite"
        )

    def test_correlation_with_a_point_parameter(self):
        text = VALID_SET + '\n[[correlations]]\nbetween = ["synapses", "firing_rate"]\nrank = 0.5\n'
        with pytest.raises(AssumptionError) as info:
            parse_set(text, "bad.toml")
        assert str(info.value) == (
            "bad.toml: parameter 'synapses': correlation between 'synapses' and 'firing_rate': 'synapses' is not "
            "an uncertain parameter of this set (uncertain: none)"
        )


class TestBadInput:
    @pytest.mark.parametrize("n", [0, -5, 2.5, True])
    def test_bad_sample_counts(self, n):
        with pytest.raises(BrainflopsError, match="the sample count must be a positive integer"):
            unc.sample("dettmers-2015", n=n)

    def test_absurd_sample_count(self):
        with pytest.raises(BrainflopsError) as info:
            unc.sample("dettmers-2015", n=10**12)
        assert str(info.value) == "the sample count 1e+12 is above the limit of 1e+10"

    def test_keeping_too_many_samples(self):
        with pytest.raises(BrainflopsError, match=r"keeping 2e\+08 samples would need 1\.6 GB"):
            unc.sample("dettmers-2015", n=2 * 10**8, keep_samples=True)

    def test_lognormal_with_non_positive_bound(self):
        text = VALID_SET.replace(
            'value = "10 Hz"', 'value = "10 Hz"\nuncertainty = { kind = "loguniform", low = "0 Hz", high = "100 Hz" }'
        )
        with pytest.raises(AssumptionError) as info:
            parse_set(text, "bad.toml")
        assert str(info.value) == (
            "bad.toml: parameter 'firing_rate': a loguniform uncertainty needs positive bounds, found low = '0 Hz'"
        )

    def test_normal_on_a_positive_parameter(self):
        text = VALID_SET.replace(
            'value = "10 Hz"', 'value = "10 Hz"\nuncertainty = { kind = "normal", p5 = "1 Hz", p95 = "20 Hz" }'
        )
        with pytest.raises(AssumptionError) as info:
            parse_set(text, "bad.toml")
        assert str(info.value) == (
            "bad.toml: parameter 'firing_rate': a normal uncertainty can reach zero or below, but 'firing_rate' "
            "must be positive; use lognormal or loguniform"
        )

    def test_percentiles_out_of_range(self):
        with pytest.raises(BrainflopsError, match="strictly between 0 and 100"):
            unc.sample("merkle-1989", percentiles=[0, 50])
