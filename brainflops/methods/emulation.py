r"""Whole-brain emulation: the compute needed to emulate a brain at a chosen level of detail.

Sandberg, A. & Bostrom, N. (2008). *Whole Brain Emulation: A Roadmap*. Technical Report 2008-3, Future of
Humanity Institute, University of Oxford, http://www.fhi.ox.ac.uk/reports/2008-3.pdf, chapter on computer
requirements (figures as summarised by AI Impacts).

The roadmap numbers its levels of emulation detail; levels 4 to 10 run from a spiking neural network
(1e18 FLOP/s) through electrophysiology (1e22), the metabolome (1e25), the proteome (1e26), states of protein
complexes (1e27) and the distribution of complexes (1e30) to the stochastic behaviour of single molecules
(1e43). Each figure is the roadmap's own product of
entities to simulate, FLOP per entity and update rate; those components are not reproduced here (they are
not verified from the report), so the method has one parameter, the FLOP/s a level needs:

.. math::

    F = F_{\mathrm{level}}

**One set per level, not one set with a level parameter.** A level is a choice between models, not a
quantity: it has no unit, no order of magnitude to interpolate between and no meaningful uncertainty, while
the method contract is built on quantities with units. A set per level (``sandberg-bostrom-2008-<level>``)
gives each figure its own citation and its own verification status ([V] or [2nd]) in its note, puts each
level on the comparison ladder as its own line, and lets ``brainflops diff`` compare two levels.
"""

from __future__ import annotations

from brainflops.methods.base import Method, ParameterSpec, Term

__all__ = ["EMULATION_LEVEL"]

EMULATION_LEVEL = Method(
    name="emulation_level",
    title="FLOP/s to emulate a brain at one level of detail (Sandberg & Bostrom 2008)",
    parameters=(
        ParameterSpec(
            "flops_required",
            r"F_{\mathrm{level}}",
            "FLOP/s",
            "Compute to emulate the brain at this level of detail [FLOP/s].",
        ),
    ),
    terms=(Term("emulation", "Emulation at this level of detail", lambda s: s["flops_required"]),),
    reference=__doc__ or "",
)
