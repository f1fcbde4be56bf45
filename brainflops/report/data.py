"""Gather everything a report shows into one value: :func:`build` is pure (no files written).

Sections that other capabilities add (the comparison ladder, the timeline with its parity-year distribution,
the deep-learning comparison) enter as :class:`Section` values in the ``ladder``, ``timeline`` and
``deep_learning`` fields; the template renders a section only when its field is set.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from brainflops.assumptions import AssumptionSet, Parameter, load
from brainflops.errors import BrainflopsError
from brainflops.estimate import Estimate, estimate, format_flops

if TYPE_CHECKING:
    from brainflops.sensitivity import Sensitivity
    from brainflops.uncertainty import DistributionSummary

__all__ = ["ParameterRow", "ReportData", "ScenarioInfo", "Section", "build", "generation_date"]

#: Monte Carlo samples drawn when the distribution has no closed form.
DEFAULT_SAMPLES = 200_000
#: SALib base samples for the Sobol indices (a power of 2).
DEFAULT_SOBOL_SAMPLES = 2**12


@dataclass(frozen=True)
class ParameterRow:
    """One row of the parameter table, formatted for display.

    Attributes
    ----------
    name, symbol_html : str
        The parameter's key and its symbol as HTML (``N<sub>P</sub>``).
    value : str
        The value in the method's unit (number only); ``unit`` is that unit and ``written`` the value as the
        file writes it.
    uncertainty : str
        The declared distribution (``"lognormal"``, ``"log-uniform"``, ...) or ``"point value"``.
    interval : str
        Its 90% interval or range in ``unit``, e.g. ``"4e10 – 1.2e11"``; empty for a point value.
    citation, url, where, note : str
        The full citation, its URL (may be empty), the place in the source, and the set's note.
    """

    name: str
    symbol_html: str
    value: str
    unit: str
    written: str
    uncertainty: str
    interval: str
    citation: str
    url: str
    where: str
    note: str


@dataclass(frozen=True)
class Section:
    """A report section supplied by another capability (ladder, timeline, deep-learning comparison).

    Attributes
    ----------
    title : str
        Heading, also the table-of-contents entry.
    anchor : str
        The HTML id (letters, digits and '-').
    paragraphs : tuple of str
        Plain text paragraphs (escaped by the template).
    figure_svg : str or None
        Inline SVG from :func:`brainflops.report.figures.figure_svg`.
    table : tuple of tuple of str
        Rows of a table, the first row its header; empty for none.
    sources : tuple of str
        Citations of the data the section uses.
    """

    title: str
    anchor: str
    paragraphs: tuple[str, ...] = ()
    figure_svg: str | None = None
    table: tuple[tuple[str, ...], ...] = ()
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class ScenarioInfo:
    """The hardware scenario of a timeline: its id, version, content hash and source, for the footer."""

    id: str
    version: str
    hash: str
    source: str


@dataclass(frozen=True)
class ReportData:
    """Everything one report shows, computed and formatted; rendering only lays it out.

    Attributes
    ----------
    assumption_set : AssumptionSet
        The set reported on.
    estimate : Estimate
        Its point estimate [FLOP/s].
    distribution : DistributionSummary
        Its distribution (``how`` says exact, Monte Carlo or point).
    sensitivity : Sensitivity
        Tornado, elasticities and Sobol indices.
    parameters : tuple of ParameterRow
        The parameter table.
    figures : Mapping of str to str
        Inline SVG of ``"formula"`` (absent when mathtext cannot render it), ``"distribution"``, ``"tornado"``
        and ``"sobol"`` (these three absent when no parameter is uncertain).
    generated : str
        The generation date, ISO format (``YYYY-MM-DD``).
    n, seed, sobol_samples : int
        Monte Carlo samples, seed, and SALib base samples.
    package_version : str
        The brainflops version.
    library_versions : Mapping of str to str
        Versions of the libraries that shape the output (numpy, scipy, SALib, matplotlib, jinja2).
    command : str
        The command line that regenerates the report (``FILE.toml`` stands for a set that came from text).
    ladder, timeline, deep_learning : Section or None
        Sections added by other capabilities; rendered only when set.
    scenario : ScenarioInfo or None
        The timeline's hardware scenario, shown in the footer when set.
    """

    assumption_set: AssumptionSet
    estimate: Estimate
    distribution: DistributionSummary
    sensitivity: Sensitivity
    parameters: tuple[ParameterRow, ...]
    figures: Mapping[str, str]
    generated: str
    n: int
    seed: int
    sobol_samples: int
    package_version: str
    library_versions: Mapping[str, str] = field(default_factory=dict)
    command: str = ""
    ladder: Section | None = None
    timeline: Section | None = None
    deep_learning: Section | None = None
    scenario: ScenarioInfo | None = None

    @property
    def title(self) -> str:
        """The report's title."""
        return f"Brain compute: {self.assumption_set.title}"

    @property
    def interval_basis(self) -> str:
        """How the 90% interval was obtained, as a phrase."""
        d = self.distribution
        if d.how == "exact":
            if d.exact_by == "quadrature":
                return "exact: quadrature over the lognormal terms, no sampling"
            return "exact: closed-form lognormal, no sampling"
        if d.how == "point":
            return "no parameter is uncertain, so the interval is the point value"
        return f"sampled: Monte Carlo with {d.n:,} draws, seed {d.seed}"

    def flops(self, value: float) -> str:
        """``value`` [FLOP/s] formatted as the report writes it."""
        return format_flops(value)

    def to_frame(self):
        """The parameter table as a DataFrame, one row per parameter (strings as the report shows them)."""
        import dataclasses

        import pandas as pd

        return pd.DataFrame([dataclasses.asdict(row) for row in self.parameters])

    def _repr_html_(self) -> str:
        import html

        d = self.distribution
        return (
            f"<div><b>Report on {html.escape(self.assumption_set.ref)}</b> "
            f"<small>(hash {self.assumption_set.short_hash}, generated {self.generated})</small>: "
            f"{self.flops(self.estimate.flops)}, 90% interval {self.flops(d.p5)} – {self.flops(d.p95)} "
            f"({html.escape(self.interval_basis)}); figures: {', '.join(self.figures)}</div>"
        )


