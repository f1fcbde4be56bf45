"""Propagate parameter uncertainty to the brain estimate: exact where possible, sampled where needed.

**Exact.** When the formula, with the point-valued parameters filled in, is a product of powers of the
uncertain ones, ``F = c · Π x_i^a_i``, and every uncertain input is lognormal, then ``ln F`` is normal with mean
``ln c + Σ a_i μ_i`` and variance ``(a∘σ)ᵀ R (a∘σ)`` (``R`` the copula correlation matrix), so its percentiles
are closed-form. No sampling.

**Monte Carlo.** Otherwise (or on request, as a cross-check) draws are made in fixed-size chunks. Chunk ``i``
uses its own generator seeded from ``SeedSequence(seed, spawn_key=(i,))``, so the result depends only on
(set, overrides, n, seed), never on the number of worker threads. Each chunk is reduced at once to a histogram
of log10 FLOP/s on a fine fixed grid (placed by chunk 0) plus sums for the mean and variance, so memory stays
flat at any sample count; raw samples are kept only when asked.
"""

from __future__ import annotations

import functools
import itertools
import math
import os
import sys
from collections import deque
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np
import pint
import sympy

from brainflops.assumptions import AssumptionSet, copula_matrix, load
from brainflops.distributions import Distribution
from brainflops.errors import AssumptionError, BrainflopsError, FormulaError
from brainflops.estimate import estimate, format_flops

__all__ = [
    "DEFAULT_PERCENTILES",
    "MAX_SAMPLES",
    "DistributionSummary",
    "Problem",
    "prepare",
    "sample",
]

DEFAULT_PERCENTILES = (5.0, 25.0, 50.0, 75.0, 95.0)
#: Largest sample count accepted (memory stays flat, but time does not).
MAX_SAMPLES = 10**10
#: Largest sample count whose raw samples may be kept in memory (8 bytes each).
MAX_KEPT_SAMPLES = 10**8
CHUNK_SIZE = 2**16
HISTOGRAM_BINS = 2**16


