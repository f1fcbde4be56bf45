"""The ``brainflops`` command line: thin formatting over library calls.

Exit codes: 0 on success, 2 on bad input (one line on stderr, never a traceback).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import textwrap
from collections.abc import Sequence

from brainflops.assumptions import AssumptionSet, load, load_file, presets, versions
from brainflops.errors import BrainflopsError
from brainflops.estimate import Estimate, estimate, format_flops

__all__ = ["main"]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2, as for every user mistake
        self.exit(2, f"{self.prog}: error: {message}\n")


def _parameter_rows(s: AssumptionSet) -> list[str]:
    lines = []
    width = max(len(n) for n in s.parameters)
    for name, p in s.parameters.items():
        unc = ""
        if p.uncertainty is not None and p.uncertainty.bounds:
            lo, hi = p.uncertainty.bounds
            span = f"{format_flops(float(lo.magnitude), '')} … {format_flops(float(hi.magnitude), '')}"
            unc = f"  ({p.uncertainty.kind} {span})" if p.uncertainty.kind == "loguniform" else f"  (90%: {span})"
        value = format_flops(float(p.value.magnitude), p.spec.unit.replace("dimensionless", ""))
        lines.append(f"  {name:<{width}}  {p.spec.plain:<6} = {value}{unc}")
        lines.append(f"  {'':<{width}}  source: [{p.source.key}] {p.where}")
        lines.append(f"  {'':<{width}}  note: {p.note}")
    return lines


def _show(s: AssumptionSet) -> str:
    out = [
        f"{s.ref}  {s.title}",
        f"method: {s.method.name} — {s.method.title}",
        f"date: {s.date}    hash: {s.hash}",
        f"extends: {s.extends}" if s.extends else None,
        f"file: {s.path}" if s.path else None,
        "",
        "parameters:",
        *_parameter_rows(s),
        "",
        "sources:",
    ]
    for key, src in s.sources.items():
        out.append(f"  [{key}] {src.citation}" + (f" {src.url}" if src.url else ""))
    out += ["", "changelog:", *(f"  {line}" for line in s.changelog)]
    return "\n".join(line for line in out if line is not None)


def _estimate_text(e: Estimate, s: AssumptionSet) -> str:
    total = e.flops
    out = [
        f"{e.set_id}@{e.version}: {format_flops(total)}",
        f"  formula: F = {e.text}",
        *textwrap.wrap(
            ", ".join(f"{s.parameters[n].spec.plain}={n}" for n in s.model.parameter_names),
            width=100,
            initial_indent="  where: ",
            subsequent_indent="         ",
        ),
        "  contributions:",
    ]
    width = max(len(n) for n in e.contributions)
    for name, q in e.contributions.items():
        value = float(q.magnitude)
        out.append(f"    {name:<{width}}  {format_flops(value):>18}  {100 * value / total:6.2f}%")
    if e.overrides:
        out.append("  overrides: " + ", ".join(f"{k} = {v:~P}" for k, v in e.overrides.items()))
    out.append(f"  set hash: {e.hash}")
    return "\n".join(out)


def _distribution_text(d) -> str:
    basis = {
        "exact": "exact: closed-form lognormal, no sampling"
        if d.exact_by != "quadrature"
        else "exact: quadrature over the lognormal terms, no sampling",
        "point": "no uncertain parameters",
    }.get(d.how, f"sampled: Monte Carlo, n = {d.n:,}, seed = {d.seed}")
    return (
        f"  uncertainty ({basis}):\n"
        f"    median {format_flops(d.median)}, 90% interval {format_flops(d.p5)} – {format_flops(d.p95)}"
    )


def _sensitivity_text(args: argparse.Namespace) -> str:
    from brainflops.sensitivity import sensitivity

    result = sensitivity(args.set, base_samples=args.base_samples, seed=args.seed)
    out = [
        f"{result.set_ref}: sensitivity of log10 FLOP/s",
        "",
        "elasticities (d ln F / d ln x at the point estimate):",
    ]
    out += [f"  {r.parameter:<26} {r.elasticity:8.4f}" for r in result.elasticities.itertuples()]
    out += ["", "tornado (each parameter alone at its 5th / 95th percentile, others at their median):"]
    out += [
        f"  {r.parameter:<26} {format_flops(r.low_flops):>18} … {format_flops(r.high_flops):<18} "
        f"swing {r.swing_log10:.3f} decades"
        for r in result.tornado.itertuples()
    ]
    if not result.sobol.empty:
        runs = result.sobol.attrs.get("model_runs")
        out += ["", f"Sobol indices (SALib, {runs:,} model runs; ± 95% confidence):"]
        out += [
            f"  {r.parameter:<26} S1 {r.S1:6.3f} ± {r.S1_conf:.3f}   ST {r.ST:6.3f} ± {r.ST_conf:.3f}"
            for r in result.sobol.itertuples()
        ]
        if not result.sobol.attrs.get("independent", True):
            out.append("  (the set's rank correlations are ignored here: Sobol indices assume independent inputs)")
    if result.analytic is not None:
        out += ["", "exact variance shares (product of powers of lognormals):"]
        out += [f"  {r.parameter:<26} {r.share:6.3f}" for r in result.analytic.itertuples()]
    return "\n".join(out)


def _estimate_json(e: Estimate) -> str:
    def q(value):
        return {"value": float(value.magnitude), "unit": f"{value.units:~}"}

    return json.dumps(
        {
            "set": e.set_id,
            "version": e.version,
            "hash": e.hash,
            "method": e.method,
            "flop_per_s": e.flops,
            "formula": e.text,
            "latex": e.latex,
            "contributions": {k: float(v.magnitude) for k, v in e.contributions.items()},
            "inputs": {k: q(v) for k, v in e.inputs.items()},
            "overrides": {k: q(v) for k, v in e.overrides.items()},
        },
        indent=2,
    )


def _parse_sets(pairs: Sequence[str]) -> dict[str, str]:
    overrides = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise BrainflopsError(f"--set expects NAME=VALUE, e.g. --set 'firing_rate=1 Hz' (got '{pair}')")
        overrides[name.strip()] = value.strip()
    return overrides


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (also used to generate the command-line reference)."""
    parser = _Parser(prog="brainflops", description="How much compute does a human brain do?")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    sub.add_parser("list", help="list the shipped assumption sets with their estimates")
    show = sub.add_parser("show", help="show a set's parameters, values, units and sources")
    show.add_argument("set", help="set id, id@version or path to a .toml file")
    validate = sub.add_parser("validate", help="validate assumption files")
    validate.add_argument("paths", nargs="+", help=".toml files")
    est = sub.add_parser("estimate", help="compute a set's FLOP/s")
    est.add_argument("set", help="set id, id@version or path to a .toml file")
    est.add_argument(
        "--set",
        dest="overrides",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="override a parameter, e.g. --set 'firing_rate=1 Hz' (repeatable)",
    )
    est.add_argument("--json", action="store_true", help="print JSON")
    est.add_argument("--uncertainty", action="store_true", help="also print the median and 90%% interval")
    est.add_argument("--n", type=int, default=1_000_000, help="Monte Carlo samples (default 1e6)")
    est.add_argument("--seed", type=int, default=0, help="Monte Carlo seed (default 0)")
    est.add_argument("--monte-carlo", action="store_true", help="sample even when the percentiles are exact")
    sens = sub.add_parser("sensitivity", help="tornado, elasticities and Sobol indices of a set")
    sens.add_argument("set", help="set id, id@version or path to a .toml file")
    sens.add_argument("--base-samples", type=int, default=2**12, help="SALib base samples, a power of 2")
    sens.add_argument("--seed", type=int, default=0, help="seed (default 0)")
    _add_hardware_commands(sub)
    _add_comparison_commands(sub)
    _add_report_parser(sub)
    _add_save_command(sub)
    return parser


