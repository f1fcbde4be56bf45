"""Import and cold-start benchmark (issues 8 and 16), against a bare ``import numpy`` in the same run.

Run: ``python benchmarks/bench_import.py [--runs N]``.

Two figures, each the median over ``N`` fresh interpreters, the variants interleaved (run in turn):

1. ``import brainflops`` timed from inside the interpreter (start-up excluded), against ``import numpy`` timed the
   same way; which heavy libraries it loaded (it should load none). Target: < 0.5 s.
2. The cold first estimate: the wall time of a whole process ``python -c "import brainflops as bf;
   bf.estimate('dettmers-2015')"`` ÷ that of ``python -c "import numpy"`` (both from process start to exit, so the
   interpreter's start-up is in both). Target: ≤ 4. Followed by where the cold process spends its time
   (``python -X importtime``, cumulative, for the largest pieces), so that a miss can be read off.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time

HEAVY = ("sympy", "pandas", "scipy", "SALib", "matplotlib", "streamlit", "pint", "pydantic", "numpy")

_PROBE = """
import json, sys, time
start = time.perf_counter()
import {module}
elapsed = time.perf_counter() - start
print(json.dumps({{"s": elapsed, "heavy": [m for m in {heavy!r} if m in sys.modules]}}))
"""

COLD = "import brainflops as bf; bf.estimate('dettmers-2015')"
PIECES = (
    "numpy", "pint", "brainflops.units", "pydantic", "brainflops.schema", "brainflops.methods", "scipy",
    "brainflops.assumptions", "brainflops.estimate",
)  # fmt: skip


def import_time(module: str) -> tuple[float, list[str]]:
    """Import time of ``module`` in a fresh interpreter [s], and the heavy modules it loaded."""
    out = subprocess.run(
        [sys.executable, "-c", _PROBE.format(module=module, heavy=HEAVY)], check=True, capture_output=True, text=True
    ).stdout
    result = json.loads(out)
    return result["s"], result["heavy"]


def process_time(code: str) -> float:
    """Wall time of a whole fresh interpreter running ``code`` [s]."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
    return time.perf_counter() - start


def profile(code: str) -> dict[str, float]:
    """Cumulative import time of the largest pieces of ``code``'s cold path [s], from ``-X importtime``."""
    err = subprocess.run([sys.executable, "-X", "importtime", "-c", code], check=True, capture_output=True).stderr
    pieces: dict[str, float] = {}
    for line in err.decode().splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        _, cumulative, name = (part.strip() for part in line.split("|"))
        if name in PIECES and cumulative.isdigit():
            pieces[name] = int(cumulative) / 1e6
    return pieces


def main(argv: list[str] | None = None) -> int:
    """Print the figures; exit 1 when ``import brainflops`` takes 0.5 s or more."""
    sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parent))
    from _common import machine

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="fresh interpreters per variant (default 7)")
    runs = parser.parse_args(argv).runs
    print(f"machine: {machine()}")
    numpy_in, brainflops_in, numpy_proc, cold_proc, heavy = [], [], [], [], []
    for _ in range(runs):  # interleaved: every variant once per round
        t, _ = import_time("numpy")
        numpy_in.append(t)
        t, heavy = import_time("brainflops")
        brainflops_in.append(t)
        numpy_proc.append(process_time("import numpy"))
        cold_proc.append(process_time(COLD))
    numpy_s, brainflops_s = statistics.median(numpy_in), statistics.median(brainflops_in)
    print(f"1. import numpy       {numpy_s * 1e3:8.1f} ms  (median of {runs} fresh interpreters, start-up excluded)")
    print(f"   import brainflops  {brainflops_s * 1e3:8.1f} ms  ratio to numpy {brainflops_s / numpy_s:.2f}")
    print(f"   heavy libraries loaded by 'import brainflops': {', '.join(heavy) or 'none'}")
    ok = brainflops_s < 0.5
    print(f"   target < 500 ms: {'met' if ok else 'MISSED'}")
    bare, cold = statistics.median(numpy_proc), statistics.median(cold_proc)
    ratio = cold / bare
    print(f"2. process 'import numpy': {bare * 1e3:.0f} ms; process '{COLD}': {cold * 1e3:.0f} ms")
    print(
        f"   cold first estimate ÷ bare numpy process: {ratio:.2f} (target <= 4: {'met' if ratio <= 4 else 'MISSED'})"
    )
    pieces = profile(COLD)
    print("   where the cold process spends its imports (cumulative, one -X importtime run, ms; pieces nest):")
    print("   " + ", ".join(f"{name} {seconds * 1e3:.0f}" for name, seconds in pieces.items()))
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
