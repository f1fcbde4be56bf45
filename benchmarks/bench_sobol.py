"""Sobol benchmark (issue 16): time and peak memory by base size, brainflops against SALib itself.

Run: ``python benchmarks/bench_sobol.py [--repeats 5] [--largest 18] [--salib-largest 16]``.

Each figure comes from a fresh process: the time of the analysis itself (sampling, model runs, estimators and
bootstrap, and for brainflops loading the set again; imports excluded, timed inside the process) and the
process's peak resident memory (RUSAGE_CHILDREN of a fresh parent, so nothing is inherited from this one). The
variants of one base size run in turn, ``--repeats`` times, and the medians are printed. brainflops:
``sensitivity.sobol(s, N)`` on the shipped dettmers-2015 (8 uncertain inputs: N × 10 model runs, blocked design
and bootstrap). SALib: the same model on ``SALib.sample.sobol.sample`` (whole design in memory) and
``SALib.analyze.sobol.analyze`` (whole N × 100 bootstrap in memory), which gives the same indices and intervals
bit for bit (tests/test_sensitivity.py).
Baseline: the same process at N = 2^4 (imports and set loading). Target: ≤ 1 GB at 2^18.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import fresh_process, machine

OURS = """
import time
from brainflops.sensitivity import sobol
sobol("dettmers-2015", base_samples=4, seed=0)  # imports (SALib, scipy.stats) outside the timing
start = time.perf_counter()
frame = sobol("dettmers-2015", base_samples={n}, seed=0)
print(time.perf_counter() - start)
"""

SALIB = """
import numpy as np
from scipy import special
from SALib.analyze import sobol as analyze
from SALib.sample import sobol as saltelli
from brainflops.uncertainty import prepare
import dataclasses
import time
problem = dataclasses.replace(prepare("dettmers-2015"), correlation=None)
start = time.perf_counter()
k = len(problem.names)
spec = {{"num_vars": k, "names": list(problem.names), "bounds": [[0.0, 1.0]] * k}}
u = saltelli.sample(spec, {n}, calc_second_order=False, seed=0)
y = problem.evaluate(special.ndtri(np.clip(u, 1e-12, 1 - 1e-12).T))
result = analyze.analyze(spec, y, calc_second_order=False, seed=1, print_to_console=False)
print(time.perf_counter() - start)
"""


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5, help="fresh processes per variant and size (default 5)")
    parser.add_argument("--smallest", type=int, default=10, help="log2 of the smallest base size (default 10)")
    parser.add_argument("--largest", type=int, default=18, help="log2 of the largest base size (default 18)")
    parser.add_argument("--salib-largest", type=int, default=16, help="log2 of the largest size run with SALib")
    args = parser.parse_args(argv)
    print(f"machine: {machine()}")
    _, baseline, _ = fresh_process(OURS.format(n=2**4))
    print(f"Sobol indices of dettmers-2015 (8 uncertain inputs), fresh process each, median of {args.repeats}")
    print(f"baseline (imports, set, N = 2^4): {baseline:.0f} MB peak")
    print(
        f"{'N':>6} {'runs':>10} | {'brainflops s':>12} {'MB':>6} | {'SALib s':>8} {'MB':>6} | time ratio  memory ratio"
    )
    for power in range(args.smallest, args.largest + 1):
        n = 2**power
        runs: dict[str, list[tuple[float, float]]] = {"ours": [], "salib": []}
        for _ in range(args.repeats):
            _, memory, out = fresh_process(OURS.format(n=n))
            runs["ours"].append((float(out), memory))
            if power <= args.salib_largest:
                _, memory, out = fresh_process(SALIB.format(n=n))
                runs["salib"].append((float(out), memory))
        ours_t = statistics.median(t for t, _ in runs["ours"])
        ours_m = statistics.median(m for _, m in runs["ours"])
        line = f"{'2^' + str(power):>6} {n * 10:>10,} | {ours_t:12.2f} {ours_m:6.0f} |"
        if runs["salib"]:
            salib_t = statistics.median(t for t, _ in runs["salib"])
            salib_m = statistics.median(m for _, m in runs["salib"])
            line += f" {salib_t:8.2f} {salib_m:6.0f} | {salib_t / ours_t:9.1f}x {salib_m / ours_m:9.1f}x"
        else:
            line += f" {'-':>8} {'-':>6} |"
        print(line, flush=True)


if __name__ == "__main__":
    main()
