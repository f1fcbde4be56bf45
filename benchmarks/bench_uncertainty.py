"""Uncertainty benchmarks (issue 4). Prints ratios against baselines measured in the same run.

Run: ``python benchmarks/bench_uncertainty.py`` (squigglepy is needed for the comparison:
``pip install -e ".[bench]"``).

1. Monte Carlo throughput on dettmers-2015 with all 10 parameters uncertain, in samples/s, divided by the floor
   set by drawing the same number of standard normals (n × 10) with numpy alone. Target ≥ 0.7.
2. The same model in squigglepy at the same n: brainflops should be ≥ 3× faster.
3. Peak resident memory for 1e8 samples, above the interpreter's baseline (same imports). Target ≤ 300 MB.
4. Sobol indices with 2^14 base samples: time and confidence intervals.
5. Exact vs Monte Carlo at 1e6 samples: agreement of percentiles in log10 (target within 1%).
"""

from __future__ import annotations

import math
import subprocess
import sys
import textwrap

import numpy as np

sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parent))
from _common import best_of, dettmers_all_uncertain

from brainflops.sensitivity import sobol
from brainflops.uncertainty import sample

N = 2_000_000


def throughput() -> None:
    s = dettmers_all_uncertain()
    k = 10
    rng = np.random.default_rng(0)
    floor = best_of(lambda: rng.standard_normal((k, N)), 5)
    floor32 = best_of(lambda: rng.standard_normal((k, N), dtype=np.float32), 5)
    ours_1 = best_of(lambda: sample(s, N, seed=1, exact=False, workers=1), 5)
    ours = best_of(lambda: sample(s, N, seed=1, exact=False), 5)
    print(f"1. Monte Carlo throughput, dettmers-2015 with {k} uncertain parameters, n = {N:,}")
    print(f"   numpy floor (n x {k} standard normals): {N / floor:,.0f} samples/s (float64), "
          f"{N / floor32:,.0f} samples/s (float32, which this all-lognormal path draws)")  # fmt: skip
    print(f"   brainflops, 1 thread:  {N / ours_1:,.0f} samples/s   ratio to floor {floor / ours_1:.2f}")
    print(f"   brainflops, all cores: {N / ours:,.0f} samples/s   ratio to floor {floor / ours:.2f}  (target >= 0.7)")
    print(f"   ratios to the float32 floor: 1 thread {floor32 / ours_1:.2f}, all cores {floor32 / ours:.2f}")


def versus_squigglepy() -> None:
    try:
        import squigglepy as sq
    except ImportError:
        print("2. squigglepy not installed: pip install -e '.[bench]'")
        return
    s = dettmers_all_uncertain()
    p = {n: par.distribution for n, par in s.parameters.items()}

    def ln(name):
        d = p[name]
        return sq.lognorm(d.low, d.high)  # squigglepy's lognorm(a, b) is the 90% interval

    model = (
        ln("reconciliation_factor")
        * (
            ln("granule_cells") * ln("granule_inputs") * ln("time_steps") * ln("granule_filter")
            + ln("purkinje_cells") * ln("purkinje_inputs") * ln("time_steps") * ln("purkinje_filter")
        )
        * ln("flop_per_multiply_add")
        * ln("firing_rate")
    )
    n = 1_000_000

    def squiggle():
        draws = sq.sample(model, n=n)
        return np.percentile(np.log10(draws), [5, 50, 95])

    theirs = best_of(squiggle, 3)
    ours = best_of(lambda: sample(s, n, seed=1, exact=False), 3)
    print(f"2. squigglepy {sq.__version__} vs brainflops, same model, n = {n:,} (percentiles of log10 included)")
    print(f"   squigglepy: {theirs:.3f} s   brainflops: {ours:.3f} s   brainflops is {theirs / ours:.1f}x faster "
          "(target >= 3x)")  # fmt: skip
    print("   (squigglepy samples time_steps independently in each term; the model is otherwise the same)")


def peak_memory() -> None:
    code = textwrap.dedent(
        """
        import resource, sys
        sys.path.insert(0, "benchmarks")
        from _common import dettmers_all_uncertain
        from brainflops.uncertainty import sample
        s = dettmers_all_uncertain()
        sample(s, 10_000, seed=0, exact=False)  # warm up: imports, compiled model, thread pool
        base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        if sys.argv[1] == "run":
            sample(s, 100_000_000, seed=0, exact=False)
        print(base, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
        """
    )
    before, after = (int(v) for v in subprocess.check_output([sys.executable, "-c", code, "run"], text=True).split())
    print("3. Peak resident memory, dettmers-2015 (all uncertain), n = 1e8")
    print(f"   interpreter + imports: {before / 1024:.0f} MB; after 1e8 samples: {after / 1024:.0f} MB; "
          f"above baseline: {(after - before) / 1024:.0f} MB (target <= 300 MB)")  # fmt: skip


def sobol_timing() -> None:
    s = dettmers_all_uncertain()
    import time

    start = time.perf_counter()
    frame = sobol(s, base_samples=2**14, seed=0)
    elapsed = time.perf_counter() - start
    print(f"4. Sobol indices, dettmers-2015 (all uncertain), 2^14 base samples, {frame.attrs['model_runs']:,} runs: "
          f"{elapsed:.2f} s")  # fmt: skip
    for r in frame.itertuples():
        print(f"   {r.parameter:<24} S1 {r.S1:6.3f} ± {r.S1_conf:.3f}   ST {r.ST:6.3f} ± {r.ST_conf:.3f}")


def exact_versus_sampled() -> None:
    print("5. Exact vs Monte Carlo, n = 1e6: |log10 MC - log10 exact| / |log10 exact| (target < 1%)")
    for ref in ("merkle-1989", "kurzweil-1999", "dettmers-2015@1.0.0"):
        exact = sample(ref)
        mc = sample(ref, 1_000_000, seed=0, exact=False)
        errors = []
        for q in (5.0, 50.0, 95.0):
            truth = math.log10(exact.percentiles[q])
            errors.append(abs(math.log10(mc.percentiles[q]) - truth) / abs(truth))
        worst = max(errors)
        print(f"   {ref:<22} worst relative error in log10 over p5/p50/p95: {100 * worst:.4f}%")


if __name__ == "__main__":
    throughput()
    versus_squigglepy()
    peak_memory()
    sobol_timing()
    exact_versus_sampled()