def generation_date(generated: dt.date | dt.datetime | str | None = None) -> str:
    """The date a report states, ISO format.

    ``SOURCE_DATE_EPOCH`` (seconds since 1970, UTC; the reproducible-builds convention) wins when set, then
    ``generated``, then today's date (UTC).

    Parameters
    ----------
    generated : date, datetime or str, optional
        A fixed date; a string must be ISO ``YYYY-MM-DD``.

    Raises
    ------
    BrainflopsError
        ``SOURCE_DATE_EPOCH`` is not an integer, or ``generated`` is not a date.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is not None and epoch.strip():
        try:
            return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date().isoformat()
        except (ValueError, OverflowError, OSError):
            raise BrainflopsError(
                f"SOURCE_DATE_EPOCH must be whole seconds since 1970-01-01 UTC, found '{epoch}'",
                parameter="SOURCE_DATE_EPOCH",
                expected="an integer",
                found=epoch,
            ) from None
    if generated is None:
        return dt.datetime.now(tz=dt.UTC).date().isoformat()
    if isinstance(generated, dt.datetime):
        return generated.date().isoformat()
    if isinstance(generated, dt.date):
        return generated.isoformat()
    try:
        return dt.date.fromisoformat(str(generated)).isoformat()
    except ValueError:
        raise BrainflopsError(
            f"generated must be a date YYYY-MM-DD, found '{generated}'", expected="YYYY-MM-DD", found=str(generated)
        ) from None


def symbol_html(latex: str) -> str:
    """A parameter symbol's LaTeX as HTML: ``N_{\\mathrm{P}}`` becomes ``N<sub>P</sub>`` (escaped)."""
    import html
    import re

    plain = re.sub(r"\\mathrm\{([^}]*)\}", r"\1", latex).replace("{", "").replace("}", "").replace("\\", "")
    base, sep, sub = plain.partition("_")
    return html.escape(base) + (f"<sub>{html.escape(sub)}</sub>" if sep else "")


def _number(value: float) -> str:
    return format_flops(value, "")


def _uncertainty_text(p: Parameter) -> tuple[str, str]:
    unc = p.uncertainty
    if unc is None or not unc.bounds:
        return "point value", ""
    low, high = (_number(float(b.magnitude)) for b in unc.bounds)
    if unc.kind == "loguniform":
        return "log-uniform, range", f"{low} – {high}"
    return f"{unc.kind}, 90% interval", f"{low} – {high}"


