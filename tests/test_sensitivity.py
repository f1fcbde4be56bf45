"""Tornado, exact elasticities and Sobol indices, with analytic oracles."""

from __future__ import annotations

import dataclasses
import math
import sys
import tracemalloc

import numpy as np
import pytest
from scipy import special

from brainflops import saltelli
from brainflops.assumptions import parse_set
from brainflops.errors import BrainflopsError
from brainflops.sensitivity import analytic_shares, elasticities, sensitivity, sobol, tornado
from brainflops.uncertainty import prepare
from tests.conftest import VALID_SET
from tests.test_uncertainty import THREE_TERMS, three_term_set, uncertain_set


def salib_reference(problem, base_samples: int, seed: int) -> tuple[np.ndarray, dict]:
    """SALib itself: its Saltelli sample, the model on all of it, and its analysis (whole arrays in memory)."""
    from SALib.analyze import sobol as sobol_analyze
    from SALib.sample import sobol as sobol_sample

    k = len(problem.names)
    spec = {"num_vars": k, "names": list(problem.names), "bounds": [[0.0, 1.0]] * k}
    u = sobol_sample.sample(spec, base_samples, calc_second_order=False, seed=seed)
    y = problem.evaluate(special.ndtri(np.clip(u, 1e-12, 1 - 1e-12).T))
    return y, sobol_analyze.analyze(spec, y, calc_second_order=False, seed=seed + 1, print_to_console=False)


class TestBlockedSobolIsSALib:
    """The blocked design and bootstrap give SALib's numbers exactly, for the same seed."""

    @pytest.mark.parametrize(("case", "base_samples", "seed"), [("dettmers", 2**10, 0), ("three", 2**9, 5)])
    def test_identical_indices_and_intervals(self, case, base_samples, seed, monkeypatch):
        monkeypatch.setattr(saltelli, "BLOCK_ROWS", 32)  # many blocks (ragged in the bootstrap): no trace of them
        monkeypatch.setattr(saltelli, "_BOOTSTRAP_ROWS", 37)
        if case == "three":
            from brainflops.methods import register_method

            register_method(THREE_TERMS, replace=True)
        s = "dettmers-2015" if case == "dettmers" else parse_set(three_term_set())
        problem = dataclasses.replace(prepare(s), correlation=None)
        y_salib, expected = salib_reference(problem, base_samples, seed)

        def evaluate(u):
            return problem.evaluate(special.ndtri(np.clip(u, 1e-12, 1 - 1e-12).T))

        y = saltelli.outputs(evaluate, len(problem.names), base_samples, seed)
        assert np.array_equal(y.reshape(-1), y_salib)
        ours = saltelli.analyze(y, seed + 1)
        for key in ("S1", "S1_conf", "ST", "ST_conf"):
            assert np.array_equal(ours[key], expected[key]), key
        frame = sobol(s, base_samples=base_samples, seed=seed).set_index("parameter")
        for i, name in enumerate(problem.names):
            assert frame.loc[name, "S1_conf"] == expected["S1_conf"][i]
            assert frame.loc[name, "ST"] == expected["ST"][i]

    def test_memory_grows_only_with_the_model_output(self):
        """SALib's bootstrap holds an (N × 100) index matrix and several (N × 100) arrays of doubles: 52 MB each at
        N = 2^16. The blocked one holds the model output (N × 10 doubles for dettmers-2015: 5.2 MB at 2^16) and a
        few fixed-size blocks, so going from 2^13 to 2^16 adds about the output's growth."""
        sobol("dettmers-2015", base_samples=2**8, seed=0)  # imports and caches are not what is measured

        def peak(base_samples: int) -> int:
            tracemalloc.start()
            sobol("dettmers-2015", base_samples=base_samples, seed=0)
            _, top = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            return top

        small, large = peak(2**13), peak(2**16)
        assert large - small < 2 * (2**16 - 2**13) * 10 * 8, f"{small / 1e6:.1f} MB -> {large / 1e6:.1f} MB"
        assert large < 2**16 * 100 * 8 * 2


