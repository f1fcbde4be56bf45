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
            unc = f"  (90%: {p.uncertainty.kind} {lo.magnitude:.4g} … {hi.magnitude:.4g})"
            if p.uncertainty.kind == "loguniform":
                unc = f"  (loguniform {lo.magnitude:.4g} … {hi.magnitude:.4g})"
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
        f"file: {s.path}" if s.path else "",
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
        "exact": "exact: closed-form lognormal, no sampling",
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
    est.add_argument("--monte-carlo", action="store_true", help="sample even when a closed form exists")
    sens = sub.add_parser("sensitivity", help="tornado, elasticities and Sobol indices of a set")
    sens.add_argument("set", help="set id, id@version or path to a .toml file")
    sens.add_argument("--base-samples", type=int, default=2**12, help="SALib base samples, a power of 2")
    sens.add_argument("--seed", type=int, default=0, help="seed (default 0)")
    _add_report_parser(sub)
    return parser


def _run(args: argparse.Namespace) -> str:
    if args.command == "list":
        rows = []
        for set_id in presets():
            s = load(set_id)
            rows.append(
                f"{s.id:<24} {', '.join(versions(set_id)):<12} {format_flops(estimate(s).flops):>18}  "
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
                "how": d.how, "n": d.n, "seed": d.seed, "percentiles": {f"{q:g}": v for q, v in d.percentiles.items()},
                "log10_mean": d.log10_mean, "log10_std": d.log10_std,
            }  # fmt: skip
            return json.dumps(data, indent=2)
        return _estimate_text(e, s) + "\n" + _distribution_text(d)
    if args.command == "sensitivity":
        return _sensitivity_text(args)
    if args.command == "report":
        return _run_report(args)
    raise AssertionError(args.command)  # argparse restricts the choices


# --- brainflops report (issue 7) ------------------------------------------------------------------------


def _add_report_parser(sub) -> None:
    """Register ``brainflops report ID|PATH [--scenario S] [--format html,pdf] [--out DIR] [--n N] [--seed S]``."""
    rep = sub.add_parser("report", help="write a self-contained HTML and a PDF report on a set")
    rep.add_argument("set", help="set id, id@version or path to a .toml file")
    rep.add_argument("--scenario", default=None, help="hardware scenario for the timeline section")
    rep.add_argument("--format", dest="formats", default="html,pdf", help="html, pdf or html,pdf (default)")
    rep.add_argument("--out", default="reports", help="output folder (default reports/)")
    rep.add_argument("--n", type=int, default=200_000, help="Monte Carlo samples when no closed form exists")
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


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = build_parser().parse_args(argv)
    try:
        output = _run(args)
    except BrainflopsError as exc:
        print(f"brainflops: error: {exc}", file=sys.stderr)
        return 2
    print(output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