@dataclass(frozen=True)
class Problem:
    """A set's uncertain inputs, ready to sample.

    Attributes
    ----------
    assumption_set : AssumptionSet
        The set (overrides already applied to ``fixed`` and ``distributions``).
    names : tuple of str
        The uncertain parameters, in the method's order.
    distributions : tuple of Distribution
        Their distributions [method units].
    fixed : dict of str to float
        Every parameter's point value [method units].
    correlation : ndarray or None
        The Gaussian-copula correlation matrix, or ``None`` for independent inputs.
    posynomial : tuple (ndarray, ndarray) or None
        ``(log10 c, A)`` when ``F = Σ_t c_t · Π_i x_i^A[t, i]`` with every ``c_t > 0`` [FLOP/s], else ``None``.
    """

    assumption_set: AssumptionSet
    names: tuple[str, ...]
    distributions: tuple[Distribution, ...]
    fixed: dict[str, float]
    correlation: np.ndarray | None
    posynomial: tuple[np.ndarray, np.ndarray] | None

    @property
    def monomial(self) -> tuple[float, tuple[float, ...]] | None:
        """``(c, a)`` when ``F = c · Π x_i^a_i`` (a single-term posynomial) [FLOP/s], else ``None``."""
        if self.posynomial is None or len(self.posynomial[0]) != 1:
            return None
        log_c, exponents = self.posynomial
        return 10 ** float(log_c[0]), tuple(float(a) for a in exponents[0])

    @functools.cached_property
    def _log_space(self) -> tuple[np.ndarray, np.ndarray, tuple[int, ...]]:
        """For the log-space path: term weights on z (lognormal inputs), term offsets, loguniform columns.

        A lognormal input has log10 x = mu10 + s10 z, so its exponents fold into one matrix on z.
        """
        log_c, exponents = self.posynomial  # type: ignore[misc]
        weights = np.zeros_like(exponents)
        offsets = log_c.copy()
        loguniform = []
        for i, dist in enumerate(self.distributions):
            if dist.kind == "lognormal":
                mu, sigma = dist.log_params
                weights[:, i] = exponents[:, i] * sigma / math.log(10)
                offsets += exponents[:, i] * mu / math.log(10)
            else:
                loguniform.append(i)
        return weights, offsets, tuple(loguniform)

    @property
    def is_exact(self) -> bool:
        """Whether the closed form applies: a product of powers of lognormal inputs."""
        return self.monomial is not None and all(d.kind == "lognormal" for d in self.distributions)

    def evaluate(self, z: np.ndarray) -> np.ndarray:
        """log10 FLOP/s for standard normal draws ``z`` of shape (k, m) (correlation already applied).

        A posynomial with positive inputs is evaluated in log space: log10 x_i for each input, one matrix
        product for the log of every term, and a log-sum-exp over terms — no exp/log per input, and no
        overflow for estimates far beyond 1e308. Anything else goes through the compiled formula.
        """
        if self.posynomial is not None and all(d.kind != "normal" for d in self.distributions):
            weights, offsets, loguniform = self._log_space
            terms = weights.astype(z.dtype) @ z
            for i in loguniform:
                terms += np.outer(self.posynomial[1][:, i], self.distributions[i].log10_from_normal(z[i]))
            terms += offsets[:, None].astype(z.dtype)
            if len(terms) == 1:
                return terms[0]
            if len(terms) == 2:  # log10(10^a + 10^b) = max + log10(1 + 10^-(|a - b|)): one power, one log
                top = np.maximum(terms[0], terms[1])
                gap = np.abs(terms[0] - terms[1])
                return top + np.log1p(np.power(z.dtype.type(10), -gap)) / z.dtype.type(math.log(10))
            top = terms.max(axis=0)
            terms -= top
            return top + np.log10(np.power(10.0, terms).sum(axis=0))
        values = dict(self.fixed)
        for i, (name, dist) in enumerate(zip(self.names, self.distributions, strict=True)):
            values[name] = dist.from_normal(z[i])
        flops = np.asarray(self.assumption_set.model(**values), dtype=float)
        with np.errstate(divide="ignore", invalid="ignore"):
            logs = np.log10(flops)
        if not np.all(np.isfinite(logs)):
            bad = flops[~np.isfinite(logs)][0]
            raise FormulaError(
                f"method '{self.assumption_set.method.name}' gave {bad!r} FLOP/s for a sampled input; "
                "an estimate must be positive and finite",
                file=self.assumption_set.ref,
            )
        return logs


def prepare(
    assumption_set: AssumptionSet | str | os.PathLike[str],
    overrides: Mapping[str, str | float | pint.Quantity] | None = None,
) -> Problem:
    """Collect a set's uncertain parameters, their distributions and the formula's structure.

    Parameters
    ----------
    assumption_set : AssumptionSet, str or PathLike
        A loaded set, an id or a path.
    overrides : mapping, optional
        New point values; an uncertain parameter's distribution moves with it (same relative spread).

    Returns
    -------
    Problem
    """
    s = load(assumption_set)
    point = estimate(s, overrides)
    fixed = {name: float(q.magnitude) for name, q in point.inputs.items()}
    names, dists = [], []
    for name, p in s.parameters.items():
        dist = p.distribution
        if dist is None:
            continue
        if name in point.overrides:
            dist = dist.scaled(fixed[name] / float(p.value.magnitude))
        names.append(name)
        dists.append(dist)
    correlation = None
    if s.correlations:
        correlation = copula_matrix(names, s.correlations)
    return Problem(s, tuple(names), tuple(dists), fixed, correlation, _posynomial(s, names, fixed))


