"""Which assumption matters: one-at-a-time tornado, exact elasticities, and global Sobol indices.

- **Tornado**: each uncertain parameter moved alone to its 5th and 95th percentile, the others at their median.
- **Elasticities**: ∂ln F / ∂ln x at the point estimate, from the symbolic formula (exact, not finite
  differences). For a product of powers the elasticity of ``x`` is its exponent.
- **Sobol indices** (first-order and total) of log10 F through SALib (Saltelli sampling, Jansen/Sobol
  estimators), treating the inputs as independent. For a product of powers of lognormals they equal the analytic
  variance shares ``(a_i σ_i)² / Σ (a_j σ_j)²``, the oracle the tests use.
"""

from __future__ import annotations

import dataclasses
import functools
import math
import os
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pint
import sympy

from brainflops.assumptions import AssumptionSet, load
from brainflops.errors import BrainflopsError
from brainflops.estimate import estimate
from brainflops.methods import Method
from brainflops.uncertainty import Problem, prepare

__all__ = ["Sensitivity", "analytic_shares", "elasticities", "sensitivity", "sobol", "tornado"]

Overrides = Mapping[str, str | float | pint.Quantity] | None

#: Largest SALib base sample count accepted.
MAX_BASE_SAMPLES = 2**22
#: Largest number of model runs, N × (k + 2), accepted. Memory is about the interpreter and imports (~225 MB) plus
#: twice the model output (8 bytes a run: the output and SALib's normalisation of it); measured peaks of a fresh
#: process on dettmers-2015 (k = 8, benchmarks/bench_sobol.py): 291 MB at 2^18 × 10 runs, 385 MB at 2^20 × 10,
#: 546 MB at 2^21 × 10, 866 MB at 2^22 × 10. At this limit the peak stays under 1 GB for any number of inputs.
MAX_MODEL_RUNS = 2**22 * 10


def tornado(assumption_set: AssumptionSet | str | os.PathLike[str], overrides: Overrides = None) -> pd.DataFrame:
    """One-at-a-time swings: each uncertain parameter at its 5th and 95th percentile, others at their median.

    Parameters
    ----------
    assumption_set : AssumptionSet, str or PathLike
        A loaded set, an id or a path.
    overrides : mapping, optional
        New point values (distributions move with them).

    Returns
    -------
    pandas.DataFrame
        One row per uncertain parameter, largest swing first: ``parameter``, ``unit``, ``low_value``,
        ``high_value`` [parameter unit], ``low_flops``, ``high_flops``, ``baseline_flops`` [FLOP/s] and
        ``swing_log10`` (|log10 high − log10 low|) [decades].
    """
    problem = prepare(assumption_set, overrides)
    model = problem.assumption_set.model
    medians = {**problem.fixed, **{n: d.median for n, d in zip(problem.names, problem.distributions, strict=True)}}
    baseline = float(model(**medians))
    rows = []
    for name, dist in zip(problem.names, problem.distributions, strict=True):
        low, high = (float(v) for v in dist.ppf(np.array([0.05, 0.95])))
        f_low = float(model(**{**medians, name: low}))
        f_high = float(model(**{**medians, name: high}))
        rows.append(
            {
                "parameter": name,
                "unit": problem.assumption_set.parameters[name].spec.unit,
                "low_value": low,
                "high_value": high,
                "low_flops": f_low,
                "high_flops": f_high,
                "baseline_flops": baseline,
                "swing_log10": abs(math.log10(f_high) - math.log10(f_low)),
            }
        )
    frame = pd.DataFrame(rows, columns=_TORNADO_COLUMNS)
    return frame.sort_values("swing_log10", ascending=False, ignore_index=True)


_TORNADO_COLUMNS = [
    "parameter", "unit", "low_value", "high_value", "low_flops", "high_flops", "baseline_flops", "swing_log10",
]  # fmt: skip


@functools.lru_cache(maxsize=64)
def _elasticity_functions(method: Method, names: tuple[str, ...]) -> dict[str, tuple[sympy.Expr, object]]:
    """Per parameter: the symbolic elasticity x ∂F/∂x / F and its compiled numpy function."""
    model = method.compile(names)
    args = [method.spec[n].symbol for n in model.parameter_names]
    out = {}
    for name, x in zip(model.parameter_names, args, strict=True):
        formula = sympy.simplify(x * sympy.diff(model.expression, x) / model.expression)
        out[name] = (formula, sympy.lambdify(args, formula, "numpy"))
    return out


