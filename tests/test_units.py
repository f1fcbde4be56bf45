"""The unit registry and the strict quantity parser."""

from __future__ import annotations

import pint
import pytest

from brainflops.errors import QuantityError
from brainflops.units import FLOP_PER_SECOND, parse_quantity, ureg


class TestRegistry:
    def test_flop_takes_si_prefixes(self):
        assert parse_quantity("1 exaFLOP/s").to(FLOP_PER_SECOND).magnitude == pytest.approx(1e18)
        assert parse_quantity("2 TFLOP/s").to("FLOP/s").magnitude == pytest.approx(2e12)
        assert parse_quantity("0.58 PFLOP/s").to("FLOP/s").magnitude == pytest.approx(0.58e15)

    @pytest.mark.parametrize("count", ["neuron", "synapse", "spike", "dendrite", "multiply_add"])
    def test_counts_are_their_own_dimensions(self, count):
        assert ureg.Unit(count).dimensionality != ureg.dimensionless.dimensionality
        assert ureg.Unit(count).dimensionality != ureg.Unit("FLOP").dimensionality

    def test_multiplying_the_wrong_counts_does_not_give_flops(self):
        wrong = parse_quantity("1e11 neuron") * parse_quantity("200 Hz") * parse_quantity("1 FLOP/synapse")
        with pytest.raises(pint.DimensionalityError):
            wrong.to(FLOP_PER_SECOND)

    def test_number_words_parse(self):
        assert parse_quantity("86 billion neuron").to("neuron").magnitude == pytest.approx(8.6e10)
        assert parse_quantity("100 trillion synapse").to("synapse").magnitude == pytest.approx(1e14)


class TestParseQuantity:
    @pytest.mark.parametrize(
        ("text", "magnitude", "unit"),
        [
            ("8.6e10 neuron", 8.6e10, "neuron"),
            ("200 Hz", 200, "hertz"),
            ("0.25Hz", 0.25, "hertz"),
            ("5", 5, "dimensionless"),
            ("1e4 synapse / neuron", 1e4, "synapse / neuron"),
            ("2 FLOP/multiply_add", 2, "FLOP / multiply_add"),
        ],
    )
    def test_valid(self, text, magnitude, unit):
        q = parse_quantity(text)
        assert q.magnitude == pytest.approx(magnitude)
        assert q.units == ureg.Unit(unit)

    @pytest.mark.parametrize(
        ("text", "message"),
        [
            ("5 furlongz", "expected known units (unknown unit 'furlongz'), found '5 furlongz'"),
            ("", "expected a number followed by a unit, e.g. '8.6e10 neuron' or '200 Hz', found ''"),
            ("neuron", "expected a number followed by a unit, e.g. '8.6e10 neuron' or '200 Hz', found 'neuron'"),
            ("1e400 neuron", "expected a finite number (this one overflows a 64-bit float), found '1e400 neuron'"),
            (
                "__import__('os').system('true')",
                "expected a number followed by a unit, e.g. '8.6e10 neuron' or '200 Hz', "
                "found '__import__('os').system('true')'",
            ),
            (
                "1 neuron.__class__",
                "expected a number followed by a unit, e.g. '8.6e10 neuron' or '200 Hz', found '1 neuron.__class__'",
            ),
        ],
    )
    def test_rejected_with_exact_message(self, text, message):
        with pytest.raises(QuantityError) as info:
            parse_quantity(text)
        assert str(info.value) == message

    def test_nan_and_inf_numbers_rejected(self):
        for bad in (float("nan"), float("inf")):
            with pytest.raises(QuantityError, match="finite"):
                parse_quantity(bad)

    def test_overlong_text_rejected_before_parsing(self):
        with pytest.raises(QuantityError, match="at most 120 characters"):
            parse_quantity("1 " + "neuron*" * 100 + "neuron")

    @pytest.mark.parametrize("text", ["1 neuron**9**9**9", "1 neuron^99999", "1 neuron ** 9 ^ 9"])
    def test_huge_powers_rejected_without_computing_them(self, text):
        with pytest.raises(QuantityError, match="single integers between -99 and 99"):
            parse_quantity(text)
