"""The forecast ledger: published hardware-parity forecasts as cited data, each scored against the record.

Each forecast (``assumptions/forecast/ledger/<id>@<version>.toml``) names a threshold [FLOP/s], a hardware
class, the record that measures that class (a series of :mod:`brainflops.hardware.series`, at a precision and
times a budget where it is one) and the predicted year or window. The score comes from the data:

- **reached** — the first date the record passed the threshold, and whether that was early, on time (inside the
  forecast's window, or its year) or late, by how many years: "reached in June 2005: early by 3 years";
- **not yet** — pending while the forecast's year is ahead, overdue once it has passed, with today's gap in
  doublings: "not yet: pending, today's gap 0.95 doublings".

Forecasts labelled ``U`` (their year is not verified) are scored too, and say so.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass, field
from typing import Literal

import pandas as pd
import pydantic
from pydantic import Field

from brainflops import schema
from brainflops.errors import AssumptionError, BrainflopsError
from brainflops.forecast.files import Strict, VersionedFile, load_forecast_file
from brainflops.forecast.parity import today_year
from brainflops.formatting import format_month, format_sci, significant
from brainflops.hardware.series import SERIES, SHORT_NAMES, Series, get_series
from brainflops.units import parse_quantity

__all__ = ["DEFAULT_LEDGER", "Ledger", "LedgerEntry", "ledger", "render_ledger", "score"]

#: The shipped ledger used by default.
DEFAULT_LEDGER = "published-forecasts"


class ForecastSpec(Strict):
    """One published forecast as written in the ledger file."""

    key: str = Field(pattern=schema.ID_PATTERN)
    who: str = Field(min_length=1, max_length=200)
    year: int = Field(ge=1900, le=2100)
    threshold: str = Field(min_length=1, max_length=100)
    hardware: str = Field(min_length=1, max_length=200)
    record: Literal[tuple(SERIES)]  # type: ignore[valid-type]
    precision: str | None = None
    budget: str | None = None
    predicted: int = Field(ge=1900, le=2300)
    predicted_to: int | None = Field(default=None, ge=1900, le=2300)
    claim: str = Field(min_length=1, max_length=2000)
    source: str = Field(min_length=1, max_length=64)
    where: str = Field(min_length=1, max_length=500)
    label: Literal["V", "2nd", "U"]
    note: str = Field(default="", max_length=2000)


class LedgerFile(VersionedFile):
    """A ledger file (schema version 1)."""

    forecasts: list[ForecastSpec] = Field(min_length=1, max_length=500)

    @pydantic.model_validator(mode="after")
    def _consistent(self) -> LedgerFile:
        seen = set()
        for i, f in enumerate(self.forecasts):
            where = f"forecasts[{i}] ({f.key})"
            if f.key in seen:
                raise ValueError(f"{where}: the key '{f.key}' appears twice")
            seen.add(f.key)
            if f.source not in self.sources:
                raise ValueError(f"{where} cites source '{f.source}', which is not in [sources]")
            if f.predicted_to is not None and f.predicted_to < f.predicted:
                raise ValueError(f"{where}: predicted_to {f.predicted_to} is before predicted {f.predicted}")
        return self


@dataclass(frozen=True)
class LedgerEntry:
    """One published forecast and its score against the record.

    Attributes
    ----------
    key, who : str
        Identity and author(s).
    year : int
        Year of publication.
    threshold : float
        The brain figure the forecast used [FLOP/s].
    hardware : str
        The hardware class and budget, in words.
    record : str
        The series that measures that class (with its precision and budget in ``record_label``).
    record_label : str
        The record in words.
    predicted, predicted_to : int
        The predicted year, or the first and last year of the predicted window.
    claim, citation, where, label, note : str
        What was claimed (paraphrase), its source, where in it, the verification label, and notes.
    reached : float or None
        When the record first reached the threshold [decimal year]; ``None`` if not yet.
    reached_by : str or None
        The system (or device) that did.
    status : str
        ``"early"``, ``"on time"``, ``"late"``, ``"pending"`` or ``"overdue"``.
    years_off : int
        Years early or late (calendar years); years overdue so far for ``"overdue"``; 0 otherwise.
    gap_doublings : float
        Doublings from today's record to the threshold; 0 once reached.
    latest : float
        Today's record of the class [FLOP/s].
    """

    key: str
    who: str
    year: int
    threshold: float
    hardware: str
    record: str
    record_label: str
    predicted: int
    predicted_to: int
    claim: str
    citation: str
    where: str
    label: str
    note: str
    reached: float | None
    reached_by: str | None
    status: str
    years_off: int
    gap_doublings: float
    latest: float

    @property
    def forecast_text(self) -> str:
        """The predicted year or window: ``"2008"``, ``"2004–2008"``."""
        return str(self.predicted) if self.predicted_to == self.predicted else f"{self.predicted}–{self.predicted_to}"

    @property
    def verdict(self) -> str:
        """The score in words: "reached in June 2005 (BlueGene/L): early by 3 years"."""
        unverified = " (the forecast's year is unverified)" if self.label == "U" else ""
        gap = f"today's gap {significant(self.gap_doublings)} doublings"
        if self.reached is not None:
            when = f"reached in {format_month(self.reached)} ({self.reached_by})"
            if self.status == "on time":
                return f"{when}: on time{unverified}"
            years = "year" if self.years_off == 1 else "years"
            return f"{when}: {self.status} by {self.years_off} {years}{unverified}"
        if self.status == "overdue":
            years = "year" if self.years_off == 1 else "years"
            return f"not yet: overdue by {self.years_off} {years} so far, {gap}{unverified}"
        return f"not yet: pending, {gap}{unverified}"

    def __str__(self) -> str:
        return (
            f"{self.who} ({self.year}), {format_sci(self.threshold, 'FLOP/s')} on {self.hardware}, forecast "
            f"{self.forecast_text}: {self.verdict}"
        )


def score(
    threshold: float,
    record: Series,
    predicted: int,
    predicted_to: int | None = None,
    *,
    today: float | None = None,
) -> tuple[float | None, str | None, str, int, float]:
    """Score one forecast against a record.

    Parameters
    ----------
    threshold : float
        The forecast's brain figure [FLOP/s].
    record : Series
        The series measuring the forecast's hardware class, already times its budget [FLOP/s].
    predicted, predicted_to : int
        The predicted year, or the window's first and last year.
    today : float, optional
        The present [decimal year]; today's date by default.

    Returns
    -------
    (reached, reached_by, status, years_off, gap_doublings)
        See :class:`LedgerEntry`.
    """
    last = predicted if predicted_to is None else predicted_to
    r = record.record()
    hit = r.first_reached(threshold)
    if hit is not None:
        when, name = hit
        year = math.floor(when)
        if year < predicted:
            return when, name, "early", predicted - year, 0.0
        if year > last:
            return when, name, "late", year - last, 0.0
        return when, name, "on time", 0, 0.0
    gap = math.log2(threshold / float(r.y[-1]))
    now = math.floor(today if today is not None else today_year())
    if now > last:
        return None, None, "overdue", now - last, gap
    return None, None, "pending", 0, gap


@dataclass(frozen=True)
class Ledger:
    """Published hardware-parity forecasts scored against the record.

    Attributes
    ----------
    ref : str
        ``id@version`` of the ledger file.
    hash : str
        sha256 of its canonical content.
    entries : tuple of LedgerEntry
        The forecasts, in file order.
    """

    ref: str
    hash: str
    entries: tuple[LedgerEntry, ...] = field(repr=False)

    def to_frame(self) -> pd.DataFrame:
        """One row per forecast: who, when, threshold, hardware, record, forecast, reached, status, gap, label."""
        return pd.DataFrame(
            [
                {"key": e.key, "who": e.who, "year": e.year, "threshold_flops": e.threshold, "hardware": e.hardware,
                 "record": e.record_label, "predicted": e.predicted, "predicted_to": e.predicted_to,
                 "reached": e.reached, "reached_by": e.reached_by, "status": e.status, "years_off": e.years_off,
                 "gap_doublings": e.gap_doublings, "verdict": e.verdict, "label": e.label, "source": e.citation}
                for e in self.entries
            ]
        )  # fmt: skip

    def __str__(self) -> str:
        return render_ledger(self)

    def __repr__(self) -> str:
        return f"Ledger({self.ref}, {len(self.entries)} forecasts)"

    def _repr_html_(self) -> str:
        return self.to_frame().drop(columns=["source", "reached", "reached_by"]).to_html(index=False)


def _record(spec: ForecastSpec, label: str, cache: dict) -> tuple[Series, str]:
    key = (spec.record, spec.precision)
    if key not in cache:
        try:
            cache[key] = get_series(spec.record, precision=spec.precision)
        except BrainflopsError as exc:
            raise AssumptionError(f"'{spec.key}': {exc.message}", file=label) from None
    series = cache[key]
    words = SHORT_NAMES.get(spec.record, spec.record)
    if spec.budget is None:
        return series, words
    from brainflops.formatting import format_money
    from brainflops.hardware.datasets import PRECISION_NAMES

    try:
        budget = float(parse_quantity(spec.budget).to("USD").magnitude)
    except Exception:
        raise AssumptionError(f"'{spec.key}.budget': expected an amount in USD, found '{spec.budget}'",
                              file=label) from None  # fmt: skip
    from brainflops.hardware.projection import scaled_series

    scaled = scaled_series(series, math.log10(budget), "FLOP/s")
    market = "datacenter " if spec.record == "datacenter-flops-per-dollar" else ""
    precision = PRECISION_NAMES.get(spec.precision or "", spec.precision or "")
    return scaled, f"{format_money(budget)} at the best {market}{precision} FLOP/s per launch dollar"


def ledger(ref: str | os.PathLike[str] = DEFAULT_LEDGER, *, today: float | None = None) -> Ledger:
    """Load the ledger of published forecasts and score each against the record.

    Parameters
    ----------
    ref : str or PathLike
        A ledger file by id, ``id@version`` or path; the shipped ``published-forecasts`` by default.
    today : float, optional
        The present [decimal year], for "pending" versus "overdue"; today's date by default.

    Returns
    -------
    Ledger

    Raises
    ------
    AssumptionError
        A bad file (named with the key), a threshold that is not FLOP/s, an unknown record series or precision.
    """
    loaded = load_forecast_file(ref, "ledger", LedgerFile)
    spec = loaded.spec
    cache: dict = {}
    entries = []
    for f in spec.forecasts:
        try:
            threshold = float(parse_quantity(f.threshold).to("FLOP/s").magnitude)
        except Exception:
            raise AssumptionError(f"'{f.key}.threshold': expected FLOP/s, found '{f.threshold}'",
                                  file=loaded.label) from None  # fmt: skip
        if not threshold > 0:
            raise AssumptionError(f"'{f.key}.threshold': must be positive, found '{f.threshold}'", file=loaded.label)
        series, words = _record(f, loaded.label, cache)
        reached, by, status, off, gap = score(threshold, series, f.predicted, f.predicted_to, today=today)
        source = spec.sources[f.source]
        entries.append(LedgerEntry(
            f.key, f.who, f.year, threshold, f.hardware, f.record, words, f.predicted, f.predicted_to or f.predicted,
            f.claim, source.citation + (f" {source.url}" if source.url else ""), f.where, f.label, f.note, reached,
            by, status, off, gap, float(series.record().y[-1]),
        ))  # fmt: skip
    return Ledger(loaded.ref, loaded.hash, tuple(entries))


def render_ledger(result: Ledger) -> str:
    """The ledger for people: one line per forecast — who, threshold, hardware, forecast, and the verdict.

    Parameters
    ----------
    result : Ledger
        From :func:`ledger`.
    """
    lines = [f"{result.ref}: {len(result.entries)} published forecasts of hardware parity, scored against the record"]
    for e in result.entries:
        label = "" if e.label == "V" else f" [{e.label}]"
        lines.append(f"  {e.who} ({e.year}){label}: {format_sci(e.threshold, 'FLOP/s')} on {e.hardware}, forecast "
                     f"{e.forecast_text} — {e.verdict}")  # fmt: skip
        lines.append(f"      record: {e.record_label}")
    lines.append("Labels: [2nd] read in a named secondary source; [U] unverified (see the note); no label: read in "
                 "the primary source.")  # fmt: skip
    return "\n".join(lines)