# --- hardware side: timeline, hardware, gpus (issue 5) ---------------------------------------------------


def _add_hardware_commands(sub) -> None:
    """Register ``timeline``, ``hardware`` and ``gpus``."""
    tl = sub.add_parser("timeline", help="when hardware reaches a set's FLOP/s, per trend scenario")
    tl.add_argument("set", help="set id, id@version or path to a .toml file")
    tl.add_argument(
        "--scenario",
        action="append",
        default=[],
        metavar="S",
        help="trend scenario id, id@version or .toml path (repeatable; default: every shipped scenario)",
    )
    tl.add_argument("--draws", type=int, default=2000, help="draws of the fit parameters (default 2000)")
    tl.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    sub.add_parser("hardware", help="trend fits of the shipped hardware data: doubling times with 90%% intervals")
    gp = sub.add_parser("gpus", help="how many accelerators at dense peak equal a set's FLOP/s")
    gp.add_argument("set", help="set id, id@version or path to a .toml file")
    gp.add_argument("--precision", default="fp16_tensor", help="precision of the peak (default fp16_tensor)")


def _run_hardware(args: argparse.Namespace) -> str | None:
    """Run a hardware command; ``None`` if ``args.command`` is not one of them."""
    import pandas as pd

    if args.command == "timeline":
        from brainflops.scenarios import scenarios
        from brainflops.timeline import timeline

        if args.draws < 1:
            raise BrainflopsError(f"--draws must be at least 1 (got {args.draws})")
        from brainflops.uncertainty import sample

        s = load(args.set)
        d = sample(s, 20_000, args.seed)
        lines = [
            f"{s.ref}: point {format_flops(d.point)}, 90% interval {format_flops(d.p5, '')} – "
            f"{format_flops(d.p95)} (set hash {s.short_hash}); parity years use 20,000 brain draws, "
            "the doubling count uses the point"
        ]
        for ref in args.scenario or scenarios():
            lines.append("  " + str(timeline(s, ref, n_draws=args.draws, seed=args.seed)))
        return "\n".join(lines)
    if args.command == "hardware":
        from brainflops import trends

        windows = [
            ("top500-rank1", 1993, 2008, None),
            ("top500-rank1", 2013, None, None),
            ("top500-rank500", None, None, None),
            ("top500-sum", None, None, None),
            ("hpcg-rank1", 2014, None, None),
            ("accelerator-peak", None, None, "fp16_tensor"),
            ("accelerator-peak", None, None, "fp32"),
            ("gpu-flops-per-dollar", None, None, "fp32"),
            ("green500", None, None, None),
            ("training-compute", 2010, None, None),
        ]
        fits = [trends.fit_loglinear(n, a, b, precision=p, n_boot=2000) for n, a, b, p in windows]
        table = pd.concat([f.to_frame() for f in fits], ignore_index=True)
        table[["start", "end"]] = table[["start", "end"]].map(lambda v: f"{v:.1f}")
        cols = ["series", "start", "end", "n", "doubling_years", "doubling_p5", "doubling_p95", "hac_lag"]
        cols += ["doubling_p5_boot", "doubling_p95_boot"]
        fixed, placed = trends.fit_piecewise("top500-rank1", break_year=2013), trends.fit_piecewise("top500-rank1")
        piecewise = pd.concat([fixed.to_frame(), placed.to_frame()], ignore_index=True)
        piecewise["break_year"] = piecewise["break_year"].map(lambda v: f"{v:.2f}")
        return (
            "log-linear fits: doubling time [years]; 90% intervals from Newey-West (HAC) standard errors\n"
            "and, as a cross-check, a moving-block bootstrap (*_boot):\n"
            + table[cols].to_string(index=False, float_format=lambda v: f"{v:.3g}")
            + "\n\npiecewise (continuous) fits of TOP500 #1, break fixed at 2013 and placed by least squares:\n"
            + piecewise.drop(columns=["sse"]).to_string(index=False, float_format=lambda v: f"{v:.4g}")
        )
    if args.command == "gpus":
        from brainflops.deeplearning import gpus_per_brain

        e = estimate(load(args.set))
        table = gpus_per_brain(e.flops, args.precision)
        cols = ["name", "year", "peak_flops", "devices", "cost_usd", "power_w"]
        return (
            f"{e.set_id}@{e.version}: {format_flops(e.flops)} at dense {args.precision} peak "
            "(cost = launch price x devices; power = TDP x devices)\n"
            + table[cols].to_string(index=False, float_format=lambda v: f"{v:.3g}", na_rep="-")
        )
    return None