def _posynomial(s: AssumptionSet, names: Sequence[str], fixed: Mapping[str, float]):
    """``(log10 c, A)`` if the formula is a sum of positive-coefficient monomials in the uncertain
    parameters, ``F = Σ_t c_t Π_i x_i^A[t, i]``, else ``None``."""
    spec = s.method.spec
    symbols = [spec[n].symbol for n in names]
    constants = {spec[n].symbol: sympy.Float(v) for n, v in fixed.items() if n not in names}
    expr = sympy.expand(s.model.expression.subs(constants))
    log_c, rows = [], []
    for term in sympy.Add.make_args(expr):
        coeff, rest = term.as_coeff_Mul()
        powers = dict.fromkeys(symbols, sympy.Integer(0))
        for factor in sympy.Mul.make_args(rest):
            base, exponent = factor.as_base_exp()
            if base in powers and exponent.is_number:
                powers[base] += exponent
            elif not factor.free_symbols:
                coeff *= factor
            else:
                return None
        if not coeff.is_number or float(coeff) <= 0:
            return None
        log_c.append(math.log10(float(coeff) * s.model.output_factor))
        rows.append([float(powers[sym]) for sym in symbols])
    return np.asarray(log_c), np.asarray(rows).reshape(len(rows), len(symbols))


@dataclass(frozen=True)
class DistributionSummary:
    """The distribution of a brain estimate [FLOP/s], summarised in log10.

    Attributes
    ----------
    set_id, version, hash : str
        The assumption set's identity.
    how : str
        ``"exact"`` (closed form), ``"monte carlo"``, or ``"point"`` (nothing uncertain).
    n : int
        Samples drawn (0 when exact).
    seed : int or None
        The seed of a Monte Carlo run.
    point : float
        The point estimate [FLOP/s].
    percentiles : dict of float to float
        Percentile (0–100) to FLOP/s.
    log10_mean, log10_std : float
        Mean and standard deviation of log10 FLOP/s.
    edges, density : ndarray
        A histogram of log10 FLOP/s (bin edges and probability density per unit log10).
    samples : ndarray or None
        log10 FLOP/s of every draw, when kept.
    overrides : dict
        The overrides applied, as text.
    """

    set_id: str
    version: str
    hash: str
    how: str
    n: int
    seed: int | None
    point: float
    percentiles: dict[float, float]
    log10_mean: float
    log10_std: float
    edges: np.ndarray = field(repr=False)
    density: np.ndarray = field(repr=False)
    samples: np.ndarray | None = field(default=None, repr=False)
    overrides: dict[str, str] = field(default_factory=dict)

    @property
    def p5(self) -> float:
        """5th percentile [FLOP/s]."""
        return self.percentiles[5.0]

    @property
    def median(self) -> float:
        """50th percentile [FLOP/s]."""
        return self.percentiles[50.0]

    @property
    def p95(self) -> float:
        """95th percentile [FLOP/s]."""
        return self.percentiles[95.0]

    def to_frame(self):
        """The percentiles as a DataFrame: percentile, FLOP/s, log10 FLOP/s."""
        import pandas as pd

        rows = [{"percentile": q, "flop_per_s": v, "log10": math.log10(v)} for q, v in self.percentiles.items()]
        return pd.DataFrame(rows)

    def __str__(self) -> str:
        basis = {"exact": "exact (closed form)", "point": "no uncertain parameters"}.get(
            self.how, f"Monte Carlo, n = {self.n:,}, seed = {self.seed}"
        )
        return (
            f"{self.set_id}@{self.version}: median {format_flops(self.median)}, "
            f"90% interval {format_flops(self.p5, '')} – {format_flops(self.p95)} [{basis}]"
        )

    def __repr__(self) -> str:
        return f"DistributionSummary({self})"

    def _repr_html_(self) -> str:
        cells = "".join(f"<td>{format_flops(v)}</td>" for v in self.percentiles.values())
        heads = "".join(f"<th>p{q:g}</th>" for q in self.percentiles)
        return f"<div>{self}</div><table><tr>{heads}</tr><tr>{cells}</tr></table>"


