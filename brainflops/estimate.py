"""Point estimates: a set (plus optional overrides) in, FLOP/s with its formula and contributions out."""

from __future__ import annotations

import difflib
import html
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING

import pint

from brainflops.assumptions import AssumptionSet, check_flops, convert, load
from brainflops.errors import AssumptionError
from brainflops.methods import CompiledModel
from brainflops.units import FLOP_PER_SECOND, Quantity

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Estimate", "estimate", "format_flops"]


@dataclass(frozen=True)
class Estimate:
    """A point estimate of the brain's compute.

    Attributes
    ----------
    value : pint.Quantity
        The estimate [FLOP/s].
    set_id, version, hash : str
        The assumption set's identity; ``hash`` is its full sha256.
    method : str
        The method's name.
    model : CompiledModel
        The formula; :attr:`expression`, :attr:`latex` and :attr:`text` are built from it on first use (sympy
        is imported only then).
    contributions : Mapping of str to pint.Quantity
        Each additive term [FLOP/s]; they sum to ``value``.
    inputs : Mapping of str to pint.Quantity
        The parameter values used, overrides applied, in the method's units.
    overrides : Mapping of str to pint.Quantity
        The values that differ from the set.
    """

    value: pint.Quantity
    set_id: str
    version: str
    hash: str
    method: str
    model: CompiledModel = field(repr=False)
    contributions: Mapping[str, pint.Quantity]
    inputs: Mapping[str, pint.Quantity]
    overrides: Mapping[str, pint.Quantity]

    @property
    def expression(self):
        """The formula as a sympy expression (each parameter in its method unit)."""
        return self.model.expression

    @property
    def latex(self) -> str:
        """The formula as LaTeX."""
        return self.model.latex

    @property
    def text(self) -> str:
        """The formula as plain text with the method's symbols."""
        return self.model.text

    @property
    def substituted_latex(self) -> str:
        """The formula as LaTeX with each symbol replaced by its value (method units, 4 significant digits)."""
        import sympy

        def number(value: float) -> str:
            mantissa, _, exponent = f"{value:.4g}".partition("e")
            if not exponent:
                return mantissa
            power = rf"10^{{{int(exponent)}}}"
            return power if mantissa == "1" else rf"\left({mantissa} \times {power}\right)"

        names = {sym: number(float(self.inputs[sym.name].magnitude)) for sym in self.expression.free_symbols}
        return sympy.latex(self.expression, symbol_names=names, mul_symbol="times")

    @property
    def flops(self) -> float:
        """The estimate as a plain float [FLOP/s]."""
        return float(self.value.to(FLOP_PER_SECOND).magnitude)

    def to_frame(self) -> pd.DataFrame:
        """The contributions as a DataFrame: term, FLOP/s, share of the total."""
        import pandas as pd

        total = self.flops
        rows = [
            {"term": name, "flop_per_s": float(q.magnitude), "share": float(q.magnitude) / total}
            for name, q in self.contributions.items()
        ]
        return pd.DataFrame(rows, columns=["term", "flop_per_s", "share"])

    def __repr__(self) -> str:
        changed = "".join(f", {k}={v:~P}" for k, v in self.overrides.items())
        return (
            f"Estimate({self.set_id}@{self.version}: {format_flops(self.flops)}, method={self.method}{changed}, "
            f"hash={self.hash[:12]})"
        )

    def __str__(self) -> str:
        lines = [
            f"{self.set_id}@{self.version} ({self.method}): {format_flops(self.flops)}",
            f"  formula: F = {self.text}",
        ]
        lines += [f"  {name}: {format_flops(float(q.magnitude))}" for name, q in self.contributions.items()]
        if self.overrides:
            changed = ", ".join(f"{k} = {v:~P}" for k, v in self.overrides.items())
            lines.append(f"  overrides: {changed}")
        lines.append(f"  set hash: {self.hash[:12]}")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        total = self.flops
        rows = "".join(
            f"<tr><td>{html.escape(name)}</td><td>{format_flops(float(q.magnitude))}</td>"
            f"<td>{float(q.magnitude) / total:.2%}</td></tr>"
            for name, q in self.contributions.items()
        )
        changed = ", ".join(f"{k} = {v:~P}" for k, v in self.overrides.items())
        overrides = f"<div>overrides: {html.escape(changed)}</div>" if changed else ""
        return (
            f"<div><b>{html.escape(self.set_id)}@{html.escape(self.version)}</b>: "
            f"{format_flops(self.flops)} <small>(hash {self.hash[:12]})</small>"
            f"<div>$${html.escape(self.latex)}$$</div>"
            f"{overrides}<table><tr><th>term</th><th>FLOP/s</th><th>share</th></tr>{rows}</table></div>"
        )


