r"""Whole-brain emulation: the compute needed to emulate a brain at a chosen level of detail.

Sandberg, A. & Bostrom, N. (2008). *Whole Brain Emulation: A Roadmap*. Technical Report 2008-3, Future of
Humanity Institute, University of Oxford, http://www.fhi.ox.ac.uk/reports/2008-3.pdf, Table 9 ("Processing
demands (emulation only, human brain)", pp. 80-81).

The roadmap numbers its levels of emulation detail (Table 2); Table 9 gives the processing each needs, from an
analog network population model (level 3, 1e15 FLOP/s) and a spiking neural network (level 4, 1e18) through
electrophysiology (1e22), the metabolome (1e25), the proteome (1e26), states of protein complexes (1e27) and the
distribution of complexes (1e30) to the stochastic behaviour of single molecules (level 10, 1e43). Each row
lists entities, FLOPS per entity and time steps per second, but for levels 4 and 5 those columns do not multiply
to the row's CPU demand, so the method carries the published demand as its one parameter rather than a product
that would not reproduce it:

.. math::

    F = F_{\mathrm{level}}

The workshop behind the roadmap judged levels 4-6 the most plausible ("The consensus appeared to be level
4-6", p. 14); each set records that judgement as ``[plausibility]``, so that levels 7-10 (up to 1e43) are not
read as equals of the consensus levels.

**One set per level, not one set with a level parameter.** A level is a choice between models, not a
quantity: it has no unit, no order of magnitude to interpolate between and no meaningful uncertainty, while
the method contract is built on quantities with units. A set per level (``sandberg-bostrom-2008-<level>``)
gives each figure its own citation, verification marker and plausibility, puts each level on the comparison
ladder as its own line, and lets ``brainflops diff`` compare two levels.
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
