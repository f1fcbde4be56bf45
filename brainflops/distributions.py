"""Probability distributions of uncertain parameters, built from what an assumption file declares.

Every distribution is driven by a standard normal variate ``z`` (:meth:`Distribution.from_normal`), which is
what makes the Gaussian copula for rank correlations and the exact lognormal arithmetic possible. Values are
magnitudes in the parameter's method unit.

================  ==================================  ===========================================
kind              declared as                         meaning
================  ==================================  ===========================================
``lognormal``     ``p5``, ``p95``                     ln X ~ Normal; the bounds are its 5th and 95th
                                                      percentiles (a 90% interval)
``loguniform``    ``low``, ``high``                   log X ~ Uniform(log low, log high)
``normal``        ``p5``, ``p95``                     X ~ Normal with those percentiles; only for
                                                      quantities that may be negative
================  ==================================  ===========================================
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

__all__ = ["Z95", "Distribution", "from_declared"]

#: The standard normal's 95th percentile, ``scipy.special.ndtri(0.95)`` (a test checks it against scipy; written
#: out so that loading a set does not import scipy): a 90% interval spans ±Z95 standard deviations.
Z95 = 1.6448536269514722


@dataclass(frozen=True)
class Distribution:
    """One parameter's distribution, in the parameter's method unit.

    Attributes
    ----------
    kind : str
        ``"lognormal"``, ``"loguniform"`` or ``"normal"``.
    low, high : float
        The declared bounds (5th/95th percentiles, or the support for ``loguniform``).
    """

    kind: str
    low: float
    high: float

    @property
    def log_params(self) -> tuple[float, float]:
        """(mu, sigma) of ln X for a lognormal."""
        mu = 0.5 * (math.log(self.low) + math.log(self.high))
        sigma = (math.log(self.high) - math.log(self.low)) / (2 * Z95)
        return mu, sigma

    @property
    def median(self) -> float:
        """The 50th percentile [method unit]."""
        if self.kind in ("lognormal", "loguniform"):
            return math.sqrt(self.low * self.high)
        return 0.5 * (self.low + self.high)

    def ppf(self, q: np.ndarray | float) -> np.ndarray:
        """Quantile function: the value below which a share ``q`` (0–1) of the distribution lies."""
        from scipy import special

        return self.from_normal(special.ndtri(np.asarray(q, dtype=float)))

    def from_normal(self, z: np.ndarray) -> np.ndarray:
        """Map standard normal variates ``z`` to this distribution (monotone, so ranks are kept)."""
        if self.kind == "lognormal":
            mu, sigma = self.log_params
            return np.exp(mu + sigma * z)
        if self.kind == "normal":
            mean, sd = 0.5 * (self.low + self.high), (self.high - self.low) / (2 * Z95)
            return mean + sd * z
        if self.kind == "loguniform":
            from scipy import special

            lo, hi = math.log(self.low), math.log(self.high)
            return np.exp(lo + (hi - lo) * special.ndtr(z))
        raise ValueError(self.kind)

    def log10_from_normal(self, z: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
        """log10 of :meth:`from_normal` computed directly (positive kinds only), into ``out`` if given."""
        if self.kind == "lognormal":
            mu, sigma = self.log_params
            return np.multiply(z, sigma / math.log(10), out=out).__iadd__(mu / math.log(10))
        if self.kind == "loguniform":
            from scipy import special

            lo, hi = math.log10(self.low), math.log10(self.high)
            return np.multiply(special.ndtr(z), hi - lo, out=out).__iadd__(lo)
        raise ValueError(f"log10 of a {self.kind} distribution is not defined for all draws")

    def scaled(self, factor: float) -> Distribution:
        """The same relative uncertainty around a point moved by ``factor`` (shifted, for a normal)."""
        if self.kind == "normal":
            shift = 0.5 * (self.low + self.high) * (factor - 1)
            return Distribution(self.kind, self.low + shift, self.high + shift)
        return Distribution(self.kind, self.low * factor, self.high * factor)


def from_declared(kind: str, low: float, high: float) -> Distribution | None:
    """Build the distribution for a declared uncertainty; ``None`` for ``point``."""
    if kind == "point":
        return None
    return Distribution(kind, float(low), float(high))
