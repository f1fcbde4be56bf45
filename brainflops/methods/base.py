"""The contract every estimation method follows.

A :class:`Method` is a set of named parameters, each with the unit it is computed in, and a list of
:class:`Term` objects whose sum is the brain's FLOP/s. A term's ``build`` is written with arithmetic operators on
whatever it is given, so one definition serves three ways: on pint quantities it is the unit check, on numbers or
numpy arrays it is the numeric formula, and on sympy symbols it is the symbolic formula (LaTeX, derivatives,
structure). At definition the method is checked once with pint (every term must reduce to FLOP/s), with neither
sympy nor a compiled function; a set is checked again at load with its own values. :meth:`Method.compile`
selects the terms a set supplies, cached per combination of supplied parameters; the symbolic formula (and a
``sympy.lambdify`` fallback, for a term that calls sympy functions) is built on first use, so a point estimate
never imports sympy.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pint

from brainflops.errors import FormulaError, UnitMismatchError
from brainflops.units import FLOP_PER_SECOND, dimension_text, ureg

__all__ = ["CompiledModel", "Method", "ParameterSpec", "Term"]

#: Name under which the combined total is evaluated like a term (no term can have it: not an identifier).
_TOTAL = "<total>"


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
    def symbol(self):
        """The sympy symbol (``sympy.Symbol``), named after the parameter."""
        import sympy

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
        Takes a mapping of parameter name to value and returns the term, using arithmetic operators only (``+``,
        ``-``, ``*``, ``/``, ``**``): it is called with sympy symbols (the formula), numbers or arrays (the
        numeric value) and pint quantities (the unit check).
    optional : bool
        An optional term is included only when a set supplies all of its parameters.
    """

    name: str
    description: str
    build: Callable[[Mapping[str, Any]], Any]
    optional: bool = False


