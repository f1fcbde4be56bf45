"""Write an assumption set (with changed values) back to TOML as a new version.

The output is a complete, valid assumption file: loadable by :func:`brainflops.load` from its path, with a
bumped version and a changelog entry. A changed value no longer comes from its publication, so it cites a
``user-adjustment`` source and its note records the published value it replaces.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping

import pint

from brainflops.assumptions import AssumptionSet, Parameter, load
from brainflops.estimate import estimate

__all__ = ["USER_SOURCE", "bump_version", "to_toml"]

USER_SOURCE = "user-adjustment"


def bump_version(version: str, part: str = "minor") -> str:
    """The next semantic version: ``"1.1.0"`` → ``"1.2.0"`` (minor), ``"1.1.1"`` (patch), ``"2.0.0"`` (major)."""
    major, minor, patch = (int(x) for x in version.split("."))
    if part == "major":
        return f"{major + 1}.0.0"
    if part == "minor":
        return f"{major}.{minor + 1}.0"
    if part == "patch":
        return f"{major}.{minor}.{patch + 1}"
    raise ValueError(f"part must be major, minor or patch, got {part!r}")


def _quantity_text(magnitude: float, unit: str) -> str:
    number = repr(float(magnitude))
    return number if unit == "dimensionless" else f"{number} {unit}"


def _parameter_table(p: Parameter, new_value: float | None, source_key: str) -> dict:
    unit = p.spec.unit
    entry: dict = {"value": _quantity_text(new_value if new_value is not None else p.value.magnitude, unit)}
    if p.uncertainty is not None:
        unc = {"kind": p.uncertainty.kind}
        if p.uncertainty.bounds:
            factor = 1.0 if new_value is None else new_value / float(p.value.magnitude)
            dist = p.distribution.scaled(factor) if p.distribution is not None else None
            names = ("low", "high") if p.uncertainty.kind == "loguniform" else ("p5", "p95")
            bounds = (dist.low, dist.high) if dist is not None else (b.magnitude for b in p.uncertainty.bounds)
            for name, bound in zip(names, bounds, strict=True):
                unc[name] = _quantity_text(bound, unit)
        entry["uncertainty"] = unc
    if new_value is None:
        entry.update(source=p.source.key, where=p.where, note=p.note)
        # The verification marker travels with the unchanged value it describes (a user's value has none).
        if p.verification is not None:
            entry["verification"] = p.verification
        if p.via is not None:
            entry["via"] = p.via.key
    else:
        entry.update(
            source=source_key,
            where="set by the user",
            note=(
                f"Changed from {_quantity_text(p.value.magnitude, unit)} ({p.source.citation} {p.where}) to "
                f"{_quantity_text(new_value, unit)}; the uncertainty keeps the same relative spread. "
                f"Original note: {p.note}"
            ),
        )
    return entry


def to_toml(
    assumption_set: AssumptionSet | str | os.PathLike[str],
    overrides: Mapping[str, str | float | pint.Quantity] | None = None,
    *,
    version: str | None = None,
    changelog: str | None = None,
    date: dt.date | None = None,
) -> str:
    """A complete assumption file for ``assumption_set`` with ``overrides`` applied, as a new version.

    Parameters
    ----------
    assumption_set : AssumptionSet, str or PathLike
        The set to start from.
    overrides : mapping, optional
        Parameter name to new value (as for :func:`brainflops.estimate`).
    version : str, optional
        The new version; default: the next minor version.
    changelog : str, optional
        The changelog text for the new version; default: a list of the changed values.
    date : datetime.date, optional
        The file's date; default: today.

    Returns
    -------
    str
        TOML text that :func:`brainflops.assumptions.parse_set` accepts.
    """
    import tomli_w

    s = load(assumption_set)
    e = estimate(s, overrides)
    changed = {name: float(q.magnitude) for name, q in e.overrides.items()}
    new_version = version or bump_version(s.version)
    summary = ", ".join(f"{n} = {_quantity_text(v, s.parameters[n].spec.unit)}" for n, v in changed.items())
    entry = changelog or (f"changed {summary}" if changed else "saved without changes")
    sources = {k: {"citation": src.citation, **({"url": src.url} if src.url else {})} for k, src in s.sources.items()}
    today = date or dt.date.today()
    if changed:
        sources[USER_SOURCE] = {
            "citation": f"User adjustment in brainflops ({today.year}): values set by the user, not a publication."
        }
    document = {
        "schema_version": 1,
        "id": s.id,
        "version": new_version,
        "date": today,
        "title": s.title,
        "method": s.method.name,
        "description": s.description,
        "changelog": [f"{new_version}: {entry}", *s.changelog],
        "sources": sources,
        "parameters": {name: _parameter_table(p, changed.get(name), USER_SOURCE) for name, p in s.parameters.items()},
    }
    if s.correlations:
        document["correlations"] = [{"between": [a, b], "rank": r} for a, b, r in s.correlations]
    if s.plausibility_basis is not None and not changed:  # the source judged its values, not the user's
        basis = s.plausibility_basis
        document["plausibility"] = {
            "judgement": basis.judgement,
            "source": basis.source.key,
            "where": basis.where,
            "note": basis.note,
        }
    header = f"# {s.id}@{new_version}, derived from {s.ref} (hash {s.hash}) by brainflops.\n"
    return header + tomli_w.dumps(document, multiline_strings=True)
