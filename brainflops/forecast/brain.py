"""The brain side of every comparison: samples of log10 brain FLOP/s from a set, a number or an array.

A bare number below 1e3 is refused as probably a log10 value already; samples above 100 are refused as
probably FLOP/s where log10 was expected. Both mistakes are easy to make and silent otherwise.
"""

from __future__ import annotations

import math
import os

import numpy as np
import pandas as pd
import pint

from brainflops.errors import BrainflopsError

__all__ = ["brain_log10", "brain_samples"]


def brain_log10(brain_flops: float | np.ndarray | pd.Series | pint.Quantity) -> np.ndarray:
    """Brain FLOP/s (a float, samples, or a pint Quantity) as a 1-D array of log10 values.

    Parameters
    ----------
    brain_flops : float, array-like or pint.Quantity
        Brain performance [FLOP/s]. A Quantity is converted to FLOP/s and taken as it is; a bare number below
        1e3 is refused as probably a log10 value already (pass a Quantity for a brain that small).

    Raises
    ------
    BrainflopsError
        Non-finite or non-positive values, or bare numbers below 1e3 FLOP/s.
    """
    is_quantity = isinstance(brain_flops, pint.Quantity)
    if is_quantity:
        brain_flops = brain_flops.to("FLOP/s").magnitude
    values = np.atleast_1d(np.asarray(brain_flops, dtype=float)).ravel()
    if values.size == 0 or not np.all(np.isfinite(values)) or np.any(values <= 0):
        raise BrainflopsError("brain FLOP/s must be finite positive numbers")
    if not is_quantity and np.any(values < 1e3):
        raise BrainflopsError(
            f"brain FLOP/s of {values.min():.4g} looks like a log10 value; pass FLOP/s here (e.g. 1.075e21)"
        )
    return np.log10(values)


def brain_samples(brain, n: int = 20_000, seed: int = 0, overrides=None) -> tuple[np.ndarray, float]:
    """The brain side of a comparison: log10(FLOP/s) samples and the log10 point estimate.

    Parameters
    ----------
    brain : AssumptionSet, str, PathLike, float or numpy.ndarray
        An assumption set (or its id / path): ``n`` Monte Carlo draws of its distribution (its uncertain
        parameters) and its point estimate. Or samples of log10 brain performance [log10 FLOP/s] (one value
        for a point estimate), whose median then stands for the point.
    n : int
        Draws from an assumption set's distribution.
    seed : int
        Seed of those draws.
    overrides : mapping, optional
        Changed parameter values of an assumption set (as for :func:`brainflops.estimate`).

    Returns
    -------
    (numpy.ndarray, float)
        Samples [log10 FLOP/s] and the point estimate [log10 FLOP/s].

    Raises
    ------
    BrainflopsError
        Non-finite samples, or values above 100 (FLOP/s passed where log10 was expected).
    """
    from brainflops.assumptions import AssumptionSet
    from brainflops.uncertainty import sample

    if isinstance(brain, AssumptionSet | str | os.PathLike):
        d = sample(brain, n, seed, overrides=overrides, exact=False, keep_samples=True)
        return d.samples, math.log10(d.point)  # a point-valued set keeps its one value
    values = np.atleast_1d(np.asarray(brain, dtype=float)).ravel()
    if values.size == 0 or not np.all(np.isfinite(values)):
        raise BrainflopsError("brain samples must be finite log10(FLOP/s) values")
    if np.any(values > 100):
        raise BrainflopsError(
            f"brain samples are log10(FLOP/s), found {values.max():.4g}; pass numpy.log10 of the FLOP/s "
            "(brainflops.forecast.brain.brain_log10 converts)"
        )
    return values, float(np.median(values))
