"""Uncertainty benchmarks (issue 16): ratios against baselines measured in the same run.

Run: ``python benchmarks/bench_uncertainty.py [--repeats 5] [--quick]`` (squigglepy is needed for part 2:
``pip install -e ".[bench]"``). Every timing is the median of ``--repeats`` rounds in which the variants run in
turn (interleaved); the machine may be shared, so read the ratios, not the absolute times.

1. Monte Carlo ÷ the fair floor. The floor: float64 standard normals with numpy, one per uncertain parameter per
   sample, drawn in the same 65,536-sample chunks, on one thread — the least any sampler of these inputs must do.
   Ratio = floor time ÷ brainflops time (above 1: faster than the floor). The general sampler (one normal per
   input) is the target (≥ 0.8); the one-normal-per-term sampler that brainflops uses for posynomials of
   lognormals draws fewer normals than the floor counts, so it may exceed 1.
2. brainflops ÷ squigglepy on the shipped dettmers-2015, written faithfully: each uncertain parameter drawn once
   per sample with ``sq.sample(sq.lognorm(p5, p95))`` from the set's own 90% intervals, point parameters as
   constants, the set's formula on those arrays with numpy, and the percentiles of log10 F with
   ``numpy.percentile``. brainflops: ``sample(s, n, exact=False)`` (Monte Carlo, all cores) and ``sample(s)``
   (exact by quadrature). Ratio = squigglepy time ÷ brainflops time. Target ≥ 5 at 1e6 and 1e7.
3. Peak resident memory of a fresh process sampling 1e8 draws (RUSAGE_CHILDREN of a fresh parent), next to the
   same process sampling 1e4. Target ≤ 300 MB.
4. Exact vs Monte Carlo at 1e6: largest |log10 MC − log10 exact| over p5/p50/p95, in decades.
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import dettmers_all_uncertain, fresh_process, interleaved, machine

from brainflops.assumptions import load
from brainflops.uncertainty import CHUNK_SIZE, prepare, sample


def floor_draws(k: int, n: int) -> None:
    """The fair floor: n × k float64 standard normals in CHUNK_SIZE-sample chunks, one thread."""
    rng = np.random.default_rng(0)
    for start in range(0, n, CHUNK_SIZE):
        rng.standard_normal((k, min(CHUNK_SIZE, n - start)))


def monte_carlo_versus_floor(n: int, repeats: int) -> None:
    from brainflops.uncertainty import _monte_carlo

    print(f"1. Monte Carlo ÷ fair floor, n = {n:,} (floor: float64 standard normals, one per uncertain parameter per")
    print(f"   sample, {CHUNK_SIZE:,}-sample chunks, one thread; ratio = floor time ÷ brainflops time)")
    common = {"set_id": "x", "version": "1", "hash": "h", "point": 1.0}
    qs = (5.0, 25.0, 50.0, 75.0, 95.0)
    for label, s in (("dettmers-2015 (shipped)", load("dettmers-2015")), ("dettmers, all 10 uncertain", None)):
        problem = prepare(s if s is not None else dettmers_all_uncertain())
        k = len(problem.names)
        general = problem.general()

        def run(p, workers):
            return lambda: _monte_carlo(p, n, 1, qs, False, workers, CHUNK_SIZE, False, common)

        times = interleaved(
            {
                "floor": lambda k=k: floor_draws(k, n),
                "general, 1 thread": run(general, 1),
                "general, 2 threads": run(general, 2),
                "per term, 1 thread": run(problem, 1),
                "per term, 2 threads": run(problem, 2),
            },
            repeats,
        )
        floor = times.pop("floor")
        rank = problem.log_terms.rank if problem.log_terms is not None else k
        print(f"   {label}: {k} uncertain inputs, {rank} normals per sample in the per-term sampler")
        print(f"     floor ({k} normals/sample): {floor / n * 1e9:6.1f} ns/sample")
        for name, t in times.items():
            target = "  (target >= 0.8)" if name.startswith("general") else ""
            print(f"     {name:<20} {t / n * 1e9:6.1f} ns/sample   ratio to floor {floor / t:5.2f}{target}")


def squigglepy_model(s, n: int) -> np.ndarray:
    """dettmers-2015 in squigglepy, faithfully: every parameter drawn once per sample from the set's intervals."""
    import squigglepy as sq

    values = {}
    for name, p in s.parameters.items():
        d = p.distribution
        if d is None:
            values[name] = float(p.value.magnitude)
        elif d.kind == "lognormal":
            values[name] = sq.sample(sq.lognorm(d.low, d.high), n=n)  # a 90% interval, as the set declares
        else:
            raise ValueError(f"{name}: {d.kind} is not written for squigglepy here")
    flops = s.model(**values)
    return np.percentile(np.log10(flops), [5, 25, 50, 75, 95])


