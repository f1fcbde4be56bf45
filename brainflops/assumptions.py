"""Assumption sets: load a TOML file, validate it against its method, hash it, find it by id.

A set is identified by ``id@version`` and by a content hash: the sha256 of its validated, normalised content
(quantities in base units to 12 significant digits, keys sorted), so the same meaning gives the same hash
whatever the key order, whitespace or number spelling (``1e8`` or ``100000000``).
"""

from __future__ import annotations

import difflib
import hashlib
import json
import math
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

import numpy as np
import pint
import pydantic

from brainflops import schema
from brainflops.distributions import Distribution, from_declared
from brainflops.errors import AssumptionError, BrainflopsError, QuantityError, UnitMismatchError
from brainflops.files import MAX_FILE_BYTES, parse_toml, read_bytes
from brainflops.inheritance import resolve
from brainflops.methods import CompiledModel, Method, ParameterSpec, get_method
from brainflops.registry import brain_dirs, find, index, presets, versions
from brainflops.units import dimension_text, parse_quantity

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "MAX_FILE_BYTES",
    "AssumptionSet",
    "Parameter",
    "Plausibility",
    "Source",
    "Uncertainty",
    "brain_dirs",
    "check_flops",
    "convert",
    "load",
    "load_file",
    "parse_set",
    "presets",
    "versions",
]


@dataclass(frozen=True)
class Source:
    """A cited publication.

    Attributes
    ----------
    key : str
        The key parameters cite it by (``[sources.KEY]`` in the file).
    citation : str
        Author, year, title, venue.
    url : str or None
        Where to read it (http or https).
    """

    key: str
    citation: str
    url: str | None = None


@dataclass(frozen=True)
class Uncertainty:
    """An uncertainty as declared: ``kind`` and its bounds as quantities in the parameter's unit."""

    kind: str
    bounds: tuple[pint.Quantity, ...] = ()


@dataclass(frozen=True)
class Parameter:
    """A validated parameter of a set.

    Attributes
    ----------
    name : str
        Key in the file and in overrides.
    value : pint.Quantity
        The value, converted to the method's unit for this parameter.
    text : str
        The value as written in the file.
    spec : ParameterSpec
        What the method says about it (symbol, unit, description).
    uncertainty : Uncertainty or None
        The declared distribution, bounds in the method's unit.
    source : Source
        The publication the value comes from.
    where : str
        Page, section, table or figure in that publication.
    note : str
        Why this value, and any caveat.
    verification : str or None
        How the value was checked against its source: a key of
        :data:`brainflops.schema.VERIFICATION_LABELS` (``"V"``, ``"2nd"``, ``"C"``, ``"U"``), or ``None`` for a set
        that does not say (sets released before the field existed).
    via : Source or None
        For ``"2nd"``: the secondary source the value was read in.
    """

    name: str
    value: pint.Quantity
    text: str
    spec: ParameterSpec
    uncertainty: Uncertainty | None
    source: Source
    where: str
    note: str
    verification: str | None = None
    via: Source | None = None

    @property
    def verification_label(self) -> str:
        """The verification marker in words, with the secondary source's citation; ``""`` when the set does not say."""
        if self.verification is None:
            return ""
        text = schema.VERIFICATION_LABELS[self.verification]
        return f"{text} ({self.via.citation})" if self.via is not None else text

    @property
    def distribution(self) -> Distribution | None:
        """The parameter's distribution in its method unit, or ``None`` when it is a point value."""
        unc = self.uncertainty
        if unc is None or not unc.bounds:
            return None
        return from_declared(unc.kind, unc.bounds[0].magnitude, unc.bounds[1].magnitude)


@dataclass(frozen=True)
class Plausibility:
    """The source's own judgement of an estimate's plausibility (``[plausibility]`` in the file).

    Attributes
    ----------
    judgement : str
        A key of :data:`brainflops.schema.PLAUSIBILITY_JUDGEMENTS`, e.g. ``"most plausible"``.
    source : Source
        The publication that makes the judgement.
    where : str
        Page, section, table or figure.
    note : str
        The judgement in the source's words, and how the set reads it.
    """

    judgement: str
    source: Source
    where: str
    note: str


