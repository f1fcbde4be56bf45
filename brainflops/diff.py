"""What differs between two assumption sets, and how much of the ratio of their estimates each difference explains.

Attribution works on the log of the ratio, ``ln(F_b / F_a)``, and always sums to it exactly:

- **exact log-decomposition** when the formula, with the unchanged parameters filled in, is a product of
  powers of the changed ones, ``F = c · Π x_i^a_i``: parameter ``i`` explains ``a_i · ln(x_i,b / x_i,a)``
  (detected with sympy, as :mod:`brainflops.uncertainty` detects its closed form);
- otherwise **Shapley values** over the changed parameters, by exact enumeration of all coalitions: each
  parameter's average marginal effect on ``ln F`` over every order in which the changes could be made.

Across different methods there is nothing to attribute: the result shows the two formulas side by side.
"""

from __future__ import annotations

import html
import itertools
import math
import os
from dataclasses import dataclass, field

import pandas as pd
import pint
import sympy

from brainflops.assumptions import AssumptionSet, Parameter, load
from brainflops.errors import BrainflopsError
from brainflops.estimate import estimate, format_flops

__all__ = ["DIFFERENT_METHODS", "EXACT", "MAX_SHAPLEY_PLAYERS", "SHAPLEY", "DiffResult", "ParameterChange", "diff"]

EXACT = "exact log-decomposition"
SHAPLEY = "Shapley values"
DIFFERENT_METHODS = "different methods"
#: Shapley enumeration evaluates 2**k coalitions; above this many changed parameters it is refused.
MAX_SHAPLEY_PLAYERS = 16


@dataclass(frozen=True)
class ParameterChange:
    """One parameter that differs between the two sets.

    Attributes
    ----------
    name : str
        The parameter.
    a, b : pint.Quantity or None
        Its value in each set [method unit]; ``None`` where a set does not have it.
    fields : tuple of str
        What differs: any of ``value``, ``uncertainty``, ``source``, ``where``, ``note``, ``presence``.
    source_a, source_b : str
        The citations (``[key] citation``), empty where absent.
    contribution : float
        Its share of ``ln(F_b / F_a)`` [natural log]; 0 when only the citation or note changed.
    """

    name: str
    a: pint.Quantity | None
    b: pint.Quantity | None
    fields: tuple[str, ...]
    source_a: str
    source_b: str
    contribution: float

    @property
    def factor(self) -> float:
        """The multiplicative effect on the estimate, ``exp(contribution)`` [1]."""
        return math.exp(self.contribution)


@dataclass(frozen=True)
class DiffResult:
    """The difference between two sets.

    Attributes
    ----------
    a, b : str
        ``id@version`` of the base and the compared set.
    method_a, method_b : str
        Their methods.
    flops_a, flops_b : float
        Their point estimates [FLOP/s].
    how : str
        :data:`EXACT`, :data:`SHAPLEY` or :data:`DIFFERENT_METHODS` (no attribution).
    changes : tuple of ParameterChange
        The parameters that differ, in the method's order (empty across methods).
    formula_a, formula_b : str
        The two formulas as plain text.
    metadata : tuple of str
        Set-level fields that differ (``title``, ``date``, ``description``, ``changelog``, ``extends``).
    """

    a: str
    b: str
    method_a: str
    method_b: str
    flops_a: float
    flops_b: float
    how: str
    changes: tuple[ParameterChange, ...]
    formula_a: str
    formula_b: str
    metadata: tuple[str, ...] = field(default=())

    @property
    def ratio(self) -> float:
        """``F_b / F_a`` [1]."""
        return self.flops_b / self.flops_a

    @property
    def log_ratio(self) -> float:
        """``ln(F_b / F_a)``; the contributions sum to it [natural log]."""
        return math.log(self.flops_b) - math.log(self.flops_a)

    def to_frame(self) -> pd.DataFrame:
        """The changes: parameter, values, unit, what changed, contribution, factor, share of the log ratio."""
        total = self.log_ratio
        rows = [
            {
                "parameter": c.name,
                "a": None if c.a is None else float(c.a.magnitude),
                "b": None if c.b is None else float(c.b.magnitude),
                "unit": f"{(c.a if c.a is not None else c.b).units:~P}",
                "changed": ", ".join(c.fields),
                "contribution": c.contribution,
                "factor": c.factor,
                "share": c.contribution / total if total else math.nan,
                "source_a": c.source_a,
                "source_b": c.source_b,
            }
            for c in self.changes
        ]
        columns = ["parameter", "a", "b", "unit", "changed", "contribution", "factor", "share", "source_a", "source_b"]
        return pd.DataFrame(rows, columns=columns)

    def __repr__(self) -> str:
        if self.how == DIFFERENT_METHODS:
            what = f"different methods ({self.method_a} vs {self.method_b}), no attribution"
        else:
            what = f"{len(self.changes)} parameters differ, attribution {self.how}"
        return f"DiffResult({self.a} -> {self.b}: ratio {_factor_text(self.ratio)}, {what})"

    def _repr_html_(self) -> str:
        head = (
            f"<div><b>{html.escape(self.a)} → {html.escape(self.b)}</b>: {format_flops(self.flops_a)} → "
            f"{format_flops(self.flops_b)} (ratio {_factor_text(self.ratio)}; attribution {html.escape(self.how)})"
            f"</div><div>F = {html.escape(self.formula_a)}</div>"
        )
        if self.formula_b != self.formula_a:
            head += f"<div>F = {html.escape(self.formula_b)} ({html.escape(self.b)})</div>"
        columns = ["parameter", "a", "b", "unit", "changed", "factor", "share"]
        return head + self.to_frame()[columns].to_html(index=False)

    def __str__(self) -> str:
        head = [
            f"diff {self.a} -> {self.b}",
            f"  estimate: {format_flops(self.flops_a)} -> {format_flops(self.flops_b)} "
            f"(ratio {_factor_text(self.ratio)}, ln ratio {self.log_ratio:+.4g})",
        ]
        if self.how == DIFFERENT_METHODS:
            width = max(len(self.a), len(self.b))
            return "\n".join(
                [
                    *head,
                    f"  different methods ({self.method_a} vs {self.method_b}): no attribution; the formulas:",
                    f"    {self.a:<{width}}  F = {self.formula_a}",
                    f"    {self.b:<{width}}  F = {self.formula_b}",
                ]
            )
        head.append(f"  method: {self.method_a}, F = {self.formula_a}")
        head.append(f"  attribution: {self.how}" + (" (sums to the ln ratio)" if self.changes else ""))
        if not self.changes:
            head.append("  no parameter differs")
        total = self.log_ratio
        for c in self.changes:
            a, b = _quantity_text(c.a), _quantity_text(c.b)
            share = f"{100 * c.contribution / total + 0.0:.1f}% of ln ratio" if total and c.contribution else ""
            effect = f"  x{_factor_text(c.factor)}  {share}" if c.contribution else "  (no effect on the estimate)"
            head.append(f"  {c.name}: {a} -> {b}  [{', '.join(c.fields)}]{effect}")
            if c.source_a != c.source_b:
                head.append(f"      a: {c.source_a or '-'}")
                head.append(f"      b: {c.source_b or '-'}")
            else:
                head.append(f"      source: {c.source_a}")
        if self.metadata:
            head.append(f"  set fields that differ: {', '.join(self.metadata)}")
        return "\n".join(head)


