"""The forecast's own cited files: ``assumptions/forecast/<kind>/<id>@<version>.toml``.

Three kinds, each validated by its own frozen pydantic model (unknown fields forbidden): ``utilisation`` (the
fraction of peak that large training runs achieve), ``weights`` (how much the combined forecast trusts each
scenario) and ``ledger`` (published hardware-parity forecasts). Files are read with the same hardened reader as
brain sets (size limit, UTF-8, TOML that cannot crash the parser), looked up by id (newest version),
``id@version`` or path, and identified by ``id@version`` plus the sha256 of their canonical content; a
released version is never edited (``assumptions/forecast/released.toml``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

import pydantic
from pydantic import BaseModel, ConfigDict, Field

from brainflops import schema
from brainflops.errors import AssumptionError
from brainflops.files import parse_toml, read_bytes
from brainflops.registry import find, index

__all__ = [
    "KINDS",
    "LoadedFile",
    "Strict",
    "VersionedFile",
    "forecast_dirs",
    "format_validation_error",
    "ids",
    "load_forecast_file",
]

#: The kinds of forecast file, each in its own folder.
KINDS = ("utilisation", "weights", "ledger")

MAX_FILE_BYTES = 500_000

Model = TypeVar("Model", bound=pydantic.BaseModel)


class Strict(BaseModel):
    """A frozen model that refuses unknown fields and strips whitespace."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class VersionedFile(Strict):
    """What every forecast file starts with: identity, date, title, changelog and sources (schema version 1)."""

    schema_version: int = Field(ge=1, le=1)
    id: str = Field(pattern=schema.ID_PATTERN)
    version: str = Field(pattern=schema.VERSION_PATTERN)
    date: dt.date
    title: str = Field(min_length=1, max_length=300)
    description: str = Field(default="", max_length=20000)
    changelog: list[str] = Field(min_length=1, max_length=1000)
    sources: dict[str, schema.SourceEntry] = Field(min_length=1, max_length=100)

    @pydantic.model_validator(mode="after")
    def _changelog_names_this_version(self) -> VersionedFile:
        if not any(line.startswith(f"{self.version}:") for line in self.changelog):
            raise ValueError(f"changelog needs an entry starting with '{self.version}:' for this version")
        return self


@dataclass(frozen=True)
class LoadedFile(Generic[Model]):
    """A validated forecast file.

    Attributes
    ----------
    spec : pydantic model
        The validated content.
    ref : str
        ``id@version``.
    hash : str
        sha256 (hex) of the canonical content.
    label : str
        The file name, for messages.
    """

    spec: Model
    ref: str
    hash: str
    label: str


def forecast_dirs(kind: str) -> tuple[Path, ...]:
    """The folders searched for forecast files of ``kind``: the shipped one plus ``BRAINFLOPS_FORECAST_PATH``."""
    here = Path(__file__).resolve().parent.parent  # brainflops/
    candidates = [here.parent / "assumptions" / "forecast", here / "_assumptions" / "forecast"]
    root = next((c for c in candidates if c.is_dir()), candidates[0])
    extra = os.environ.get("BRAINFLOPS_FORECAST_PATH", "")
    return (root / kind, *(Path(p) for p in extra.split(os.pathsep) if p))


def ids(kind: str) -> list[str]:
    """The ids of the shipped files of ``kind``, sorted."""
    return sorted({i for i, _ in index(forecast_dirs(kind), "*@*.toml")})


def format_validation_error(exc: pydantic.ValidationError) -> str:
    """The first validation problem as one sentence naming the key: ``scenarios.hpcg.weight: ...``."""
    errors = sorted(exc.errors(), key=lambda e: e["type"] != "extra_forbidden")
    error = errors[0]
    loc = ".".join(str(part) for part in error["loc"] if not str(part).startswith("function-"))
    if error["type"] == "extra_forbidden":
        return f"unknown field '{loc}'"
    if error["type"] == "missing":
        return f"missing required field '{loc}'"
    message = str(error["msg"]).removeprefix("Value error, ")
    found = error.get("input")
    found_text = "" if isinstance(found, dict | list) else f" (found {found!r})"
    return f"'{loc}': {message}{found_text}" if loc else message


def load_forecast_file(ref: str | os.PathLike[str], kind: str, model: type[Model]) -> LoadedFile[Model]:
    """Load and validate a forecast file of ``kind`` by id, ``id@version`` or path.

    Parameters
    ----------
    ref : str or PathLike
        An id (newest version), ``id@version``, or a path to a ``.toml`` file.
    kind : str
        One of :data:`KINDS`.
    model : pydantic model class
        The schema to validate against; it must have ``id`` and ``version`` fields.

    Raises
    ------
    AssumptionError
        An unknown id, or any problem in the file, named with the file and the key.
    """
    text = os.fspath(ref)
    if text.endswith(".toml") or "/" in text or os.sep in text:
        path = Path(text)
        if not path.is_file():
            raise AssumptionError("no such file", file=text)
        label = text
    else:
        path, _, _ = find(text, index(forecast_dirs(kind), "*@*.toml"), kind=f"{kind} file")
        label = path.name
    raw = parse_toml(read_bytes(path, MAX_FILE_BYTES), label)
    try:
        spec = model.model_validate(raw)
    except pydantic.ValidationError as exc:
        raise AssumptionError(format_validation_error(exc), file=label) from None
    identity = f"{spec.id}@{spec.version}"
    if "@" in path.stem and path.stem != identity:
        raise AssumptionError(f"file name says {path.stem} but the file says {identity}", file=label)
    blob = json.dumps(spec.model_dump(mode="json"), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return LoadedFile(spec, identity, hashlib.sha256(blob.encode("utf-8")).hexdigest(), label)