@dataclass(frozen=True)
class AssumptionSet:
    """A validated assumption set, ready to estimate.

    Attributes
    ----------
    id, version : str
        Identity, e.g. ``"dettmers-2015"`` and ``"1.0.0"``.
    hash : str
        sha256 (hex) of the canonical content.
    method : Method
        The estimation method it feeds.
    parameters : Mapping of str to Parameter
        In the method's order.
    path : Path or None
        The file it came from, if any.
    correlations : tuple of (str, str, float)
        Rank correlations between uncertain parameters.
    extends : str or None
        The parent ``id@version`` of a derived set (see :mod:`brainflops.inheritance`).
    plausibility_basis : Plausibility or None
        The source's own plausibility judgement with its citation, or ``None`` where the source gave none.
    """

    id: str
    version: str
    date: str
    title: str
    description: str
    changelog: tuple[str, ...]
    method: Method
    sources: Mapping[str, Source]
    parameters: Mapping[str, Parameter]
    hash: str
    model: CompiledModel = field(repr=False, compare=False)
    path: Path | None = None
    correlations: tuple[tuple[str, str, float], ...] = ()
    extends: str | None = None
    plausibility_basis: Plausibility | None = None

    @property
    def plausibility(self) -> str | None:
        """The source's own judgement, e.g. ``"most plausible"`` or ``"less plausible"``; ``None`` if it gave none."""
        return self.plausibility_basis.judgement if self.plausibility_basis is not None else None

    @property
    def ref(self) -> str:
        """``id@version``."""
        return f"{self.id}@{self.version}"

    @property
    def short_hash(self) -> str:
        """The first 12 hex digits of :attr:`hash`."""
        return self.hash[:12]

    def __repr__(self) -> str:
        derived = f", extends={self.extends}" if self.extends else ""
        return (
            f"AssumptionSet({self.ref}: method={self.method.name}, {len(self.parameters)} parameters"
            f"{derived}, hash={self.short_hash})"
        )

    def _repr_html_(self) -> str:
        import html

        columns = ["parameter", "symbol", "value", "unit", "uncertainty", "low", "high", "verification", "where"]
        return (
            f"<div><b>{html.escape(self.ref)}</b> ({html.escape(self.method.name)}, hash {self.short_hash}): "
            f"{html.escape(self.title)}<div>F = {html.escape(self.model.text)}</div></div>"
            + self.to_frame()[columns].to_html(index=False)
        )

    def to_frame(self) -> pd.DataFrame:
        """The parameters as a DataFrame: name, symbol, value, unit, uncertainty, citation, where, note, verification.

        ``verification`` is the marker code (a key of :data:`brainflops.schema.VERIFICATION_LABELS`, ``""`` when the
        set does not say) and ``verified_via`` the citation of the secondary source it was read in, if any.
        """
        import pandas as pd

        rows = []
        for p in self.parameters.values():
            unc = p.uncertainty
            rows.append(
                {
                    "parameter": p.name,
                    "symbol": p.spec.plain,
                    "value": float(p.value.magnitude),
                    "unit": p.spec.unit,
                    "uncertainty": unc.kind if unc else "",
                    "low": float(unc.bounds[0].magnitude) if unc and unc.bounds else None,
                    "high": float(unc.bounds[1].magnitude) if unc and unc.bounds else None,
                    "source": p.source.citation,
                    "url": p.source.url or "",
                    "where": p.where,
                    "note": p.note,
                    "verification": p.verification or "",
                    "verified_via": p.via.citation if p.via is not None else "",
                }
            )
        return pd.DataFrame(rows)

    @property
    def label(self) -> str:
        """What error messages call this set: its file name, or ``id@version``."""
        return self.path.name if self.path is not None else self.ref


#: Fields that hold a quantity (text such as '200 Hz', or a bare number).
_QUANTITY_FIELDS = frozenset({"value", "p5", "p95", "low", "high"})
#: Names pydantic puts in an error's location for the branch of a union, not a field of the file.
_UNION_BRANCHES = frozenset({"str", "int", "float", "constrained-str", "bool"})
_DISTRIBUTION_TAGS = frozenset({"point", "lognormal", "loguniform", "normal"})


def _file_location(loc: tuple) -> tuple:
    """The location as the file writes it: without union branches and distribution tags."""
    parts = []
    for i, part in enumerate(loc):
        if part in _UNION_BRANCHES and i > 0 and loc[i - 1] in _QUANTITY_FIELDS:
            continue
        if part in _DISTRIBUTION_TAGS and i > 0 and loc[i - 1] == "uncertainty":
            continue
        parts.append(part)
    return tuple(parts)


