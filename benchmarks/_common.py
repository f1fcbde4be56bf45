"""Helpers shared by the benchmark scripts: interleaved timing, fresh-process peak memory, machine description."""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def best_of(fn: Callable[[], object], repeats: int = 5) -> float:
    """The fastest of ``repeats`` wall-clock runs [s]; the minimum is the least noisy estimate."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def interleaved(variants: dict[str, Callable[[], object]], repeats: int = 5) -> dict[str, float]:
    """Median wall-clock time of each variant [s], the variants run in turn (rotating the order each round).

    Interleaving spreads any change in the machine's load (it is shared) over every variant alike, so their
    ratios stay meaningful when the absolute times do not.
    """
    names = list(variants)
    times: dict[str, list[float]] = {name: [] for name in names}
    for repeat in range(repeats):
        shift = repeat % len(names)
        for name in names[shift:] + names[:shift]:
            start = time.perf_counter()
            variants[name]()
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in times.items()}


def fresh_process(code: str, timeout: float = 3600) -> tuple[float, float, str]:
    """Run ``code`` in a fresh interpreter: (wall time [s], peak resident memory [MB], its stdout).

    The peak is ``RUSAGE_CHILDREN`` of a small fresh parent whose only child runs ``code``, so no high-water
    mark is inherited from this (large) process.
    """
    parent = (
        "import resource, subprocess, sys, time\n"
        "start = time.perf_counter()\n"
        "out = subprocess.run([sys.executable, '-c', sys.argv[1]], check=True, capture_output=True, text=True).stdout\n"
        "elapsed = time.perf_counter() - start\n"
        "print(elapsed, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
        "print(out, end='')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", parent, code], check=True, capture_output=True, text=True, timeout=timeout, cwd=REPO
    )
    first, _, rest = result.stdout.partition("\n")
    elapsed, kib = first.split()
    return float(elapsed), int(kib) / 1024, rest


def machine() -> str:
    """One line about this machine: CPU, cores, memory and current load."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kib / 1024**2:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    load = ", load average {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()) if hasattr(os, "getloadavg") else ""
    return f"{cpu}, {os.cpu_count()} cores{memory}{load}; Python {platform.python_version()}"


def dettmers_all_uncertain():
    """dettmers-2015 with *every* parameter uncertain (benchmark only: the two extra intervals are ours)."""
    from brainflops.assumptions import parse_set

    text = (REPO / "assumptions" / "brain" / "dettmers-2015@1.1.0.toml").read_text()
    text = text.replace(
        'value = "2 FLOP/multiply_add"',
        'value = "2 FLOP/multiply_add"\nuncertainty = { kind = "lognormal", p5 = "1 FLOP/multiply_add", '
        'p95 = "4 FLOP/multiply_add" }',
    ).replace(
        'value = "1.0749032587067164"',
        'value = "1.0749032587067164"\nuncertainty = { kind = "lognormal", p5 = "1", p95 = "1.2" }',
    )
    return parse_set(text, "dettmers-2015-all-uncertain (benchmark)")
