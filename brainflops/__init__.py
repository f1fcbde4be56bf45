"""brainflops: how much compute does a human brain do, and when does hardware catch up?

Every number with its source, every formula with its units checked::

    import brainflops as bf
    s = bf.load("dettmers-2015")
    e = bf.estimate(s, overrides={"firing_rate": "1 Hz"})
    e.value            # <Quantity(5.375e+18, 'FLOP / second')>

The public surface is :data:`__all__`, documented in ``docs/api.md``. Importing the package is cheap: every
name except the error types is resolved on first use (PEP 562), so ``import brainflops`` loads none of sympy,
pandas, scipy, SALib, matplotlib or streamlit.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import types
from typing import TYPE_CHECKING, Any

from brainflops.errors import (
    AssumptionError,
    BrainflopsError,
    DataError,
    FormulaError,
    QuantityError,
    UnitMismatchError,
)

if TYPE_CHECKING:  # for type checkers and IDEs only; at run time these resolve lazily
    from brainflops import hardware, plots
    from brainflops.assumptions import AssumptionSet, Parameter, Source, Uncertainty, load, presets, versions
    from brainflops.compare import compare
    from brainflops.diff import DiffResult, ParameterChange, diff
    from brainflops.estimate import Estimate, estimate, format_flops
    from brainflops.forecast.accelerators import gpus_per_brain
    from brainflops.forecast.combined import CombinedForecast, Curve, combined_forecast
    from brainflops.forecast.energy import energy_parity, landauer_limit
    from brainflops.forecast.frames import FRAMES, Frame
    from brainflops.forecast.hindcast import Hindcast, hindcast
    from brainflops.forecast.history import Milestone, already_reached
    from brainflops.forecast.ledger import Ledger, LedgerEntry, ledger
    from brainflops.forecast.lifetime import LifetimeComparison, lifetime_compute, training_vs_lifetime
    from brainflops.forecast.outlook import Outlook, outlook
    from brainflops.forecast.parity import ParityResult, parity, timeline
    from brainflops.forecast.utilisation import Utilisation, load_utilisation
    from brainflops.forecast.weights import Weights, load_weights
    from brainflops.hardware.eras import Eras, eras
    from brainflops.hardware.price_performance import PricePerformance, price_performance
    from brainflops.hardware.projection import Projection
    from brainflops.hardware.scenarios import Scenario, load_scenario
    from brainflops.hardware.series import Series, get_series
    from brainflops.hardware.trends import PiecewiseFit, TrendFit, fit_loglinear, fit_piecewise
    from brainflops.methods import METHODS, Method, get_method, register_method
    from brainflops.sensitivity import Sensitivity, sensitivity
    from brainflops.uncertainty import DistributionSummary, sample
    from brainflops.units import parse_quantity, ureg

    fit = fit_loglinear

__version__ = "0.1.0"

#: Public name -> (module, attribute); attribute ``None`` means the module itself.
_LAZY: dict[str, tuple[str, str | None]] = {
    # assumption sets
    "AssumptionSet": ("brainflops.assumptions", "AssumptionSet"),
    "Parameter": ("brainflops.assumptions", "Parameter"),
    "Source": ("brainflops.assumptions", "Source"),
    "Uncertainty": ("brainflops.assumptions", "Uncertainty"),
    "load": ("brainflops.assumptions", "load"),
    "presets": ("brainflops.assumptions", "presets"),
    "versions": ("brainflops.assumptions", "versions"),
    # methods and units
    "METHODS": ("brainflops.methods", "METHODS"),
    "Method": ("brainflops.methods", "Method"),
    "get_method": ("brainflops.methods", "get_method"),
    "register_method": ("brainflops.methods", "register_method"),
    "parse_quantity": ("brainflops.units", "parse_quantity"),
    "ureg": ("brainflops.units", "ureg"),
    # estimates, uncertainty, sensitivity, comparison
    "Estimate": ("brainflops.estimate", "Estimate"),
    "estimate": ("brainflops.estimate", "estimate"),
    "format_flops": ("brainflops.estimate", "format_flops"),
    "DistributionSummary": ("brainflops.uncertainty", "DistributionSummary"),
    "sample": ("brainflops.uncertainty", "sample"),
    "Sensitivity": ("brainflops.sensitivity", "Sensitivity"),
    "sensitivity": ("brainflops.sensitivity", "sensitivity"),
    "compare": ("brainflops.compare", "compare"),
    "DiffResult": ("brainflops.diff", "DiffResult"),
    "ParameterChange": ("brainflops.diff", "ParameterChange"),
    "diff": ("brainflops.diff", "diff"),
    # hardware side
    "hardware": ("brainflops.hardware", None),
    "Series": ("brainflops.hardware.series", "Series"),
    "get_series": ("brainflops.hardware.series", "get_series"),
    "TrendFit": ("brainflops.hardware.trends", "TrendFit"),
    "PiecewiseFit": ("brainflops.hardware.trends", "PiecewiseFit"),
    "fit": ("brainflops.hardware.trends", "fit_loglinear"),
    "fit_loglinear": ("brainflops.hardware.trends", "fit_loglinear"),
    "fit_piecewise": ("brainflops.hardware.trends", "fit_piecewise"),
    "Projection": ("brainflops.hardware.projection", "Projection"),
    "Scenario": ("brainflops.hardware.scenarios", "Scenario"),
    "load_scenario": ("brainflops.hardware.scenarios", "load_scenario"),
    "ParityResult": ("brainflops.forecast.parity", "ParityResult"),
    "timeline": ("brainflops.forecast.parity", "timeline"),
    "parity": ("brainflops.forecast.parity", "parity"),
    "energy_parity": ("brainflops.forecast.energy", "energy_parity"),
    "landauer_limit": ("brainflops.forecast.energy", "landauer_limit"),
    "LifetimeComparison": ("brainflops.forecast.lifetime", "LifetimeComparison"),
    "gpus_per_brain": ("brainflops.forecast.accelerators", "gpus_per_brain"),
    "lifetime_compute": ("brainflops.forecast.lifetime", "lifetime_compute"),
    "training_vs_lifetime": ("brainflops.forecast.lifetime", "training_vs_lifetime"),
    # the two frames, the combined forecast, history, the ledger (issue 12)
    "FRAMES": ("brainflops.forecast.frames", "FRAMES"),
    "Frame": ("brainflops.forecast.frames", "Frame"),
    "Utilisation": ("brainflops.forecast.utilisation", "Utilisation"),
    "load_utilisation": ("brainflops.forecast.utilisation", "load_utilisation"),
    "Weights": ("brainflops.forecast.weights", "Weights"),
    "load_weights": ("brainflops.forecast.weights", "load_weights"),
    "CombinedForecast": ("brainflops.forecast.combined", "CombinedForecast"),
    "Curve": ("brainflops.forecast.combined", "Curve"),
    "combined_forecast": ("brainflops.forecast.combined", "combined_forecast"),
    "Milestone": ("brainflops.forecast.history", "Milestone"),
    "already_reached": ("brainflops.forecast.history", "already_reached"),
    "Outlook": ("brainflops.forecast.outlook", "Outlook"),
    "outlook": ("brainflops.forecast.outlook", "outlook"),
    "Hindcast": ("brainflops.forecast.hindcast", "Hindcast"),
    "hindcast": ("brainflops.forecast.hindcast", "hindcast"),
    "Ledger": ("brainflops.forecast.ledger", "Ledger"),
    "LedgerEntry": ("brainflops.forecast.ledger", "LedgerEntry"),
    "ledger": ("brainflops.forecast.ledger", "ledger"),
    "Eras": ("brainflops.hardware.eras", "Eras"),
    "eras": ("brainflops.hardware.eras", "eras"),
    "PricePerformance": ("brainflops.hardware.price_performance", "PricePerformance"),
    "price_performance": ("brainflops.hardware.price_performance", "price_performance"),
    # figures
    "plots": ("brainflops.plots", None),
    # reports
    "ReportData": ("brainflops.report", "ReportData"),
    "report": ("brainflops.report", "report"),
}

#: Names that are both a function and a submodule (``brainflops.estimate`` the function, ``brainflops/estimate.py``
#: the module). Importing a submodule binds it on the package; these names keep resolving to the function.
_SHADOWED = frozenset(
    name for name, (module, attr) in _LAZY.items() if attr is not None and module == f"brainflops.{name}"
)

__all__ = [
    "FRAMES",
    "METHODS",
    "AssumptionError",
    "AssumptionSet",
    "BrainflopsError",
    "CombinedForecast",
    "Curve",
    "DataError",
    "DiffResult",
    "DistributionSummary",
    "Eras",
    "Estimate",
    "FormulaError",
    "Frame",
    "Hindcast",
    "Ledger",
    "LedgerEntry",
    "LifetimeComparison",
    "Method",
    "Milestone",
    "Outlook",
    "Parameter",
    "ParameterChange",
    "ParityResult",
    "PiecewiseFit",
    "PricePerformance",
    "Projection",
    "QuantityError",
    "ReportData",
    "Scenario",
    "Sensitivity",
    "Series",
    "Source",
    "TrendFit",
    "Uncertainty",
    "UnitMismatchError",
    "Utilisation",
    "Weights",
    "__version__",
    "already_reached",
    "combined_forecast",
    "compare",
    "diff",
    "energy_parity",
    "eras",
    "estimate",
    "fit",
    "fit_loglinear",
    "fit_piecewise",
    "format_flops",
    "get_method",
    "get_series",
    "gpus_per_brain",
    "hardware",
    "hindcast",
    "landauer_limit",
    "ledger",
    "lifetime_compute",
    "load",
    "load_scenario",
    "load_utilisation",
    "load_weights",
    "outlook",
    "parity",
    "parse_quantity",
    "plots",
    "presets",
    "price_performance",
    "register_method",
    "report",
    "sample",
    "sensitivity",
    "timeline",
    "training_vs_lifetime",
    "ureg",
    "versions",
]

_resolved: dict[str, Any] = {}


def _resolve(name: str) -> Any:
    if name in _resolved:
        return _resolved[name]
    try:
        module_name, attr = _LAZY[name]
    except KeyError:
        raise AttributeError(f"module 'brainflops' has no attribute '{name}'") from None
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name != module_name:
            raise
        raise AttributeError(f"'brainflops.{name}' needs the module '{module_name}', which is not installed") from None
    value = module if attr is None else getattr(module, attr)
    _resolved[name] = value
    return value


def __getattr__(name: str) -> Any:
    """Resolve a public name on first use (PEP 562)."""
    value = _resolve(name)
    if name not in _SHADOWED:
        globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    """Every public name, resolved or not, plus the module's own attributes."""
    return sorted(set(globals()) | set(__all__))


class _Package(types.ModuleType):
    """The package's module type: keeps a function name that is also a submodule pointing at the function."""


def _shadowing_property(name: str) -> property:
    def get(self: types.ModuleType) -> Any:
        return _resolve(name)

    def set_(self: types.ModuleType, value: Any) -> None:
        # The import system binds a submodule on its package; the public name stays the function.
        # Anything else (a test's monkeypatch, say) replaces the function.
        if not (isinstance(value, types.ModuleType) and value.__name__ == f"brainflops.{name}"):
            _resolved[name] = value

    def delete(self: types.ModuleType) -> None:
        _resolved.pop(name, None)

    return property(get, set_, delete, doc=f"``brainflops.{name}``: the function (the module is in sys.modules).")


for _name in sorted(_SHADOWED):
    setattr(_Package, _name, _shadowing_property(_name))
sys.modules[__name__].__class__ = _Package
del _name
