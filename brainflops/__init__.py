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
from brainflops.sensitivity import Sensitivity, sensitivity
from brainflops.uncertainty import DistributionSummary, sample
from brainflops.units import parse_quantity, ureg

# --- hardware side (issue 5) ---
# `timeline` is the function (as in DESIGN.md); import the module's other names with
# `from brainflops.timeline import ...`.
# isort: split
from brainflops.deeplearning import gpus_per_brain, lifetime_compute, training_vs_lifetime
from brainflops.scenarios import Projection, Scenario, load_scenario
from brainflops.timeline import ParityResult, energy_parity, landauer_limit, parity, timeline
from brainflops.trends import PiecewiseFit, TrendFit, fit_loglinear, fit_piecewise, get_series

# isort: split
# --- presets, compare, diff (issue 3) ---
from brainflops.compare import compare
from brainflops.diff import DiffResult, diff

# isort: split
# --- reports (issue 7); jinja2, weasyprint and matplotlib are imported only when a report is made ---
from brainflops.report import ReportData, report

__version__ = "0.1.0"

__all__ = [  # noqa: RUF022 (the hardware names are a separate block at the end, for merging)
    "METHODS",
    "AssumptionError",
    "AssumptionSet",
    "BrainflopsError",
    "DataError",
    "DistributionSummary",
    "Estimate",
    "FormulaError",
    "Method",
    "Parameter",
    "QuantityError",
    "Sensitivity",
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
    "sample",
    "sensitivity",
    "ureg",
    "versions",
    # --- hardware side (issue 5) ---
    "ParityResult",
    "PiecewiseFit",
    "Projection",
    "Scenario",
    "TrendFit",
    "energy_parity",
    "fit_loglinear",
    "fit_piecewise",
    "get_series",
    "gpus_per_brain",
    "landauer_limit",
    "lifetime_compute",
    "load_scenario",
    "parity",
    "timeline",
    "training_vs_lifetime",
]

# --- presets, compare, diff (issue 3) ---
__all__ += [
    "DiffResult",
    "compare",
    "diff",
]

# --- reports (issue 7) ---
__all__ += ["ReportData", "report"]
