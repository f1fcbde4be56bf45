"""The package's one pint unit registry and the strict parser for quantity strings.

Every quantity in brainflops is a :class:`pint.Quantity` of :data:`ureg`. Nothing else in the package
creates a registry. Quantity text from files or users goes through :func:`parse_quantity`, which accepts
only ``<number> <unit expression>`` and rejects anything else before pint sees it.
"""

from __future__ import annotations

import math
import re
import sys
from importlib import resources

import pint

from brainflops.errors import QuantityError

__all__ = ["FLOP_PER_SECOND", "Quantity", "dimension_text", "parse_quantity", "ureg"]

ureg = pint.UnitRegistry(autoconvert_offset_to_baseunit=True, on_redefinition="raise")
ureg.load_definitions(str(resources.files("brainflops") / "units.txt"))
ureg.formatter.default_format = "~P"

Quantity = ureg.Quantity
FLOP_PER_SECOND = ureg.Unit("FLOP/s")

#: Longest quantity string accepted; a real one is a number and a short unit.
MAX_QUANTITY_LENGTH = 120

_NUMBER = r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?"
# Unit expressions: names, multiplication, division, integer powers and parentheses. No calls, no
# attribute access, no other characters.
_UNIT = r"[A-Za-z_][A-Za-z0-9_]*|\*\*|[*/^()]|[+-]?\d+|\s+"
# ``a**b**c`` makes pint compute b**c exactly, which for large literals never finishes.
_CHAINED_POWER = re.compile(r"(\*\*|\^)\s*[+-]?\d+\s*(\*\*|\^)")
_LARGEST_FLOAT_INT = int(sys.float_info.max)
_QUANTITY_RE = re.compile(rf"^\s*(?P<number>{_NUMBER})?\s*(?P<unit>(?:{_UNIT})*)\s*$")


def parse_quantity(text: str | int | float) -> pint.Quantity:
    """Parse ``"<number> <unit>"`` into a quantity of the package registry.

    Parameters
    ----------
    text : str or int or float
        For example ``"8.6e10 neuron"``, ``"200 Hz"``, ``"1.075e21 FLOP/s"``, ``"86 billion neuron"``.
        A bare number is dimensionless.

    Returns
    -------
    pint.Quantity
        The quantity in the units written.

    Raises
    ------
    QuantityError
        If the text is not a finite number followed by a known unit expression.
    """
    if isinstance(text, bool):
        raise QuantityError.bad_text(repr(text), "a number with a unit, e.g. '200 Hz'")
    if isinstance(text, int | float):
        # A TOML integer has no size limit; float() of one above ~1.8e308 raises OverflowError.
        if isinstance(text, int) and abs(text) > _LARGEST_FLOAT_INT:
            raise QuantityError.bad_text(_short(repr(text)), "a finite number (this one overflows a 64-bit float)")
        if not math.isfinite(text):
            raise QuantityError.bad_text(repr(text), "a finite number")
        return Quantity(float(text), ureg.dimensionless)
    if not isinstance(text, str):
        raise QuantityError.bad_text(repr(text), "a string such as '200 Hz'")
    if len(text) > MAX_QUANTITY_LENGTH:
        raise QuantityError.bad_text(_short(text), f"at most {MAX_QUANTITY_LENGTH} characters")
    match = _QUANTITY_RE.match(text)
    if match is None or not text.strip():
        raise QuantityError.bad_text(text, "a number followed by a unit, e.g. '8.6e10 neuron' or '200 Hz'")
    number_text, unit_text = match.group("number"), match.group("unit").strip()
    if _CHAINED_POWER.search(unit_text) or any(abs(int(e)) > 99 for e in re.findall(r"[+-]?\d+", unit_text)):
        raise QuantityError.bad_text(text, "unit powers that are single integers between -99 and 99")
    if number_text is None:
        raise QuantityError.bad_text(text, "a number followed by a unit, e.g. '8.6e10 neuron' or '200 Hz'")
    number = float(number_text)
    if not math.isfinite(number):
        raise QuantityError.bad_text(text, "a finite number (this one overflows a 64-bit float)")
    try:
        unit = ureg.parse_units(unit_text) if unit_text else ureg.dimensionless
    except pint.UndefinedUnitError as exc:
        names = exc.unit_names if isinstance(exc.unit_names, tuple | list) else (exc.unit_names,)
        unknown = ", ".join(f"'{n}'" for n in names)
        raise QuantityError.bad_text(text, f"known units (unknown unit {unknown})") from None
    except Exception:  # pint raises a variety of syntax errors for malformed unit text
        raise QuantityError.bad_text(text, "a well-formed unit expression such as 'FLOP/s'") from None
    quantity = Quantity(number, unit)
    magnitude = quantity.to_base_units().magnitude
    if not math.isfinite(magnitude):
        raise QuantityError.bad_text(text, "a finite value (it overflows when converted to base units)")
    return quantity


def _short(text: str) -> str:
    """The first 40 characters of ``text``, for messages about overlong input."""
    return text if len(text) <= 40 else text[:40] + "…"


def dimension_text(unit: pint.Unit | pint.Quantity) -> str:
    """Return a readable dimension, e.g. ``'[neuron]'``, ``'1 / [time]'`` or ``'dimensionless'``.

    Parameters
    ----------
    unit : pint.Unit or pint.Quantity
        Anything with a ``dimensionality``.

    Returns
    -------
    str
        The dimensionality as pint writes it.
    """
    dims = unit.dimensionality
    return "dimensionless" if not dims else str(dims)
