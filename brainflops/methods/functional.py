r"""Functional scaling: a region's measured function, in instructions per second, scaled up to the brain.

Moravec, H. (1998). "When will computer hardware match the human brain?" Journal of Evolution and
Technology 1, and Moravec (1997), *Robot*, chapter 3, "The retina".

Moravec estimates what the retina *does* rather than how its cells do it: about a million detections (of
edges and motion), ten times a second, each worth about a hundred computer instructions, is a billion
instructions per second (1,000 MIPS). The brain is about 100,000 times larger than the retina, so it needs
about 1e14 instructions per second (1e8 MIPS). To compare with FLOP/s, AI Impacts fits the relation
between the two benchmarks over historical machines, ``MFLOPS = 2.3 × MIPS^0.89``; that power law is part
of the formula here, with its coefficient and exponent as explicit, cited parameters:

.. math::

    F = a \left( \frac{k \, D \, r \, c}{I_0} \right)^{b}

with :math:`D` the region's detections per frame, :math:`r` frames per second, :math:`c` instructions per
detection, :math:`k` brain ÷ region, :math:`I_0` one MIPS (the unit the fit is made in), :math:`a` the FLOP/s
at one MIPS and :math:`b` the exponent. With :math:`a` = 1 MFLOP/s and :math:`b` = 1 one instruction counts
as one FLOP (as Carlsmith (2020) reads Moravec's retina in his functional method).

The formula is a product of powers, so lognormal uncertainties propagate exactly.

References
----------
Moravec, H. (1998). When will computer hardware match the human brain? Journal of Evolution and
Technology 1. AI Impacts (2015). Brain performance in FLOPS. https://aiimpacts.org/brain-performance-in-flops/
"""

from __future__ import annotations

from brainflops.methods.base import Method, ParameterSpec, Term

__all__ = ["FUNCTIONAL_SCALING"]

_PARAMETERS = (
    ParameterSpec("detections", "D", "detection", "Detections the region makes per frame [detection]."),
    ParameterSpec("frame_rate", "r", "Hz", "Frames the region processes per second [Hz]."),
    ParameterSpec(
        "instructions_per_detection",
        "c",
        "instruction/detection",
        "Computer instructions to do one detection [instruction/detection].",
    ),
    ParameterSpec("brain_to_region", "k", "dimensionless", "Brain ÷ region scale factor [1]."),
    ParameterSpec(
        "mips_unit", "I_0", "instruction/s", "One MIPS, the unit the conversion fit is made in [instruction/s]."
    ),
    ParameterSpec(
        "flops_at_one_mips",
        "a",
        "FLOP/s",
        "Coefficient of the MIPS→FLOP/s power law: FLOP/s at one MIPS [FLOP/s] (AI Impacts: 2.3 MFLOP/s).",
    ),
    ParameterSpec("conversion_exponent", "b", "dimensionless", "Exponent of the MIPS→FLOP/s power law [1]."),
)


def _brain(s):
    instructions = s["brain_to_region"] * s["detections"] * s["frame_rate"] * s["instructions_per_detection"]
    return s["flops_at_one_mips"] * (instructions / s["mips_unit"]) ** s["conversion_exponent"]


FUNCTIONAL_SCALING = Method(
    name="functional_scaling",
    title="Region function in instructions/s × brain/region, converted MIPS→FLOP/s by a power law",
    parameters=_PARAMETERS,
    terms=(Term("scaled_region", "The region's instruction rate scaled to the brain, in FLOP/s", _brain),),
    reference=__doc__ or "",
)