def _run(args: argparse.Namespace) -> str:
    hardware_output = _run_hardware(args)
    if hardware_output is not None:
        return hardware_output
    if args.command == "list":
        sets = [load(set_id) for set_id in presets()]
        width = max(len(s.id) for s in sets)
        rows = [f"{'set':<{width}}  {'versions':<12} {'point estimate':>18}  {'method':<22} title"]
        for s in sets:
            rows.append(
                f"{s.id:<{width}}  {', '.join(versions(s.id)):<12} {format_flops(estimate(s).flops):>18}  "
                f"{s.method.name:<22} {s.title}"
            )
        return "\n".join(rows)
    if args.command == "show":
        return _show(load(args.set))
    if args.command == "validate":
        lines = []
        for path in args.paths:
            s = load_file(path)
            lines.append(f"ok  {path}: {s.ref} ({s.method.name}), hash {s.short_hash}")
        return "\n".join(lines)
    if args.command == "estimate":
        s = load(args.set)
        overrides = _parse_sets(args.overrides)
        e = estimate(s, overrides)
        if not args.uncertainty:
            return _estimate_json(e) if args.json else _estimate_text(e, s)
        from brainflops.uncertainty import sample

        d = sample(
            s, args.n, args.seed, overrides=overrides, exact=False if args.monte_carlo else None,
            progress=sys.stderr.isatty(),
        )  # fmt: skip
        if args.json:
            data = json.loads(_estimate_json(e))
            data["distribution"] = {
                "how": d.how, "exact_by": d.exact_by, "n": d.n, "seed": d.seed,
                "percentiles": {f"{q:g}": v for q, v in d.percentiles.items()},
                "log10_mean": d.log10_mean, "log10_std": d.log10_std,
            }  # fmt: skip
            return json.dumps(data, indent=2)
        return _estimate_text(e, s) + "\n" + _distribution_text(d)
    if args.command == "sensitivity":
        return _sensitivity_text(args)
    if args.command in _COMPARISON_COMMANDS:
        return _run_comparison_command(args)
    if args.command == "report":
        return _run_report(args)
    if args.command == "save":
        return _run_save(args)
    raise AssertionError(args.command)  # argparse restricts the choices


