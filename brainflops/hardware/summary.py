"""The text of ``brainflops hardware``: every series' eras, the AI-cluster record against Epoch AI, and FLOP/s per
dollar at constant precision against Epoch AI — each from its own result and renderer.
"""

from __future__ import annotations

import math

from brainflops.hardware.clusters import EPOCH_DOUBLING_MONTHS
from brainflops.hardware.eras import ERA_SERIES, eras, render_eras
from brainflops.hardware.price_performance import price_performance
from brainflops.hardware.trends import fit_loglinear

__all__ = ["OTHER_FITS", "cluster_sentence", "hardware_summary"]

#: Series fitted whole (no eras), with their window: name -> (start, precision).
OTHER_FITS = {
    "accelerator-peak": (None, "fp16_tensor"),
    "green500": (None, None),
    "training-compute": (2010, None),
}


def cluster_sentence(start: float = 2016) -> str:
    """The AI-cluster record's doubling time against Epoch AI's nine months, in one sentence.

    Parameters
    ----------
    start : float
        First year of the fit [year].
    """
    fit = fit_loglinear("ai-cluster-record", start)
    lo, hi = fit.doubling_interval
    months = 12 * fit.doubling_time
    agree = "consistent with" if 12 * lo <= EPOCH_DOUBLING_MONTHS <= 12 * hi else "outside the interval of"
    return (
        f"The largest AI cluster's dense 16-bit peak ({math.floor(fit.start)}–{math.floor(fit.end)}, n = {fit.n}) "
        f"doubles every {months:.1f} months [90%: {12 * lo:.1f}–{12 * hi:.1f}], {agree} Epoch AI's "
        f"{EPOCH_DOUBLING_MONTHS:.1f} months for leading AI supercomputers since 2019 (2.5× a year)."
    )


def hardware_summary() -> str:
    """Eras of every series, the other fits, the cluster record against Epoch AI, price-performance at constant
    precision against Epoch AI: the ``brainflops hardware`` text."""
    lines = [
        "Doubling times in years with 90% intervals (Newey-West HAC standard errors). Each series whole, with a",
        "break fixed where a source puts it (2013 for TOP500; 2019, Epoch AI's window, for the AI-cluster record)",
        "and with a break placed by least squares:",
        render_eras([eras(name) for name in ERA_SERIES]),
        "",
        "Other series, fitted whole:",
    ]
    for name, (start, precision) in OTHER_FITS.items():
        fit = fit_loglinear(name, start, precision=precision)
        lo, hi = fit.doubling_interval
        label = name + (f" ({precision})" if precision else "")
        lines.append(f"  {label:<30} {math.floor(fit.start)}–{math.floor(fit.end)}  n = {fit.n:>3}  "
                     f"{fit.doubling_time:.2f} ({lo:.2f}–{hi:.2f})")  # fmt: skip
    lines += ["", cluster_sentence(), ""]
    lines += [str(price_performance("fp16_tensor")), str(price_performance("fp32"))]
    return "\n".join(lines)