def sample(
    assumption_set: AssumptionSet | str | os.PathLike[str],
    n: int = 1_000_000,
    seed: int = 0,
    *,
    overrides: Mapping[str, str | float | pint.Quantity] | None = None,
    exact: bool | None = None,
    percentiles: Sequence[float] = DEFAULT_PERCENTILES,
    keep_samples: bool = False,
    workers: int | None = None,
    chunk_size: int = CHUNK_SIZE,
    progress: bool = False,
) -> DistributionSummary:
    """The distribution of a set's estimate.

    Parameters
    ----------
    assumption_set : AssumptionSet, str or PathLike
        A loaded set, an id or a path.
    n : int
        Monte Carlo sample count (ignored when the result is exact), 1 to :data:`MAX_SAMPLES`.
    seed : int
        Seed of the Monte Carlo run; the same (set, overrides, n, seed) gives the same result.
    overrides : mapping, optional
        New point values (see :func:`prepare`).
    exact : bool, optional
        ``None``: closed form when it applies, else Monte Carlo. ``False``: always Monte Carlo. ``True``:
        closed form or an error.
    percentiles : sequence of float
        Percentiles to report, each in (0, 100).
    keep_samples : bool
        Keep every draw's log10 FLOP/s (at most :data:`MAX_KEPT_SAMPLES`).
    workers : int, optional
        Threads for Monte Carlo (default: the CPU count); the result does not depend on it.
    chunk_size : int
        Draws per chunk; memory is proportional to it, not to ``n``.
    progress : bool
        Show a tqdm progress bar (it appears only for runs longer than a second).

    Returns
    -------
    DistributionSummary
    """
    problem = prepare(assumption_set, overrides)
    s = problem.assumption_set
    qs = tuple(float(q) for q in percentiles)
    if any(not 0 < q < 100 for q in qs):
        raise BrainflopsError(f"percentiles must lie strictly between 0 and 100, got {list(qs)}")
    qs = tuple(sorted(set(qs) | {5.0, 50.0, 95.0}))
    point = estimate(s, overrides).flops
    common = {
        "set_id": s.id,
        "version": s.version,
        "hash": s.hash,
        "point": point,
        "overrides": {k: str(v) for k, v in (overrides or {}).items()},
    }
    if not problem.names:
        edges = np.array([math.log10(point) - 0.5, math.log10(point) + 0.5])
        kept = np.array([math.log10(point)]) if keep_samples else None  # the one value there is
        return DistributionSummary(
            how="point", n=0, seed=None, percentiles=dict.fromkeys(qs, point), log10_mean=math.log10(point),
            log10_std=0.0, edges=edges, density=np.array([1.0]), samples=kept, **common,
        )  # fmt: skip
    if exact is True and not problem.is_exact:
        raise BrainflopsError(
            f"{s.ref}: no closed form: the formula is not a product of powers of lognormal inputs; "
            "use Monte Carlo (exact=False or None)"
        )
    try:
        if problem.is_exact and exact is not False:
            return _exact(problem, qs, common)
        _check_n(n, keep_samples, chunk_size)
        return _monte_carlo(problem, n, seed, qs, keep_samples, workers, chunk_size, progress, common)
    except AssumptionError as exc:
        raise exc.with_context(file=s.label) from None


def _check_n(n: int, keep_samples: bool, chunk_size: int) -> None:
    if isinstance(n, bool) or not isinstance(n, int | np.integer) or n <= 0:
        raise BrainflopsError(f"the sample count must be a positive integer, got {n!r}")
    if n > MAX_SAMPLES:
        raise BrainflopsError(f"the sample count {n:.3g} is above the limit of {MAX_SAMPLES:.0e}")
    if keep_samples and n > MAX_KEPT_SAMPLES:
        raise BrainflopsError(
            f"keeping {n:.3g} samples would need {8 * n / 1e9:.1f} GB; keep at most {MAX_KEPT_SAMPLES:.0e} "
            "or use the streamed summary (keep_samples=False)"
        )
    if not 1 <= chunk_size <= 2**24:
        raise BrainflopsError(f"chunk_size must be between 1 and 2**24, got {chunk_size}")


