"""Hardware trend scenarios: cited TOML files (``assumptions/trends/<id>@<version>.toml``) and their projections.

A scenario says how hardware performance grows with time, in one of two ways:

``kind = "fixed"``
    a base value in a base year and a doubling time, each from a cited source (Dettmers 2015's three
    scenarios are of this kind);
``kind = "fit"``
    a series of :mod:`brainflops.hardware.series`, a window and a fit (``loglinear`` or ``piecewise``), optionally
    times a budget for per-dollar series.

Either may add a ``cap`` (a ceiling in FLOP/s) or a ``stall_year`` (growth stops). Files are parsed with
``tomllib`` and validated by frozen pydantic models that forbid unknown fields; a scenario's identity is
``id@version`` plus the sha256 of its canonical content, as for brain sets.
"""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import json
import math
import os
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Annotated, Literal

import numpy as np
import pint
import pydantic
from pydantic import BaseModel, ConfigDict, Field

from brainflops import schema
from brainflops.errors import AssumptionError, BrainflopsError
from brainflops.files import parse_toml, read_bytes
from brainflops.hardware import series as series_module
from brainflops.hardware import trends
from brainflops.hardware.projection import Projection, fit_projection, scaled_series
from brainflops.registry import find, index
from brainflops.units import parse_quantity

__all__ = ["Scenario", "load_scenario", "parse_scenario", "scenario_dirs", "scenarios"]

MAX_FILE_BYTES = 200_000


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class _Cited(_Strict):
    source: str = Field(min_length=1, max_length=64)
    where: str = Field(min_length=1, max_length=500, description="page, section, table or URL")
    note: str = Field(min_length=1, max_length=5000)


class FixedGrowth(_Cited):
    """Growth at a fixed doubling time from a base value in a base year."""

    kind: Literal["fixed"]
    base_value: str | float
    base_year: float = Field(ge=1900, le=2200)
    doubling_time: str


class FittedTrend(_Cited):
    """A fit of a data series over a window."""

    kind: Literal["fit"]
    series: Literal[tuple(series_module.SERIES)]  # type: ignore[valid-type]
    precision: str | None = None
    start: float | None = Field(default=None, ge=1900, le=2200)
    end: float | None = Field(default=None, ge=1900, le=2200)
    model: Literal["loglinear", "piecewise"] = "loglinear"
    break_year: float | None = Field(default=None, ge=1900, le=2200)
    budget: str | float | None = None


class ScenarioFile(_Strict):
    """A whole scenario file (schema version 1)."""

    schema_version: Literal[1]
    id: str = Field(pattern=schema.ID_PATTERN)
    version: str = Field(pattern=schema.VERSION_PATTERN)
    date: dt.date
    title: str = Field(min_length=1, max_length=300)
    description: str = Field(default="", max_length=20000)
    changelog: list[str] = Field(min_length=1, max_length=1000)
    sources: dict[str, schema.SourceEntry] = Field(min_length=1, max_length=50)
    projection: Annotated[FixedGrowth | FittedTrend, Field(discriminator="kind")]
    cap: str | float | None = None
    stall_year: float | None = Field(default=None, ge=1900, le=2200)

    @pydantic.model_validator(mode="after")
    def _consistent(self) -> ScenarioFile:
        if self.projection.source not in self.sources:
            raise ValueError(f"projection cites source '{self.projection.source}', which is not in [sources]")
        if not any(line.startswith(f"{self.version}:") for line in self.changelog):
            raise ValueError(f"changelog needs an entry starting with '{self.version}:' for this version")
        return self


def _quantity(text: str | float, unit: str, label: str, field: str) -> float:
    try:
        q = parse_quantity(text)
        return float(q.to(unit).magnitude)
    except BrainflopsError as exc:
        raise AssumptionError(exc.message, file=label, parameter=field, found=str(text)) from None
    except pint.DimensionalityError:
        raise AssumptionError(
            f"expected a value in {unit} (or a unit of the same dimension), found '{text}'",
            file=label,
            parameter=field,
            expected=unit,
            found=str(text),
        ) from None


