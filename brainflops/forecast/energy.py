"""Energy parity: when the most efficient computer matches the brain's FLOP/s per watt, and the Landauer limit.

The brain runs on about 20 W (Balasubramanian 2021). Its FLOP/s per watt is compared with the Green500 record
(the most efficient system of each list), projected from its last record value at the fitted rate.
"""

from __future__ import annotations

import math
import os

from brainflops.errors import BrainflopsError
from brainflops.forecast.brain import brain_samples
from brainflops.forecast.parity import ParityResult, parity
from brainflops.hardware import trends
from brainflops.hardware.projection import fit_projection
from brainflops.hardware.series import get_series
from brainflops.units import parse_quantity, ureg

__all__ = ["BRAIN_POWER_W", "energy_parity", "landauer_bit_rate", "landauer_limit"]

#: Power of the human brain [W]. Balasubramanian, V. (2021). Brain power. PNAS 118(32), e2107022118.
BRAIN_POWER_W = 20.0


def landauer_limit(temperature: str = "310 K") -> float:
    """Minimum energy to erase one bit, k_B·T·ln 2 [J], from the CODATA Boltzmann constant.

    Parameters
    ----------
    temperature : str
        Absolute temperature as a quantity string with its unit [K, or any temperature unit]; body temperature
        (310 K) by default.

    References
    ----------
    Landauer, R. (1961). Irreversibility and heat generation in the computing process. IBM Journal of Research
    and Development 5(3), 183–191.
    """
    t = parse_quantity(temperature).to("K")
    return float((ureg.boltzmann_constant * t * math.log(2)).to("J").magnitude)


def landauer_bit_rate(power_w: float = BRAIN_POWER_W, temperature: str = "310 K") -> float:
    """Most bit erasures per second that ``power_w`` can pay for at ``temperature`` (Landauer) [1/s].

    power / (k_B · T · ln 2): about 6.74e21 for a 20 W brain at 310 K. It bounds irreversible bit operations,
    not FLOP (a FLOP erases many bits; reversible computing erases few), so it is a landmark, not a ceiling.
    """
    return float(power_w) / landauer_limit(temperature)


def energy_parity(
    brain,
    *,
    power_w: float = BRAIN_POWER_W,
    start: float | None = None,
    end: float | None = None,
    n_draws: int = 2000,
    seed: int = 0,
    data: str | os.PathLike[str] | None = None,
    anchor: str = "record",
) -> tuple[ParityResult, trends.TrendFit]:
    """When the most efficient system (Green500 record) matches the brain's FLOP/s per watt.

    Parameters
    ----------
    brain : AssumptionSet, str, PathLike, float or numpy.ndarray
        A set, or samples of log10 brain performance [log10 FLOP/s] — see
        :func:`brainflops.forecast.brain.brain_samples`.
    power_w : float
        Brain power [W]; 20 W (Balasubramanian 2021) by default.
    start, end : float, optional
        Window of the Green500 fit [year].
    n_draws, seed : int
        Draws of the fit parameters and the random seed.
    data : str or PathLike, optional
        A Green500 CSV instead of the shipped one.
    anchor : {"record", "line"}
        Start from the last record (default) or from the fitted line.

    Returns
    -------
    (ParityResult, TrendFit)
        The energy-parity distribution and the Green500 fit [FLOP/s per W].

    References
    ----------
    Balasubramanian, V. (2021). Brain power. PNAS 118(32), e2107022118.
    """
    if not power_w > 0:
        raise BrainflopsError(f"brain power must be positive, found {power_w} W")
    series = get_series("green500", path=data)
    fit = trends.fit_loglinear(series, start, end)
    projection = fit_projection(fit, n_draws, seed, label="Green500 #1 efficiency trend", anchor=anchor,
                                series=series)  # fmt: skip
    samples, point = brain_samples(brain, seed=seed)
    watts = math.log10(power_w)
    return parity(samples - watts, projection, seed=seed, point=point - watts), fit
