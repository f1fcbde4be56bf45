"""The method contract: unit-checked formulas, LaTeX, compiled numpy functions."""

from __future__ import annotations

import numpy as np
import pytest
import sympy

from brainflops.assumptions import parse_set
from brainflops.errors import FormulaError, UnitMismatchError
from brainflops.methods import METHODS, Method, ParameterSpec, Term, get_method
from brainflops.methods.dettmers import DETTMERS_CONVOLUTION, DETTMERS_SPACETIME
from brainflops.methods.landauer import LANDAUER_LIMIT
from tests.conftest import VALID_SET

DETTMERS_INPUTS = {
    "granule_cells": 5e10,
    "granule_inputs": 15,
    "granule_filter": 60,
    "purkinje_cells": 1e8,
    "purkinje_inputs": 1e5,
    "purkinje_filter": 5e4,
    "time_steps": 5,
    "flop_per_multiply_add": 2,
    "firing_rate": 200,
    "reconciliation_factor": 1.0,
}


class TestDettmersTerms:
    """The two reconstructed terms of Dettmers (2015), as ../shared/reference/dettmers-2015.md derives them."""

    def test_purkinje_term_is_1e21_and_granule_term_9e16(self):
        model = DETTMERS_CONVOLUTION.compile(DETTMERS_INPUTS)
        terms = model.evaluate_terms(**DETTMERS_INPUTS)
        np.testing.assert_allclose(terms["purkinje"], 1.0e21, rtol=1e-12)
        np.testing.assert_allclose(terms["granule"], 9e16, rtol=1e-12)
        assert terms["reconciliation"] == 0  # R = 1: the reconstruction alone

    def test_terms_sum_to_the_formula(self):
        model = DETTMERS_CONVOLUTION.compile(DETTMERS_INPUTS)
        assert sympy.simplify(sum(model.terms.values()) - model.expression) == 0

    def test_latex_uses_the_method_symbols(self):
        latex = DETTMERS_CONVOLUTION.compile(DETTMERS_INPUTS).latex
        for symbol in (r"N_{\mathrm{P}}", r"K_{\mathrm{G}}", "R", "T"):
            assert symbol in latex

    def test_compiled_function_is_vectorised(self):
        model = DETTMERS_CONVOLUTION.compile(DETTMERS_INPUTS)
        rates = np.array([0.25, 1.0, 200.0])
        out = model(**{**DETTMERS_INPUTS, "firing_rate": rates})
        np.testing.assert_allclose(out, 1.00009e21 * rates / 200, rtol=1e-12)


SPACETIME_INPUTS = {
    **{k: v for k, v in DETTMERS_INPUTS.items() if k not in ("granule_filter", "purkinje_filter")},
    "granule_filter_per_step": 12,  # 3 branches x 4 dendrites
    "purkinje_filter_per_step": 1e4,  # 10 x 1000
}


class TestDettmersSpacetime:
    """The time dimension modelled once and entering twice (inputs x time, filter space x time): the post's table."""

    def test_terms_equal_the_post_arithmetic(self):
        """Purkinje: 1e8 x (1e5 x 5) x (10 x 1000 x 5) x 2 x 200 = 1.0e21; granule: 5e10 x (15 x 5) x (3 x 4 x 5) x 2 x
        200 = 9e16 (../shared/reference/dettmers-2015.md)."""
        model = DETTMERS_SPACETIME.compile(SPACETIME_INPUTS)
        terms = model.evaluate_terms(**SPACETIME_INPUTS)
        np.testing.assert_allclose(terms["purkinje"], 1e8 * (1e5 * 5) * (10 * 1000 * 5) * 2 * 200, rtol=1e-12)
        np.testing.assert_allclose(terms["granule"], 5e10 * (15 * 5) * (3 * 4 * 5) * 2 * 200, rtol=1e-12)
        assert terms["reconciliation"] == 0

    def test_the_total_scales_as_the_square_of_the_time_steps(self):
        model = DETTMERS_SPACETIME.compile(SPACETIME_INPUTS)
        steps = np.array([2.4, 5.0, 6.0])
        out = model(**{**SPACETIME_INPUTS, "time_steps": steps})
        np.testing.assert_allclose(out, 1.00009e21 * (steps / 5) ** 2, rtol=1e-12)

    def test_the_released_method_counts_the_time_steps_once(self):
        old = DETTMERS_CONVOLUTION.compile(DETTMERS_INPUTS)
        new = DETTMERS_SPACETIME.compile(SPACETIME_INPUTS)
        assert old(**DETTMERS_INPUTS) == pytest.approx(new(**SPACETIME_INPUTS), rel=1e-12)  # equal at T = 5
        t = sympy.Symbol("time_steps", positive=True)
        for model, exponent in ((old, 1), (new, 2)):
            elasticity = sympy.simplify(sympy.diff(sympy.log(model.expression), t) * t)
            assert elasticity == exponent

    def test_still_two_terms_times_factors(self):
        model = DETTMERS_SPACETIME.compile(SPACETIME_INPUTS)
        assert sympy.factor(model.expression).is_Mul
        assert set(model.terms) == {"granule", "purkinje", "reconciliation"}


