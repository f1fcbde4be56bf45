"""Report benchmark (issue 7): time to write both formats for dettmers-2015, and where the time goes.

Run: ``python benchmarks/bench_report.py``. Each pass does what :func:`brainflops.report.report` does, stage by
stage, and times each stage: statistics (Monte Carlo and Sobol), figures (matplotlib drawing and SVG), HTML
templating (Jinja2) and PDF layout (WeasyPrint). The fastest of a few passes is printed with each stage's share of
that same pass, next to the end-to-end time of ``report(..., formats=("html", "pdf"))``.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import best_of

from brainflops import plots
from brainflops.assumptions import load
from brainflops.report import render_html, render_pdf, report
from brainflops.report.data import ReportData, generation_date
from brainflops.report.figures import figure_svg, formula_svg
from brainflops.sensitivity import sensitivity
from brainflops.uncertainty import sample

SET = "dettmers-2015@1.1.0"
N = 200_000
SOBOL = 2**12
REPEATS = 3


def one_pass(s) -> dict[str, float]:
    """One report, stage by stage [s per stage]; mirrors brainflops.report.data.build and write.report."""
    from brainflops import __version__
    from brainflops.estimate import estimate
    from brainflops.report.data import _row, _versions

    times = {}
    start = time.perf_counter()
    e, d, sens = estimate(s), sample(s, N, 0), sensitivity(s, SOBOL, 0)
    times["statistics"] = time.perf_counter() - start

    start = time.perf_counter()
    figures = {"formula": formula_svg(rf"F = {e.latex} \quad [\mathrm{{FLOP/s}}]", "formula")}
    for name, fig in (
        ("distribution", plots.distribution(d)),
        ("tornado", plots.tornado(sens.tornado)),
        ("sobol", plots.sobol(sens.sobol)),
    ):
        figures[name] = figure_svg(fig, name)
    times["figures"] = time.perf_counter() - start

    data = ReportData(
        s, e, d, sens, tuple(_row(p) for p in s.parameters.values()), figures, generation_date("2026-01-01"),
        N, 0, SOBOL, __version__, _versions(),
    )  # fmt: skip
    start = time.perf_counter()
    html = render_html(data)
    times["HTML templating"] = time.perf_counter() - start

    start = time.perf_counter()
    render_pdf(html)
    times["PDF layout"] = time.perf_counter() - start
    return times


def main() -> None:
    s = load(SET)
    with tempfile.TemporaryDirectory() as folder:
        report(s, folder, n=N, seed=0, generated="2026-01-01")  # warm up: imports, fonts, caches
        total = best_of(lambda: report(s, folder, n=N, seed=0, generated="2026-01-01"), REPEATS)
    passes = [one_pass(s) for _ in range(REPEATS)]
    best = min(passes, key=lambda p: sum(p.values()))
    summed = sum(best.values())
    print(f"report({SET}, formats=html,pdf, n={N:,}, Sobol base samples {SOBOL:,}): {total:.2f} s end to end")
    print(f"  fastest of {REPEATS} stage-by-stage passes: {summed:.2f} s, of which")
    for name, seconds in best.items():
        print(f"    {name:<16} {seconds:7.3f} s   {100 * seconds / summed:5.1f}%")
    pdf, figs, tmpl = best["PDF layout"], best["figures"], best["HTML templating"]
    print(f"  ratios in that pass: PDF layout / figures {pdf / figs:.1f}, figures / HTML templating {figs / tmpl:.0f}")


if __name__ == "__main__":
    main()