def _format_pydantic_error(error: Mapping) -> str:
    file_loc = _file_location(tuple(error["loc"]))
    loc = ".".join(str(part) for part in file_loc)
    kind = error["type"]
    found = error.get("input")
    if file_loc and file_loc[-1] in _QUANTITY_FIELDS and kind not in ("missing", "extra_forbidden"):
        what = "a table" if isinstance(found, dict) else "an array" if isinstance(found, list) else repr(found)
        return f"field '{loc}': must be a number with a unit as text, e.g. '200 Hz' (found {what})"
    if loc == "date" and kind != "missing":
        return f"field 'date': must be a TOML date such as 2015-07-27, without quotes (found {found!r})"
    if file_loc and file_loc[-1] == "symbol" and kind == "string_pattern_mismatch":
        return f"field '{loc}': must be {_SYMBOL_HELP}, found {found!r}"
    if kind == "extra_forbidden":
        field_name = str(error["loc"][-1])
        parent = _FIELDS_BY_DEPTH.get(_kind_of(error["loc"]), ())
        hint = difflib.get_close_matches(field_name, parent, n=1)
        suggestion = f" (did you mean '{hint[0]}'?)" if hint else ""
        return f"unknown field '{loc}'{suggestion}"
    if kind == "missing":
        return f"missing required field '{loc}'"
    if kind in ("string_pattern_mismatch", "string_type") and loc in _PATTERN_HELP:
        quoted = "" if kind == "string_pattern_mismatch" else " as a quoted string"
        return f"field '{loc}': must be {_PATTERN_HELP[loc]}{quoted}, found {found!r}"
    message = str(error["msg"]).removeprefix("Value error, ")
    if isinstance(found, dict | list):
        found_text = " (found a table)" if isinstance(found, dict) else " (found an array)"
    else:
        found_text = f" (found {found!r})"
    return f"field '{loc}': {message}{found_text}" if loc else f"{message}"


_PATTERN_HELP = {
    "id": "lowercase letters, digits and '-' (at most 64 characters, no path separators)",
    "version": "a semantic version MAJOR.MINOR.PATCH such as '1.0.0'",
    "method": "a method name in lower_snake_case",
}

_SYMBOL_HELP = "the method's LaTeX symbol, e.g. 'f' or 'N_{\\mathrm{P}}' (letters, digits, spaces and _ ^ { } \\ only)"

_FIELDS_BY_DEPTH = {
    "top": tuple(schema.SetFile.model_fields),
    "parameter": tuple(schema.ParameterEntry.model_fields),
    "source": tuple(schema.SourceEntry.model_fields),
    "plausibility": tuple(schema.PlausibilityEntry.model_fields),
}


def _kind_of(loc: tuple) -> str:
    if len(loc) >= 3 and loc[0] == "parameters":
        return "parameter"
    if len(loc) >= 3 and loc[0] == "sources":
        return "source"
    if len(loc) >= 2 and loc[0] == "plausibility":
        return "plausibility"
    return "top"


def parse_set(
    data: bytes | str,
    name: str = "<text>",
    *,
    path: Path | None = None,
    dirs: tuple[Path, ...] | None = None,
) -> AssumptionSet:
    """Validate the text of an assumption file and return the set.

    Parameters
    ----------
    data : bytes or str
        The TOML text (UTF-8 if bytes), at most :data:`MAX_FILE_BYTES`.
    name : str
        What messages call the file.
    path : Path, optional
        Recorded on the set.
    dirs : tuple of Path, optional
        Where a derived set's parent (``extends``) is looked up; :func:`brain_dirs` by default.

    Returns
    -------
    AssumptionSet

    Raises
    ------
    AssumptionError
        For any problem, naming the file, the field or parameter, and what was expected versus found.
    """
    if isinstance(data, str):
        data = data.encode("utf-8", errors="surrogatepass")
    if len(data) > MAX_FILE_BYTES:
        raise AssumptionError(
            f"file is {len(data):,} bytes; assumption files are limited to {MAX_FILE_BYTES:,} bytes", file=name
        )
    raw = parse_toml(data, name)
    raw, parent = resolve(raw, name, lambda ref: _parent_raw(ref, dirs))
    try:
        model = schema.SetFile.model_validate(raw)
    except pydantic.ValidationError as exc:
        # A typo shows up twice (an unknown field and a missing one); the unknown field is the cause.
        errors = sorted(exc.errors(), key=lambda e: e["type"] != "extra_forbidden")
        raise AssumptionError(_format_pydantic_error(errors[0]), file=name) from None
    try:
        return _build(model, name, path, parent)
    except BrainflopsError as exc:
        raise exc.with_context(file=name) from None