class TestLandauerLimit:
    def test_twenty_watts_at_body_temperature_is_the_timeline_bit_rate(self):
        """Landauer (1961): erasing a bit costs k_B T ln 2; 20 W at 310 K pays for 6.74e21 erasures per second."""
        from brainflops.forecast.energy import landauer_bit_rate

        model = LANDAUER_LIMIT.compile({p.name for p in LANDAUER_LIMIT.parameters})
        value = model(brain_power=20.0, temperature=310.0, boltzmann_constant=1.380649e-23, flop_per_bit_erasure=1.0)
        assert value == pytest.approx(landauer_bit_rate(20.0, "310 K"), rel=1e-12)
        assert value == pytest.approx(6.7415e21, rel=1e-4)

    def test_a_product_of_powers(self):
        model = LANDAUER_LIMIT.compile({p.name for p in LANDAUER_LIMIT.parameters})
        exponents = {s.name: e for s, e in model.expression.as_powers_dict().items() if s.is_Symbol}
        assert exponents == {"brain_power": 1, "flop_per_bit_erasure": 1, "temperature": -1, "boltzmann_constant": -1}


class TestSynaptic:
    def test_firing_decision_term_is_optional(self):
        method = get_method("synaptic")
        bare = method.compile({"synapses", "firing_rate", "flop_per_synaptic_event"})
        full = method.compile(
            {"synapses", "firing_rate", "flop_per_synaptic_event", "neurons", "flop_per_firing_decision"}
        )
        assert list(bare.terms) == ["synaptic_events"]
        assert list(full.terms) == ["synaptic_events", "firing_decisions"]
        assert full(
            synapses=1e14, firing_rate=1, flop_per_synaptic_event=1, neurons=1e11, flop_per_firing_decision=10
        ) == pytest.approx(1e14 + 1e12)

    def test_half_an_optional_term_is_an_error(self):
        with pytest.raises(FormulaError) as info:
            get_method("synaptic").compile({"synapses", "firing_rate", "flop_per_synaptic_event", "neurons"})
        assert str(info.value) == (
            "parameter 'flop_per_firing_decision': method 'synaptic': optional term 'firing_decisions' "
            "needs 'flop_per_firing_decision' as well"
        )

    def test_with_firing_decisions_in_a_file(self):
        extra = (
            '\n[parameters.neurons]\nvalue = "86 billion neuron"\nsource = "merkle1989"\nwhere = "x"\nnote = "y"\n'
            '\n[parameters.flop_per_firing_decision]\nvalue = "100 FLOP/neuron"\nsource = "merkle1989"\n'
            'where = "x"\nnote = "y"\n'
        )
        s = parse_set(VALID_SET + extra)
        assert list(s.model.terms) == ["synaptic_events", "firing_decisions"]