# --- compare and diff (issue 3) ---------------------------------------------------------------------

_COMPARISON_COMMANDS = ("compare", "diff")
_FIGURE_SUFFIXES = (".png", ".svg", ".pdf")


def _add_comparison_commands(sub) -> None:
    """Register ``compare`` and ``diff``."""
    cmp = sub.add_parser("compare", help="every preset (or the sets given) side by side, with a ladder figure")
    cmp.add_argument("sets", nargs="*", help="set ids, id@version or .toml paths (default: every preset)")
    cmp.add_argument("--plot", metavar="OUT", help="write the ladder figure to OUT (.png, .svg or .pdf)")
    dif = sub.add_parser("diff", help="what differs between two sets and how much of the ratio each part explains")
    dif.add_argument("a", help="set id, id@version or path (the base)")
    dif.add_argument("b", help="set id, id@version or path (compared with the base)")
    dif.add_argument("--plot", metavar="OUT", help="write the waterfall figure to OUT (.png, .svg or .pdf)")


def _check_figure_path(path: str | None) -> None:
    if path is not None and not path.lower().endswith(_FIGURE_SUFFIXES):
        raise BrainflopsError(f"--plot expects a file ending in {', '.join(_FIGURE_SUFFIXES)} (got '{path}')")


def _save(fig, path: str) -> str:
    try:
        fig.savefig(path, dpi=150)
    except OSError as exc:
        raise BrainflopsError(f"cannot write figure '{path}' ({exc.strerror})") from None
    return f"figure written to {path}"


def _run_comparison_command(args: argparse.Namespace) -> str:
    _check_figure_path(args.plot)
    if args.command == "compare":
        from brainflops.compare import compare

        frame = compare(args.sets or None)
        lines = [_compare_table(frame)]
        if args.plot:
            from brainflops.plots import ladder

            lines.append(_save(ladder(frame), args.plot))
        return "\n".join(lines)
    from brainflops.diff import diff

    result = diff(args.a, args.b)
    lines = [str(result)]
    if args.plot:
        from brainflops.plots import waterfall

        lines.append(_save(waterfall(result), args.plot))
    return "\n".join(lines)