def _quantity_text(q: pint.Quantity | None) -> str:
    if q is None:
        return "absent"
    unit = f"{q.units:~P}" if q.units != q.units._REGISTRY.dimensionless else ""
    return format_flops(float(q.magnitude), unit)


def _factor_text(x: float) -> str:
    if x >= 1:
        return f"{x:.4g}"
    return f"{x:.4g} (1/{1 / x:.4g})"


def diff(a: AssumptionSet | str | os.PathLike[str], b: AssumptionSet | str | os.PathLike[str]) -> DiffResult:
    """Compare two sets and attribute the log-ratio of their estimates to the parameters that differ.

    Parameters
    ----------
    a, b : AssumptionSet, str or PathLike
        The base and the compared set (ids, ``id@version`` or paths).

    Returns
    -------
    DiffResult
        The changed parameters (values [method units], sources) with their contributions to
        ``ln(F_b / F_a)`` and which attribution was used.

    Raises
    ------
    BrainflopsError
        More than :data:`MAX_SHAPLEY_PLAYERS` changed parameters in a formula that is not a product of powers.
    """
    sa, sb = load(a), load(b)
    fa, fb = estimate(sa).flops, estimate(sb).flops
    common = {
        "a": sa.ref, "b": sb.ref, "method_a": sa.method.name, "method_b": sb.method.name, "flops_a": fa,
        "flops_b": fb, "formula_a": sa.model.text, "formula_b": sb.model.text, "metadata": _metadata(sa, sb),
    }  # fmt: skip
    if sa.method.name != sb.method.name:
        return DiffResult(how=DIFFERENT_METHODS, changes=(), **common)
    names = [p.name for p in sa.method.parameters if p.name in sa.parameters or p.name in sb.parameters]
    differing = {n: _fields(sa.parameters.get(n), sb.parameters.get(n)) for n in names}
    differing = {n: f for n, f in differing.items() if f}
    players = [n for n, f in differing.items() if "value" in f or "presence" in f]
    how, contributions = _attribute(sa, sb, players)
    changes = tuple(
        ParameterChange(
            name=n,
            a=_value(sa.parameters.get(n)),
            b=_value(sb.parameters.get(n)),
            fields=tuple(differing[n]),
            source_a=_citation(sa.parameters.get(n)),
            source_b=_citation(sb.parameters.get(n)),
            contribution=contributions.get(n, 0.0),
        )
        for n in differing
    )
    return DiffResult(how=how, changes=changes, **common)


def _value(p: Parameter | None) -> pint.Quantity | None:
    return None if p is None else p.value


