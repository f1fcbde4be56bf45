"""The report's comparison, timeline and deep-learning sections, built from the library's results."""

from __future__ import annotations

import functools
import math

from brainflops.assumptions import AssumptionSet, presets
from brainflops.estimate import format_flops
from brainflops.report.data import ScenarioInfo, Section
from brainflops.report.figures import figure_svg_and_free

__all__ = ["DEFAULT_SCENARIO", "deep_learning_section", "ladder_section", "timeline_section"]

#: The scenario a report uses when none is given: HPCG #1 (the benchmark Dettmers used) fitted since 2014.
DEFAULT_SCENARIO = "hpcg-rank1-2014-latest"
_SAMPLES = 20_000


def _year(value: float, now: float) -> str:
    if math.isinf(value):
        return "never"
    return "already" if value <= now else f"{value:.0f}"


@functools.lru_cache(maxsize=8)
def _preset_frame(hashes: tuple[str, ...], seed: int):
    """The comparison of every shipped preset; the same for every report, so computed once per preset state."""
    from brainflops.compare import compare

    del hashes  # the cache key: any change to a preset file changes it
    return compare(presets(), n=_SAMPLES, seed=seed)


def ladder_section(s: AssumptionSet, seed: int) -> Section:
    """Every preset on one axis with this set highlighted (and added when it is not a preset)."""
    import pandas as pd

    from brainflops import plots
    from brainflops.assumptions import load
    from brainflops.compare import compare

    ids = presets()
    frame = _preset_frame(tuple(load(i).hash for i in ids), seed)
    if s.hash not in set(frame["hash"]):
        frame = frame[frame["set"] != s.id]
        frame = pd.concat([frame, compare([s], n=_SAMPLES, seed=seed)], ignore_index=True)
        frame = frame.sort_values("point", ignore_index=True)
    figure = figure_svg_and_free(plots.ladder(frame, highlight=s.id), "ladder")
    rows = [("set", "method", "point [FLOP/s]", "90% interval [FLOP/s]", "year")]
    for r in frame.itertuples():
        interval = "" if r.p5 != r.p5 else f"{format_flops(r.p5, '')} – {format_flops(r.p95, '')}"
        rows.append((f"{r.set}@{r.version}", r.method, format_flops(r.point, ""), interval, str(r.year)))
    return Section(
        title="Against every published estimate",
        anchor="comparison",
        paragraphs=(
            f"{s.ref} (bold) among every estimate shipped with brainflops. Points are point estimates, bars 90% "
            "intervals where a set has uncertain parameters. Reference lines: one H100 at dense BF16 and "
            "today's TOP500 #1 (shipped datasets), and the Landauer limit of a 20 W brain at 310 K in bit "
            "erasures per second (k_B·T·ln 2, computed).",
        ),
        figure_svg=figure,
        table=tuple(rows),
    )


def timeline_section(s: AssumptionSet, scenario: str, n: int, seed: int) -> tuple[Section, ScenarioInfo]:
    """When hardware reaches this brain under ``scenario``: the figure, the parity years, the source."""
    from brainflops import plots
    from brainflops.forecast.outlook import outlook
    from brainflops.hardware.scenarios import load_scenario

    chosen = load_scenario(scenario)
    o = outlook(s, [chosen.ref], n=min(n, _SAMPLES), seed=seed)
    parity = next(iter(o.parities.values()))
    figure = figure_svg_and_free(
        plots.timeline(o.history, o.projections, o.brain_log10, o.parities, brain_label=s.ref), "timeline"
    )
    rows = [
        ("scenario", "median year", "90% interval", "already reached", "never"),
        (
            chosen.title,
            _year(parity.median, parity.now),
            f"{_year(parity.p5, parity.now)} – {_year(parity.p95, parity.now)}",
            f"{parity.already:.0%}",
            f"{parity.never:.0%}",
        ),
    ]
    section = Section(
        title="When does hardware catch up?",
        anchor="timeline",
        paragraphs=(
            f"The brain distribution of {s.ref} against the scenario '{chosen.title}' ({chosen.ref}): the "
            "probability that hardware has reached the brain by each year, combining the brain's uncertainty "
            "with the scenario's growth-rate uncertainty.",
            str(parity),
        ),
        figure_svg=figure,
        table=tuple(rows),
        sources=(chosen.citation,),
    )
    return section, ScenarioInfo(chosen.id, chosen.version, chosen.hash, chosen.citation)


def deep_learning_section(s: AssumptionSet, seed: int, precision: str = "fp16_tensor") -> Section:
    """Accelerators per brain at dense peak, and brain lifetime compute against the largest training runs."""
    from brainflops import plots
    from brainflops.estimate import estimate
    from brainflops.forecast.accelerators import gpus_per_brain
    from brainflops.forecast.lifetime import training_vs_lifetime
    from brainflops.uncertainty import sample

    point = estimate(s).value
    flops = float(point.magnitude)
    table = gpus_per_brain(point, precision, utilisation=1)  # raw peak until the report shows utilisation
    figure = figure_svg_and_free(plots.gpus_per_brain(table, brain_label=s.ref), "gpus")
    d = sample(s, _SAMPLES, seed, exact=False, keep_samples=True)
    lifetime = training_vs_lifetime(d.samples)
    rows = [("accelerator", "year", "devices", "cost [USD]", "power [W]")]
    for r in table.tail(8).itertuples():
        cost = "" if r.cost_usd != r.cost_usd else f"{r.cost_usd:.3g}"
        rows.append((r.name, str(r.year), f"{r.devices:.3g}", cost, f"{r.power_w:.3g}"))
    passed = (
        f"the largest run first passed it in {lifetime.first_year_passed}"
        if lifetime.first_year_passed
        else "no training run has passed it yet"
    )
    return Section(
        title="The deep-learning comparison",
        anchor="deep-learning",
        paragraphs=(
            f"How many accelerators at their dense {precision} peak equal the point estimate of {s.ref} "
            f"({format_flops(flops)}), with the cluster's launch price and power (TDP); the newest devices are "
            "listed.",
            f"A brain's lifetime compute (its FLOP/s over {lifetime.lifetime_years:g} years) is about "
            f"{lifetime.lifetime_flop:.3g} FLOP (median); {passed}. The largest training runs double every "
            f"{lifetime.fit.doubling_time:.2f} years; parity with the lifetime distribution: {lifetime.parity}.",
        ),
        figure_svg=figure,
        table=tuple(rows),
        sources=(
            "Epoch AI, Machine Learning Hardware dataset (CC-BY); Epoch AI, Notable AI Models dataset (CC-BY), "
            "Feb 2025 snapshot (assumptions/data/).",
        ),
    )