class TestUnitCheck:
    def test_a_formula_that_does_not_reduce_to_flops_is_refused_at_definition(self):
        with pytest.raises(UnitMismatchError) as info:
            Method(
                name="broken",
                title="neurons times rate",
                parameters=(
                    ParameterSpec("neurons", "N", "neuron", "[neuron]"),
                    ParameterSpec("rate", "f", "Hz", "[Hz]"),
                ),
                terms=(Term("only", "N f", lambda s: s["neurons"] * s["rate"]),),
                reference="",
            )
        assert str(info.value) == (
            "method definition: term 'only' of method 'broken': must reduce to FLOP/s "
            "([computation] / [time]) but reduces to 'Hz·neuron' ([neuron] / [time])"
        )

    def test_a_term_adding_different_dimensions_is_refused(self):
        with pytest.raises(UnitMismatchError, match="adds quantities of different dimensions"):
            Method(
                name="broken_sum",
                title="",
                parameters=(
                    ParameterSpec("work", "W", "FLOP/s", "[FLOP/s]"),
                    ParameterSpec("neurons", "N", "neuron", "[neuron]"),
                ),
                terms=(Term("sum", "W + N", lambda s: s["work"] + s["neurons"]),),
                reference="",
            )

    @pytest.mark.parametrize("name", sorted(METHODS))
    def test_every_shipped_method_reduces_to_flops(self, name):
        method = METHODS[name]
        model = method.compile({p.name for p in method.parameters})
        model.check_units({p.name: 1.0 * p.pint_unit for p in method.parameters}, name)
        assert model.output_factor == 1.0


def test_load_time_check_names_the_set_method_term_and_both_units():
    model = get_method("synaptic").compile({"synapses", "firing_rate", "flop_per_synaptic_event"})
    quantities = {
        "synapses": 1e15 * get_method("synaptic").spec["synapses"].pint_unit,
        "firing_rate": 10 * get_method("synaptic").spec["neurons"].pint_unit,  # a count where a rate belongs
        "flop_per_synaptic_event": 1 * get_method("synaptic").spec["flop_per_synaptic_event"].pint_unit,
    }
    with pytest.raises(UnitMismatchError) as info:
        model.check_units(quantities, "my-set.toml")
    assert str(info.value) == (
        "my-set.toml: term 'synaptic_events' of method 'synaptic': must reduce to FLOP/s ([computation] / [time]) "
        "but reduces to 'FLOP·neuron' ([neuron] * [computation])"
    )


def test_a_combined_total_that_is_not_the_sum_of_the_terms_is_refused_at_definition():
    with pytest.raises(FormulaError, match="the combined total is not the sum of its terms"):
        Method(
            name="broken_combine",
            title="",
            parameters=(
                ParameterSpec("work", "W", "FLOP/s", "[FLOP/s]"),
                ParameterSpec("k", "k", "dimensionless", "[1]"),
            ),
            terms=(Term("w", "W k", lambda s: s["work"] * s["k"]),),
            combine=lambda s: s["work"] * s["k"] * s["k"],
            reference="",
        )


def test_numeric_evaluation_matches_the_symbolic_formula():
    """The terms are evaluated by calling their builders on numbers; lambdifying the sympy formula agrees."""
    for name, method in METHODS.items():
        model = method.compile({p.name for p in method.parameters})
        values = {p: 0.5 + 0.37 * i for i, p in enumerate(model.parameter_names)}
        assert model(**values) == pytest.approx(float(model.function(*values.values())), rel=1e-12), name


def test_a_term_calling_sympy_functions_is_evaluated_through_its_lambdified_form():
    """Builders are meant to use arithmetic operators; one that calls sympy.sqrt still works (numbers, arrays,
    quantities), through sympy.lambdify."""
    root = Method(
        name="test_sqrt",
        title="",
        parameters=(ParameterSpec("work", "W", "FLOP/s", "[FLOP/s]"), ParameterSpec("k", "k", "dimensionless", "[1]")),
        terms=(Term("w", "W sqrt(k)", lambda s: s["work"] * sympy.sqrt(s["k"])),),
        reference="",
    )
    model = root.compile({"work", "k"})
    assert model(work=2.0, k=4.0) == pytest.approx(4.0)
    np.testing.assert_allclose(model(work=np.array([1.0, 3.0]), k=np.array([9.0, 16.0])), [3.0, 12.0])
    assert model.evaluate_terms(work=1.0, k=9.0)["w"] == pytest.approx(3.0)