@dataclass(frozen=True)
class Scenario:
    """A validated scenario file. Build its :class:`Projection` with :meth:`projection`.

    Attributes
    ----------
    id, version : str
        Identity, e.g. ``"hpcg-rank1-2014-latest"`` and ``"1.0.0"``.
    title, description : str
        As in the file.
    hash : str
        sha256 (hex) of the canonical content.
    spec : ScenarioFile
        The validated file content (sources, projection, cap, stall year).
    path : Path or None
        The file it came from, if any.
    """

    id: str
    version: str
    title: str
    description: str
    hash: str
    spec: ScenarioFile
    path: Path | None = None

    @property
    def ref(self) -> str:
        """``id@version``."""
        return f"{self.id}@{self.version}"

    @property
    def label(self) -> str:
        return self.path.name if self.path is not None else self.ref

    @property
    def citation(self) -> str:
        """The citation of the projection's source."""
        return self.spec.sources[self.spec.projection.source].citation

    def series(self, data: str | os.PathLike[str] | None = None) -> series_module.Series:
        """The data series a ``fit`` scenario is fitted on; ``data`` replaces the shipped CSV."""
        p = self.spec.projection
        if not isinstance(p, FittedTrend):
            raise AssumptionError("a fixed-growth scenario has no data series", file=self.label)
        try:
            return series_module.get_series(p.series, precision=p.precision, path=data)
        except BrainflopsError as exc:
            raise AssumptionError(exc.message, file=self.label, parameter="projection") from None

    def fit(self, data: str | os.PathLike[str] | None = None) -> trends.TrendFit | trends.PiecewiseFit:
        """The trend fit of a ``fit`` scenario; ``data`` replaces the shipped CSV."""
        p = self.spec.projection
        series = self.series(data)
        try:
            if p.model == "piecewise":
                return trends.fit_piecewise(series, p.start, p.end, break_year=p.break_year)
            return trends.fit_loglinear(series, p.start, p.end)
        except BrainflopsError as exc:
            raise AssumptionError(exc.message, file=self.label, parameter="projection") from None

    def projection(
        self,
        n_draws: int = 2000,
        seed: int | np.random.Generator | None = 0,
        *,
        data: str | os.PathLike[str] | None = None,
        anchor: str = "record",
    ) -> Projection:
        """Performance over time with draws of the growth rate (and of the level, for a line anchor).

        Parameters
        ----------
        n_draws : int
            Draws of the fit parameters for a ``fit`` scenario; a fixed scenario has one.
        seed : int or numpy.random.Generator, optional
            For reproducible draws.
        data : str or PathLike, optional
            A CSV to fit instead of the shipped one (tests, user data).
        anchor : {"record", "line"}
            Where a fitted scenario starts: the last record value at its date (default) or the fitted line.
            A fixed scenario always starts from its published base.
        """
        p, label = self.spec.projection, self.label
        cap = None if self.spec.cap is None else math.log10(_quantity(self.spec.cap, "FLOP/s", label, "cap"))
        if isinstance(p, FixedGrowth):
            level = math.log10(_quantity(p.base_value, "FLOP/s", label, "projection.base_value"))
            doubling = _quantity(p.doubling_time, "year", label, "projection.doubling_time")
            if doubling <= 0:
                raise AssumptionError("doubling_time must be positive", file=label, parameter="projection")
            slope = math.log10(2) / doubling
            return Projection(
                self.title, "FLOP/s", p.base_year, np.array([level]), np.array([slope]), level, slope,
                cap, self.spec.stall_year, anchor="published",
            )  # fmt: skip
        series = self.series(data)
        fit = self.fit(data)
        try:
            projection = fit_projection(fit, n_draws, seed, label=self.title, anchor=anchor, series=series)
        except BrainflopsError as exc:
            raise AssumptionError(exc.message, file=label, parameter="projection") from None
        if p.budget is not None:
            if projection.unit != "FLOP/s/USD":
                raise AssumptionError(
                    f"a budget applies to per-dollar series only, not '{p.series}' [{projection.unit}]",
                    file=label,
                    parameter="projection.budget",
                )
            shift = math.log10(_quantity(p.budget, "USD", label, "projection.budget"))
            projection = replace(
                projection, level=projection.level + shift, point_level=projection.point_level + shift, unit="FLOP/s",
                record=scaled_series(projection.record, shift, "FLOP/s") if projection.record is not None else None,
            )  # fmt: skip
        return replace(projection, cap=cap, stall_year=self.spec.stall_year)