def versus_squigglepy(sizes: list[int], repeats: int) -> None:
    try:
        import squigglepy as sq
    except ImportError:
        print("2. squigglepy not installed: pip install -e '.[bench]'")
        return
    s = load("dettmers-2015")
    print(f"2. brainflops vs squigglepy {sq.__version__} on the shipped {s.ref} (faithful model: each parameter drawn")
    print("   once per sample from the set's own intervals); ratio = squigglepy time ÷ brainflops time")
    ours = sample(s, 10**6, seed=1, exact=False)
    theirs = squigglepy_model(s, 10**6)
    gap = max(
        abs(math.log10(ours.percentiles[q]) - t) for q, t in zip((5.0, 25.0, 50.0, 75.0, 95.0), theirs, strict=True)
    )
    print(f"   same distribution: largest percentile gap at 1e6 draws {gap:.4f} decades (Monte Carlo noise)")
    for n in sizes:
        times = interleaved(
            {
                "squigglepy": lambda n=n: squigglepy_model(s, n),
                "brainflops MC": lambda n=n: sample(s, n, seed=1, exact=False),
                "brainflops exact": lambda: sample(s),
            },
            repeats,
        )
        sq_t = times["squigglepy"]
        print(f"   n = {n:.0e}: squigglepy {sq_t:.3f} s; brainflops Monte Carlo {times['brainflops MC']:.3f} s "
              f"(ratio {sq_t / times['brainflops MC']:.1f}, target >= 5); brainflops exact (quadrature, no draws) "
              f"{times['brainflops exact']:.3f} s (ratio {sq_t / times['brainflops exact']:.1f})")  # fmt: skip


def peak_memory(n: int) -> None:
    code = (
        "import sys\nfrom brainflops.uncertainty import sample\n"
        f"d = sample('dettmers-2015', int(sys.argv[1]) if len(sys.argv) > 1 else {n}, seed=0, exact=False)\n"
        "print(d.median)\n"
    )
    _, small, _ = fresh_process(code.replace(f"else {n}", "else 10_000"))
    elapsed, large, _ = fresh_process(code)
    print("3. Peak resident memory of a fresh process (RUSAGE_CHILDREN of a fresh parent), dettmers-2015, exact=False")
    print(f"   n = 1e4: {small:.0f} MB; n = {n:.0e}: {large:.0f} MB in {elapsed:.1f} s (target <= 300 MB at 1e8)")


def exact_versus_sampled() -> None:
    print("4. Exact vs Monte Carlo, n = 1e6: largest |log10 MC - log10 exact| over p5, p50, p95 [decades]")
    for ref in ("merkle-1989", "kurzweil-1999", "dettmers-2015@1.0.0", "dettmers-2015"):
        exact = sample(ref)
        mc = sample(ref, 1_000_000, seed=0, exact=False)
        worst = max(abs(math.log10(mc.percentiles[q]) - math.log10(exact.percentiles[q])) for q in (5.0, 50.0, 95.0))
        print(f"   {ref:<22} ({exact.basis}): {worst:.5f}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5, help="interleaved rounds per comparison (default 5)")
    parser.add_argument("--quick", action="store_true", help="smaller n, and no 1e7 or 1e8 runs")
    args = parser.parse_args(argv)
    print(f"machine: {machine()}")
    monte_carlo_versus_floor(2**20 if args.quick else 2**22, args.repeats)
    versus_squigglepy([10**6] if args.quick else [10**6, 10**7], args.repeats)
    peak_memory(10**6 if args.quick else 10**8)
    exact_versus_sampled()


if __name__ == "__main__":
    main()