def _parent_raw(ref: str, dirs: tuple[Path, ...] | None) -> tuple[dict, str]:
    """A parent set's parsed TOML and its ``id@version``, looked up like :func:`load` looks up an id."""
    path, set_id, version = find(ref, index(dirs or brain_dirs()))
    return parse_toml(read_bytes(path), str(path)), f"{set_id}@{version}"


def _build(model: schema.SetFile, name: str, path: Path | None, parent: str | None = None) -> AssumptionSet:
    method = get_method(model.method)
    sources = {key: Source(key, entry.citation, entry.url) for key, entry in model.sources.items()}
    spec = method.spec
    parameters: dict[str, Parameter] = {}
    for pname, entry in model.parameters.items():
        if pname not in spec:
            hint = difflib.get_close_matches(pname, spec, n=1)
            suggestion = f" (did you mean '{hint[0]}'?)" if hint else ""
            raise AssumptionError(
                f"method '{method.name}' has no parameter '{pname}'{suggestion}; its parameters are {', '.join(spec)}",
                parameter=pname,
            )
        if entry.symbol is not None and entry.symbol != spec[pname].latex:
            raise AssumptionError(
                f"symbol '{entry.symbol}' does not match the method's symbol '{spec[pname].latex}'",
                parameter=pname,
            )
        parameters[pname] = Parameter(
            name=pname,
            value=convert(entry.value, spec[pname]),
            text=str(entry.value),
            spec=spec[pname],
            uncertainty=_uncertainty(entry.uncertainty, spec[pname]) if entry.uncertainty else None,
            source=sources[entry.source],
            where=entry.where,
            note=entry.note,
            verification=entry.verification,
            via=sources[entry.via] if entry.via is not None else None,
        )
    ordered = {p.name: parameters[p.name] for p in method.parameters if p.name in parameters}
    model_fn = method.compile(ordered)
    model_fn.check_units({n: p.value for n, p in ordered.items()}, name)
    check_flops(model_fn(**{n: float(p.value.magnitude) for n, p in ordered.items()}), "the point estimate")
    correlations = _correlations(model.correlations, ordered)
    judged = model.plausibility
    plausibility = None
    if judged is not None:
        plausibility = Plausibility(judged.judgement, sources[judged.source], judged.where, judged.note)
    return AssumptionSet(
        id=model.id,
        version=model.version,
        date=model.date.isoformat(),
        title=model.title,
        description=model.description,
        changelog=tuple(model.changelog),
        method=method,
        sources=MappingProxyType(sources),
        parameters=MappingProxyType(ordered),
        hash=canonical_hash(model, ordered, parent),
        path=path,
        model=model_fn,
        correlations=correlations,
        extends=parent,
        plausibility_basis=plausibility,
    )


def check_flops(value: float, what: str) -> float:
    """Return ``value`` [FLOP/s] if it is a finite positive float, else raise :class:`AssumptionError`.

    Parameters
    ----------
    value : float
        A computed figure [FLOP/s].
    what : str
        What it is, for the message (e.g. ``"the point estimate"``).

    Raises
    ------
    AssumptionError
        When the values multiply past the largest 64-bit float (inf), below the smallest (0), or to NaN.
    """
    number = float(value)
    if math.isfinite(number) and number > 0:
        return number
    if math.isnan(number):
        reason = "is not a number (NaN)"
    elif number == math.inf:
        reason = "overflows a 64-bit float (above 1.8e308 FLOP/s)"
    else:
        reason = "underflows to zero (below 1e-308 FLOP/s)" if number == 0 else f"is negative ({number:.4g} FLOP/s)"
    raise AssumptionError(
        f"{what} {reason}; check the parameters' magnitudes and units",
        expected="a finite positive FLOP/s",
        found=f"{number:g} FLOP/s",
    )