class TestSobol:
    def test_matches_analytic_variance_shares_of_a_pure_product(self):
        """log10 F = Σ log10 x_i with spreads 1, 2 and 2 decades: the shares are 1/9, 4/9 and 4/9, and for an
        additive model first-order and total indices both equal them."""
        s = parse_set(uncertain_set())
        shares = analytic_shares(prepare(s)).set_index("parameter")["share"]
        assert shares.to_dict() == pytest.approx(
            {"synapses": 1 / 9, "firing_rate": 4 / 9, "flop_per_synaptic_event": 4 / 9}
        )
        frame = sobol(s, base_samples=2**13, seed=1).set_index("parameter")
        for name, share in shares.items():
            assert abs(frame.loc[name, "S1"] - share) <= frame.loc[name, "S1_conf"], name
            assert abs(frame.loc[name, "ST"] - share) <= frame.loc[name, "ST_conf"], name

    def test_dettmers_ranks_firing_rate_first_and_granule_terms_last(self):
        frame = sobol("dettmers-2015@1.1.0", base_samples=2**11)
        assert frame["parameter"].iloc[0] == "firing_rate"
        assert set(frame["parameter"].iloc[-3:]) == {"granule_cells", "granule_inputs", "granule_filter"}
        assert frame.attrs["model_runs"] == 2**11 * (8 + 2)

    @pytest.mark.parametrize("seed", [0, 7])
    def test_same_seed_same_confidence_intervals(self, seed):
        """SALib seeds its bootstrap only for a truthy seed; seed 0 must be reproducible too (reports rely on it)."""
        first = sobol("dettmers-2015", base_samples=2**8, seed=seed)
        assert first.equals(sobol("dettmers-2015", base_samples=2**8, seed=seed))

    def test_the_limits_are_set_by_memory(self, monkeypatch):
        """At most MAX_MODEL_RUNS runs (memory ~ 2 × 8 bytes a run): the message gives the largest base size allowed."""
        module = sys.modules["brainflops.sensitivity"]  # `from brainflops import sensitivity` is the function

        with pytest.raises(BrainflopsError, match="above the limit of 2"):
            sobol("dettmers-2015", base_samples=2**23)
        monkeypatch.setattr(module, "MAX_MODEL_RUNS", 2**12 * 10)
        with pytest.raises(BrainflopsError) as info:
            sobol("dettmers-2015", base_samples=2**13)
        assert str(info.value) == (
            "base_samples 8192 with 8 uncertain parameters needs 81,920 model runs, above the limit of 40,960 "
            "(memory); use at most 4096"
        )

    def test_base_samples_must_be_a_power_of_two(self):
        with pytest.raises(BrainflopsError, match="must be a power of 2"):
            sobol("merkle-1989", base_samples=1000)

    def test_needs_uncertain_parameters(self):
        with pytest.raises(BrainflopsError, match="has no uncertain parameters"):
            sobol(parse_set(VALID_SET))


class TestTornado:
    def test_each_decade_wide_interval_swings_one_decade(self):
        """Merkle 1.1.0: synapses 3e14–3e15 and 3–30 Hz, each a factor of 10 between its 5th and 95th percentile."""
        frame = tornado("merkle-1989").set_index("parameter")
        assert frame["swing_log10"].to_dict() == pytest.approx({"synapses": 1.0, "firing_rate": 1.0})
        assert frame.loc["firing_rate", "low_value"] == pytest.approx(3.0)
        assert frame.loc["firing_rate", "high_value"] == pytest.approx(30.0)
        baseline = math.sqrt(3e14 * 3e15) * math.sqrt(3 * 30)
        assert frame.loc["synapses", "baseline_flops"] == pytest.approx(baseline)

    def test_sorted_by_swing(self):
        swings = tornado("dettmers-2015")["swing_log10"].tolist()
        assert swings == sorted(swings, reverse=True)


class TestElasticities:
    def test_product_of_powers_has_its_exponents(self):
        frame = elasticities("merkle-1989").set_index("parameter")
        assert frame["elasticity"].to_dict() == pytest.approx(
            {"synapses": 1.0, "firing_rate": 1.0, "flop_per_synaptic_event": 1.0}
        )

    def test_dettmers_purkinje_and_granule_shares(self):
        """∂ln F/∂ln N_P is the Purkinje term's share of the reconstructed total: 1e21 / 1.00009e21."""
        frame = elasticities("dettmers-2015").set_index("parameter")
        assert frame.loc["purkinje_cells", "elasticity"] == pytest.approx(1e21 / 1.00009e21, rel=1e-12)
        assert frame.loc["granule_cells", "elasticity"] == pytest.approx(9e16 / 1.00009e21, rel=1e-9)
        assert frame.loc["firing_rate", "elasticity"] == pytest.approx(1.0)


def test_sensitivity_bundles_all_three():
    result = sensitivity("merkle-1989@1.1.0", base_samples=2**10)
    frame = result.to_frame()
    assert set(frame.columns) >= {"parameter", "elasticity", "swing_log10", "S1", "ST"}
    assert result.analytic is not None
    assert "Sensitivity of merkle-1989@1.1.0" in result._repr_html_()
