"""Propagating uncertainty: the closed form, quadrature for sums, Monte Carlo against both, one normal per term
against one per input, reproducibility, bounded memory."""

from __future__ import annotations

import math
import tracemalloc
from statistics import NormalDist

import numpy as np
import pytest

import brainflops.uncertainty as unc
from brainflops.assumptions import parse_set
from brainflops.errors import AssumptionError, BrainflopsError
from brainflops.methods import Method, ParameterSpec, Term, register_method
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


def monte_carlo(problem: unc.Problem, n: int, seed: int, *, workers=None, chunk_size=unc.CHUNK_SIZE):
    """Monte Carlo on a prepared problem (so that a test can choose the sampler)."""
    qs = (5.0, 25.0, 50.0, 75.0, 95.0)
    common = {"set_id": "x", "version": "1", "hash": "h", "point": 1.0}
    return unc._monte_carlo(problem, n, seed, qs, False, workers, chunk_size, False, common)


def standard_error(problem: unc.Problem, q: float, n: int) -> float:
    """Standard error of the q-th percentile of log10 F from n draws [decades]: sqrt(p(1-p)/n) / density."""
    found = problem.mixture([q])
    x = float(found.quantiles(np.array([q / 100]))[0])
    return math.sqrt(q / 100 * (1 - q / 100) / n) / float(found.pdf(np.array([x]))[0])


#: Three terms of one lognormal multiplier T, with repeated symbols and powers (T·T, T**2, 1/T) and point ones.
THREE_TERMS = Method(
    name="test_three_terms",
    title="three terms sharing T",
    parameters=(
        ParameterSpec("x", "x", "FLOP/s", "[FLOP/s]"),
        ParameterSpec("y", "y", "FLOP/s", "[FLOP/s]"),
        ParameterSpec("w", "w", "FLOP/s", "[FLOP/s]"),
        ParameterSpec("t", "T", "dimensionless", "[1]"),
    ),
    terms=(
        Term("xt2", "x T T", lambda s: s["x"] * s["t"] * s["t"]),
        Term("yt2", "y T²", lambda s: 3 * s["y"] * s["t"] ** 2),
        Term("w_over_t", "w / T", lambda s: s["w"] / s["t"]),
    ),
    reference="",
)


def three_term_set(w_low: str = "1e13", w_high: str = "1e14", rank: str = "") -> str:
    """x, y, w and T lognormal; x, y and w of about the same size, so all three terms matter."""

    def parameter(name: str, value: str, low: str, high: str, unit: str) -> str:
        return (
            f'\n[parameters.{name}]\nvalue = "{value} {unit}"\nsource = "s"\nwhere = "w"\nnote = "n"\n'
            f'uncertainty = {{ kind = "lognormal", p5 = "{low} {unit}", p95 = "{high} {unit}" }}\n'
        )

    return (
        'schema_version = 1\nid = "three"\nversion = "1.0.0"\ndate = 2020-01-01\ntitle = "t"\n'
        'method = "test_three_terms"\nchangelog = ["1.0.0: x"]\n[sources.s]\ncitation = "Test (2020). T."\n'
        + parameter("x", "3e13", "1e13", "1e14", "FLOP/s")
        + parameter("y", "1e13", "3e12", "3e13", "FLOP/s")
        + parameter("w", "3e13", w_low, w_high, "FLOP/s")
        + parameter("t", "2", "1", "4", "")
        + rank
    )


@pytest.fixture(scope="module")
def three_terms():
    register_method(THREE_TERMS, replace=True)
    return parse_set(three_term_set())


def synaptic_with_decisions(rank: str = "", decision: str = "1e4") -> str:
    """The synaptic method's two terms, S f c_syn + N f c_fire, with every input lognormal (f shared)."""
    extra = (
        '\n[parameters.neurons]\nvalue = "8.6e10 neuron"\nsource = "merkle1989"\nwhere = "x"\nnote = "y"\n'
        'uncertainty = { kind = "lognormal", p5 = "6e10 neuron", p95 = "1.2e11 neuron" }\n'
        f'\n[parameters.flop_per_firing_decision]\nvalue = "{decision} FLOP/neuron"\nsource = "merkle1989"\n'
        f'where = "x"\nnote = "y"\nuncertainty = {{ kind = "lognormal", p5 = "{float(decision) / 10:g} FLOP/neuron", '
        f'p95 = "{float(decision) * 10:g} FLOP/neuron" }}\n'
    )
    return uncertain_set(rank, extra)