def _correlations(entries: list[schema.Correlation], parameters: Mapping[str, Parameter]):
    uncertain = [n for n, p in parameters.items() if p.distribution is not None]
    seen: set[frozenset[str]] = set()
    result = []
    for entry in entries:
        a, b = entry.between
        for name in (a, b):
            if name not in parameters:
                raise AssumptionError(
                    f"correlation between '{a}' and '{b}': '{name}' is not a parameter of this set "
                    f"(parameters: {', '.join(parameters)})",
                    parameter=name,
                )
        for name in (a, b):
            if name not in uncertain:
                raise AssumptionError(
                    f"correlation between '{a}' and '{b}': '{name}' is not an uncertain parameter of this set "
                    f"(uncertain: {', '.join(uncertain) or 'none'})",
                    parameter=name,
                )
        pair = frozenset((a, b))
        if a == b or pair in seen:
            raise AssumptionError(f"correlation between '{a}' and '{b}' is repeated or self-referential")
        seen.add(pair)
        result.append((a, b, float(entry.rank)))
    if result:
        matrix = copula_matrix(uncertain, result)
        smallest = float(np.linalg.eigvalsh(matrix).min())
        if smallest < -1e-10:
            raise AssumptionError(
                "the correlations are inconsistent: their matrix is not positive semi-definite "
                f"(smallest eigenvalue {smallest:.3g}); no joint distribution has these pairwise correlations",
                expected="a positive semi-definite correlation matrix",
                found=f"smallest eigenvalue {smallest:.3g}",
            )
    return tuple(result)


def copula_matrix(names: list[str], correlations) -> np.ndarray:
    """The Gaussian-copula correlation matrix for rank correlations between ``names``.

    Spearman's rank correlation rho corresponds to the normal correlation 2 sin(pi rho / 6).
    """
    index = {n: i for i, n in enumerate(names)}
    matrix = np.eye(len(names))
    for a, b, rho in correlations:
        if a in index and b in index:
            r = 2.0 * np.sin(np.pi * rho / 6.0)
            matrix[index[a], index[b]] = matrix[index[b], index[a]] = r
    return matrix


def convert(value: str | float | int | pint.Quantity, spec: ParameterSpec) -> pint.Quantity:
    """Parse ``value`` and convert it to the unit of ``spec``, checking dimension and sign.

    Parameters
    ----------
    value : str, float, int or pint.Quantity
        E.g. ``"200 Hz"``; a bare number is dimensionless.
    spec : ParameterSpec
        The method's parameter specification.

    Returns
    -------
    pint.Quantity
        In ``spec.unit``.

    Raises
    ------
    UnitMismatchError, QuantityError, AssumptionError
        Wrong dimension, unparsable text, or a non-positive value where a positive one is required.
    """
    try:
        quantity = value if isinstance(value, pint.Quantity) else parse_quantity(value)
    except QuantityError as exc:
        raise exc.with_context(parameter=spec.name) from None
    written = _written(value)
    if quantity.dimensionality != spec.pint_unit.dimensionality:
        raise UnitMismatchError(
            f"expected a value with dimension {dimension_text(spec.pint_unit)} (like '{spec.unit}'), "
            f"found '{written}' with dimension {dimension_text(quantity)}",
            parameter=spec.name,
            expected=spec.unit,
            found=written,
        )
    converted = quantity.to(spec.pint_unit)
    if spec.positive and not converted.magnitude > 0:
        raise AssumptionError(
            f"must be positive, found '{written}'", parameter=spec.name, expected="> 0", found=written
        )
    return converted


def _written(value: object) -> str:
    if isinstance(value, pint.Quantity):
        return f"{value:~P}"
    return str(value)


def _uncertainty(entry: schema.Point | schema.LogNormal | schema.LogUniform | schema.Normal, spec):
    if isinstance(entry, schema.Point):
        return Uncertainty("point")
    names = ("low", "high") if isinstance(entry, schema.LogUniform) else ("p5", "p95")
    bounds = []
    for bound in names:
        try:
            bounds.append(convert(getattr(entry, bound), _unsigned(spec)))
        except AssumptionError as exc:
            raise type(exc)(
                f"uncertainty {bound}: {exc.message}", parameter=spec.name, expected=exc.expected, found=exc.found
            ) from None
    low, high = bounds
    if not low < high:
        raise AssumptionError(
            f"uncertainty {names[0]} ({_written(getattr(entry, names[0]))}) must be below "
            f"{names[1]} ({_written(getattr(entry, names[1]))})",
            parameter=spec.name,
        )
    if entry.kind == "normal" and spec.positive:
        raise AssumptionError(
            f"a normal uncertainty can reach zero or below, but '{spec.name}' must be positive; "
            "use lognormal or loguniform",
            parameter=spec.name,
        )
    if entry.kind in ("lognormal", "loguniform") and low.magnitude <= 0:
        raise AssumptionError(
            f"a {entry.kind} uncertainty needs positive bounds, found {names[0]} = "
            f"'{_written(getattr(entry, names[0]))}'",
            parameter=spec.name,
        )
    return Uncertainty(entry.kind, (low, high))