def _exact(problem: Problem, qs: tuple[float, ...], common: dict) -> DistributionSummary:
    from scipy import special

    coeff, powers = problem.monomial  # type: ignore[misc]
    a = np.asarray(powers)
    mus, sigmas = (np.asarray(v) for v in zip(*(d.log_params for d in problem.distributions), strict=True))
    corr = problem.correlation if problem.correlation is not None else np.eye(len(a))
    w = a * sigmas
    mean_ln = math.log(coeff) + float(a @ mus)
    sd_ln = math.sqrt(max(float(w @ corr @ w), 0.0))
    mean10, sd10 = mean_ln / math.log(10), sd_ln / math.log(10)
    values = {q: _power10(mean10 + sd10 * float(special.ndtri(q / 100)), q) for q in qs}
    edges = (
        np.linspace(mean10 - 5 * sd10, mean10 + 5 * sd10, 201) if sd10 > 0 else np.array([mean10 - 0.5, mean10 + 0.5])
    )
    centres = 0.5 * (edges[1:] + edges[:-1])
    density = (
        np.exp(-0.5 * ((centres - mean10) / sd10) ** 2) / (sd10 * math.sqrt(2 * math.pi)) if sd10 > 0 else np.ones(1)
    )
    return DistributionSummary(
        how="exact", n=0, seed=None, percentiles=values, log10_mean=mean10, log10_std=sd10, edges=edges,
        density=density, **common,
    )  # fmt: skip


@dataclass
class _Partial:
    counts: np.ndarray
    below: int
    above: int
    total: float
    total_sq: float
    n: int
    samples: np.ndarray | None

    def add(self, other: _Partial) -> None:
        """Fold another chunk's summary into this one (samples are collected by the caller)."""
        self.counts += other.counts
        self.below += other.below
        self.above += other.above
        self.total += other.total
        self.total_sq += other.total_sq
        self.n += other.n


def _draw(problem: Problem, seed: int, index: int, size: int) -> np.ndarray:
    rng = np.random.Generator(np.random.PCG64(np.random.SeedSequence(seed, spawn_key=(index,))))
    fast = problem.posynomial is not None and all(d.kind == "lognormal" for d in problem.distributions)
    # The all-lognormal log-space path is affine in z, so single precision costs at most ~1e-6 decades
    # (far below the 1.5e-4-decade histogram bins) and halves the cost of drawing; every other path draws
    # in double precision, since its values may exceed the float32 range.
    z = rng.standard_normal((len(problem.names), size), dtype=np.float32 if fast else np.float64)
    if problem.correlation is not None:
        z = np.linalg.cholesky(problem.correlation).astype(z.dtype) @ z
    return np.asarray(problem.evaluate(z), dtype=np.float64)


def _reduce(logs: np.ndarray, lo: float, width: float, keep: bool) -> _Partial:
    idx = np.floor((logs - lo) / width).astype(np.int64)
    below = int(np.count_nonzero(idx < 0))
    above = int(np.count_nonzero(idx >= HISTOGRAM_BINS))
    inside = idx[(idx >= 0) & (idx < HISTOGRAM_BINS)]
    counts = np.bincount(inside, minlength=HISTOGRAM_BINS)
    return _Partial(
        counts, below, above, float(logs.sum()), float(np.square(logs).sum()), logs.size, logs if keep else None
    )