def elasticities(assumption_set: AssumptionSet | str | os.PathLike[str], overrides: Overrides = None) -> pd.DataFrame:
    """Exact elasticities ∂ln F / ∂ln x at the point estimate, for every parameter.

    Parameters
    ----------
    assumption_set : AssumptionSet, str or PathLike
        A loaded set, an id or a path.
    overrides : mapping, optional
        New point values.

    Returns
    -------
    pandas.DataFrame
        ``parameter``, ``symbol``, ``elasticity`` [1] (a 1% rise in x raises F by this many %),
        ``formula`` (the symbolic elasticity), largest magnitude first.
    """
    s = load(assumption_set)
    e = estimate(s, overrides)
    values = [float(e.inputs[n].magnitude) for n in s.model.parameter_names]
    rows = []
    for name, (formula, fn) in _elasticity_functions(s.method, tuple(s.parameters)).items():
        rows.append(
            {
                "parameter": name,
                "symbol": s.parameters[name].spec.plain,
                "elasticity": float(fn(*values)),
                "formula": str(formula),
            }
        )
    frame = pd.DataFrame(rows)
    order = frame["elasticity"].abs().sort_values(ascending=False, kind="stable").index
    return frame.loc[order].reset_index(drop=True)


def analytic_shares(problem: Problem) -> pd.DataFrame | None:
    """Variance shares of log F for a product of powers of independent lognormals, else ``None``.

    Returns
    -------
    pandas.DataFrame or None
        ``parameter`` and ``share`` [1]; the shares sum to 1 and equal both Sobol indices.
    """
    if not problem.closed_form or problem.correlation is not None:
        return None
    _, powers = problem.monomial  # type: ignore[misc]
    w = np.array([a * d.log_params[1] for a, d in zip(powers, problem.distributions, strict=True)]) ** 2
    return pd.DataFrame({"parameter": list(problem.names), "share": w / w.sum()})


