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
        via = f" via {p.via.key}" if p.via is not None else ""
        marker = f"  [{p.verification}{via}]" if p.verification else ""
        lines.append(f"  {name:<{width}}  {p.spec.plain:<6} = {value}{unc}")
        lines.append(f"  {'':<{width}}  source: [{p.source.key}] {p.where}{marker}")
        lines.append(f"  {'':<{width}}  note: {p.note}")
    return lines


def _verification_legend(s: AssumptionSet) -> list[str]:
    """What the markers used by this set's parameters mean (``schema.VERIFICATION_LABELS``, the one definition)."""
    from brainflops.schema import VERIFICATION_LABELS

    used = [code for code in VERIFICATION_LABELS if any(p.verification == code for p in s.parameters.values())]
    if not used:
        return ["verification: not stated by this set (released before the marker existed)"]
    return ["verification:", *(f"  [{code}] {VERIFICATION_LABELS[code]}" for code in used)]


def _plausibility_line(s: AssumptionSet) -> str | None:
    basis = s.plausibility_basis
    if basis is None:
        return None
    return f"plausibility: {basis.judgement} — [{basis.source.key}] {basis.where}: {basis.note}"


def _show(s: AssumptionSet) -> str:
    out = [
        f"{s.ref}  {s.title}",
        f"method: {s.method.name} — {s.method.title}",
        f"date: {s.date}    hash: {s.hash}",
        f"extends: {s.extends}" if s.extends else None,
        f"file: {s.path}" if s.path else None,
        _plausibility_line(s),
        "",
        "parameters:",
        *_parameter_rows(s),
        "",
        *_verification_legend(s),
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


# --- hardware and forecast: timeline, forecast, ledger, hardware, clusters, gpus (issues 5, 12) ---------------

_HARDWARE_COMMANDS = ("timeline", "forecast", "ledger", "hardware", "clusters", "gpus")


def _add_forecast_options(parser, *, draws: bool = True) -> None:
    parser.add_argument(
        "--utilisation",
        default=None,
        metavar="U",
        help="fraction of peak in deep learning's frame: a number in (0, 1] (1 = raw peak) or a utilisation "
        "file (default: the cited mfu-large-training-runs)",
    )
    parser.add_argument(
        "--anchor",
        choices=("record", "line"),
        default=None,
        help="where fitted scenarios start: the last record at its date (default) or the fitted line",
    )
    if draws:
        parser.add_argument("--draws", type=int, default=2000, help="draws of the fit parameters (1 to 1,000,000)")
        parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")


def _add_hardware_commands(sub) -> None:
    """Register the hardware and forecast commands."""
    tl = sub.add_parser("timeline", help="when hardware reaches a set's FLOP/s, per scenario, in both frames")
    tl.add_argument("set", help="set id, id@version or path to a .toml file")
    tl.add_argument(
        "--scenario",
        action="append",
        default=[],
        metavar="S",
        help="trend scenario id, id@version or .toml path (repeatable; default: every shipped scenario)",
    )
    _add_forecast_options(tl)
    fc = sub.add_parser("forecast", help="the combined forecast: both frames and one weighted P(parity by year)")
    fc.add_argument("set", nargs="?", help="set id, id@version or .toml path (omit to mix the presets the weights "
                    "file weights)")  # fmt: skip
    fc.add_argument("--weights", default="combined-forecast", help="weights file id, id@version or .toml path")
    _add_forecast_options(fc)
    fc.add_argument("--plot", metavar="OUT", help="write the forecast figure to OUT (.png, .svg or .pdf)")
    lg = sub.add_parser("ledger", help="published hardware-parity forecasts, scored against the record")
    lg.add_argument("--file", default="published-forecasts", help="ledger file id, id@version or .toml path")
    lg.add_argument("--plot", metavar="OUT", help="write the ledger figure to OUT (.png, .svg or .pdf)")
    sub.add_parser("hardware", help="trend fits with eras for every series, FLOP/s per dollar against Epoch AI")
    cl = sub.add_parser("clusters", help="the large AI training clusters and the record they set")
    cl.add_argument("--plot", metavar="OUT", help="write the cluster-record figure to OUT (.png, .svg or .pdf)")
    gp = sub.add_parser("gpus", help="how many accelerators at dense peak × utilisation equal a set's FLOP/s")
    gp.add_argument("set", help="set id, id@version or path to a .toml file")
    gp.add_argument("--precision", default="fp16_tensor", help="precision of the peak (default fp16_tensor)")
    _add_forecast_options(gp, draws=False)


def _utilisation(args: argparse.Namespace, default=None):
    from brainflops.forecast.utilisation import DEFAULT_UTILISATION, utilisation_value

    if args.utilisation is None:
        return default if default is not None else DEFAULT_UTILISATION
    return utilisation_value(args.utilisation)


def _check_draws(args: argparse.Namespace) -> None:
    from brainflops.forecast.combined import MAX_DRAWS

    if not 1 <= args.draws <= MAX_DRAWS:
        raise BrainflopsError(f"--draws must be between 1 and {MAX_DRAWS:,} (got {args.draws:,})")


def _run_hardware(args: argparse.Namespace) -> str:
    """Run a hardware or forecast command; every text comes from the library's renderers."""
    if args.command in ("forecast", "ledger", "clusters"):
        _check_figure_path(args.plot)
    if args.command == "timeline":
        from brainflops.forecast.outlook import outlook
        from brainflops.hardware.scenarios import scenarios
        from brainflops.uncertainty import sample

        _check_draws(args)
        s = load(args.set)
        d = sample(s, 20_000, args.seed)
        o = outlook(s, args.scenario or scenarios(), utilisation=_utilisation(args), anchor=args.anchor or "record",
                    n_draws=args.draws, seed=args.seed)  # fmt: skip
        head = (
            f"{s.ref}: point {format_flops(d.point)}, 90% interval {format_flops(d.p5, '')} – "
            f"{format_flops(d.p95)} (set hash {s.short_hash}); parity years use 20,000 brain draws, "
            "the doubling count uses the point"
        )
        return head + "\n" + str(o)
    if args.command == "forecast":
        from brainflops.forecast.combined import combined_forecast

        _check_draws(args)
        f = combined_forecast(args.set, args.weights, utilisation=None if args.utilisation is None else
                              _utilisation(args), anchor=args.anchor, n_draws=args.draws, seed=args.seed)  # fmt: skip
        lines = [str(f)]
        if args.plot:
            from brainflops.plots import forecast as forecast_figure

            lines.append(_save(forecast_figure(f), args.plot))
        return "\n".join(lines)
    if args.command == "ledger":
        from brainflops.forecast.ledger import ledger

        result = ledger(args.file)
        lines = [str(result)]
        if args.plot:
            from brainflops.plots import ledger as ledger_figure

            lines.append(_save(ledger_figure(result), args.plot))
        return "\n".join(lines)
    if args.command == "clusters":
        from brainflops.hardware.clusters import load_ai_clusters, render_clusters

        frame = load_ai_clusters()
        lines = [render_clusters(frame)]
        if args.plot:
            from brainflops.hardware.series import get_series
            from brainflops.plots import clusters as clusters_figure

            lines.append(_save(clusters_figure(frame, get_series("ai-cluster-record")), args.plot))
        return "\n".join(lines)
    if args.command == "hardware":
        from brainflops.hardware.summary import hardware_summary

        return hardware_summary()
    from brainflops.forecast.accelerators import gpus_per_brain, render_gpus

    e = estimate(load(args.set))
    table = gpus_per_brain(e.flops, args.precision, utilisation=_utilisation(args))
    return render_gpus(table, f"{e.set_id}@{e.version}", e.flops)


def _run(args: argparse.Namespace) -> str:
    if args.command in _HARDWARE_COMMANDS:
        return _run_hardware(args)
    if args.command == "list":
        sets = [load(set_id) for set_id in presets()]
        width = max(len(s.id) for s in sets)
        listed = {s.id: ", ".join(versions(s.id)) for s in sets}
        vwidth = max(12, *(len(v) for v in listed.values()))
        rows = [f"{'set':<{width}}  {'versions':<{vwidth}} {'point estimate':>18}  {'method':<22} title"]
        for s in sets:
            rows.append(
                f"{s.id:<{width}}  {listed[s.id]:<{vwidth}} {format_flops(estimate(s).flops):>18}  "
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
    method_width = max(len("method"), *(len(m) for m in frame["method"]))
    out = [
        f"{'set':<{width}}  {'point':>12}  {'5th pct':>10}  {'95th pct':>10}  {'year':>4}  "
        f"{'method':<{method_width}}  judged"
    ]
    for r in frame.itertuples():
        low = "" if r.p5 != r.p5 else format_flops(r.p5, "")  # NaN: no uncertainty
        high = "" if r.p95 != r.p95 else format_flops(r.p95, "")
        row = (
            f"{r.set + '@' + r.version:<{width}}  {format_flops(r.point, ''):>12}  {low:>10}  {high:>10}  "
            f"{r.year:>4}  {r.method:<{method_width}}  {r.plausibility or ''}"
        )
        out.append(row.rstrip())
    out.append(
        "FLOP/s; percentiles from the set's uncertainties (blank: no uncertain parameter); "
        "judged: the source's own plausibility judgement (blank: the source gave none)"
    )
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