class TestOneNormalPerTerm:
    """A posynomial of lognormal inputs draws one normal per term; the distribution is that of drawing every input."""

    def test_dettmers_log_terms_have_the_exact_means_and_covariance(self):
        """Granule term log10 G = Σ log10 of N_G, n_G, K_G, T, f (+ c, R); Purkinje likewise. Each is normal with
        the sum of its inputs' variances; they share T and f, so their covariance is var(log10 T) + var(log10 f).
        (1.1.0, whose filters include the time dimension, so T enters each term once.)"""
        problem = unc.prepare("dettmers-2015@1.1.0")
        s = problem.assumption_set
        sd = {
            n: math.log10(d.high / d.low) / (2 * Z95) for n, d in zip(problem.names, problem.distributions, strict=True)
        }
        middle = {
            n: math.log10(math.sqrt(d.low * d.high)) for n, d in zip(problem.names, problem.distributions, strict=True)
        }
        constant = math.log10(2 * float(s.parameters["reconciliation_factor"].value.magnitude))
        granule = ["granule_cells", "granule_inputs", "granule_filter", "time_steps", "firing_rate"]
        purkinje = ["purkinje_cells", "purkinje_inputs", "purkinje_filter", "time_steps", "firing_rate"]
        means = [constant + sum(middle[n] for n in term) for term in (granule, purkinje)]
        variances = [sum(sd[n] ** 2 for n in term) for term in (granule, purkinje)]
        shared = sd["time_steps"] ** 2 + sd["firing_rate"] ** 2
        terms = problem.log_terms
        assert terms.rank == 2  # 2 normals per draw instead of 8
        assert sorted(terms.mean) == pytest.approx(sorted(means), abs=1e-12)
        granule_first = terms.mean[0] < terms.mean[1]
        covariance = terms.factor @ terms.factor.T
        expected = np.array([[variances[0], shared], [shared, variances[1]]])
        if not granule_first:
            expected = expected[::-1, ::-1]
        np.testing.assert_allclose(covariance, expected, rtol=1e-12)

    def test_correlated_inputs_enter_the_covariance(self):
        """rank 0.8 between S and N (Gaussian-copula correlation ρ = 2 sin(π 0.8 / 6)) adds ρ σ_S σ_N to the
        covariance of the two terms, on top of the shared firing rate."""
        rank = '\n[[correlations]]\nbetween = ["synapses", "neurons"]\nrank = 0.8\n'
        terms = unc.prepare(parse_set(synaptic_with_decisions(rank))).log_terms
        rho = 2 * math.sin(math.pi * 0.8 / 6)
        s_syn, s_f, s_c = 0.5 / Z95, 1 / Z95, 1 / Z95  # half-widths in decades: S 1e14–1e15, f and c 2 decades
        s_n, s_fire = math.log10(1.2e11 / 6e10) / (2 * Z95), 1 / Z95
        covariance = terms.factor @ terms.factor.T
        assert covariance[0, 1] == pytest.approx(s_f**2 + rho * s_syn * s_n, rel=1e-12)
        expected = sorted([s_syn**2 + s_f**2 + s_c**2, s_n**2 + s_f**2 + s_fire**2])  # sympy orders the terms
        assert sorted(np.diag(covariance)) == pytest.approx(expected, rel=1e-12)

    def test_repeated_symbols_and_powers_fold_into_exponents(self, three_terms):
        """x T T, 3 y T² and w / T: exponents of T are 2, 2 and -1, whatever way the formula writes them."""
        problem = unc.prepare(three_terms)
        log_c, exponents = problem.posynomial
        t = problem.names.index("t")
        assert sorted(exponents[:, t]) == [-1.0, 2.0, 2.0]
        assert sorted(10**log_c) == pytest.approx([1.0, 1.0, 3.0])
        assert problem.log_terms.rank == 3  # x, y and w give each term its own spread

    @pytest.mark.parametrize("case", ["dettmers", "correlated", "three"])
    def test_percentiles_agree_with_the_general_sampler_within_monte_carlo_error(self, case, three_terms):
        rank = '\n[[correlations]]\nbetween = ["synapses", "neurons"]\nrank = 0.8\n'
        sets = {"dettmers": "dettmers-2015", "correlated": parse_set(synaptic_with_decisions(rank, "1e5")),
                "three": three_terms}  # fmt: skip
        problem = unc.prepare(sets[case])
        n = 200_000
        per_term, general = monte_carlo(problem, n, 11), monte_carlo(problem.general(), n, 12)
        for q in (5.0, 25.0, 50.0, 75.0, 95.0):
            difference = math.log10(per_term.percentiles[q]) - math.log10(general.percentiles[q])
            # two independent runs: the difference has sqrt(2) standard errors; allow 4.5 of those
            assert abs(difference) < 4.5 * math.sqrt(2) * standard_error(problem, q, n), q


