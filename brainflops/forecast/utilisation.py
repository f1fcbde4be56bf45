"""Utilisation: the fraction of a cluster's dense peak that large training runs achieve (model FLOP utilisation).

A cluster's peak is not what a training run gets. Model FLOP utilisation (MFU) = achieved model FLOP/s ÷ dense
peak at the training precision; large dense runs on modern clusters reach roughly 30–56% (PaLM 46%, Llama 3
38–43%, Megatron-LM 52–56%). The deep-learning frame multiplies the largest cluster's peak by this fraction,
and "accelerators per brain" divides by it; a utilisation of 1 gives raw peak.

The cited figures and the distribution (lognormal through a 90% interval, clipped at 1) live in
``assumptions/forecast/utilisation/<id>@<version>.toml``.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pydantic
from pydantic import Field

from brainflops.errors import BrainflopsError
from brainflops.forecast.files import Strict, VersionedFile, load_forecast_file

__all__ = ["DEFAULT_UTILISATION", "Utilisation", "load_utilisation", "utilisation_value"]

#: The shipped utilisation file used by default.
DEFAULT_UTILISATION = "mfu-large-training-runs"

_Z95 = 1.6448536269514722


class Observation(Strict):
    """One measured utilisation, with its source."""

    run: str = Field(min_length=1, max_length=200)
    hardware: str = Field(min_length=1, max_length=200)
    mfu: float = Field(gt=0, le=1)
    source: str = Field(min_length=1, max_length=64)
    where: str = Field(min_length=1, max_length=500)
    label: str = Field(pattern=r"^(V|2nd|C)$")
    note: str = Field(default="", max_length=2000)


class UtilisationFile(VersionedFile):
    """A utilisation file (schema version 1)."""

    p5: float = Field(gt=0, le=1)
    p95: float = Field(gt=0, le=1)
    rationale: str = Field(min_length=1, max_length=5000)
    observations: list[Observation] = Field(min_length=1, max_length=200)

    @pydantic.model_validator(mode="after")
    def _consistent(self) -> UtilisationFile:
        if not self.p5 < self.p95:
            raise ValueError(f"p5 ({self.p5}) must be below p95 ({self.p95})")
        for o in self.observations:
            if o.source not in self.sources:
                raise ValueError(f"observation '{o.run}' cites source '{o.source}', which is not in [sources]")
        return self


@dataclass(frozen=True)
class Utilisation:
    """The fraction of dense peak large training runs achieve, as a distribution.

    Attributes
    ----------
    ref : str
        ``id@version`` of the file, or ``"fixed"`` for a value set by hand.
    median, p5, p95 : float
        The fraction (0–1]: median and 90% interval [1].
    observations : pandas.DataFrame
        The cited measurements (run, hardware, MFU, source, where, label, note); empty for a fixed value.
    citation : str
        The sources, one per line.
    hash : str
        sha256 of the file's canonical content (empty for a fixed value).
    """

    ref: str
    median: float
    p5: float
    p95: float
    observations: pd.DataFrame
    citation: str
    hash: str = ""

    @property
    def fixed(self) -> bool:
        """True for a single value without uncertainty (e.g. 1 for raw peak)."""
        return self.p5 == self.p95

    def draws(self, n: int, rng: np.random.Generator) -> np.ndarray:
        """``n`` draws of the fraction: lognormal through the 90% interval, clipped at 1 [1]."""
        if self.fixed:
            return np.full(n, self.median)
        mu = math.log(self.median)
        sigma = (math.log(self.p95) - math.log(self.p5)) / (2 * _Z95)
        return np.minimum(np.exp(rng.normal(mu, sigma, n)), 1.0)

    def __str__(self) -> str:
        from brainflops.formatting import format_percent

        if self.fixed:
            return f"utilisation {format_percent(self.median)} of dense peak (set by hand)"
        return (
            f"utilisation {format_percent(self.median)} of dense peak [90%: {format_percent(self.p5)}–"
            f"{format_percent(self.p95)}] ({self.ref})"
        )

    def to_frame(self) -> pd.DataFrame:
        """The cited observations."""
        return self.observations.copy()


def load_utilisation(ref: str | os.PathLike[str] | float | Utilisation = DEFAULT_UTILISATION) -> Utilisation:
    """The utilisation distribution: a shipped file (by id, ``id@version`` or path), or one fixed fraction.

    Parameters
    ----------
    ref : str, PathLike, float or Utilisation
        A file reference, or a fraction in (0, 1] [1] such as ``1`` for raw peak.

    Raises
    ------
    BrainflopsError
        A fraction outside (0, 1], or a bad file (named with the key).
    """
    if isinstance(ref, Utilisation):
        return ref
    if isinstance(ref, int | float) and not isinstance(ref, bool):
        value = float(ref)
        if not (0 < value <= 1) or not math.isfinite(value):
            raise BrainflopsError(
                f"utilisation must be a fraction of peak in (0, 1], found {value:g}",
                parameter="utilisation",
                expected="a number in (0, 1]",
                found=f"{value:g}",
            )
        return Utilisation("fixed", value, value, value, pd.DataFrame(), "set by hand")
    loaded = load_forecast_file(ref, "utilisation", UtilisationFile)
    spec = loaded.spec
    rows = pd.DataFrame([o.model_dump() for o in spec.observations])
    citation = "\n".join(f"{s.citation}" + (f" {s.url}" if s.url else "") for s in spec.sources.values())
    return Utilisation(loaded.ref, math.sqrt(spec.p5 * spec.p95), spec.p5, spec.p95, rows, citation, loaded.hash)


def utilisation_value(text: str) -> float | str:
    """A command-line utilisation: a number (``"1"``, ``"0.4"``) or a file reference, unchanged."""
    try:
        return float(text)
    except ValueError:
        return text