@dataclass(frozen=True)
class CompiledModel:
    """A method's formula for one combination of supplied parameters, ready to evaluate.

    Attributes
    ----------
    method : Method
        The method it belongs to.
    parameter_names : tuple of str
        The parameters the formula uses, in the method's order.
    term_names : tuple of str
        The additive terms included (optional ones only when supplied).
    output_factor : float
        FLOP/s per unit of the formula computed in spec units (1 for every shipped method).
    """

    method: Method
    parameter_names: tuple[str, ...]
    term_names: tuple[str, ...]
    output_factor: float = 1.0

    @functools.cached_property
    def _terms(self) -> tuple[Term, ...]:
        return tuple(t for t in self.method.terms if t.name in self.term_names)

    @functools.cached_property
    def terms(self) -> dict[str, Any]:
        """The additive terms as sympy expressions (each parameter in its spec unit); they sum to the formula."""
        symbols = self.method._symbols()
        return {t.name: t.build(symbols) for t in self._terms}

    @functools.cached_property
    def expression(self):
        """The whole formula as a sympy expression (FLOP/s when each parameter is in its spec unit)."""
        import sympy

        if self.method.combine is not None:
            return self.method.combine(self.method._symbols())
        return sum(self.terms.values(), sympy.Integer(0))

    @functools.cached_property
    def latex(self) -> str:
        """The formula as LaTeX with the method's symbols."""
        import sympy

        latex_names = {p.symbol: p.latex for p in self.method.parameters}
        return sympy.latex(self.expression, symbol_names=latex_names)

    @functools.cached_property
    def text(self) -> str:
        """The formula as plain text with the method's symbols, e.g. ``"S*c_syn*f"``."""
        import sympy

        return str(self.expression.subs({p.symbol: sympy.Symbol(p.plain) for p in self.method.parameters}))

    @functools.cached_property
    def function(self) -> Callable[..., Any]:
        """The formula lambdified with ``sympy.lambdify`` (arguments in :attr:`parameter_names` order)."""
        import sympy

        args = [self.method.spec[n].symbol for n in self.parameter_names]
        return sympy.lambdify(args, self.expression, modules="numpy")

    @functools.cached_property
    def term_functions(self) -> dict[str, Callable[..., Any]]:
        """Each term lambdified with ``sympy.lambdify`` (arguments in :attr:`parameter_names` order)."""
        import sympy

        args = [self.method.spec[n].symbol for n in self.parameter_names]
        return {name: sympy.lambdify(args, expr, modules="numpy") for name, expr in self.terms.items()}

    def _values(self, magnitudes: Mapping[str, Any]) -> dict[str, Any]:
        return dict(zip(self.parameter_names, _ieee(magnitudes[n] for n in self.parameter_names), strict=True))

    def _term(self, term: Term, values: Mapping[str, Any]) -> Any:
        """One term on numbers, arrays or quantities: its builder, or (a builder calling sympy functions) its
        lambdified form."""
        try:
            value = term.build(values)
        except pint.DimensionalityError:
            raise
        except Exception:  # e.g. sympy.sqrt of an array or a quantity
            value = None
        if not (_numeric(value) or isinstance(value, pint.Quantity)):
            function = self.function if term.name == _TOTAL else self.term_functions[term.name]
            value = function(*(values[n] for n in self.parameter_names))
        return value

    def __call__(self, **magnitudes: float | np.ndarray) -> float | np.ndarray:
        """Evaluate the formula on magnitudes in each parameter's spec unit; returns FLOP/s.

        A result beyond the float range is ``inf`` (or ``0``), never an ``OverflowError``: callers check it.
        """
        values = self._values(magnitudes)
        with np.errstate(over="ignore", under="ignore", divide="ignore", invalid="ignore"):
            if self.method.combine is None:
                total = sum((self._term(t, values) for t in self._terms), np.float64(0.0))
            else:  # the displayed total, e.g. R (G + P)
                total = self._term(Term(_TOTAL, "", self.method.combine), values)
            return total * self.output_factor

    def evaluate_terms(self, **magnitudes: float | np.ndarray) -> dict[str, float | np.ndarray]:
        """Evaluate each term on magnitudes in spec units; returns FLOP/s per term."""
        values = self._values(magnitudes)
        with np.errstate(over="ignore", under="ignore", divide="ignore", invalid="ignore"):
            return {t.name: self._term(t, values) * self.output_factor for t in self._terms}

    def check_units(self, quantities: Mapping[str, pint.Quantity], set_name: str) -> None:
        """Evaluate every term on pint quantities and require FLOP/s.

        Raises
        ------
        UnitMismatchError
            Naming the set, the method, the term and both units.
        """
        # numpy scalars: Python's float ``**`` raises OverflowError where IEEE arithmetic gives inf; only
        # the units matter here, and the caller checks the magnitude of the total.
        args = {
            n: ureg.Quantity(np.float64(quantities[n].magnitude), quantities[n].units) for n in self.parameter_names
        }
        for term in self._terms:
            try:
                with np.errstate(over="ignore", under="ignore", divide="ignore", invalid="ignore"):
                    value = self._term(term, args)
            except pint.DimensionalityError as exc:
                raise UnitMismatchError(
                    f"term '{term.name}' of method '{self.method.name}': adds quantities of different "
                    f"dimensions ({exc.units1} and {exc.units2})",
                    file=set_name,
                    expected=str(FLOP_PER_SECOND),
                    found=f"{exc.units1} + {exc.units2}",
                ) from None
            unit = getattr(value, "units", ureg.dimensionless)
            if unit.dimensionality != FLOP_PER_SECOND.dimensionality:
                raise UnitMismatchError(
                    f"term '{term.name}' of method '{self.method.name}': must reduce to FLOP/s "
                    f"({dimension_text(FLOP_PER_SECOND)}) but reduces to '{unit:~P}' "
                    f"({dimension_text(unit)})",
                    file=set_name,
                    expected=str(FLOP_PER_SECOND),
                    found=f"{unit:~P}",
                )


def _numeric(value: Any) -> bool:
    """Whether a term evaluated to plain numbers (not a sympy object or an object array)."""
    if isinstance(value, float | int | np.number):
        return True
    return isinstance(value, np.ndarray) and value.dtype.kind in "fiu"