def sobol(
    assumption_set: AssumptionSet | str | os.PathLike[str],
    base_samples: int = 2**12,
    seed: int = 0,
    overrides: Overrides = None,
) -> pd.DataFrame:
    """First-order and total Sobol indices of log10 F, with 95% confidence half-widths, through SALib.

    Parameters
    ----------
    assumption_set : AssumptionSet, str or PathLike
        A loaded set, an id or a path.
    base_samples : int
        SALib's N, a power of 2 up to :data:`MAX_BASE_SAMPLES`; the model runs N × (k + 2) times for k uncertain
        parameters, at most :data:`MAX_MODEL_RUNS` times.
    seed : int
        Seed of the Sobol sequence scrambling and the bootstrap.
    overrides : mapping, optional
        New point values.

    Returns
    -------
    pandas.DataFrame
        ``parameter``, ``S1``, ``S1_conf``, ``ST``, ``ST_conf`` [1], largest ST first. Rank correlations declared
        in the set are ignored here (Sobol indices assume independent inputs); ``frame.attrs["independent"]``
        says whether the set declares none.
    """
    from scipy import special

    from brainflops import saltelli

    if base_samples < 2 or base_samples & (base_samples - 1):
        raise BrainflopsError(f"base_samples must be a power of 2 (at least 2), got {base_samples}")
    if base_samples > MAX_BASE_SAMPLES:
        raise BrainflopsError(
            f"base_samples {base_samples} is above the limit of 2**{MAX_BASE_SAMPLES.bit_length() - 1}"
        )
    problem = prepare(assumption_set, overrides)
    k = len(problem.names)
    if k < 1:
        raise BrainflopsError(f"{problem.assumption_set.ref} has no uncertain parameters; Sobol indices need some")
    if base_samples * (k + 2) > MAX_MODEL_RUNS:
        largest = 1 << (MAX_MODEL_RUNS // (k + 2)).bit_length() - 1
        raise BrainflopsError(
            f"base_samples {base_samples} with {k} uncertain parameters needs {base_samples * (k + 2):,} model runs, "
            f"above the limit of {MAX_MODEL_RUNS:,} (memory); use at most {largest}"
        )
    independent = dataclasses.replace(problem, correlation=None)

    def evaluate(u: np.ndarray) -> np.ndarray:
        return independent.evaluate(special.ndtri(np.clip(u, 1e-12, 1 - 1e-12).T))

    y = saltelli.outputs(evaluate, k, base_samples, seed)
    runs = int(y.size)
    if k == 1:
        result = {"S1": np.array([1.0]), "S1_conf": np.array([0.0]), "ST": np.array([1.0]), "ST_conf": np.array([0.0])}
    else:
        # SALib seeds its bootstrap only `if seed:`, so seed 0 would leave the confidence intervals unseeded
        # (different on every run); shift by one to keep every seed, 0 included, reproducible.
        result = saltelli.analyze(y, seed=seed + 1)
    frame = pd.DataFrame(
        {
            "parameter": list(problem.names),
            "S1": result["S1"],
            "S1_conf": result["S1_conf"],
            "ST": result["ST"],
            "ST_conf": result["ST_conf"],
        }
    ).sort_values("ST", ascending=False, ignore_index=True)
    frame.attrs["independent"] = problem.correlation is None
    frame.attrs["model_runs"] = runs
    return frame


@dataclass(frozen=True)
class Sensitivity:
    """All three sensitivity views of one set.

    Attributes
    ----------
    set_ref : str
        ``id@version`` of the set.
    tornado, elasticities, sobol : pandas.DataFrame
        As returned by :func:`tornado`, :func:`elasticities` and :func:`sobol` (``sobol`` is empty when the set
        has no uncertain parameters).
    analytic : pandas.DataFrame or None
        Exact variance shares when the set is a product of powers of lognormals.
    """

    set_ref: str
    tornado: pd.DataFrame = field(repr=False)
    elasticities: pd.DataFrame = field(repr=False)
    sobol: pd.DataFrame = field(repr=False)
    analytic: pd.DataFrame | None = field(repr=False, default=None)

    def to_frame(self) -> pd.DataFrame:
        """One row per parameter: elasticity, tornado swing and Sobol indices side by side."""
        frame = self.elasticities[["parameter", "elasticity"]]
        frame = frame.merge(self.tornado[["parameter", "swing_log10"]], on="parameter", how="left")
        if not self.sobol.empty:
            frame = frame.merge(self.sobol[["parameter", "S1", "ST"]], on="parameter", how="left")
        return frame

    def __repr__(self) -> str:
        if self.sobol.empty:
            frame, column, what = self.elasticities, "elasticity", "largest |elasticity|"
        else:
            frame, column, what = self.sobol, "ST", "largest Sobol total index"
        values = frame[column].abs().fillna(0.0) if not frame.empty else frame[column]
        top = frame.loc[values >= values.max() - 1e-9, "parameter"].tolist() if not frame.empty else []
        names = ", ".join(top[:3]) + (f" and {len(top) - 3} more" if len(top) > 3 else "")
        value = f" {values.max():.3g}" if top else ""
        return f"Sensitivity({self.set_ref}: {len(self.elasticities)} parameters; {what}{value}: {names or '-'})"

    def _repr_html_(self) -> str:
        return f"<div><b>Sensitivity of {self.set_ref}</b></div>" + self.to_frame().to_html(index=False)


def sensitivity(
    assumption_set: AssumptionSet | str | os.PathLike[str],
    base_samples: int = 2**12,
    seed: int = 0,
    overrides: Overrides = None,
) -> Sensitivity:
    """Tornado, elasticities and Sobol indices of a set (see the module docstring).

    Parameters
    ----------
    assumption_set : AssumptionSet, str or PathLike
        A loaded set, an id or a path.
    base_samples : int
        SALib base sample count (a power of 2).
    seed : int
        Seed for the Sobol sequence and bootstrap.
    overrides : mapping, optional
        New point values.

    Returns
    -------
    Sensitivity
    """
    problem = prepare(assumption_set, overrides)
    s = problem.assumption_set
    sob = sobol(s, base_samples, seed, overrides) if problem.names else pd.DataFrame()
    return Sensitivity(s.ref, tornado(s, overrides), elasticities(s, overrides), sob, analytic_shares(problem))
