"""Numbers for people: the shared formatters every view, command and report uses."""

from __future__ import annotations

import math

import pytest

from brainflops.formatting import (
    format_count,
    format_duration,
    format_interval,
    format_money,
    format_month,
    format_percent,
    format_power,
    format_sci,
    format_year,
    significant,
)


class TestSignificant:
    @pytest.mark.parametrize(
        ("value", "text"),
        [
            (0.2534, "0.253"),
            (12345, "12,300"),
            (2.0, "2"),
            (9.996, "10"),
            (0, "0"),
            (-1.2345, "-1.23"),
            (1e-3, "0.001"),
        ],
    )
    def test_three_figures(self, value, text):
        assert significant(value) == text


class TestSci:
    def test_dettmers_headline_in_three_figures(self):
        assert format_sci(1.075e21, "FLOP/s") == "1.08 × 10²¹ FLOP/s"
        assert format_sci(1.075e21, "FLOP/s", style="e") == "1.08e21 FLOP/s"

    def test_plain_range_has_no_exponent(self):
        assert format_sci(0.25, "Hz") == "0.25 Hz"
        assert format_sci(200, "Hz") == "200 Hz"
        assert format_sci(9990) == "9,990"
        assert format_sci(12345) == "1.23 × 10⁴"

    def test_exact_power_reads_as_a_power(self):
        assert format_sci(1e16) == "10¹⁶"
        assert format_sci(1e-5) == "10⁻⁵"

    def test_rounding_carries_into_the_exponent(self):
        assert format_sci(9.996e20) == "10²¹"
        assert format_sci(9.996e20, style="e") == "1e21"

    @pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
    def test_non_finite_is_refused(self, bad):
        with pytest.raises(ValueError, match="in words"):
            format_sci(bad)


class TestWords:
    @pytest.mark.parametrize(
        ("value", "text"),
        [
            (9446397.188, "9.45 million devices"),
            (12345, "12,300 devices"),
            (1.5, "1.5 devices"),
            (770805231226260700, "7.71 × 10¹⁷ devices"),
            (2.5e12, "2.5 trillion devices"),
            (999_999_999, "1 billion devices"),
        ],
    )
    def test_counts(self, value, text):
        assert format_count(value, "devices") == text

    @pytest.mark.parametrize(
        ("usd", "text"), [(98899999999.9997, "$98.9 billion"), (15000, "$15,000"), (1_234_567, "$1.23 million")]
    )
    def test_money(self, usd, text):
        assert format_money(usd) == text

    def test_power(self):
        assert format_power(24e6) == "24 MW"
        assert format_power(20) == "20 W"
        assert format_power(1.2e9) == "1.2 GW"


class TestTime:
    def test_year_is_the_year_it_falls_in(self):
        assert format_year(2052.8) == "2052"
        assert format_year(2025.87) == "2025"

    def test_month(self):
        assert format_month(2008 + 5.5 / 12) == "June 2008"
        assert format_month(2024.999) == "December 2024"

    def test_duration(self):
        assert format_duration(1.8) == "1.8 years"
        assert format_duration(1) == "1 year"
        assert format_duration(0.75) == "9 months"


class TestShares:
    @pytest.mark.parametrize(
        ("p", "text"), [(0.45, "45%"), (0.001, "<1%"), (0.999, ">99%"), (0, "0%"), (1, "100%"), (0.3049, "30%")]
    )
    def test_percent(self, p, text):
        assert format_percent(p) == text

    def test_interval_names_the_unit_once(self):
        assert format_interval(4.872e19, 3.846e21, "FLOP/s") == "4.87 × 10¹⁹ – 3.85 × 10²¹ FLOP/s"
