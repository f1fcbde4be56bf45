"""Propagate parameter uncertainty to the brain estimate: exact where possible, sampled where needed.

**Exact.** When the formula, with the point-valued parameters filled in, is a sum of products of powers of the
uncertain ones (a posynomial, ``F = Σ_t c_t Π_i x_i^A[t, i]``) and every uncertain input is lognormal, the logs
of the terms are jointly normal (:mod:`brainflops.lognormal_sums`). One term (a product of powers): ``ln F`` is
normal and its percentiles are closed-form. Two or three terms with their own spread (Dettmers 2015, say):
``log10 F`` is a Gaussian mixture whose percentiles come from a Gauss–Hermite quadrature and a root-finder,
converged to 1e-9 decades. No sampling in either case.

**Monte Carlo.** Otherwise (or on request, as a cross-check) draws are made in fixed-size chunks. A posynomial
of lognormal inputs draws one standard normal per term (per rank of the log-terms' covariance), which gives
exactly the distribution of drawing every input; anything else draws one per uncertain input. Chunk ``i`` uses
its own generator seeded from ``SeedSequence(seed, spawn_key=(i,))``, so the result depends only on
(set, overrides, n, seed), never on the number of worker threads. Parallelism is across chunks only: the work
inside a chunk uses numpy's own loops (``einsum`` and ufuncs), never BLAS, so no chunk starts BLAS threads of
its own. Each chunk is reduced at once to a histogram of log10 FLOP/s on a fine fixed grid (placed by chunk 0)
plus sums for the mean and variance, so memory stays flat at any sample count; raw samples are kept only when
asked.
"""

from __future__ import annotations

import dataclasses
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

from brainflops.assumptions import AssumptionSet, copula_matrix, load
from brainflops.distributions import Distribution
from brainflops.errors import AssumptionError, BrainflopsError, FormulaError
from brainflops.estimate import estimate, format_flops
from brainflops.lognormal_sums import LogTerms, Mixture, log10_sum, mixture

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
_LN10 = math.log(10)


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
    per_term : bool
        Draw one normal per term where the log-terms are jointly normal (the default). ``False`` forces one normal
        per uncertain input, the general sampler: the same distribution, used to check the two against each other.
    """

    assumption_set: AssumptionSet
    names: tuple[str, ...]
    distributions: tuple[Distribution, ...]
    fixed: dict[str, float]
    correlation: np.ndarray | None
    posynomial: tuple[np.ndarray, np.ndarray] | None
    per_term: bool = True

    @property
    def monomial(self) -> tuple[float, tuple[float, ...]] | None:
        """``(c, a)`` when ``F = c · Π x_i^a_i`` (a single-term posynomial) [FLOP/s], else ``None``."""
        if self.posynomial is None or len(self.posynomial[0]) != 1:
            return None
        log_c, exponents = self.posynomial
        return 10 ** float(log_c[0]), tuple(float(a) for a in exponents[0])

    @property
    def closed_form(self) -> bool:
        """Whether ``ln F`` is normal: a product of powers of lognormal inputs."""
        return self.monomial is not None and all(d.kind == "lognormal" for d in self.distributions)

    @functools.cached_property
    def log_terms(self) -> LogTerms | None:
        """The jointly normal log10 of each term, when the formula is a posynomial of lognormal inputs."""
        if self.posynomial is None or not all(d.kind == "lognormal" for d in self.distributions):
            return None
        mus, sigmas = (np.array(v) for v in zip(*(d.log_params for d in self.distributions), strict=True))
        log_c, exponents = self.posynomial
        return LogTerms.from_posynomial(log_c, exponents, mus, sigmas, self.correlation)

    def mixture(self, percentiles: Sequence[float]) -> Mixture | None:
        """The exact distribution of log10 F (closed form or quadrature), or ``None`` when there is none.

        Parameters
        ----------
        percentiles : sequence of float
            Percentiles (0–100) the quadrature must resolve to :data:`brainflops.lognormal_sums.TOLERANCE`.
        """
        if self.log_terms is None:
            return None
        return mixture(self.log_terms, np.asarray(percentiles, dtype=float) / 100)

    @functools.cached_property
    def _cholesky(self) -> np.ndarray | None:
        return None if self.correlation is None else np.linalg.cholesky(self.correlation)

    @functools.cached_property
    def _log_space(self) -> tuple[np.ndarray, np.ndarray, tuple[int, ...]]:
        """For the log-space path: term weights on independent z, term offsets, loguniform columns.

        A lognormal input has log10 x = mu10 + s10 (C z)_i with C the Cholesky factor of the correlation, so its
        exponents and the correlation fold into one matrix on the independent normals z.
        """
        log_c, exponents = self.posynomial  # type: ignore[misc]
        weights = np.zeros_like(exponents)
        offsets = log_c.copy()
        loguniform = []
        for i, dist in enumerate(self.distributions):
            if dist.kind == "lognormal":
                mu, sigma = dist.log_params
                weights[:, i] = exponents[:, i] * sigma / _LN10
                offsets += exponents[:, i] * mu / _LN10
            else:
                loguniform.append(i)
        if self._cholesky is not None:
            weights = weights @ self._cholesky
        return weights, offsets, tuple(loguniform)

    def evaluate(self, z: np.ndarray) -> np.ndarray:
        """log10 FLOP/s for independent standard normal draws ``z`` of shape (k, m), one row per uncertain input.

        The copula correlation is applied here. A posynomial with positive inputs is evaluated in log space:
        log10 x_i for each input, one product for the log of every term, and a log-sum-exp over terms — no exp/log
        per input, and no overflow for estimates far beyond 1e308. Anything else goes through the compiled formula.
        Products use ``numpy.einsum``'s own loops, not BLAS (see the module docstring).
        """
        if self.posynomial is not None and all(d.kind != "normal" for d in self.distributions):
            weights, offsets, loguniform = self._log_space
            terms = np.einsum("tk,km->tm", weights, z)
            terms += offsets[:, None]
            if loguniform:  # log10 x_i = a + (b - a) Φ(z_i) is not affine in z_i: add each such input's own term
                picked = list(loguniform)
                rows = z[picked] if self._cholesky is None else np.einsum("ik,km->im", self._cholesky[picked], z)
                exponents = self.posynomial[1]
                for row, i in zip(rows, loguniform, strict=True):
                    terms += np.multiply.outer(exponents[:, i], self.distributions[i].log10_from_normal(row))
            return log10_sum(terms)
        if self._cholesky is not None:
            z = np.einsum("ik,km->im", self._cholesky, z)
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

    def draw(self, rng: np.random.Generator, size: int) -> np.ndarray:
        """log10 FLOP/s of ``size`` draws: one normal per term when :attr:`log_terms` applies, else one per input."""
        terms = self.log_terms if self.per_term else None
        if terms is not None:
            return terms.sample(rng.standard_normal((terms.rank, size)))
        return self.evaluate(rng.standard_normal((len(self.names), size)))

    def general(self) -> Problem:
        """The same problem drawn with one normal per uncertain input (the general sampler)."""
        return dataclasses.replace(self, per_term=False)


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
    parameters, ``F = Σ_t c_t Π_i x_i^A[t, i]``, else ``None``.

    Detected symbolically on the expanded formula, so repeated symbols and powers (``T · T`` or ``T**2`` in a
    term) and common factors (``R · (G + P)``) are folded into the exponents, whatever the method.
    """
    import sympy

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
        ``"exact"`` (closed form or quadrature, see ``exact_by``), ``"monte carlo"``, or ``"point"`` (nothing
        uncertain).
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
    exact_by : str or None
        For an exact result, how: ``"closed form"`` (a product of powers of lognormals) or ``"quadrature"`` (a sum
        of such products, by Gauss–Hermite quadrature converged to 1e-9 decades).
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
    exact_by: str | None = None

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

    @property
    def basis(self) -> str:
        """How the distribution was obtained, in words: ``"exact (quadrature)"``, ``"Monte Carlo, n = …"``, …"""
        if self.how == "exact":
            return f"exact ({self.exact_by or 'closed form'})"
        if self.how == "point":
            return "no uncertain parameters"
        return f"Monte Carlo, n = {self.n:,}, seed = {self.seed}"

    def __str__(self) -> str:
        basis = self.basis
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
        ``None``: exact (closed form or quadrature) when it applies, else Monte Carlo. ``False``: always Monte
        Carlo. ``True``: exact or an error.
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
    _check_n(n, keep_samples, chunk_size)
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
    try:
        exact_form = _exact(problem, qs, common) if exact is not False else None
        if exact is True and exact_form is None:
            raise BrainflopsError(
                f"{s.ref}: no exact form: the formula is not a sum of products of powers of lognormal inputs whose "
                "percentiles a closed form or a converged quadrature gives; use Monte Carlo (exact=False or None)"
            )
        if exact_form is not None:
            return exact_form
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


