"""Import-time benchmark (issue 8). Prints ``import brainflops`` against ``import numpy``, same run, same machine.

Run: ``python benchmarks/bench_import.py [--runs N]``.

Each figure is the median wall-clock time of ``N`` fresh interpreters (``python -c "import X"`` timed from
inside, so interpreter start-up is excluded). The target is an absolute one, ``import brainflops`` < 0.5 s;
the ratio to numpy makes the figure comparable across machines. Also listed: which heavy libraries a bare
``import brainflops`` loaded (it should load none).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys

HEAVY = ("sympy", "pandas", "scipy", "SALib", "matplotlib", "streamlit", "pint", "pydantic", "numpy")

_PROBE = """
import json, sys, time
start = time.perf_counter()
import {module}
elapsed = time.perf_counter() - start
print(json.dumps({{"s": elapsed, "heavy": [m for m in {heavy!r} if m in sys.modules]}}))
"""


def import_time(module: str, runs: int) -> tuple[float, list[str]]:
    """Median import time of ``module`` in ``runs`` fresh interpreters [s], and the heavy modules it loaded."""
    times, heavy = [], []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", _PROBE.format(module=module, heavy=HEAVY)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        result = json.loads(out)
        times.append(result["s"])
        heavy = result["heavy"]
    return statistics.median(times), heavy


def main(argv: list[str] | None = None) -> int:
    """Print the figures; exit 1 when ``import brainflops`` takes 0.5 s or more."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="fresh interpreters per module (default 7)")
    runs = parser.parse_args(argv).runs
    numpy_s, _ = import_time("numpy", runs)
    brainflops_s, heavy = import_time("brainflops", runs)
    print(f"import numpy       {numpy_s * 1e3:8.1f} ms  (median of {runs} fresh interpreters)")
    print(f"import brainflops  {brainflops_s * 1e3:8.1f} ms  ratio to numpy {brainflops_s / numpy_s:.2f}")
    print(f"heavy libraries loaded by 'import brainflops': {', '.join(heavy) or 'none'}")
    ok = brainflops_s < 0.5
    print(f"target < 500 ms: {'met' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