def format_flops(value: float, unit: str = "FLOP/s") -> str:
    """Format a figure with four significant digits as the literature writes it, e.g. ``1.075e21 FLOP/s``.

    Parameters
    ----------
    value : float
        The figure [FLOP/s, or ``unit``].
    unit : str
        Appended after a space; empty for none.
    """
    text = f"{value:.4g}"
    mantissa, sep, exponent = text.partition("e")
    if sep:  # 1e+21 -> 1e21, 1.5e-05 -> 1.5e-5
        sign = "-" if exponent[0] == "-" else ""
        text = f"{mantissa}e{sign}{exponent.lstrip('+-').lstrip('0') or '0'}"
    return f"{text} {unit}".rstrip()


def estimate(
    assumption_set: AssumptionSet | str | os.PathLike[str],
    overrides: Mapping[str, str | float | pint.Quantity] | None = None,
) -> Estimate:
    """Compute the point estimate of a set.

    Parameters
    ----------
    assumption_set : AssumptionSet, str or PathLike
        A loaded set, a set id (``"dettmers-2015"``, ``"id@1.0.0"``) or a path to a TOML file.
    overrides : mapping, optional
        Parameter name to a new value, e.g. ``{"firing_rate": "1 Hz"}``; units are converted to the
        method's and the dimension is checked. A bare ``int`` or ``float`` is taken in the method's unit
        for that parameter (``{"firing_rate": 1.0}`` is 1 Hz); text always needs its unit.

    Returns
    -------
    Estimate
        The FLOP/s with its formula, contributions and the set's identity.

    Raises
    ------
    AssumptionError
        An override names a parameter the set does not have, or has the wrong dimension.
    """
    s = load(assumption_set)
    inputs = {name: p.value for name, p in s.parameters.items()}
    changed: dict[str, pint.Quantity] = {}
    for name, value in (overrides or {}).items():
        if name not in s.parameters:
            hint = difflib.get_close_matches(name, list(s.parameters), n=1)
            suggestion = f" (did you mean '{hint[0]}'?)" if hint else ""
            raise AssumptionError(
                f"no such parameter to override{suggestion}; the set has {', '.join(s.parameters)}",
                file=s.ref,
                parameter=name,
                found=name,
            )
        spec = s.parameters[name].spec
        if isinstance(value, int | float) and not isinstance(value, bool):
            value = Quantity(float(value), spec.pint_unit)  # a bare number is in the method's unit
        try:
            changed[name] = convert(value, spec)
        except AssumptionError as exc:
            raise exc.with_context(file=f"override of {s.ref}") from None
        inputs[name] = changed[name]
    magnitudes = {name: float(q.magnitude) for name, q in inputs.items()}
    where = f"override of {s.ref}" if changed else s.label
    try:
        total = check_flops(s.model(**magnitudes), "the estimate")
    except AssumptionError as exc:
        raise exc.with_context(file=where) from None
    terms = s.model.evaluate_terms(**magnitudes)
    return Estimate(
        value=Quantity(total, FLOP_PER_SECOND),
        set_id=s.id,
        version=s.version,
        hash=s.hash,
        method=s.method.name,
        model=s.model,
        contributions=MappingProxyType({k: Quantity(float(v), FLOP_PER_SECOND) for k, v in terms.items()}),
        inputs=MappingProxyType(inputs),
        overrides=MappingProxyType(changed),
    )