def _citation(p: Parameter | None) -> str:
    return "" if p is None else f"[{p.source.key}] {p.source.citation}"


def _fields(pa: Parameter | None, pb: Parameter | None) -> list[str]:
    if pa is None or pb is None:
        return ["presence"]
    out = []
    if not math.isclose(pa.value.magnitude, pb.value.magnitude, rel_tol=1e-12):
        out.append("value")
    if _uncertainty_key(pa) != _uncertainty_key(pb):
        out.append("uncertainty")
    if (pa.source.key, pa.source.citation, pa.source.url) != (pb.source.key, pb.source.citation, pb.source.url):
        out.append("source")
    if pa.where != pb.where:
        out.append("where")
    if pa.note != pb.note:
        out.append("note")
    return out


def _uncertainty_key(p: Parameter):
    u = p.uncertainty
    if u is None or not u.bounds:
        return None
    return (u.kind, *(round(float(b.magnitude), 12) for b in u.bounds))


def _metadata(sa: AssumptionSet, sb: AssumptionSet) -> tuple[str, ...]:
    fields = ("title", "date", "description", "changelog", "extends")
    return tuple(f for f in fields if getattr(sa, f) != getattr(sb, f))


def _attribute(sa: AssumptionSet, sb: AssumptionSet, players: list[str]) -> tuple[str, dict[str, float]]:
    if not players:
        return EXACT, {}
    present = [n for n in players if n in sa.parameters and n in sb.parameters]
    powers = _powers(sa, players) if len(present) == len(players) else None
    if powers is not None:
        return EXACT, {
            n: powers[n] * (math.log(sb.parameters[n].value.magnitude) - math.log(sa.parameters[n].value.magnitude))
            for n in players
        }
    # Parameters that one set has and the other lacks bring an optional term in or out together: one player.
    moved = tuple(n for n in players if n not in present)
    groups = [(n,) for n in present] + ([moved] if moved else [])
    if len(groups) > MAX_SHAPLEY_PLAYERS:
        raise BrainflopsError(
            f"{len(groups)} parameters differ between {sa.ref} and {sb.ref} in a formula that is not a product of "
            f"powers; exact Shapley attribution is limited to {MAX_SHAPLEY_PLAYERS}"
        )
    values = _shapley(sa, sb, groups)
    how = SHAPLEY if not moved else f"{SHAPLEY} (parameters only one set has form one player, shared equally)"
    return how, {n: values[g] / len(g) for g in groups for n in g}


def _powers(sa: AssumptionSet, players: list[str]) -> dict[str, float] | None:
    """Exponents ``a_i`` if the formula is ``c · Π x_i^a_i`` in ``players`` (others fixed), else None."""
    if any(n not in sa.parameters for n in players):
        return None  # a parameter present in one set only: its term appears or vanishes, not a power
    spec = sa.method.spec
    symbols = {spec[n].symbol: n for n in players}
    constants = {spec[n].symbol: sympy.Float(p.value.magnitude) for n, p in sa.parameters.items() if n not in players}
    expr = sympy.expand(sa.model.expression.subs(constants))
    coeff, rest = expr.as_coeff_Mul()
    powers = dict.fromkeys(players, 0.0)
    for factor in sympy.Mul.make_args(rest):
        base, exponent = factor.as_base_exp()
        if base in symbols and exponent.is_number:
            powers[symbols[base]] += float(exponent)
        elif factor.free_symbols:
            return None
    return powers if coeff.is_number and float(coeff) > 0 else None


def _shapley(sa: AssumptionSet, sb: AssumptionSet, groups: list[tuple[str, ...]]) -> dict[tuple[str, ...], float]:
    """Exact Shapley values of ``ln F`` over ``groups`` of parameters that changed from ``sa`` to ``sb``."""
    k = len(groups)
    cache: dict[frozenset[tuple[str, ...]], float] = {}

    def log_f(coalition: frozenset[tuple[str, ...]]) -> float:
        if coalition not in cache:
            values = {n: p.value.magnitude for n, p in sa.parameters.items()}
            for name in (n for group in coalition for n in group):
                if name in sb.parameters:
                    values[name] = sb.parameters[name].value.magnitude
                else:
                    values.pop(name, None)
            flops = float(sa.method.compile(values)(**values))
            if not flops > 0:
                changed = ", ".join(sorted(n for g in coalition for n in g)) or "no change"
                raise BrainflopsError(
                    f"cannot attribute the difference between {sa.ref} and {sb.ref}: the mixed set with "
                    f"{changed} from {sb.ref} gives {flops!r} FLOP/s"
                )
            cache[coalition] = math.log(flops)
        return cache[coalition]

    weights = [math.factorial(s) * math.factorial(k - s - 1) / math.factorial(k) for s in range(k)]
    result = {}
    for group in groups:
        others = [g for g in groups if g != group]
        total = 0.0
        for size in range(k):
            for subset in itertools.combinations(others, size):
                coalition = frozenset(subset)
                total += weights[size] * (log_f(coalition | {group}) - log_f(coalition))
        result[group] = total
    return result
