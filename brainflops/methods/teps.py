r"""Communication-based: the brain's traversed edges per second, at the TEPS-per-FLOP/s of computers.

AI Impacts, "Brain performance in TEPS" (2015),
https://wiki.aiimpacts.org/ai_timelines/brain_performance_in_teps.

Instead of counting operations, count communication: the brain as a graph whose edges are synapses and
whose traversals are spikes through them, measured in traversed edges per second (TEPS, the Graph500
benchmark's unit). AI Impacts puts the brain at 0.18–6.4 × 1e14 TEPS and finds that computers deliver about
1.7 GTEPS per TFLOP/s, so a computer that matches the brain in TEPS would do about 0.9–33.7 × 1e16 FLOP/s:

.. math::

    F = R \, \frac{T}{e}

with :math:`T` the brain's traversed edges per second, :math:`e` the computers' TEPS per FLOP/s and
:math:`R` a reconciliation factor. The page's FLOP/s bounds are not exactly its TEPS bounds ÷ 1.7 GTEPS per
TFLOP/s (that gives 1.06–37.6 × 1e16, not 0.9–33.7 × 1e16: the implied ratio is 500–527 FLOP per traversed
edge, not 588); :math:`R` makes that gap explicit, as the Dettmers method does, so the set reproduces the
published figure while :math:`T` and :math:`e` keep their cited values. Set :math:`R` = 1 for the plain
quotient.
"""

from __future__ import annotations

from brainflops.methods.base import Method, ParameterSpec, Term

__all__ = ["TEPS"]

TEPS = Method(
    name="teps",
    title="Brain traversed edges per second ÷ computers' TEPS per FLOP/s",
    parameters=(
        ParameterSpec("brain_teps", "T", "TEPS", "The brain's traversed edges per second [TEPS]."),
        ParameterSpec(
            "teps_per_flops",
            "e",
            "traversed_edge/FLOP",
            "Computers' traversed edges per second per FLOP/s [traversed_edge/FLOP].",
        ),
        ParameterSpec(
            "reconciliation_factor",
            "R",
            "dimensionless",
            "Published figure ÷ the plain quotient T/e [1].",
        ),
    ),
    terms=(
        Term(
            "communication",
            "Traversed edges per second at computers' TEPS per FLOP/s",
            lambda s: s["reconciliation_factor"] * s["brain_teps"] / s["teps_per_flops"],
        ),
    ),
    reference=__doc__ or "",
)
