"""Estimation methods, one module each, all following :class:`brainflops.methods.base.Method`."""

from __future__ import annotations

from brainflops.errors import AssumptionError
from brainflops.methods.base import CompiledModel, Method, ParameterSpec, Term
from brainflops.methods.dettmers import DETTMERS_CONVOLUTION, DETTMERS_SPACETIME
from brainflops.methods.emulation import EMULATION_LEVEL
from brainflops.methods.functional import FUNCTIONAL_SCALING
from brainflops.methods.landauer import LANDAUER_LIMIT
from brainflops.methods.published import PUBLISHED_FIGURE
from brainflops.methods.synaptic import SYNAPTIC
from brainflops.methods.teps import TEPS

__all__ = ["METHODS", "CompiledModel", "Method", "ParameterSpec", "Term", "get_method", "register_method"]

#: Every method by name.
METHODS: dict[str, Method] = {
    m.name: m
    for m in (
        DETTMERS_SPACETIME,
        DETTMERS_CONVOLUTION,
        SYNAPTIC,
        FUNCTIONAL_SCALING,
        TEPS,
        EMULATION_LEVEL,
        LANDAUER_LIMIT,
        PUBLISHED_FIGURE,
    )
}


def get_method(name: str) -> Method:
    """Return the method called ``name``.

    Parameters
    ----------
    name : str
        The method's name, as in an assumption file's ``method = "..."``.

    Returns
    -------
    Method

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


def register_method(method: Method, *, replace: bool = False) -> Method:
    """Make ``method`` available to assumption files (``method = "<its name>"``) without editing the package.

    Shipped methods are listed in :data:`METHODS` by this module; use this for a method of your own, from a
    notebook or your own package (see ``docs/adding-a-method.md``). Registration lasts for the process.

    Parameters
    ----------
    method : Method
        The method; its formula was unit-checked when it was defined.
    replace : bool
        Allow replacing a registered method of the same name (off by default, so that a shipped method is
        not shadowed by accident).

    Returns
    -------
    Method
        ``method``, so that the call can wrap the definition.

    Raises
    ------
    AssumptionError
        ``method`` is not a :class:`Method`, or its name is taken and ``replace`` is false.
    """
    if not isinstance(method, Method):
        raise AssumptionError("register_method takes a Method", expected="Method", found=type(method).__name__)
    if method.name in METHODS and METHODS[method.name] is not method and not replace:
        raise AssumptionError(
            f"a method called '{method.name}' is already registered (pass replace=True to replace it)",
            found=method.name,
        )
    METHODS[method.name] = method
    return method