class TestQuadrature:
    """Exact percentiles of 2- and 3-term sums: against an independent integral, the closed form where a term
    vanishes, and a very large Monte Carlo run."""

    def test_dettmers_cdf_equals_an_independent_integral_conditioned_on_one_term(self):
        """P(G + P ≤ 10^x) = ∫ p(g) Φ((log10(10^x − 10^g) − E[log P | g]) / sd[log P | g]) dg over g < x, by
        adaptive quadrature (scipy.integrate.quad) on the bivariate normal of the two log-terms."""
        from scipy import integrate, special, stats

        problem = unc.prepare("dettmers-2015")
        terms = problem.log_terms
        mean, cov = terms.mean, terms.factor @ terms.factor.T
        d = unc.sample("dettmers-2015")
        for q in (5.0, 50.0, 95.0):
            x = math.log10(d.percentiles[q])
            slope = cov[0, 1] / cov[0, 0]
            sd = math.sqrt(cov[1, 1] - slope * cov[0, 1])

            def integrand(g, x=x, slope=slope, sd=sd):
                rest = math.log10(10**x - 10**g)
                return stats.norm.pdf(g, mean[0], math.sqrt(cov[0, 0])) * special.ndtr(
                    (rest - mean[1] - slope * (g - mean[0])) / sd
                )

            probability, _ = integrate.quad(integrand, -np.inf, x - 1e-15, epsabs=1e-13, limit=500)
            assert probability == pytest.approx(q / 100, abs=1e-9), q

    def test_a_vanishing_term_leaves_the_closed_form_of_the_other(self):
        """With c_fire ~ 1e-40 FLOP the firing-decision term is ~1e-35 of the total: the sum's percentiles are
        those of the synaptic product, S f c_syn, in closed form."""
        s = parse_set(synaptic_with_decisions(decision="1e-40"))
        d = unc.sample(s)
        assert (d.how, d.exact_by) == ("exact", "quadrature")
        median = math.sqrt(1e14 * 1e15) * math.sqrt(0.1 * 10) * math.sqrt(1 * 100)
        sd10 = math.sqrt(0.5**2 + 1**2 + 1**2) / Z95
        for q in (5.0, 25.0, 50.0, 75.0, 95.0):
            expected = math.log10(median) + sd10 * float(NormalDist().inv_cdf(q / 100))
            assert math.log10(d.percentiles[q]) == pytest.approx(expected, abs=1e-9), q
        assert d.log10_std == pytest.approx(sd10, abs=1e-9)

    def test_a_three_term_sum_is_exact_by_two_dimensional_quadrature(self, three_terms):
        d = unc.sample(three_terms)
        assert (d.how, d.exact_by) == ("exact", "quadrature")
        assert unc.prepare(three_terms).mixture([50.0]).dimension == 2

    @pytest.mark.parametrize("case", ["dettmers", "three"])
    def test_agrees_with_a_very_large_monte_carlo_run(self, case, three_terms):
        s = "dettmers-2015" if case == "dettmers" else three_terms
        problem, n = unc.prepare(s), 4_000_000
        exact, mc = unc.sample(s), monte_carlo(problem, n, 3)
        for q in (5.0, 25.0, 50.0, 75.0, 95.0):
            difference = math.log10(mc.percentiles[q]) - math.log10(exact.percentiles[q])
            assert abs(difference) < 4.5 * standard_error(problem, q, n), q
        assert mc.log10_mean == pytest.approx(exact.log10_mean, abs=5 * exact.log10_std / math.sqrt(n))

    def test_a_sum_without_a_common_shift_falls_back_to_monte_carlo(self, three_terms):
        """Only T uncertain: F = (x + 3y) T² + w / T, like x + 1/x. No direction moves every log-term alike, so
        there is no mixture form; the result is Monte Carlo, and asking for exact is an error, not a wrong answer."""
        text = three_term_set()
        for name in ("x", "y", "w"):
            start = text.index(f"[parameters.{name}]")
            line = text.index("uncertainty", start)
            text = text[:line] + text[text.index("\n", line) + 1 :]
        s = parse_set(text)
        problem = unc.prepare(s)
        assert problem.names == ("t",) and problem.log_terms.rank == 1
        assert problem.mixture([50.0]) is None
        assert unc.sample(s, n=20_000).how == "monte carlo"
        with pytest.raises(BrainflopsError, match="no exact form"):
            unc.sample(s, exact=True)