def _monte_carlo(problem, n, seed, qs, keep, workers, chunk_size, progress, common) -> DistributionSummary:
    sizes = [chunk_size] * (n // chunk_size) + ([n % chunk_size] if n % chunk_size else [])
    first = _draw(problem, seed, 0, sizes[0])
    # Chunk 0 places the histogram grid, so the grid (and so the result) is the same for any worker count.
    spread = max(float(first.max() - first.min()), 1.0)
    lo = float(first.min()) - spread
    width = (3 * spread) / HISTOGRAM_BINS
    accumulated = _reduce(first, lo, width, keep)
    kept = [accumulated.samples] if keep else []

    def run(index: int) -> _Partial:
        return _reduce(_draw(problem, seed, index, sizes[index]), lo, width, keep)

    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=n, unit="sample", unit_scale=True, delay=1.0, leave=False)
        bar.update(sizes[0])
    threads = max(1, min(workers or os.cpu_count() or 1, max(len(sizes) - 1, 1)))
    # At most two chunks per thread are in flight, and results are folded in chunk order, so memory stays
    # bounded and floating-point sums do not depend on scheduling.
    with ThreadPoolExecutor(max_workers=threads) as pool:
        pending: deque = deque()
        indices = iter(range(1, len(sizes)))
        for index in itertools.islice(indices, 2 * threads):
            pending.append(pool.submit(run, index))
        while pending:
            part = pending.popleft().result()
            accumulated.add(part)
            if keep:
                kept.append(part.samples)
            if bar is not None:
                bar.update(part.n)
            for index in itertools.islice(indices, 1):
                pending.append(pool.submit(run, index))
    if bar is not None:
        bar.close()
    counts, below, above = accumulated.counts, accumulated.below, accumulated.above
    total, total_sq = accumulated.total, accumulated.total_sq
    mean = total / n
    std = math.sqrt(max(total_sq / n - mean * mean, 0.0))
    edges = lo + width * np.arange(HISTOGRAM_BINS + 1)
    values = {q: _power10(_histogram_percentile(counts, below, above, edges, n, q), q) for q in qs}
    coarse = _coarsen(counts, edges, n)
    samples = np.concatenate(kept) if keep else None
    return DistributionSummary(
        how="monte carlo", n=n, seed=seed, percentiles=values, log10_mean=mean, log10_std=std, edges=coarse[0],
        density=coarse[1], samples=samples, **common,
    )  # fmt: skip


#: log10 of the largest and smallest positive normal 64-bit floats.
_LOG10_MAX, _LOG10_MIN = math.log10(sys.float_info.max), math.log10(sys.float_info.min)


def _power10(log10: float, q: float) -> float:
    """``10 ** log10`` [FLOP/s] for percentile ``q``, or an error when it is not a finite positive float."""
    if not math.isfinite(log10) or not _LOG10_MIN <= log10 <= _LOG10_MAX:
        shown = f"1e{log10:.0f}" if math.isfinite(log10) else str(log10)
        raise AssumptionError(
            f"percentile {q:g} of the estimate is {shown} FLOP/s, outside the range of a 64-bit float "
            f"(1e{_LOG10_MIN:.0f} to 1e{_LOG10_MAX:.0f}); the uncertainty intervals are too wide",
            expected="percentiles between 2.2e-308 and 1.8e308 FLOP/s",
            found=f"{shown} FLOP/s",
        )
    return 10.0**log10


def _histogram_percentile(counts, below, above, edges, n, q) -> float:
    target = q / 100 * n
    if target <= below or target >= n - above:
        raise BrainflopsError(
            f"percentile {q:g} lies outside the histogram grid ({below} draws below, {above} above); "
            "the distribution is too heavy-tailed for the streamed summary — use keep_samples=True"
        )
    cumulative = below + np.cumsum(counts)
    i = int(np.searchsorted(cumulative, target))
    before = cumulative[i - 1] if i > 0 else below
    inside = (target - before) / counts[i] if counts[i] else 0.5
    return float(edges[i] + inside * (edges[i + 1] - edges[i]))


def _coarsen(counts: np.ndarray, edges: np.ndarray, n: int, bins: int = 200):
    """A plotting histogram: the occupied part of the fine grid in about ``bins`` bins."""
    occupied = np.nonzero(counts)[0]
    first, last = int(occupied[0]), int(occupied[-1]) + 1
    step = max(1, math.ceil((last - first) / bins))
    last = first + step * math.ceil((last - first) / step)
    padded = np.zeros(last - first, dtype=np.int64)
    padded[: min(last, counts.size) - first] = counts[first : min(last, counts.size)]
    grouped = padded.reshape(-1, step).sum(axis=1)
    width = (edges[1] - edges[0]) * step
    new_edges = edges[first] + width * np.arange(grouped.size + 1)
    return new_edges, grouped / (n * width)