def _compare_table(frame) -> str:
    width = max(len("set"), *(len(f"{r.set}@{r.version}") for r in frame.itertuples()))
    out = [f"{'set':<{width}}  {'point':>12}  {'5th pct':>10}  {'95th pct':>10}  {'year':>4}  method"]
    for r in frame.itertuples():
        low = "" if r.p5 != r.p5 else format_flops(r.p5, "")  # NaN: no uncertainty
        high = "" if r.p95 != r.p95 else format_flops(r.p95, "")
        out.append(
            f"{r.set + '@' + r.version:<{width}}  {format_flops(r.point, ''):>12}  {low:>10}  {high:>10}  "
            f"{r.year:>4}  {r.method}"
        )
    out.append("FLOP/s; percentiles from the set's uncertainties (blank: no uncertain parameter)")
    return "\n".join(out)


# --- brainflops report (issue 7) ------------------------------------------------------------------------


def _add_report_parser(sub) -> None:
    """Register ``brainflops report ID|PATH [--scenario S] [--format html,pdf] [--out DIR] [--n N] [--seed S]``."""
    rep = sub.add_parser("report", help="write a self-contained HTML and a PDF report on a set")
    rep.add_argument("set", help="set id, id@version or path to a .toml file")
    rep.add_argument("--scenario", default=None, help="hardware scenario for the timeline section")
    rep.add_argument("--format", dest="formats", default="html,pdf", help="html, pdf or html,pdf (default)")
    rep.add_argument("--out", default="reports", help="output folder (default reports/)")
    rep.add_argument("--n", type=int, default=200_000, help="Monte Carlo samples when no exact form exists")
    rep.add_argument("--seed", type=int, default=0, help="seed (default 0)")
    rep.add_argument("--sobol-samples", type=int, default=2**12, help="SALib base samples, a power of 2")


def _run_report(args: argparse.Namespace) -> str:
    """Write the report files and return their paths, one a line."""
    from brainflops.report.write import check_formats, report

    formats = check_formats(args.formats)  # before loading the set: a typo in --format fails at once
    # A trailing separator makes report() treat --out as a folder even when it does not exist (then it says so).
    written = report(
        load(args.set), os.path.join(args.out, ""), scenario=args.scenario, formats=formats, n=args.n, seed=args.seed,
        sobol_samples=args.sobol_samples,
    )  # fmt: skip
    return "\n".join(str(path) for path in written)


# --- end of brainflops report ------------------------------------------------------------------------------


# --- save (issue 9) ---------------------------------------------------------------------------------


def _add_save_command(sub) -> None:
    """Register ``save``."""
    sv = sub.add_parser(
        "save", help="validate a set and save it into a folder as <id>@<version>.toml, never overwriting"
    )
    sv.add_argument("file", help="the .toml file to save")
    sv.add_argument("--to", required=True, metavar="DIR", help="the folder to save into (must exist)")
    sv.add_argument(
        "--refuse-existing",
        action="store_true",
        help="fail if <id>@<version>.toml exists (default: save as the next free patch version)",
    )


def _run_save(args: argparse.Namespace) -> str:
    from pathlib import Path

    from brainflops.errors import AssumptionError
    from brainflops.files import read_bytes
    from brainflops.saving import save

    path = Path(args.file)
    if not path.is_file():
        raise AssumptionError("no such file", file=args.file)
    result = save(read_bytes(path), args.to, if_exists="refuse" if args.refuse_existing else "bump", name=args.file)
    if result.bumped:
        return f"saved {result.ref} to {result.path} ({result.requested} already existed there)"
    return f"saved {result.ref} to {result.path}"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = build_parser().parse_args(argv)
    try:
        output = _run(args)
    except BrainflopsError as exc:
        print(f"brainflops: error: {exc}", file=sys.stderr)
        return 2
    try:
        print(output)
    except BrokenPipeError:  # e.g. `brainflops show X | head`: the reader left; not an error of ours
        sys.stderr.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