def _exact(problem: Problem, qs: tuple[float, ...], common: dict) -> DistributionSummary | None:
    """The exact summary (closed form or quadrature), or ``None`` when neither applies."""
    found = problem.mixture(qs)
    if found is None:
        return None
    mean10, sd10 = found.mean, found.std
    values = {q: _power10(float(x), q) for q, x in zip(qs, found.quantiles(np.array(qs) / 100), strict=True)}
    edges = np.linspace(mean10 - 5 * sd10, mean10 + 5 * sd10, 201)
    density = found.pdf(0.5 * (edges[1:] + edges[:-1]))
    return DistributionSummary(
        how="exact", n=0, seed=None, percentiles=values, log10_mean=mean10, log10_std=sd10, edges=edges,
        density=density, exact_by="closed form" if found.dimension == 0 else "quadrature", **common,
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
    """log10 FLOP/s of chunk ``index``: its own generator, so no chunk depends on another or on scheduling."""
    rng = np.random.Generator(np.random.PCG64(np.random.SeedSequence(seed, spawn_key=(index,))))
    return problem.draw(rng, size)


def _reduce(logs: np.ndarray, lo: float, width: float, keep: bool) -> _Partial:
    """A chunk's histogram on the fixed grid (plus counts below and above it) and its sums."""
    # Shifted by one bin and clipped, so that truncation to an integer puts everything below the grid in bin 0
    # and everything above it in the last bin: one pass of bincount instead of three masks.
    position = logs - lo
    position *= 1.0 / width
    position += 1.0
    np.clip(position, 0.0, HISTOGRAM_BINS + 1, out=position)
    counts = np.bincount(position.astype(np.intp), minlength=HISTOGRAM_BINS + 2)
    total_sq = float(np.einsum("i,i->", logs, logs))  # not np.dot: that is BLAS
    return _Partial(
        counts[1:-1], int(counts[0]), int(counts[-1]), float(logs.sum()), total_sq, logs.size, logs if keep else None
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