def _canonical(model: ScenarioFile) -> str:
    def norm(value):
        if isinstance(value, str):
            try:
                q = parse_quantity(value).to_base_units()
                return f"{float(q.magnitude):.12g} {q.units:D}"
            except BrainflopsError:
                return value
        return value

    content = model.model_dump(mode="json")
    for key in ("base_value", "doubling_time", "budget"):
        if key in content["projection"] and content["projection"][key] is not None:
            content["projection"][key] = norm(content["projection"][key])
    if content.get("cap") is not None:
        content["cap"] = norm(content["cap"])
    blob = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def _format_error(error) -> str:
    loc = ".".join(str(part) for part in error["loc"] if not str(part).startswith("function-after"))
    loc = re.sub(r"\.(fixed|fit)\b", "", loc)
    if error["type"] == "extra_forbidden":
        known = [*FixedGrowth.model_fields, *FittedTrend.model_fields, *ScenarioFile.model_fields]
        hint = difflib.get_close_matches(str(error["loc"][-1]), known, n=1)
        return f"unknown field '{loc}'" + (f" (did you mean '{hint[0]}'?)" if hint else "")
    if error["type"] == "missing":
        return f"missing required field '{loc}'"
    message = str(error["msg"]).removeprefix("Value error, ")
    found = error.get("input")
    found_text = "" if isinstance(found, dict | list) else f" (found {found!r})"
    return f"field '{loc}': {message}{found_text}" if loc else message


def parse_scenario(data: bytes, label: str, *, path: Path | None = None) -> Scenario:
    """Validate scenario TOML bytes; ``label`` names the file in error messages."""
    raw = parse_toml(data, label)
    try:
        model = ScenarioFile.model_validate(raw)
    except pydantic.ValidationError as exc:
        errors = sorted(exc.errors(), key=lambda e: e["type"] != "extra_forbidden")  # a typo explains a missing
        raise AssumptionError(_format_error(errors[0]), file=label) from None
    scenario = Scenario(model.id, model.version, model.title, model.description, _canonical(model), model, path)
    p = model.projection
    # check units now, not at first use
    if model.cap is not None:
        _quantity(model.cap, "FLOP/s", label, "cap")
    if isinstance(p, FixedGrowth):
        scenario.projection()
    else:
        if p.budget is not None:
            _quantity(p.budget, "USD", label, "projection.budget")
        if p.series in ("accelerator-peak", "gpu-flops-per-dollar") and p.precision is None:
            raise AssumptionError("an accelerator series needs a 'precision'", file=label, parameter="projection")
    return scenario


def scenario_dirs() -> tuple[Path, ...]:
    """The folders searched for scenarios: the shipped ``assumptions/trends`` plus ``BRAINFLOPS_TRENDS_PATH``."""
    here = Path(__file__).resolve().parent.parent  # brainflops/
    candidates = [here.parent / "assumptions" / "trends", here / "_assumptions" / "trends"]
    dirs = [next((c for c in candidates if c.is_dir()), candidates[0])]
    extra = os.environ.get("BRAINFLOPS_TRENDS_PATH", "")
    return tuple(dirs + [Path(p) for p in extra.split(os.pathsep) if p])


def scenarios(*, dirs: tuple[Path, ...] | None = None) -> list[str]:
    """The ids of the shipped scenarios, sorted."""
    return sorted({i for i, _ in index(dirs or scenario_dirs(), "*@*.toml")})


def load_scenario(ref: str | os.PathLike[str] | Scenario, *, dirs: tuple[Path, ...] | None = None) -> Scenario:
    """Load a scenario by id (newest version), ``id@version`` or path to a ``.toml`` file.

    Parameters
    ----------
    ref : str, PathLike or Scenario
        A scenario id, ``id@version``, a path to a ``.toml`` file, or a loaded scenario (returned as is).
    dirs : tuple of Path, optional
        Where ids are looked up; :func:`scenario_dirs` by default.

    Returns
    -------
    Scenario

    Raises
    ------
    AssumptionError
        Unknown id or version, or any problem in the file (named with the field).
    """
    if isinstance(ref, Scenario):
        return ref
    text = os.fspath(ref)
    if text.endswith(".toml") or "/" in text or os.sep in text:
        p = Path(text)
        if not p.is_file():
            raise AssumptionError("no such file", file=text)
        return parse_scenario(read_bytes(p, MAX_FILE_BYTES), text, path=p)
    path, ident, version = find(text, index(dirs or scenario_dirs(), "*@*.toml"), kind="scenario")
    scenario = parse_scenario(read_bytes(path, MAX_FILE_BYTES), path.name, path=path)
    if scenario.ref != f"{ident}@{version}":
        raise AssumptionError(f"file name says {ident}@{version} but the file says {scenario.ref}", file=path.name)
    return scenario