class TestExact:
    def test_z95_written_out_is_scipys(self):
        from scipy import special

        from brainflops.distributions import Z95 as written

        assert written == float(special.ndtri(0.95)) == Z95

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

    def test_dettmers_is_a_sum_of_two_products_with_exact_percentiles_by_quadrature(self):
        assert unc.prepare("dettmers-2015").monomial is None
        d = unc.sample("dettmers-2015", exact=True)
        assert (d.how, d.exact_by, d.n, d.seed) == ("exact", "quadrature", 0, None)
        assert "[exact (quadrature)]" in str(d)

    def test_no_exact_form_with_a_loguniform_input(self):
        s = parse_set(uncertain_set().replace('kind = "lognormal", p5 = "0.1 Hz", p95 = "10 Hz"',
                                              'kind = "loguniform", low = "0.1 Hz", high = "10 Hz"'))  # fmt: skip
        with pytest.raises(BrainflopsError, match="no exact form"):
            unc.sample(s, exact=True)
        assert unc.sample(s, n=20_000).how == "monte carlo"

    def test_dettmers_firing_rate_alone_is_a_product_of_powers(self):
        """With only the rate and time steps uncertain (v1.0.0) the formula is c · f · T: exact."""
        d = unc.sample("dettmers-2015@1.0.0")
        assert (d.how, d.exact_by) == ("exact", "closed form")
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
        np.testing.assert_allclose(problem.evaluate(z), direct.evaluate(z), rtol=0, atol=2e-7)  # see log10_sum

    def test_log_space_path_with_a_correlated_loguniform_input_matches_the_compiled_formula(self):
        """A loguniform input, correlated with a lognormal one: the log-space path applies the copula's Cholesky
        factor to both, as the compiled formula does."""
        rank = '\n[[correlations]]\nbetween = ["synapses", "firing_rate"]\nrank = 0.7\n'
        text = synaptic_with_decisions(rank).replace(
            'kind = "lognormal", p5 = "0.1 Hz", p95 = "10 Hz"', 'kind = "loguniform", low = "0.1 Hz", high = "10 Hz"'
        )
        problem = unc.prepare(parse_set(text))
        assert problem.log_terms is None and problem.posynomial is not None
        direct = unc.Problem(problem.assumption_set, problem.names, problem.distributions, problem.fixed,
                             problem.correlation, None)  # fmt: skip
        z = np.random.default_rng(4).standard_normal((len(problem.names), 3000))
        np.testing.assert_allclose(problem.evaluate(z), direct.evaluate(z), rtol=0, atol=2e-7)  # see log10_sum

    @pytest.mark.parametrize("per_term", [True, False])
    def test_same_seed_same_result_for_any_worker_count(self, per_term):
        problem = unc.prepare("dettmers-2015")
        problem = problem if per_term else problem.general()

        def run(seed, workers):
            return monte_carlo(problem, 50_000, seed, workers=workers, chunk_size=4096)

        one, two = run(7, 1), run(7, 2)
        assert one.percentiles == two.percentiles
        assert (one.log10_mean, one.log10_std) == (two.log10_mean, two.log10_std)
        assert run(8, 2).percentiles != one.percentiles

    def test_kept_samples_match_the_streamed_summary(self):
        d = unc.sample("dettmers-2015", n=30_000, seed=2, keep_samples=True, chunk_size=4096, exact=False)
        assert d.samples.shape == (30_000,)
        assert d.log10_mean == pytest.approx(float(d.samples.mean()), abs=1e-9)
        for q in (5.0, 50.0, 95.0):
            assert math.log10(d.percentiles[q]) == pytest.approx(float(np.percentile(d.samples, q)), abs=2e-3)

    def test_no_array_of_size_n_is_allocated(self, monkeypatch):
        """Chunk-size contract: every draw has at most chunk_size columns, and peak traced memory stays far
        below n × 8 bytes."""
        sizes = []
        original = unc.Problem.draw

        def spy(self, rng, size):
            sizes.append(size)
            return original(self, rng, size)

        monkeypatch.setattr(unc.Problem, "draw", spy)
        n, chunk = 2**21, 2**13
        tracemalloc.start()
        unc.sample("dettmers-2015", n=n, seed=0, chunk_size=chunk, workers=1, exact=False)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        assert max(sizes) == chunk
        assert sum(sizes) == n
        assert peak < n * 8 / 4, f"peak {peak / 1e6:.1f} MB"

    @pytest.mark.parametrize("exact", [None, False])
    def test_overrides_move_the_distribution(self, exact):
        base = unc.sample("dettmers-2015", n=20_000, seed=1, exact=exact)
        low = unc.sample("dettmers-2015", n=20_000, seed=1, overrides={"firing_rate": "0.25 Hz"}, exact=exact)
        assert base.median / low.median == pytest.approx(800, rel=1e-9)


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


