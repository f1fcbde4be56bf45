"""Estimation methods, one module each, all following :class:`brainflops.methods.base.Method`."""

from __future__ import annotations

from brainflops.errors import AssumptionError
from brainflops.methods.base import CompiledModel, Method, ParameterSpec, Term
from brainflops.methods.dettmers import DETTMERS_CONVOLUTION
from brainflops.methods.emulation import EMULATION_LEVEL
from brainflops.methods.functional import FUNCTIONAL_SCALING
from brainflops.methods.published import PUBLISHED_FIGURE
from brainflops.methods.synaptic import SYNAPTIC
from brainflops.methods.teps import TEPS

__all__ = ["METHODS", "CompiledModel", "Method", "ParameterSpec", "Term", "get_method"]

#: Every method by name.
METHODS: dict[str, Method] = {
    m.name: m for m in (DETTMERS_CONVOLUTION, SYNAPTIC, FUNCTIONAL_SCALING, TEPS, EMULATION_LEVEL, PUBLISHED_FIGURE)
}


def get_method(name: str) -> Method:
    """Return the method called ``name``.

    Raises
    ------
    AssumptionError
        If no method has that name; the message lists the known ones.
    """
    try:
        return METHODS[name]
    except KeyError:
        known = ", ".join(sorted(METHODS))
        raise AssumptionError(f"unknown method '{name}' (known methods: {known})", expected=known, found=name) from None