def _row(p: Parameter) -> ParameterRow:
    kind, interval = _uncertainty_text(p)
    return ParameterRow(
        name=p.name,
        symbol_html=symbol_html(p.spec.latex),
        value=_number(float(p.value.magnitude)),
        unit="1" if p.spec.unit == "dimensionless" else p.spec.unit,
        written=p.text,
        uncertainty=kind,
        interval=interval,
        citation=p.source.citation,
        url=p.source.url or "",
        where=p.where,
        note=p.note,
    )


def _versions() -> dict[str, str]:
    from importlib import metadata

    out = {}
    for name in ("numpy", "scipy", "SALib", "matplotlib", "jinja2"):
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "absent"
    return out


def build(
    assumption_set: AssumptionSet | str | os.PathLike[str],
    *,
    scenario: str | None = None,
    n: int = DEFAULT_SAMPLES,
    seed: int = 0,
    sobol_samples: int = DEFAULT_SOBOL_SAMPLES,
    generated: dt.date | dt.datetime | str | None = None,
) -> ReportData:
    """Compute and format everything a report on one set shows.

    Parameters
    ----------
    assumption_set : AssumptionSet, str or PathLike
        A loaded set (e.g. from :func:`brainflops.assumptions.parse_set` for an upload), an id or a path.
    scenario : str, optional
        The hardware scenario of the timeline section (id, ``id@version`` or path); by default
        :data:`brainflops.report.sections.DEFAULT_SCENARIO` (HPCG #1 fitted since 2014).
    n : int
        Monte Carlo samples when the distribution has no closed form [1].
    seed : int
        Seed of the Monte Carlo run and of the Sobol sampling.
    sobol_samples : int
        SALib base samples (a power of 2) [1].
    generated : date, datetime or str, optional
        The date to state; see :func:`generation_date`.

    Returns
    -------
    ReportData

    Raises
    ------
    BrainflopsError
        An invalid set or scenario (an :class:`~brainflops.errors.AssumptionError`), or bad sample counts.
    """
    from brainflops import __version__, plots
    from brainflops.report import sections
    from brainflops.report.figures import figure_svg_and_free, formula_svg
    from brainflops.sensitivity import sensitivity
    from brainflops.uncertainty import sample

    s = load(assumption_set)
    date = generation_date(generated)
    timeline_section, scenario_info = sections.timeline_section(s, scenario or sections.DEFAULT_SCENARIO, n, seed)
    e = estimate(s)
    d = sample(s, n, seed)
    sens = sensitivity(s, sobol_samples, seed)
    figures: dict[str, str] = {}
    formula = formula_svg(rf"F = {e.latex} \quad [\mathrm{{FLOP/s}}]", "formula")
    if formula is not None:
        figures["formula"] = formula
    if d.how != "point":  # with nothing uncertain there is no distribution to draw and nothing to rank
        figures["distribution"] = figure_svg_and_free(plots.distribution(d), "distribution")
        figures["tornado"] = figure_svg_and_free(plots.tornado(sens.tornado), "tornado")
    if not sens.sobol.empty:
        figures["sobol"] = figure_svg_and_free(plots.sobol(sens.sobol), "sobol")
    return ReportData(
        assumption_set=s,
        estimate=e,
        distribution=d,
        sensitivity=sens,
        parameters=tuple(_row(p) for p in s.parameters.values()),
        figures=figures,
        generated=date,
        n=n,
        seed=seed,
        sobol_samples=sobol_samples,
        package_version=__version__,
        library_versions=_versions(),
        command=_command(s, n, seed, sobol_samples),
        ladder=sections.ladder_section(s, seed),
        timeline=timeline_section,
        deep_learning=sections.deep_learning_section(s, seed),
        scenario=scenario_info,
    )


def _command(s: AssumptionSet, n: int, seed: int, sobol_samples: int) -> str:
    from brainflops.assumptions import brain_dirs

    if s.path is None:
        target = "FILE.toml"  # parsed from text (an upload): the user has the file, we do not
    elif s.path.resolve().parent in {d.resolve() for d in brain_dirs()}:
        target = s.ref
    else:
        target = s.path.name
    extra = f" --sobol-samples {sobol_samples}" if sobol_samples != DEFAULT_SOBOL_SAMPLES else ""
    return f"brainflops report {target} --n {n} --seed {seed}{extra}"
