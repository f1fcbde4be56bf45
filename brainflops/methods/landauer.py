r"""The limit method: the brain's energy budget spent at the Landauer limit, converted to FLOP/s.

Carlsmith, J. (2020). *How Much Computational Power Does It Take to Match the Human Brain?* Open Philanthropy,
section "The limit method". Landauer, R. (1961). Irreversibility and heat generation in the computing process.
IBM Journal of Research and Development 5(3), 183–191.

Erasing one bit of information dissipates at least :math:`k_B T \ln 2` of heat (Landauer's principle). A brain
that dissipates power :math:`P` at temperature :math:`T` can therefore erase at most :math:`P / (k_B T \ln 2)`
bits per second — about 6.7e21 for 20 W at 310 K. The limit method turns that into a bound on the FLOP/s needed
to match the brain with a conversion from bit erasures to FLOP:

.. math::

    F = \frac{P}{k_B \, T \, \ln 2} \, c_{\mathrm{erase}}

with :math:`c_{\mathrm{erase}}` the FLOP per bit erased. Carlsmith argues (and the experts he consulted agree)
that a FLOP takes at least one bit erasure, so that :math:`c_{\mathrm{erase}} \le 1` and the bound is at most
the erasure rate itself: about 7e21 FLOP/s. The result is an **upper bound**, not an estimate of what the
brain does: the brain need not run at the Landauer limit, and reversible computation erases fewer bits.

The formula is a product of powers, so lognormal uncertainties propagate exactly; :math:`\ln 2` is a constant.
The bit-erasure rate is the same as :func:`brainflops.forecast.energy.landauer_bit_rate` (a test checks it).
"""

from __future__ import annotations

import math

from brainflops.methods.base import Method, ParameterSpec, Term

__all__ = ["LANDAUER_LIMIT"]


def _ln2(s) -> object:
    """ln 2: a sympy constant when the formula is built from symbols (so the LaTeX shows ``\\log 2``), else a float.

    Checked by the values' type so that evaluating the method on numbers or pint quantities never imports sympy.
    """
    if type(s["brain_power"]).__module__.startswith("sympy"):
        import sympy

        return sympy.log(2)
    return math.log(2)


def _bound(s):
    erasures_per_second = s["brain_power"] / (s["boltzmann_constant"] * s["temperature"] * _ln2(s))
    return erasures_per_second * s["flop_per_bit_erasure"]


LANDAUER_LIMIT = Method(
    name="landauer_limit",
    title="Brain power ÷ Landauer's k_B·T·ln 2 per bit erased, × FLOP per bit erased (an upper bound)",
    parameters=(
        ParameterSpec("brain_power", "P", "W", "Power the brain dissipates [W]."),
        ParameterSpec("temperature", "T", "K", "Temperature at which the brain dissipates it [K]."),
        ParameterSpec("boltzmann_constant", "k_B", "J/K", "The Boltzmann constant [J/K]."),
        ParameterSpec(
            "flop_per_bit_erasure",
            r"c_{\mathrm{erase}}",
            "FLOP",
            "FLOP per bit erased: the conversion from bit erasures to floating-point operations [FLOP].",
        ),
    ),
    terms=(Term("landauer_bound", "Bit erasures per second at the Landauer limit, in FLOP/s", _bound),),
    reference=__doc__ or "",
)