def test_the_sampling_log_sum_is_within_1e_7_decades_of_double_precision():
    """Monte Carlo sums terms with a single-precision correction (vectorised exp/log); the quadrature does not."""
    from brainflops.lognormal_sums import log10_sum

    rng = np.random.default_rng(5)
    for k in (2, 3, 5):
        terms = rng.normal(0, 3, (k, 10_000)) + rng.uniform(-300, 300, (k, 1))
        fast, double = log10_sum(terms.copy()), log10_sum(terms.copy(), double=True)
        exact = [math.log10(math.fsum(10 ** (t - t.max()))) + t.max() for t in terms.T[:200]]
        np.testing.assert_allclose(double[:200], exact, rtol=0, atol=1e-13)
        np.testing.assert_allclose(fast, double, rtol=0, atol=1e-7)


def test_the_work_inside_a_chunk_calls_no_blas():
    """Parallelism is across chunks only: a BLAS product inside a chunk (``@``, ``dot``, ``matmul``) would start
    BLAS threads of its own inside the worker pool (issue 16 measured 5-8 ms per chunk from that alone). The
    chunk kernels use einsum's own loops and ufuncs."""
    import inspect
    import re

    from brainflops.lognormal_sums import LogTerms, log10_sum

    for function in (unc.Problem.draw, unc.Problem.evaluate, LogTerms.sample, log10_sum, unc._draw, unc._reduce):
        code = "\n".join(
            line.split("#")[0] for line in inspect.getsource(function).splitlines() if not line.strip().startswith('"')
        )
        assert not re.search(r"\s@\s|\.dot\(|matmul|linalg|\.T\b", code), function.__qualname__
