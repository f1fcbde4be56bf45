"""The assumption-file schema: what a TOML file may contain, checked field by field.

These pydantic models describe the file as written (strings for quantities). They are frozen and forbid
unknown fields, so a typo (``vlaue``) is an error rather than a silently ignored key. Physical checks
(units, dimensions, positivity) happen after this, in :mod:`brainflops.assumptions`, where the method's
parameter specifications are known.
"""

from __future__ import annotations

import datetime as dt
import keyword
import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictFloat, StrictInt, field_validator, model_validator

__all__ = [
    "ID_PATTERN",
    "PLAUSIBILITY_JUDGEMENTS",
    "SCHEMA_VERSION",
    "VERIFICATION_LABELS",
    "VERSION_PATTERN",
    "Correlation",
    "LogNormal",
    "LogUniform",
    "Normal",
    "ParameterEntry",
    "PlausibilityEntry",
    "Point",
    "SetFile",
    "SourceEntry",
    "Uncertainty",
]

SCHEMA_VERSION = 1
ID_PATTERN = r"^[a-z0-9][a-z0-9-]{0,63}$"
VERSION_PATTERN = r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$"
NAME_PATTERN = r"^[a-z][a-z0-9_]{0,63}$"
# A LaTeX symbol such as ``N_{\mathrm{P}}``: no dots, quotes, parentheses or operators, so no text that could
# be read as code (the symbol is only compared with the method's, never parsed).
SYMBOL_PATTERN = r"^[A-Za-z0-9_^{}\\ ]{1,64}$"
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")

#: How a value was checked against its source: the one definition of the markers used in notes, data files,
#: the reference notes, the app and the reports' glossary.
VERIFICATION_LABELS = {
    "V": "verified: read in the cited primary source",
    "2nd": "secondary: read in a named secondary source that quotes or reports the primary one",
    "C": "computed here from stated inputs, with the arithmetic shown",
    "U": "unverified: not read in any source we could check; shown only with this mark, never as the source's figure",
}

#: The source's own judgement of how plausible an estimate is, as a set records it in ``[plausibility]``: the one
#: definition of the words the compare table, the ladder and the combined forecast use. A set whose source gave no
#: judgement has none (``None``), which is not the same as "less plausible".
PLAUSIBILITY_JUDGEMENTS = {
    "most plausible": "the source judged this estimate among its most plausible ones",
    "less plausible": "the source judged this estimate less plausible than its most plausible ones "
    "(for example, outside the consensus it reports)",
}

# Strict numbers: a TOML ``true`` is not the number 1.
QuantityText = Annotated[str | StrictFloat | StrictInt, Field(description="a number and a unit, e.g. '200 Hz'")]


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class Point(_Strict):
    """No uncertainty: the value is taken as exact."""

    kind: Literal["point"]


class LogNormal(_Strict):
    """Lognormal distribution given by its 5th and 95th percentiles (a 90% interval)."""

    kind: Literal["lognormal"]
    p5: QuantityText
    p95: QuantityText


class LogUniform(_Strict):
    """Log-uniform distribution between ``low`` and ``high`` (equal odds for each order of magnitude)."""

    kind: Literal["loguniform"]
    low: QuantityText
    high: QuantityText


class Normal(_Strict):
    """Normal distribution given by its 5th and 95th percentiles; for quantities that may be negative."""

    kind: Literal["normal"]
    p5: QuantityText
    p95: QuantityText


Uncertainty = Annotated[Point | LogNormal | LogUniform | Normal, Field(discriminator="kind")]


class SourceEntry(_Strict):
    """A publication: the full citation (author, year, title, venue) and where to find it."""

    citation: str = Field(min_length=10, max_length=2000)
    url: str | None = Field(default=None, max_length=2000)

    @field_validator("citation")
    @classmethod
    def _has_year(cls, citation: str) -> str:
        if not _YEAR.search(citation):
            raise ValueError("a citation must name the year of publication (author, year, title)")
        return citation

    @field_validator("url")
    @classmethod
    def _is_web_address(cls, url: str | None) -> str | None:
        if url is not None and not re.match(r"^https?://\S+$", url):
            raise ValueError("a url must start with http:// or https:// and contain no spaces")
        return url


