"""Numbers for people: three significant figures, units, words for big counts, money and years.

Every view, command and report writes its numbers through these functions so that one figure reads the same
everywhere ("1.08 × 10²¹ FLOP/s", "9.45 million devices", "$98.9 billion", "2037", "June 2008", "45%").
:func:`brainflops.format_flops` stays the literature's own notation (``1.075e21 FLOP/s``, four digits), used
where a published figure is quoted exactly and in machine-readable output.

Two styles of powers of ten: ``"unicode"`` (``1.08 × 10²¹``, for pages, figures and terminals) and ``"e"``
(``1.08e21``, for plain ASCII). Non-finite values are refused with :class:`ValueError` rather than printed as
``nan`` or ``inf``: a caller must say in words what a missing or unbounded value means ("never", "not yet").
"""

from __future__ import annotations

import calendar
import math
from typing import Literal

__all__ = [
    "format_count",
    "format_duration",
    "format_interval",
    "format_money",
    "format_month",
    "format_percent",
    "format_power",
    "format_sci",
    "format_year",
    "significant",
]

Style = Literal["unicode", "e"]

_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")
#: Words for powers of a thousand (short scale); beyond a trillion, powers of ten read better.
_WORDS = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))


def _finite(value: float) -> float:
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(f"cannot format {number!r} as a number for people; say what it means in words")
    return number


def _round_sig(value: float, sig: int) -> tuple[float, int]:
    """``value`` rounded to ``sig`` significant figures, and its decimal exponent after rounding."""
    if value == 0:
        return 0.0, 0
    exponent = math.floor(math.log10(abs(value)))
    rounded = round(value, sig - 1 - exponent)
    if rounded != 0 and math.floor(math.log10(abs(rounded))) != exponent:  # 9.996 -> 10.0
        exponent += 1
    return rounded, exponent


def significant(value: float, sig: int = 3) -> str:
    """A plain decimal with ``sig`` significant figures, thousands separated, no trailing zeros.

    ``significant(0.2534)`` → ``"0.253"``; ``significant(12345)`` → ``"12,300"``; ``significant(2.0)`` → ``"2"``.
    """
    rounded, exponent = _round_sig(_finite(value), sig)
    decimals = max(0, sig - 1 - exponent)
    text = f"{rounded:,.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def format_sci(value: float, unit: str = "", *, sig: int = 3, style: Style = "unicode") -> str:
    """A value with ``sig`` significant figures, in powers of ten outside 0.001–10,000.

    ``format_sci(1.075e21, "FLOP/s")`` → ``"1.08 × 10²¹ FLOP/s"`` (``"1.08e21 FLOP/s"`` with ``style="e"``);
    ``format_sci(0.25, "Hz")`` → ``"0.25 Hz"``; ``format_sci(1e16)`` → ``"10¹⁶"``.

    Parameters
    ----------
    value : float
        The number [``unit``]; must be finite.
    unit : str
        Appended after a space; empty for none.
    sig : int
        Significant figures.
    style : {"unicode", "e"}
        ``1.08 × 10²¹`` or ``1.08e21``.
    """
    number = _finite(value)
    rounded, exponent = _round_sig(number, sig)
    if number == 0 or -3 <= exponent < 4:
        text = significant(number, sig)
    else:
        mantissa = significant(rounded / 10**exponent, sig)
        if style == "e":
            text = f"{mantissa}e{exponent}"
        else:
            power = f"10{str(exponent).translate(_SUPERSCRIPT)}"
            text = power if mantissa == "1" else f"{mantissa} × {power}"
            if mantissa == "-1":
                text = f"−{power}"
    return f"{text} {unit}".rstrip()


def format_count(value: float, noun: str = "", *, sig: int = 3, style: Style = "unicode") -> str:
    """A count in words: ``"9.45 million devices"``, ``"12,300 devices"``, ``"1.2 × 10¹⁷ devices"``.

    Below a million the number is written out (``sig`` significant figures); millions to trillions use the
    word; beyond a thousand trillion, powers of ten.
    """
    number = _finite(value)
    rounded, exponent = _round_sig(number, sig)
    if exponent >= 15:
        text = format_sci(number, sig=sig, style=style)
    else:
        text = significant(number, sig)
        for scale, word in _WORDS:
            if abs(rounded) >= scale:
                text = f"{significant(number / scale, sig)} {word}"
                break
    return f"{text} {noun}".rstrip()


def format_money(usd: float, *, sig: int = 3, style: Style = "unicode") -> str:
    """US dollars for people: ``"$98.9 billion"``, ``"$15,000"``, ``"$1.23 million"``."""
    number = _finite(usd)
    sign = "−" if number < 0 else ""
    return f"{sign}${format_count(abs(number), sig=sig, style=style)}"


def format_power(watts: float, *, sig: int = 3) -> str:
    """Electrical power with an SI prefix: ``"24 MW"``, ``"20 W"``, ``"1.2 GW"``."""
    number = _finite(watts)
    for scale, prefix in ((1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k")):
        if abs(number) >= scale:
            return f"{significant(number / scale, sig)} {prefix}W"
    return f"{significant(number, sig)} W"


def format_year(year: float) -> str:
    """A decimal year as a calendar year: ``2052.8`` → ``"2052"`` (the year it falls in, not rounded up).

    A parity reached during 2052.8 happens in 2052; rounding would print 2053.
    """
    return str(math.floor(_finite(year)))


def format_month(year: float) -> str:
    """A decimal year as month and year: ``2008.45`` → ``"June 2008"``."""
    number = _finite(year)
    whole = math.floor(number)
    month = min(12, math.floor((number - whole) * 12) + 1)
    return f"{calendar.month_name[month]} {whole}"


def format_percent(p: float) -> str:
    """A probability as a percentage: ``0.45`` → ``"45%"``; tiny non-zero shares read ``"<1%"``, near-certain
    ones ``">99%"``, so that a rare outcome is never printed as impossible."""
    number = _finite(p)
    if number <= 0:
        return "0%"
    if number >= 1:
        return "100%"
    if number < 0.005:
        return "<1%"
    if number > 0.995:
        return ">99%"
    return f"{round(number * 100):d}%"


def format_interval(low: float, high: float, unit: str = "", *, sig: int = 3, style: Style = "unicode") -> str:
    """An interval with its unit once: ``"4.87 × 10¹⁹ – 3.85 × 10²¹ FLOP/s"``."""
    return f"{format_sci(low, sig=sig, style=style)} – {format_sci(high, unit, sig=sig, style=style)}"


def format_duration(years: float, *, sig: int = 3) -> str:
    """A span of time: ``1.8`` → ``"1.8 years"``, ``0.75`` → ``"9 months"``, ``1`` → ``"1 year"``."""
    number = _finite(years)
    if abs(number) < 1:
        months = significant(number * 12, 2)
        return f"{months} month" + ("" if months == "1" else "s")
    text = significant(number, sig)
    return f"{text} year" + ("" if text == "1" else "s")
