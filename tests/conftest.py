"""Shared fixtures: a valid set as text, and a helper that writes variants of it to files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

# Forecasts are dated from "today" (projected years are never earlier; the ledger counts years overdue). Fix it
# for the tests and for the commands they run, so that results and the pasted documentation output reproduce.
os.environ.setdefault("BRAINFLOPS_TODAY", "2026-11-29")

VALID_SET = """\
schema_version = 1
id = "test-set"
version = "1.0.0"
date = 2020-01-01
title = "A test set"
method = "synaptic"
changelog = ["1.0.0: first version"]

[sources.merkle1989]
citation = "Merkle, R. C. (1989). Energy Limits to the Computational Power of the Human Brain. Foresight Update 6."
url = "https://ralphmerkle.com/brainLimits.html"

[parameters.synapses]
value = "1e15 synapse"
source = "merkle1989"
where = "section 'Other Estimates'"
note = "roughly 1e15 synapses"

[parameters.firing_rate]
value = "10 Hz"
source = "merkle1989"
where = "section 'Other Estimates'"
note = "about 10 impulses per second"

[parameters.flop_per_synaptic_event]
value = "1 FLOP/synapse"
source = "merkle1989"
where = "section 'Other Estimates'"
note = "one FLOP per synapse operation"
"""


@pytest.fixture
def valid_text() -> str:
    return VALID_SET


@pytest.fixture
def write_set(tmp_path: Path):
    """Write TOML text (default: the valid set) to ``tmp_path/name`` and return the path."""

    def write(text: str = VALID_SET, name: str = "test-set@1.0.0.toml", folder: Path | None = None) -> Path:
        target = (folder or tmp_path) / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        return target

    return write


# --- Hypothesis profiles (issue 9): a bounded run in CI, a long one on demand ---------------------------
# HYPOTHESIS_PROFILE=long pytest tests/test_fuzz.py   runs 5,000 examples per fuzz test.
import os  # noqa: E402

from hypothesis import HealthCheck, settings  # noqa: E402

FUZZ_EXAMPLES = {"ci": 150, "long": 5000}
settings.register_profile(
    "ci", max_examples=FUZZ_EXAMPLES["ci"], deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "long", max_examples=FUZZ_EXAMPLES["long"], deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