class ParameterEntry(_Strict):
    """One parameter of a set: its value with unit, uncertainty, citation and note."""

    value: QuantityText
    symbol: str | None = Field(default=None, max_length=64, pattern=SYMBOL_PATTERN)
    uncertainty: Uncertainty | None = None
    source: str = Field(min_length=1, max_length=64)
    where: str = Field(min_length=1, max_length=500, description="page, section, table or figure")
    note: str = Field(min_length=1, max_length=5000)
    verification: str | None = Field(default=None, description="how the value was checked: a VERIFICATION_LABELS key")
    via: str | None = Field(
        default=None, max_length=64, description="the [sources] key of the secondary source the value was read in"
    )

    @field_validator("verification")
    @classmethod
    def _known_marker(cls, verification: str | None) -> str | None:
        if verification is not None and verification not in VERIFICATION_LABELS:
            codes = ", ".join(f"'{code}' ({text.split(':')[0]})" for code, text in VERIFICATION_LABELS.items())
            raise ValueError(f"must be one of {codes}")
        return verification

    @model_validator(mode="after")
    def _via_names_the_secondary(self) -> ParameterEntry:
        if self.verification == "2nd" and self.via is None:
            raise ValueError("verification '2nd' needs 'via': the [sources] key of the secondary source read")
        if self.via is not None and self.verification != "2nd":
            raise ValueError("'via' names a secondary source, so it goes with verification = '2nd'")
        if self.via is not None and self.via == self.source:
            raise ValueError("'via' must name a secondary source other than the parameter's own 'source'")
        return self


class PlausibilityEntry(_Strict):
    """The source's own judgement of the estimate's plausibility, with where the source makes it."""

    judgement: str
    source: str = Field(min_length=1, max_length=64)
    where: str = Field(min_length=1, max_length=500, description="page, section, table or figure")
    note: str = Field(min_length=1, max_length=5000)

    @field_validator("judgement")
    @classmethod
    def _known_judgement(cls, judgement: str) -> str:
        if judgement not in PLAUSIBILITY_JUDGEMENTS:
            raise ValueError(f"must be one of {', '.join(repr(j) for j in PLAUSIBILITY_JUDGEMENTS)}")
        return judgement


class Correlation(_Strict):
    """A rank (Spearman) correlation between two uncertain parameters, applied with a Gaussian copula."""

    between: tuple[str, str]
    rank: float = Field(ge=-1.0, le=1.0, allow_inf_nan=False)


class SetFile(_Strict):
    """A whole assumption file (schema version 1)."""

    schema_version: Literal[1]
    id: str = Field(pattern=ID_PATTERN)
    version: str = Field(pattern=VERSION_PATTERN)
    date: dt.date
    title: str = Field(min_length=1, max_length=300)
    method: str = Field(pattern=NAME_PATTERN)
    description: str = Field(default="", max_length=20000)
    changelog: list[str] = Field(min_length=1, max_length=1000)
    sources: dict[str, SourceEntry] = Field(min_length=1, max_length=200)
    parameters: dict[str, ParameterEntry] = Field(min_length=1, max_length=200)
    correlations: list[Correlation] = Field(default_factory=list, max_length=1000)
    plausibility: PlausibilityEntry | None = None

    @field_validator("parameters")
    @classmethod
    def _parameter_names(cls, parameters: dict[str, ParameterEntry]) -> dict[str, ParameterEntry]:
        for name in parameters:
            if not re.match(NAME_PATTERN, name) or keyword.iskeyword(name):
                raise ValueError(f"parameter name {name!r} must be lower_snake_case letters, digits and underscores")
        return parameters

    @model_validator(mode="after")
    def _sources_exist(self) -> SetFile:
        for name, entry in self.parameters.items():
            if entry.source not in self.sources:
                known = ", ".join(sorted(self.sources))
                raise ValueError(
                    f"parameter '{name}' cites source '{entry.source}', which is not in [sources] (known: {known})"
                )
            if entry.via is not None and entry.via not in self.sources:
                known = ", ".join(sorted(self.sources))
                raise ValueError(
                    f"parameter '{name}' was read via source '{entry.via}', which is not in [sources] (known: {known})"
                )
        if self.plausibility is not None and self.plausibility.source not in self.sources:
            known = ", ".join(sorted(self.sources))
            raise ValueError(
                f"plausibility cites source '{self.plausibility.source}', which is not in [sources] (known: {known})"
            )
        if not any(line.startswith(f"{self.version}:") for line in self.changelog):
            raise ValueError(f"changelog needs an entry starting with '{self.version}:' for this version")
        return self