class _Reader(dict):
    """A mapping that answers every parameter with 1.0 and records which ones a term reads."""

    def __init__(self) -> None:
        super().__init__()
        self.read: set[str] = set()

    def __missing__(self, key: str) -> np.float64:
        self.read.add(key)
        return np.float64(1.0)


def _reads(build: Callable[[Mapping[str, Any]], Any]) -> frozenset[str]:
    """The parameter names a term's ``build`` reads."""
    reader = _Reader()
    with np.errstate(all="ignore"):
        build(reader)
    return frozenset(reader.read)


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
    combine: Callable[[Mapping[str, Any]], Any] | None = None

    def __post_init__(self) -> None:
        names = [p.name for p in self.parameters]
        if len(set(names)) != len(names):
            raise FormulaError(f"method '{self.name}' declares a parameter twice")
        if self.combine is not None and any(t.optional for t in self.terms):
            raise FormulaError(f"method '{self.name}': a combined total cannot have optional terms")
        # Check the formula once with every parameter at 1 × its spec unit (pint arithmetic, no sympy).
        everything = self.compile(frozenset(names))
        everything.check_units({p.name: 1.0 * p.pint_unit for p in self.parameters}, "method definition")
        if self.combine is not None:
            self._check_combine()

    def _check_combine(self) -> None:
        """The combined total must equal the sum of the terms: compared at five scattered points, to 1e-9.

        Two different rational (or analytic) functions of the parameters agree at scattered points only by
        accident, so a numeric check suffices where ``sympy.simplify`` would cost ~1 s (it imports
        ``sympy.physics.units``).
        """
        for point in range(5):  # fixed, irregular points in [0.5, 3): golden-ratio steps, no random module needed
            values = {
                p.name: np.float64(0.5 + 2.5 * ((point * len(self.parameters) + i + 1) * 0.6180339887498949 % 1))
                for i, p in enumerate(self.parameters)
            }
            with np.errstate(all="ignore"):
                combined = float(self.combine(values))  # type: ignore[misc]
                total = float(sum(t.build(values) for t in self.terms))
            if not abs(combined - total) <= 1e-9 * max(abs(combined), abs(total)):
                raise FormulaError(f"method '{self.name}': the combined total is not the sum of its terms")

    @property
    def spec(self) -> dict[str, ParameterSpec]:
        """The parameter specifications by name."""
        return {p.name: p for p in self.parameters}

    def required_parameters(self) -> frozenset[str]:
        """Names used by the non-optional terms (and the combined total)."""
        used = [_reads(t.build) for t in self.terms if not t.optional]
        if self.combine is not None:
            used.append(_reads(self.combine))
        return frozenset().union(*used)

    def _symbols(self) -> dict[str, Any]:
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
    required = method.required_parameters()
    missing = sorted(required - supplied)
    if missing:
        plural = "s" if len(missing) > 1 else ""
        raise FormulaError(
            f"method '{method.name}' needs parameter{plural} {', '.join(repr(m) for m in missing)}, "
            "which the set does not supply",
            expected=", ".join(missing),
        )
    included, used = [], set()
    for term in method.terms:
        reads = _reads(term.build)
        if term.optional:
            own = reads - required  # parameters this term alone brings in
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
        included.append(term.name)
        used |= reads
    if method.combine is not None:
        used |= _reads(method.combine)
    order = tuple(p.name for p in method.parameters if p.name in used)
    model = CompiledModel(method=method, parameter_names=order, term_names=tuple(included))
    # Output factor: the formula computed in spec units, converted to FLOP/s.
    try:
        units = {n: 1.0 * method.spec[n].pint_unit for n in order}
        unit_value = sum(model._term(t, units) for t in model._terms)
        factor = float(ureg.Quantity(1.0, unit_value.units).to(FLOP_PER_SECOND).magnitude)
    except (pint.DimensionalityError, AttributeError, TypeError):
        factor = 1.0  # a unit error: check_units reports it with the term and both units
    return CompiledModel(method=method, parameter_names=order, term_names=tuple(included), output_factor=factor)
