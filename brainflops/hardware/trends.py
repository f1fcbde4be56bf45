"""Log-linear trend fits of hardware performance against time, with an honest growth-rate uncertainty.

The model is ``log10(y) = a + b (t - t0)`` by ordinary least squares, ``t`` in decimal years. Consecutive
TOP500/HPCG lists share machines (a #1 system stays #1 for several lists), so residuals are strongly
autocorrelated and the textbook OLS standard error is too small. The standard errors here are
**heteroskedasticity and autocorrelation consistent (HAC, Newey & West 1987)**: Bartlett kernel, lag
``floor(4 (n/100)^(2/9))`` (at least 1), with the small-sample factor ``n / (n - k)``. Intervals use the
normal quantile; draws of the parameters for the timeline come from the bivariate (or trivariate) normal with
that covariance. :func:`block_bootstrap_slopes` (a moving-block bootstrap) is there as a cross-check.

Piecewise fits are continuous ("broken stick"): two slopes that meet at the break year. The break is either
fixed (e.g. 2013, where TOP500 growth slowed) or placed by the data (least squares over a grid of candidate
years); the uncertainty of a data-placed break year itself is not propagated into the slope intervals.

References
----------
Newey, W. K. & West, K. D. (1987). A simple, positive semi-definite, heteroskedasticity and autocorrelation
consistent covariance matrix. Econometrica 55(3), 703–708.
Newey, W. K. & West, K. D. (1994). Automatic lag selection in covariance matrix estimation. Review of
Economic Studies 61(4), 631–653.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from brainflops.errors import DataError
from brainflops.hardware.series import Series, get_series

__all__ = [
    "PiecewiseFit",
    "TrendFit",
    "block_bootstrap_slopes",
    "fit_loglinear",
    "fit_piecewise",
    "get_series",
]

LOG10_2 = math.log10(2.0)
_Z90 = 1.6448536269514722  # standard normal 95th percentile: a two-sided 90% interval


def _hac(x: np.ndarray, resid: np.ndarray, lag: int | None) -> tuple[np.ndarray, int]:
    """Newey-West covariance of OLS coefficients for design ``x`` (n, k) and residuals."""
    n, k = x.shape
    if lag is None:
        lag = max(1, math.floor(4 * (n / 100.0) ** (2.0 / 9.0)))
    u = x * resid[:, None]
    s = u.T @ u
    for j in range(1, min(lag, n - 1) + 1):
        w = 1.0 - j / (lag + 1.0)
        g = u[j:].T @ u[:-j]
        s += w * (g + g.T)
    bread = np.linalg.inv(x.T @ x)
    return bread @ s @ bread * n / max(n - k, 1), lag


def _doubling(slope: float) -> float:
    return LOG10_2 / slope if slope > 0 else math.inf


def _doubling_interval(slope: float, se: float) -> tuple[float, float]:
    lo, hi = slope - _Z90 * se, slope + _Z90 * se
    return (_doubling(hi), _doubling(lo))


def _window(series: Series, start: float | None, end: float | None, need: int) -> Series:
    w = series.window(start, end)
    if len(w.t) < need:
        span = f"{start if start is not None else 'start'}–{end if end is not None else 'latest'}"
        raise DataError(
            f"window {span} of series '{series.name}' holds {len(w.t)} point(s); a fit needs at least {need}",
            expected=f"at least {need} points",
            found=str(len(w.t)),
        )
    return w


@dataclass(frozen=True)
class TrendFit:
    """A log-linear fit ``log10(y) = intercept + slope (t - t0)``.

    Attributes
    ----------
    series : str
    start, end : float
        First and last data year in the window [decimal year].
    n : int
        Number of points.
    t0 : float
        Reference year (mean of the window's years) [year].
    intercept : float
        log10 of the fitted value at ``t0`` [log10 unit].
    slope : float
        Growth rate [log10 per year].
    cov : numpy.ndarray
        2x2 HAC covariance of (intercept, slope).
    lag : int
        Newey-West lag used.
    r2 : float
    unit : str
    """

    series: str
    unit: str
    start: float
    end: float
    n: int
    t0: float
    intercept: float
    slope: float
    cov: np.ndarray
    lag: int
    r2: float
    boot_slopes: np.ndarray | None = field(default=None, repr=False)

    @property
    def boot_interval(self) -> tuple[float, float] | None:
        """90% interval of the doubling time from the moving-block bootstrap, if it was run [year]."""
        if self.boot_slopes is None or self.boot_slopes.size == 0:
            return None
        lo, hi = np.quantile(self.boot_slopes, [0.05, 0.95])
        return (_doubling(float(hi)), _doubling(float(lo)))

    @property
    def slope_se(self) -> float:
        """HAC standard error of the slope [log10 per year]."""
        return float(math.sqrt(self.cov[1, 1]))

    @property
    def doubling_time(self) -> float:
        """Years per doubling; ``inf`` if the fit does not grow [year]."""
        return _doubling(self.slope)

    @property
    def doubling_interval(self) -> tuple[float, float]:
        """90% interval of the doubling time from the slope's HAC interval [year]; ``inf`` if it reaches 0."""
        return _doubling_interval(self.slope, self.slope_se)

    @property
    def growth_per_year(self) -> float:
        """Factor per year."""
        return 10.0**self.slope

    def predict(self, t: np.ndarray | float) -> np.ndarray:
        """The fitted value at years ``t`` [unit]."""
        return 10.0 ** (self.intercept + self.slope * (np.asarray(t, float) - self.t0))

    def draws(self, n: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
        """``n`` draws of (log10 value at ``t0``, slope) from the normal with the HAC covariance."""
        sample = rng.multivariate_normal([self.intercept, self.slope], self.cov, size=n)
        return sample[:, 0], sample[:, 1]

    def __repr__(self) -> str:
        lo, hi = self.doubling_interval
        return (
            f"TrendFit({self.series} {self.start:.1f}–{self.end:.1f}, n={self.n}: doubling every "
            f"{self.doubling_time:.2f} years [90% {lo:.2f}–{hi:.2f}], R²={self.r2:.3f})"
        )

    def _repr_html_(self) -> str:
        return self.to_frame().to_html(index=False)

    def to_frame(self) -> pd.DataFrame:
        """One row: series, window, n, growth per year, doubling time with its 90% interval, SE, lag, R²."""
        lo, hi = self.doubling_interval
        boot = self.boot_interval or (float("nan"), float("nan"))
        return pd.DataFrame(
            [
                {
                    "series": self.series,
                    "start": round(self.start, 2),
                    "end": round(self.end, 2),
                    "n": self.n,
                    "growth_per_year": self.growth_per_year,
                    "doubling_years": self.doubling_time,
                    "doubling_p5": lo,
                    "doubling_p95": hi,
                    "doubling_p5_boot": boot[0],
                    "doubling_p95_boot": boot[1],
                    "slope_log10_per_year": self.slope,
                    "slope_se_hac": self.slope_se,
                    "hac_lag": self.lag,
                    "r2": self.r2,
                }
            ]
        )


def fit_loglinear(
    series: Series | str,
    start: float | None = None,
    end: float | None = None,
    *,
    lag: int | None = None,
    precision: str | None = None,
    n_boot: int = 0,
    seed: int | np.random.Generator | None = 0,
) -> TrendFit:
    """Fit ``log10(y)`` against time by least squares, with a Newey-West (HAC) standard error.

    Parameters
    ----------
    series : Series or str
        The data, or a name of :data:`~brainflops.hardware.series.SERIES`.
    start, end : float, optional
        Window: years ``start <= t < end + 1`` [year]; the whole series by default.
    lag : int, optional
        Newey-West lag; ``floor(4 (n/100)^(2/9))`` (at least 1) by default.
    precision : str, optional
        For accelerator series given by name.
    n_boot : int
        If positive, also run :func:`block_bootstrap_slopes` with this many resamples (``boot_interval``).
    seed : int or numpy.random.Generator, optional
        Seed of the bootstrap.

    Returns
    -------
    TrendFit

    Raises
    ------
    DataError
        Fewer than 3 points in the window.
    """
    s = get_series(series, precision=precision) if isinstance(series, str) else series
    w = _window(s, start, end, 3)
    t0 = float(np.mean(w.t))
    x = np.column_stack([np.ones_like(w.t), w.t - t0])
    ly = np.log10(w.y)
    coef, *_ = np.linalg.lstsq(x, ly, rcond=None)
    resid = ly - x @ coef
    cov, used = _hac(x, resid, lag)
    ss_tot = float(np.sum((ly - ly.mean()) ** 2))
    r2 = 1.0 - float(resid @ resid) / ss_tot if ss_tot > 0 else float("nan")
    boot = block_bootstrap_slopes(w, n_boot=n_boot, seed=seed) if n_boot > 0 else None
    return TrendFit(
        s.name, s.unit, float(w.t[0]), float(w.t[-1]), len(w.t), t0, float(coef[0]), float(coef[1]), cov, used, r2, boot
    )


@dataclass(frozen=True)
class PiecewiseFit:
    """A continuous two-slope fit ``log10(y) = level + slope_before·min(t-tb, 0) + slope_after·max(t-tb, 0)``.

    Attributes
    ----------
    break_year : float
        ``tb`` [year].
    placed : str
        ``"fixed"`` or ``"data"`` (least squares over candidate years).
    level : float
        log10 of the fitted value at the break [log10 unit].
    slope_before, slope_after : float
        [log10 per year].
    cov : numpy.ndarray
        3x3 HAC covariance of (level, slope_before, slope_after).
    sse : float
        Residual sum of squares [log10²].
    """

    series: str
    unit: str
    start: float
    end: float
    n: int
    break_year: float
    placed: str
    level: float
    slope_before: float
    slope_after: float
    cov: np.ndarray
    lag: int
    sse: float

    def predict(self, t: np.ndarray | float) -> np.ndarray:
        """The fitted value at years ``t`` [unit]."""
        d = np.asarray(t, float) - self.break_year
        return 10.0 ** (self.level + self.slope_before * np.minimum(d, 0) + self.slope_after * np.maximum(d, 0))

    def draws(self, n: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
        """``n`` draws of (log10 value at the break, slope after the break), for extrapolation."""
        sample = rng.multivariate_normal([self.level, self.slope_before, self.slope_after], self.cov, size=n)
        return sample[:, 0], sample[:, 2]

    def __repr__(self) -> str:
        return (
            f"PiecewiseFit({self.series} {self.start:.1f}–{self.end:.1f}, n={self.n}: break {self.break_year:.2f} "
            f"({self.placed}), doubling {_doubling(self.slope_before):.2f} → {_doubling(self.slope_after):.2f} years)"
        )

    def _repr_html_(self) -> str:
        return self.to_frame().to_html(index=False)

    def to_frame(self) -> pd.DataFrame:
        """Two rows (before, after the break): doubling time with its 90% interval."""
        rows = []
        for part, idx, slope in (("before", 1, self.slope_before), ("after", 2, self.slope_after)):
            lo, hi = _doubling_interval(slope, math.sqrt(self.cov[idx, idx]))
            rows.append(
                {
                    "series": self.series,
                    "break_year": round(self.break_year, 2),
                    "break_placed": self.placed,
                    "segment": part,
                    "growth_per_year": 10.0**slope,
                    "doubling_years": _doubling(slope),
                    "doubling_p5": lo,
                    "doubling_p95": hi,
                    "sse": self.sse,
                }
            )
        return pd.DataFrame(rows)


def _hinge(t: np.ndarray, tb: float) -> np.ndarray:
    d = t - tb
    return np.column_stack([np.ones_like(t), np.minimum(d, 0.0), np.maximum(d, 0.0)])


def fit_piecewise(
    series: Series | str,
    start: float | None = None,
    end: float | None = None,
    *,
    break_year: float | None = None,
    step: float = 0.25,
    lag: int | None = None,
    precision: str | None = None,
) -> PiecewiseFit:
    """Fit a continuous two-slope trend with a fixed or data-placed break.

    Parameters
    ----------
    series : Series or str
        The data, or a name of :data:`~brainflops.hardware.series.SERIES`.
    start, end : float, optional
        Window, as for :func:`fit_loglinear` [year].
    break_year : float, optional
        Fix the break here [year]; by default it is placed by least squares over candidate years every
        ``step`` years, keeping at least 3 points on each side.
    step : float
        Grid spacing of candidate break years [year].
    lag : int, optional
        Newey-West lag.
    precision : str, optional
        For accelerator series given by name.

    Returns
    -------
    PiecewiseFit

    Raises
    ------
    DataError
        Fewer than 6 points in the window, or a fixed break with fewer than 3 points on one side.
    """
    s = get_series(series, precision=precision) if isinstance(series, str) else series
    w = _window(s, start, end, 6)
    ly = np.log10(w.y)
    if break_year is None:
        candidates = np.arange(math.ceil(w.t[2] / step) * step, w.t[-3], step)
        sse = [
            float(np.sum((ly - _hinge(w.t, tb) @ np.linalg.lstsq(_hinge(w.t, tb), ly, rcond=None)[0]) ** 2))
            for tb in candidates
        ]
        tb, placed = float(candidates[int(np.argmin(sse))]), "data"
    else:
        tb, placed = float(break_year), "fixed"
        if np.sum(w.t < tb) < 3 or np.sum(w.t >= tb) < 3:
            raise DataError(
                f"break year {tb:g} leaves fewer than 3 points on one side of the window of '{s.name}'",
                found=str(tb),
            )
    x = _hinge(w.t, tb)
    coef, *_ = np.linalg.lstsq(x, ly, rcond=None)
    resid = ly - x @ coef
    cov, used = _hac(x, resid, lag)
    return PiecewiseFit(
        s.name, s.unit, float(w.t[0]), float(w.t[-1]), len(w.t), tb, placed,
        float(coef[0]), float(coef[1]), float(coef[2]), cov, used, float(resid @ resid),
    )  # fmt: skip


def block_bootstrap_slopes(
    series: Series | str,
    start: float | None = None,
    end: float | None = None,
    *,
    n_boot: int = 2000,
    block: int | None = None,
    seed: int | np.random.Generator | None = 0,
    precision: str | None = None,
) -> np.ndarray:
    """Moving-block bootstrap of the log-linear growth rate: a cross-check of the HAC standard error.

    Blocks of ``block`` consecutive points (default ``ceil(n^(1/3))``, at least 2) are drawn with replacement
    until ``n`` points are collected, and the slope is refitted on each resample (Künsch 1989).

    Parameters
    ----------
    series : Series or str
        The data, or a name of :data:`~brainflops.hardware.series.SERIES`.
    start, end : float, optional
        Window [year].
    n_boot : int
        Number of resamples.
    block : int, optional
        Block length [points].
    seed : int or numpy.random.Generator, optional
    precision : str, optional
        For accelerator series given by name.

    Returns
    -------
    numpy.ndarray
        ``n_boot`` slopes [log10 per year].

    References
    ----------
    Künsch, H. R. (1989). The jackknife and the bootstrap for general stationary observations. Annals of
    Statistics 17(3), 1217–1241.
    """
    s = get_series(series, precision=precision) if isinstance(series, str) else series
    w = _window(s, start, end, 3)
    n = len(w.t)
    length = block or max(2, math.ceil(n ** (1 / 3)))
    length = min(length, n)
    rng = seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)
    starts = rng.integers(0, n - length + 1, size=(n_boot, math.ceil(n / length)))
    idx = (starts[:, :, None] + np.arange(length)).reshape(n_boot, -1)[:, :n]
    t, ly = w.t[idx], np.log10(w.y)[idx]
    tc = t - t.mean(axis=1, keepdims=True)
    denom = np.sum(tc**2, axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        slopes = np.sum(tc * (ly - ly.mean(axis=1, keepdims=True)), axis=1) / denom
    return slopes[np.isfinite(slopes)]
