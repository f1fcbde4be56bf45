"""FLOP/s per dollar at constant precision, on comparable devices, against Epoch AI's published rates.

Mixing consumer and datacenter prices (which differ about tenfold) and precisions (tensor FP16 is ~9× FP32)
makes a price-performance trend meaningless. Here one fit uses one precision and one market: datacenter/ML
accelerators whose launch price has a cited source (``price_source`` in ``accelerators.csv``). The result is
compared with Epoch AI's figures:

- Hobbhahn & Besiroglu (2022): FLOP/s per dollar doubles every 2.07 years [95%: 1.54–3.13] for ML GPUs (n = 26)
  and 2.46 years [2.24–2.72] for all 470 GPUs, 2006–2021, at FP32; 2.30 years [1.69–3.62] for the FP16 subset.
- Epoch AI's hardware hub (2025): at fixed precision, hardware gets about 30% cheaper per unit of performance
  each year — cost × 0.7 a year, FLOP/s per dollar × 1/0.7, a doubling every ln 2 / ln(1/0.7) = 1.94 years.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pandas as pd

from brainflops.hardware.series import Series, get_series
from brainflops.hardware.trends import TrendFit, fit_loglinear

__all__ = ["EPOCH_RATES", "EpochRate", "PricePerformance", "price_performance"]


@dataclass(frozen=True)
class EpochRate:
    """A published doubling time of FLOP/s per dollar.

    Attributes
    ----------
    name : str
        What was measured.
    doubling : float
        Doubling time [year].
    low, high : float or None
        Its interval (95% for Hobbhahn & Besiroglu) [year]; ``None`` where none was published or read.
    citation : str
        Where it is from.
    """

    name: str
    doubling: float
    low: float | None
    high: float | None
    citation: str


_HOBBHAHN = ("Hobbhahn, M. & Besiroglu, T. (2022). Trends in GPU price-performance. Epoch AI, 27 June 2022. "
             "https://epoch.ai/blog/trends-in-gpu-price-performance")  # fmt: skip

#: Epoch AI's published rates.
EPOCH_RATES = (
    EpochRate("ML GPUs, FP32, 2006-2021 (n = 26)", 2.07, 1.54, 3.13, _HOBBHAHN),
    EpochRate("all GPUs, FP32, 2006-2021 (n = 470)", 2.46, 2.24, 2.72, _HOBBHAHN),
    EpochRate("FP16 subset, 2006-2021 (n = 91)", 2.30, 1.69, 3.62, _HOBBHAHN),
    EpochRate(
        "fixed precision, about 30% cheaper a year (hardware hub, 2025)", math.log(2) / math.log(1 / 0.7), None, None,
        "Epoch AI (2025). Machine Learning Hardware, data hub, updated 16 January 2025. "
        "https://epoch.ai/data/machine-learning-hardware",
    ),
)  # fmt: skip


@dataclass(frozen=True)
class PricePerformance:
    """A constant-precision price-performance fit on comparable devices, against Epoch AI.

    Attributes
    ----------
    precision : str
        The precision fitted.
    market : str
        ``"datacenter"`` (devices with a cited launch price) or ``"all"`` (every priced device).
    fit : TrendFit
        Log-linear fit of FLOP/s per dollar [FLOP/s/USD], with a block-bootstrap interval as a cross-check.
    series : Series
        The devices and their FLOP/s per dollar.
    comparisons : pandas.DataFrame
        Each Epoch AI rate: its doubling and interval, and whether it overlaps this fit's 90% interval.
    """

    precision: str
    market: str
    fit: TrendFit = field(repr=False)
    series: Series = field(repr=False)
    comparisons: pd.DataFrame = field(repr=False)

    def __str__(self) -> str:
        return render_price_performance(self)

    def to_frame(self) -> pd.DataFrame:
        """The comparison table: this fit first, then Epoch AI's rates."""
        return self.comparisons.copy()


def price_performance(precision: str = "fp16_tensor", *, market: str = "datacenter", n_boot: int = 2000,
                      path=None) -> PricePerformance:  # fmt: skip
    """Fit FLOP/s per dollar on comparable devices and compare with Epoch AI's published rates.

    Parameters
    ----------
    precision : str
        A key of :data:`brainflops.hardware.datasets.PRECISIONS` (one precision for every device).
    market : {"datacenter", "all"}
        ``"datacenter"``: datacenter/ML accelerators with a cited launch price; ``"all"``: every priced device.
    n_boot : int
        Block-bootstrap resamples for the cross-check interval.
    path : str or PathLike, optional
        An accelerators CSV instead of the shipped one.

    Returns
    -------
    PricePerformance
    """
    name = "datacenter-flops-per-dollar" if market == "datacenter" else "gpu-flops-per-dollar"
    series = get_series(name, precision=precision, path=path)
    fit = fit_loglinear(series, n_boot=n_boot)
    lo, hi = fit.doubling_interval
    window = f"{math.floor(fit.start)}-{math.floor(fit.end)}"
    rows = [{"what": f"this fit: {market} devices, {precision}, {window} (n = {fit.n})",
             "doubling_years": fit.doubling_time, "low": lo, "high": hi, "interval": "90% (HAC)",
             "overlaps_this_fit": True, "citation": "assumptions/data/accelerators.csv"}]  # fmt: skip
    for rate in EPOCH_RATES:
        r_lo, r_hi = (rate.low, rate.high) if rate.low is not None else (rate.doubling, rate.doubling)
        rows.append({"what": rate.name, "doubling_years": rate.doubling, "low": rate.low, "high": rate.high,
                     "interval": "95%" if rate.low is not None else "none published",
                     "overlaps_this_fit": bool(r_lo <= hi and lo <= r_hi), "citation": rate.citation})  # fmt: skip
    return PricePerformance(precision, market, fit, series, pd.DataFrame(rows))


def _years(value: float) -> str:
    return "∞" if math.isinf(value) else f"{value:.2f}"


def render_price_performance(p: PricePerformance) -> str:
    """The fit and the comparison in words, the same in ``str()`` and on the command line.

    Parameters
    ----------
    p : PricePerformance
        The result.
    """
    lo, hi = p.fit.doubling_interval
    boot = p.fit.boot_interval
    lines = [
        f"FLOP/s per dollar, {p.market} devices at {p.precision}: doubling every {p.fit.doubling_time:.2f} years "
        f"[90%: {lo:.2f}–{_years(hi)}"
        + (f"; block bootstrap {boot[0]:.2f}–{_years(boot[1])}" if boot else "")
        + f"], {math.floor(p.fit.start)}–{math.floor(p.fit.end)}, n = {p.fit.n}",
    ]
    for r in p.comparisons.iloc[1:].itertuples():
        interval = f" [{r.interval}: {r.low:.2f}–{r.high:.2f}]" if r.low == r.low and r.low is not None else ""
        verdict = "consistent with this fit" if r.overlaps_this_fit else "outside this fit's interval"
        lines.append(f"  Epoch AI, {r.what}: {r.doubling_years:.2f} years{interval} — {verdict}")
    return "\n".join(lines)