def _unsigned(spec: ParameterSpec) -> ParameterSpec:
    # Bounds are checked for sign by the distribution (a normal may reach below zero).
    return ParameterSpec(spec.name, spec.latex, spec.unit, spec.description, positive=False)


def _canonical_quantity(quantity: pint.Quantity) -> str:
    base = quantity.to_base_units()
    return f"{float(base.magnitude):.12g} {base.units:D}"


def _canonical_parameter(p: Parameter) -> dict:
    content = {
        "value": _canonical_quantity(p.value),
        "uncertainty": None
        if p.uncertainty is None
        else {"kind": p.uncertainty.kind, "bounds": [_canonical_quantity(b) for b in p.uncertainty.bounds]},
        "source": p.source.key,
        "where": p.where,
        "note": p.note,
    }
    # Like every optional field: in the canonical form only when used, so released hashes stay.
    if p.verification is not None:
        content["verification"] = p.verification
    if p.via is not None:
        content["via"] = p.via.key
    return content


def canonical_hash(model: schema.SetFile, parameters: Mapping[str, Parameter], extends: str | None = None) -> str:
    """sha256 of a set's canonical form (see the module docstring); a derived set's is of its resolved content."""
    content = {
        "schema_version": model.schema_version,
        "id": model.id,
        "version": model.version,
        "date": model.date.isoformat(),
        "title": model.title,
        "method": model.method,
        "description": model.description,
        "changelog": list(model.changelog),
        "sources": {k: {"citation": s.citation, "url": s.url} for k, s in model.sources.items()},
        "parameters": {name: _canonical_parameter(p) for name, p in parameters.items()},
    }
    # Optional fields enter the canonical form only when used, so adding a field to the schema does not
    # change the hash of existing sets.
    if model.correlations:
        content["correlations"] = sorted([sorted(c.between), float(c.rank)] for c in model.correlations)
    if extends is not None:
        content["extends"] = extends
    if model.plausibility is not None:
        content["plausibility"] = model.plausibility.model_dump()
    blob = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def load_file(
    path: str | os.PathLike[str], label: str | None = None, *, dirs: tuple[Path, ...] | None = None
) -> AssumptionSet:
    """Load and validate one assumption file.

    Parameters
    ----------
    path : str or PathLike
        A ``.toml`` file, at most :data:`MAX_FILE_BYTES`.
    label : str, optional
        What error messages call the file; the path as given by default.
    dirs : tuple of Path, optional
        Where the parent of a derived set is looked up; :func:`brain_dirs` by default.

    Returns
    -------
    AssumptionSet
    """
    p = Path(path)
    name = label or os.fspath(path)
    if not p.is_file():
        raise AssumptionError("no such file", file=name)
    return parse_set(read_bytes(p), name, path=p, dirs=dirs)


def load(ref: str | os.PathLike[str] | AssumptionSet, *, dirs: tuple[Path, ...] | None = None) -> AssumptionSet:
    """Load an assumption set by id, ``id@version`` or path.

    Parameters
    ----------
    ref : str, PathLike or AssumptionSet
        ``"dettmers-2015"`` (newest version), ``"dettmers-2015@1.0.0"``, or a path to a ``.toml`` file. A
        loaded set is returned as is.
    dirs : tuple of Path, optional
        Folders to search instead of :func:`brain_dirs`.

    Returns
    -------
    AssumptionSet

    Raises
    ------
    AssumptionError
        Unknown id or version, a malformed id, or any validation problem in the file.
    """
    if isinstance(ref, AssumptionSet):
        return ref
    text = os.fspath(ref)
    if isinstance(ref, os.PathLike) or text.endswith(".toml") or os.sep in text or "/" in text:
        return load_file(text, dirs=dirs)
    path, _, _ = find(text, index(dirs or brain_dirs()))
    return load_file(path, label=path.name, dirs=dirs)
