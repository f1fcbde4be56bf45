"""The contract every estimation method follows.

A :class:`Method` is a set of named parameters, each with the unit it is computed in, and a list of
:class:`Term` objects: sympy expressions over those parameters whose sum is the brain's FLOP/s. At
definition the method is checked once with pint (every term must reduce to FLOP/s); a set is checked again
at load with its own values. :meth:`Method.compile` turns the formula into a numpy function on magnitudes
(scalars or arrays), cached per combination of supplied parameters.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np
import pint
import sympy

from brainflops.errors import FormulaError, UnitMismatchError
from brainflops.units import FLOP_PER_SECOND, dimension_text, ureg

__all__ = ["CompiledModel", "Method", "ParameterSpec", "Term"]


@dataclass(frozen=True)
class ParameterSpec:
    """A parameter a method needs.

    Parameters
    ----------
    name : str
        The key used in assumption files and overrides, e.g. ``"firing_rate"``.
    latex : str
        The symbol as LaTeX, e.g. ``r"f"`` or ``r"N_{\\mathrm{P}}"``.
    unit : str
        The unit the formula computes in, e.g. ``"Hz"``; values in any unit of the same dimension are
        converted to it.
    description : str
        What the parameter is, with its unit in brackets.
    positive : bool
        Whether the value must be strictly positive (counts, rates, costs).
    """

    name: str
    latex: str
    unit: str
    description: str
    positive: bool = True

    @functools.cached_property
    def pint_unit(self) -> pint.Unit:
        """The unit as a pint Unit of the package registry."""
        return ureg.Unit(self.unit)

    @functools.cached_property
    def plain(self) -> str:
        """The symbol as plain text, e.g. ``"N_P"`` for ``N_{\\mathrm{P}}``."""
        text = re.sub(r"\\mathrm\{([^}]*)\}", r"\1", self.latex)
        return text.replace("{", "").replace("}", "").replace("\\", "")

    @functools.cached_property
    def symbol(self) -> sympy.Symbol:
        """The sympy symbol, named after the parameter."""
        return sympy.Symbol(self.name, positive=self.positive)


@dataclass(frozen=True)
class Term:
    """One additive term of a method's formula.

    Parameters
    ----------
    name : str
        Short name shown in contribution tables, e.g. ``"purkinje"``.
    description : str
        What the term counts.
    build : callable
        Takes a mapping of parameter name to sympy symbol and returns the term's expression.
    optional : bool
        An optional term is included only when a set supplies all of its parameters.
    """

    name: str
    description: str
    build: Callable[[Mapping[str, sympy.Symbol]], sympy.Expr]
    optional: bool = False


@dataclass(frozen=True)
class CompiledModel:
    """A method's formula for one combination of supplied parameters, ready to evaluate.

    Attributes
    ----------
    method : Method
        The method it belongs to.
    parameter_names : tuple of str
        The order of the arguments of :attr:`function`.
    expression : sympy.Expr
        The whole formula (FLOP/s when each parameter is in its spec unit).
    terms : dict of str to sympy.Expr
        The additive terms; they sum to :attr:`expression`.
    latex : str
        The formula as LaTeX with the method's symbols.
    text : str
        The formula as plain text with the method's symbols, e.g. ``"S*c_syn*f"``.
    """

    method: Method
    parameter_names: tuple[str, ...]
    expression: sympy.Expr
    terms: dict[str, sympy.Expr]
    latex: str
    text: str
    function: Callable[..., np.ndarray] = field(repr=False)
    term_functions: dict[str, Callable[..., np.ndarray]] = field(repr=False)
    output_factor: float = 1.0

    def __call__(self, **magnitudes: float | np.ndarray) -> float | np.ndarray:
        """Evaluate the formula on magnitudes in each parameter's spec unit; returns FLOP/s.

        A result beyond the float range is ``inf`` (or ``0``), never an ``OverflowError``: callers check it.
        """
        args = _ieee(magnitudes[name] for name in self.parameter_names)
        with np.errstate(over="ignore", under="ignore", divide="ignore", invalid="ignore"):
            return self.function(*args) * self.output_factor

    def evaluate_terms(self, **magnitudes: float | np.ndarray) -> dict[str, float | np.ndarray]:
        """Evaluate each term on magnitudes in spec units; returns FLOP/s per term."""
        args = _ieee(magnitudes[name] for name in self.parameter_names)
        with np.errstate(over="ignore", under="ignore", divide="ignore", invalid="ignore"):
            return {name: fn(*args) * self.output_factor for name, fn in self.term_functions.items()}

    def check_units(self, quantities: Mapping[str, pint.Quantity], set_name: str) -> None:
        """Evaluate every term on pint quantities and require FLOP/s.

        Raises
        ------
        UnitMismatchError
            Naming the set, the method, the term and both units.
        """
        # numpy scalars: Python's float ``**`` raises OverflowError where IEEE arithmetic gives inf; only
        # the units matter here, and the caller checks the magnitude of the total.
        args = [ureg.Quantity(np.float64(quantities[n].magnitude), quantities[n].units) for n in self.parameter_names]
        for name, fn in self.term_functions.items():
            try:
                with np.errstate(over="ignore", under="ignore", divide="ignore", invalid="ignore"):
                    value = fn(*args)
            except pint.DimensionalityError as exc:
                raise UnitMismatchError(
                    f"term '{name}' of method '{self.method.name}': adds quantities of different "
                    f"dimensions ({exc.units1} and {exc.units2})",
                    file=set_name,
                    expected=str(FLOP_PER_SECOND),
                    found=f"{exc.units1} + {exc.units2}",
                ) from None
            unit = getattr(value, "units", ureg.dimensionless)
            if unit.dimensionality != FLOP_PER_SECOND.dimensionality:
                raise UnitMismatchError(
                    f"term '{name}' of method '{self.method.name}': must reduce to FLOP/s "
                    f"({dimension_text(FLOP_PER_SECOND)}) but reduces to '{unit:~P}' "
                    f"({dimension_text(unit)})",
                    file=set_name,
                    expected=str(FLOP_PER_SECOND),
                    found=f"{unit:~P}",
                )


def _ieee(values: Iterable[float | np.ndarray]) -> list[np.float64 | np.ndarray]:
    """Python floats as numpy float64, so that overflow gives inf (IEEE) instead of raising OverflowError."""
    return [np.float64(v) if isinstance(v, float | int) else v for v in values]


@dataclass(frozen=True)
class Method:
    """An estimation method: named, unit-carrying parameters and additive terms.

    Parameters
    ----------
    name : str
        Identifier used by assumption files (``method = "synaptic"``).
    title : str
        One line for tables.
    parameters : tuple of ParameterSpec
        Every parameter any term may use.
    terms : tuple of Term
        Additive terms; the formula is their sum, or :attr:`combine` of them.
    combine : callable, optional
        Builds the displayed total from the symbols (e.g. ``R * (G + P)``); it must equal the sum of
        the terms, which is checked when the method is defined.
    reference : str
        The method's account, as in the paper; shown in the app and reports.
    """

    name: str
    title: str
    parameters: tuple[ParameterSpec, ...]
    terms: tuple[Term, ...]
    reference: str
    combine: Callable[[Mapping[str, sympy.Symbol]], sympy.Expr] | None = None

    def __post_init__(self) -> None:
        names = [p.name for p in self.parameters]
        if len(set(names)) != len(names):
            raise FormulaError(f"method '{self.name}' declares a parameter twice")
        if self.combine is not None and any(t.optional for t in self.terms):
            raise FormulaError(f"method '{self.name}': a combined total cannot have optional terms")
        # Check the formula once with every parameter at 1 × its spec unit.
        everything = self.compile(frozenset(names))
        everything.check_units({p.name: 1.0 * p.pint_unit for p in self.parameters}, "method definition")

    @property
    def spec(self) -> dict[str, ParameterSpec]:
        """The parameter specifications by name."""
        return {p.name: p for p in self.parameters}

    def required_parameters(self) -> frozenset[str]:
        """Names used by the non-optional terms (and the combined total)."""
        return frozenset(s.name for t in self.terms if not t.optional for s in t.build(self._symbols()).free_symbols)

    def _symbols(self) -> dict[str, sympy.Symbol]:
        return {p.name: p.symbol for p in self.parameters}

    def compile(self, supplied: Iterable[str]) -> CompiledModel:
        """Compile the formula for the parameters a set supplies.

        Parameters
        ----------
        supplied : iterable of str
            Parameter names the set gives values for.

        Returns
        -------
        CompiledModel
            Compiled once per combination and cached.

        Raises
        ------
        FormulaError
            If a required parameter is missing, or an optional term is only partly supplied.
        """
        return _compile(self, frozenset(supplied))


@functools.lru_cache(maxsize=256)
def _compile(method: Method, supplied: frozenset[str]) -> CompiledModel:
    symbols = method._symbols()
    required = method.required_parameters()
    missing = sorted(required - supplied)
    if missing:
        plural = "s" if len(missing) > 1 else ""
        raise FormulaError(
            f"method '{method.name}' needs parameter{plural} {', '.join(repr(m) for m in missing)}, "
            "which the set does not supply",
            expected=", ".join(missing),
        )
    terms: dict[str, sympy.Expr] = {}
    for term in method.terms:
        expr = term.build(symbols)
        used = {s.name for s in expr.free_symbols}
        if term.optional:
            own = used - required  # parameters this term alone brings in
            present = own & supplied
            if not present:
                continue
            if present != own:
                absent = sorted(own - supplied)
                raise FormulaError(
                    f"method '{method.name}': optional term '{term.name}' needs "
                    f"{', '.join(repr(a) for a in absent)} as well",
                    parameter=absent[0],
                )
        terms[term.name] = expr
    total = sum(terms.values(), sympy.Integer(0))
    if method.combine is not None:
        combined = method.combine(symbols)
        if sympy.simplify(combined - total) != 0:
            raise FormulaError(f"method '{method.name}': the combined total is not the sum of its terms")
        total = combined
    used_names = {s.name for s in total.free_symbols}
    order = tuple(p.name for p in method.parameters if p.name in used_names)
    args = [symbols[name] for name in order]
    latex_names = {p.symbol: p.latex for p in method.parameters}
    # Output factor: the formula computed in spec units, converted to FLOP/s.
    function = sympy.lambdify(args, total, modules="numpy")
    try:
        unit_value = function(*[1.0 * method.spec[n].pint_unit for n in order])
        factor = float(ureg.Quantity(1.0, unit_value.units).to(FLOP_PER_SECOND).magnitude)
    except (pint.DimensionalityError, AttributeError):
        factor = 1.0  # a unit error: check_units reports it with the term and both units
    return CompiledModel(
        method=method,
        parameter_names=order,
        expression=total,
        terms=terms,
        latex=sympy.latex(total, symbol_names=latex_names),
        text=str(total.subs({p.symbol: sympy.Symbol(p.plain) for p in method.parameters})),
        function=function,
        term_functions={name: sympy.lambdify(args, expr, modules="numpy") for name, expr in terms.items()},
        output_factor=factor,
    )
