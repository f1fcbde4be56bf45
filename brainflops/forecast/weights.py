"""Weights over scenarios (and optionally over brain presets) for the combined forecast: a cited, versioned file.

``assumptions/forecast/weights/<id>@<version>.toml`` gives each scenario a frame, a weight and a rationale (and,
for a fixed scenario, the record that dates values already passed); optional ``[presets.<id>]`` tables weight
brain estimates the same way. Weights are judgements: the file says whose and why, and a user can write their
own. Checked on loading, each error naming the file and the key: a negative weight, weights that do not sum to
1, an unknown scenario, preset, frame or record series.

    [scenarios."ai-cluster-record-2019-latest"]
    frame = "deep-learning"
    weight = 0.25
    rationale = "Epoch AI's window: the trend of the clusters that train today's largest models."
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from typing import Literal

import pydantic
from pydantic import Field

from brainflops.errors import AssumptionError, BrainflopsError
from brainflops.forecast.files import Strict, VersionedFile, load_forecast_file
from brainflops.forecast.frames import FRAMES
from brainflops.hardware.series import SERIES

__all__ = ["DEFAULT_WEIGHTS", "ScenarioWeight", "Weights", "load_weights"]

#: The shipped weights file used by default.
DEFAULT_WEIGHTS = "combined-forecast"

_TOLERANCE = 1e-6


class ScenarioEntry(Strict):
    """One scenario's place in the combined forecast."""

    frame: Literal[tuple(FRAMES)]  # type: ignore[valid-type]
    weight: float = Field(ge=0, le=1, allow_inf_nan=False)
    rationale: str = Field(min_length=1, max_length=5000)
    record: Literal[tuple(SERIES)] | None = None  # type: ignore[valid-type]
    sources: list[str] = Field(default_factory=list, max_length=20)


class PresetEntry(Strict):
    """One brain preset's weight, when the combined forecast mixes presets."""

    weight: float = Field(ge=0, le=1, allow_inf_nan=False)
    rationale: str = Field(min_length=1, max_length=5000)
    sources: list[str] = Field(default_factory=list, max_length=20)


class WeightsFile(VersionedFile):
    """A weights file (schema version 1)."""

    utilisation: str = Field(min_length=1, max_length=200)
    anchor: Literal["record", "line"] = "record"
    scenarios: dict[str, ScenarioEntry] = Field(min_length=1, max_length=100)
    presets: dict[str, PresetEntry] = Field(default_factory=dict, max_length=200)

    @pydantic.model_validator(mode="after")
    def _consistent(self) -> WeightsFile:
        for table, entries in (("scenarios", self.scenarios), ("presets", self.presets)):
            for key, entry in entries.items():
                for source in entry.sources:
                    if source not in self.sources:
                        raise ValueError(f"{table}.{key} cites source '{source}', which is not in [sources]")
            if entries:
                total = math.fsum(e.weight for e in entries.values())
                if abs(total - 1.0) > _TOLERANCE:
                    raise ValueError(f"the weights of [{table}] sum to {total:.6g}, not 1")
        return self


@dataclass(frozen=True)
class ScenarioWeight:
    """A scenario in the combined forecast.

    Attributes
    ----------
    scenario : str
        The scenario's id (or ``id@version``).
    frame : str
        A key of :data:`~brainflops.forecast.frames.FRAMES`.
    weight : float
        Its share of the combined forecast [1].
    rationale : str
        Why this weight.
    record : str or None
        For a fixed scenario, the series whose record dates values already passed.
    """

    scenario: str
    frame: str
    weight: float
    rationale: str
    record: str | None


@dataclass(frozen=True)
class Weights:
    """A validated weights file.

    Attributes
    ----------
    ref : str
        ``id@version``.
    hash : str
        sha256 of the canonical content.
    title : str
        As in the file.
    scenarios : tuple of ScenarioWeight
        The weighted scenarios, in file order.
    presets : dict of str to float
        Brain preset -> weight (empty when the file weights no presets).
    preset_rationales : dict of str to str
        Brain preset -> why.
    utilisation : str
        The utilisation file the deep-learning frame uses.
    anchor : str
        ``"record"`` or ``"line"``.
    citations : tuple of str
        The file's sources.
    """

    ref: str
    hash: str
    title: str
    scenarios: tuple[ScenarioWeight, ...]
    presets: dict[str, float]
    preset_rationales: dict[str, str]
    utilisation: str
    anchor: str
    citations: tuple[str, ...]

    def frame_weights(self, frame: str) -> dict[str, float]:
        """The scenarios of one frame with their weights renormalised to sum to 1 (empty if none)."""
        chosen = {w.scenario: w.weight for w in self.scenarios if w.frame == frame}
        total = math.fsum(chosen.values())
        return {k: v / total for k, v in chosen.items()} if total > 0 else {}

    def to_frame(self):
        """One row per scenario: frame, weight, rationale."""
        import pandas as pd

        return pd.DataFrame([{"scenario": w.scenario, "frame": w.frame, "weight": w.weight,
                              "rationale": w.rationale} for w in self.scenarios])  # fmt: skip


def load_weights(ref: str | os.PathLike[str] | Weights = DEFAULT_WEIGHTS) -> Weights:
    """Load and check a weights file by id, ``id@version`` or path.

    Parameters
    ----------
    ref : str, PathLike or Weights
        The shipped ``combined-forecast`` by default.

    Raises
    ------
    AssumptionError
        Bad TOML, a negative weight, weights not summing to 1, or an unknown scenario, preset, frame, record
        series or source — named with the file and the key.
    """
    if isinstance(ref, Weights):
        return ref
    from brainflops.assumptions import presets as known_presets
    from brainflops.hardware.scenarios import load_scenario

    loaded = load_forecast_file(ref, "weights", WeightsFile)
    spec = loaded.spec
    for key in spec.scenarios:
        try:
            load_scenario(key)
        except BrainflopsError as exc:
            raise AssumptionError(f"'scenarios.{key}': {exc.message}", file=loaded.label) from None
    if spec.presets:
        shipped = set(known_presets())
        for key in spec.presets:
            if key.split("@")[0] not in shipped:
                raise AssumptionError(f"'presets.{key}': no preset '{key}'", file=loaded.label, found=key)
    return Weights(
        ref=loaded.ref,
        hash=loaded.hash,
        title=spec.title,
        scenarios=tuple(ScenarioWeight(k, e.frame, e.weight, e.rationale, e.record) for k, e in spec.scenarios.items()),
        presets={k: e.weight for k, e in spec.presets.items()},
        preset_rationales={k: e.rationale for k, e in spec.presets.items()},
        utilisation=spec.utilisation,
        anchor=spec.anchor,
        citations=tuple(s.citation + (f" {s.url}" if s.url else "") for s in spec.sources.values()),
    )
