"""Property-based fuzzing: random and mutated sets through load → estimate → sample; valid sets → report.

Properties: the only exceptions are the project's own (:class:`brainflops.BrainflopsError` and its
subclasses), and every figure that comes out without an error is a finite, positive FLOP/s. The number of
examples comes from the Hypothesis profile (``ci`` by default; ``HYPOTHESIS_PROFILE=long`` for more).
"""

from __future__ import annotations

import math
import tempfile
from pathlib import Path

from hypothesis import example, given, settings

import brainflops as bf
from brainflops.assumptions import parse_set
from brainflops.uncertainty import sample

from . import strategies
from .conftest import REPO, VALID_SET


def _finite_positive(value: float, what: str) -> None:
    assert math.isfinite(value) and value > 0, f"{what} is {value!r} FLOP/s without an error"


def _pipeline(data: bytes) -> None:
    try:
        s = parse_set(data, "fuzz.toml")
        e = bf.estimate(s)
        _finite_positive(e.flops, "the point estimate")
        for name, q in e.contributions.items():
            assert math.isfinite(float(q.magnitude)), f"term {name} is {q}"
        for exact in (None, False):
            d = sample(s, 500, 0, exact=exact, chunk_size=256, workers=1)
            for q, value in d.percentiles.items():
                _finite_positive(value, f"percentile {q:g} ({d.how})")
            assert math.isfinite(d.log10_mean) and math.isfinite(d.log10_std)
    except bf.BrainflopsError as exc:
        message = str(exc)
        assert message.strip() and "\n" not in message.strip(), f"error message not one line: {message!r}"


@given(strategies.documents())
@example(VALID_SET.encode())
# Regressions the fuzzer and the corpus found (each fixed at its cause):
@example(VALID_SET.replace('"10 Hz"', "1" + "0" * 400).encode())  # int above float range: OverflowError
@example(VALID_SET.replace('"10 Hz"', "[" * 3000 + "]" * 3000).encode())  # RecursionError in tomllib
@example(VALID_SET.replace('"1e15 synapse"', '"1e300 synapse"').replace('"10 Hz"', '"1e10 Hz"').encode())  # inf
@example(VALID_SET.replace('"1e15 synapse"', '"1e-300 synapse"').replace('"10 Hz"', '"1e-30 Hz"').encode())  # 0
@example(
    VALID_SET.replace(
        'value = "10 Hz"\n', 'value = "10 Hz"\nuncertainty = {kind = "lognormal", p5 = "1e-300 Hz", p95 = "1e300 Hz"}\n'
    ).encode()
)  # exact percentile 1e315: OverflowError
@example(
    (REPO / "assumptions/brain/moravec-1998@1.0.0.toml")
    .read_bytes()
    .replace(b'[parameters.conversion_exponent]\nvalue = "0.89"', b"[parameters.conversion_exponent]\nvalue = 39.0")
)  # (1e8 MIPS)**39 in the unit check: OverflowError from Python float power
@example(VALID_SET.replace('"1e15 synapse"', '"0\\n1"').encode())  # a newline in the message: two lines
def test_fuzz_pipeline_raises_only_project_errors(data: bytes):
    _pipeline(data)


@given(strategies.valid_documents().map(strategies._dump))
def test_fuzz_valid_sets_always_estimate(data: bytes):
    """Valid sets with float-safe values load and give finite positive figures, with no error at all."""
    s = parse_set(data, "fuzz.toml")
    _finite_positive(bf.estimate(s).flops, "the point estimate")
    d = sample(s, 500, 0, exact=False, chunk_size=256, workers=1)
    for q, value in d.percentiles.items():
        _finite_positive(value, f"percentile {q:g}")


@settings(max_examples=max(10, settings().max_examples // 15))
@given(strategies.valid_documents().map(strategies._dump))
# Regression: a valid 1 FLOP/s brain was refused as "a log10 value" by the deep-learning section's guard.
@example(VALID_SET.replace('"1e15 synapse"', '"1 synapse"').replace('"10 Hz"', '"1 Hz"').encode())
def test_fuzz_valid_sets_render_a_report(data: bytes):
    """The report step of the pipeline, on fewer examples: one report costs about a second (comparison, timeline,
    figures), so 10 in CI (about 330 in the long profile); HTML only, the PDF engine is tested in test_report."""
    s = parse_set(data, "fuzz.toml")
    with tempfile.TemporaryDirectory() as folder:
        (written,) = bf.report(s, str(Path(folder) / "fuzz.html"), formats=("html",), n=500, sobol_samples=64)
        assert written.read_text(encoding="utf-8").count("<svg") >= 4


@given(strategies.quantity_text())
def test_fuzz_parse_quantity(text):
    try:
        q = bf.parse_quantity(text)
    except bf.QuantityError:
        return
    assert math.isfinite(float(q.magnitude))
