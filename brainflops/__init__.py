"""brainflops: how much compute does a human brain do, and when does hardware catch up?

Every number with its source, every formula with its units checked::

    import brainflops as bf
    s = bf.load("dettmers-2015")
    e = bf.estimate(s, overrides={"firing_rate": "1 Hz"})
    e.value            # <Quantity(5.375e+18, 'FLOP / second')>
"""

from __future__ import annotations

from brainflops.assumptions import AssumptionSet, Parameter, Source, Uncertainty, load, presets, versions
from brainflops.errors import (
    AssumptionError,
    BrainflopsError,
    DataError,
    FormulaError,
    QuantityError,
    UnitMismatchError,
)
from brainflops.estimate import Estimate, estimate, format_flops
from brainflops.methods import METHODS, Method, get_method
from brainflops.units import parse_quantity, ureg

# isort: split
# --- reports (issue 7); jinja2, weasyprint and matplotlib are imported only when a report is made ---
from brainflops.report import ReportData, report

__version__ = "0.1.0"

__all__ = [
    "METHODS",
    "AssumptionError",
    "AssumptionSet",
    "BrainflopsError",
    "DataError",
    "Estimate",
    "FormulaError",
    "Method",
    "Parameter",
    "QuantityError",
    "Source",
    "Uncertainty",
    "UnitMismatchError",
    "__version__",
    "estimate",
    "format_flops",
    "get_method",
    "load",
    "parse_quantity",
    "presets",
    "ureg",
    "versions",
]

# --- reports (issue 7) ---
__all__ += ["ReportData", "report"]
