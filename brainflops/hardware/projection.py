"""Hardware performance over time with growth uncertainty, anchored on the record or on the fitted line.

A :class:`Projection` is ``log10 P(t) = level + slope (t - base_year)`` with draws of ``level`` and ``slope``.
Where it starts is a choice, and every projection says which it made (:attr:`Projection.anchor`):

``"record"`` (the default)
    the last observed record value at its date: the best value of the series so far, at the date of its latest
    data point. The growth rate is the fit's, with its uncertainty; the level is what was measured. HPCG #1 has
    stood at 1.6–1.74e16 FLOP/s since 2020 while its fitted line is 2.2× higher at the last list — a line
    anchor would move parity two years early.
``"line"``
    the fitted line: level and rate drawn jointly from the fit (at the mean year of the window, or at the break
    of a piecewise fit). Kept as an option and shown in the hindcast, so the difference is visible.
``"published"``
    a fixed-growth scenario's own base value and year (Dettmers 2015: 0.58e15 FLOP/s in 2015).

A projection can carry the record itself (:attr:`Projection.record`, in the projection's unit), so that a value
already passed is dated from the data rather than from the line.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

import numpy as np

from brainflops.errors import BrainflopsError
from brainflops.hardware.series import Series
from brainflops.hardware.trends import PiecewiseFit, TrendFit

__all__ = ["ANCHORS", "Projection", "fit_projection", "scaled_series"]

#: How a fitted projection may start: from the last record, or from the fitted line.
ANCHORS = ("record", "line")


@dataclass(frozen=True)
class Projection:
    """Hardware performance over time with growth uncertainty: ``log10 P(t) = level + slope (t - base_year)``.

    Attributes
    ----------
    label : str
        What it projects, for legends.
    unit : str
        The unit of the projected value, e.g. ``"FLOP/s"``.
    base_year : float
        Reference year [year]: the record's date, the window's mean year, a break, or a published base year.
    level, slope : numpy.ndarray
        Draws of log10 performance at ``base_year`` [log10 unit] and of the growth rate [log10 per year];
        one draw for a fixed scenario.
    point_level, point_slope : float
        The central values.
    cap : float or None
        Ceiling [log10 unit].
    stall_year : float or None
        Year after which performance stays constant [year].
    data_end, data_start : float or None
        The latest date of the data (the present of the projection) and the first year of the fit window
        (``None`` for a fixed scenario) [year].
    anchor : str
        ``"record"``, ``"line"`` or ``"published"`` (see the module docstring).
    anchor_name : str
        What holds the anchor value, e.g. ``"El Capitan"`` (empty for a line).
    record : Series or None
        The running record of the data [unit], for dating values already passed.
    shift : numpy.ndarray or None
        A log10 factor already added to ``level`` per draw (e.g. a utilisation) [log10]; the record is compared
        after adding it too.
    """

    label: str
    unit: str
    base_year: float
    level: np.ndarray
    slope: np.ndarray
    point_level: float
    point_slope: float
    cap: float | None = None
    stall_year: float | None = None
    data_end: float | None = None
    data_start: float | None = None
    anchor: str = "line"
    anchor_name: str = ""
    record: Series | None = field(default=None, repr=False)
    shift: np.ndarray | None = field(default=None, repr=False)

    @property
    def doubling_time(self) -> float:
        """Central doubling time; ``inf`` without growth [year]."""
        return math.log10(2) / self.point_slope if self.point_slope > 0 else math.inf

    def log10_at(self, years: np.ndarray | float, *, central: bool = False) -> np.ndarray:
        """log10 performance at ``years``: shape (draws, years), or (years,) with ``central``."""
        t = np.atleast_1d(np.asarray(years, float))
        if self.stall_year is not None:
            t = np.minimum(t, self.stall_year)
        level = np.array([self.point_level]) if central else self.level
        slope = np.array([self.point_slope]) if central else self.slope
        out = level[:, None] + slope[:, None] * (t[None, :] - self.base_year)
        if self.cap is not None:
            out = np.minimum(out, self.cap)
        return out[0] if central else out

    def shifted(self, log10_factor: np.ndarray | float, label: str | None = None) -> Projection:
        """The projection times a factor (draws of its log10, or one value), e.g. a utilisation.

        Parameters
        ----------
        log10_factor : numpy.ndarray or float
            log10 of the factor, one value or one per draw [log10].
        label : str, optional
            A new label.
        """
        factor = np.atleast_1d(np.asarray(log10_factor, float))
        n = max(self.level.size, factor.size)
        level = np.resize(self.level, n) + np.resize(factor, n)
        slope = np.resize(self.slope, n)
        shift = np.resize(self.shift if self.shift is not None else 0.0, n) + np.resize(factor, n)
        return replace(
            self, label=label or self.label, level=level, slope=slope,
            point_level=self.point_level + float(np.median(factor)), shift=shift,
        )  # fmt: skip

    @property
    def anchor_text(self) -> str:
        """Which anchor the projection uses, in words."""
        from brainflops.formatting import format_month, format_sci

        shift = 0.0 if self.shift is None else float(np.median(self.shift))
        times = "" if shift == 0 else f" × {round(100 * 10**shift)}% utilisation"
        if self.anchor == "record" and self.record is not None:
            return (
                f"anchored on the record: {format_sci(10 ** (self.point_level - shift), self.unit)} "
                f"({self.anchor_name}, {format_month(self.base_year)}){times}"
            )
        if self.anchor == "line":
            return f"anchored on the fitted line{times}"
        when = f"{self.base_year:g}" if float(self.base_year).is_integer() else format_month(self.base_year)
        return f"from its published base ({format_sci(10 ** (self.point_level - shift), self.unit)} in {when}){times}"

    def with_record(self, series: Series) -> Projection:
        """The projection with the record of ``series`` attached, to date values already passed (for a fixed
        scenario, whose own line is not data).

        Parameters
        ----------
        series : Series
            The data whose running record dates a value already passed [unit].
        """
        return replace(self, record=series.record())


def scaled_series(series: Series, log10_factor: float, unit: str | None = None) -> Series:
    """A series times ``10**log10_factor`` (e.g. FLOP/s per dollar times a budget) [new unit]."""
    return replace(series, y=series.y * 10.0**log10_factor, unit=unit or series.unit)


def fit_projection(
    fit: TrendFit | PiecewiseFit,
    n_draws: int = 2000,
    seed: int | np.random.Generator | None = 0,
    *,
    label: str | None = None,
    anchor: str = "line",
    series: Series | None = None,
) -> Projection:
    """A :class:`Projection` from a trend fit.

    Parameters
    ----------
    fit : TrendFit or PiecewiseFit
        The fit; a piecewise fit is extrapolated with its slope after the break.
    n_draws : int
        Number of draws of the growth rate (and, for a line anchor, of the level).
    seed : int or numpy.random.Generator, optional
        For reproducible draws.
    label : str, optional
        Name for plots; the series name by default.
    anchor : {"line", "record"}
        Start from the fitted line, or from the last record of ``series`` at its date.
    series : Series, optional
        The data the fit was made on; needed for ``anchor="record"``, and kept as :attr:`Projection.record`.

    Raises
    ------
    BrainflopsError
        An unknown anchor, or a record anchor without the series.
    """
    if anchor not in ANCHORS:
        raise BrainflopsError(f"unknown anchor '{anchor}' (known: {', '.join(ANCHORS)})", found=anchor)
    if n_draws < 1:
        raise BrainflopsError(f"the number of draws must be at least 1, found {n_draws}", found=str(n_draws))
    rng = seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)
    level, slope = fit.draws(n_draws, rng)
    if isinstance(fit, PiecewiseFit):
        base, point_level, point_slope = fit.break_year, fit.level, fit.slope_after
    else:
        base, point_level, point_slope = fit.t0, fit.intercept, fit.slope
    record = series.record() if series is not None else None
    name, end = "", fit.end
    if record is not None:
        end = float(record.t[-1])  # "now" is the data's latest date, also for a fit on an older window
    if anchor == "record":
        if record is None:
            raise BrainflopsError("a record anchor needs the series the fit was made on")
        # the last record of the whole series at its date, growing at the window's fitted rate
        base, name = end, record.names[-1]
        point_level = math.log10(float(record.y[-1]))
        level = np.full(slope.shape, point_level)
    return Projection(
        label or fit.series, fit.unit, base, level, slope, point_level, point_slope,
        data_end=end, data_start=fit.start, anchor=anchor, anchor_name=name, record=record,
    )  # fmt: skip
