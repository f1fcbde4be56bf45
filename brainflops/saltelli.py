"""SALib's Sobol analysis (first-order and total indices) computed in blocks, so memory stays bounded.

The results are SALib's, bit for bit, for the same seed: the same scrambled Sobol sequence and Saltelli design
as ``SALib.sample.sobol.sample(problem, N, calc_second_order=False, seed=seed)``, SALib's own estimators for
the indices (``SALib.analyze.sobol.first_order`` and ``total_order``), and the same bootstrap resamples as
``SALib.analyze.sobol.analyze(problem, Y, calc_second_order=False, seed=...)`` with the same floating-point
operations in the same order. What differs is memory: SALib materialises the whole design (N (k + 2) × k) and,
for the bootstrap, an (N × 100) index matrix and several (N × 100) resampled arrays at once — 2.3 GB at
N = 2^18 — while here the design is built and evaluated block by block and the bootstrap streams over blocks
of resampled rows, regenerating the resample indices from the seed in each pass. What remains is the model
output, N (k + 2) doubles.

The bootstrap's column reductions are sequential over rows in numpy (an ``axis=0`` sum adds rows in order), so
a running sum carried into the first row of the next block reproduces them exactly.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import numpy as np

__all__ = ["BLOCK_ROWS", "RESAMPLES", "analyze", "outputs"]

#: Base rows per block when building and evaluating the design.
BLOCK_ROWS = 2**14
#: Bootstrap resamples, as SALib's default.
RESAMPLES = 100
#: Resampled rows per block in the bootstrap: about 8 MB per (rows × 100) array of doubles.
_BOOTSTRAP_ROWS = 2**13


def outputs(evaluate: Callable[[np.ndarray], np.ndarray], k: int, base_samples: int, seed: int) -> np.ndarray:
    """Model outputs on SALib's Saltelli design, one row per base point: ``[A, AB_1, …, AB_k, B]``.

    Parameters
    ----------
    evaluate : callable
        Takes uniforms of shape (m, k) in (0, 1) and returns m model outputs.
    k : int
        Number of inputs.
    base_samples : int
        SALib's N, a power of 2.
    seed : int
        Seed of the scrambled Sobol sequence (as SALib's ``seed``).

    Returns
    -------
    ndarray, shape (base_samples, k + 2)
        Flattened, exactly the ``Y`` that ``SALib.sample.sobol.sample`` followed by evaluation would give.
    """
    from scipy.stats import qmc

    sequence = qmc.Sobol(d=2 * k, scramble=True, seed=seed)  # as SALib.sample.sobol.sample
    result = np.empty((base_samples, k + 2))
    for start in range(0, base_samples, BLOCK_ROWS):
        rows = min(BLOCK_ROWS, base_samples - start)
        base = sequence.random(rows)
        a, b = base[:, :k], base[:, k:]
        design = np.repeat(a[:, None, :], k + 2, axis=1)  # (rows, k + 2, k): A, then A with column j from B, then B
        for j in range(k):
            design[:, 1 + j, j] = b[:, j]
        design[:, k + 1, :] = b
        result[start : start + rows] = evaluate(design.reshape(-1, k)).reshape(rows, k + 2)
    return result


def analyze(y: np.ndarray, seed: int, conf_level: float = 0.95) -> dict[str, np.ndarray]:
    """SALib's first-order and total Sobol indices with bootstrap confidence half-widths, in bounded memory.

    Parameters
    ----------
    y : ndarray, shape (N, k + 2)
        Model outputs from :func:`outputs`; normalised in place, as SALib normalises its copy.
    seed : int
        Seed of the bootstrap (SALib's ``seed``; must be truthy, as SALib seeds only then).
    conf_level : float
        Confidence level of the half-widths.

    Returns
    -------
    dict
        ``S1``, ``S1_conf``, ``ST``, ``ST_conf``: arrays of length k [1].
    """
    from SALib.analyze.sobol import first_order, total_order
    from scipy.stats import norm

    if not seed:
        raise ValueError("the bootstrap seed must be non-zero (SALib leaves seed 0 unseeded)")
    k = y.shape[1] - 2
    flat = y.reshape(-1)
    mean, std = flat.mean(), flat.std()  # SALib: Y = (Y - Y.mean()) / Y.std(), both of the original Y
    flat -= mean
    flat /= std
    a, b = y[:, 0], y[:, k + 1]
    z = norm.ppf(0.5 + conf_level / 2)
    boot = _Bootstrap(y, seed)
    result = {name: np.zeros(k) for name in ("S1", "S1_conf", "ST", "ST_conf")}
    for j in range(k):
        result["S1"][j] = first_order(a, y[:, 1 + j], b)
        result["ST"][j] = total_order(a, y[:, 1 + j], b)
        if boot.spread != 0.0:
            result["S1_conf"][j] = z * boot.first_order[j].std(ddof=1)
            result["ST_conf"][j] = z * boot.total_order[j].std(ddof=1)
    return result


class _Bootstrap:
    """SALib's resampled estimators ``first_order(A[r], AB[r, j], B[r])`` and ``total_order(…)`` for every j,
    computed over blocks of the resample index matrix ``r`` (N × 100) in four passes."""

    def __init__(self, y: np.ndarray, seed: int) -> None:
        n, k = y.shape[0], y.shape[1] - 2
        self.y, self.n, self.seed = y, n, seed
        a, b = y[:, 0], y[:, k + 1]
        eps = np.finfo(float).eps
        # Pass 1: the numerators of every index, the sum of A[r] and the range of A[r] and B[r].
        first: list[np.ndarray | None] = [None] * k
        total: list[np.ndarray | None] = [None] * k
        sum_a, low, high = None, np.inf, -np.inf
        for rows in self._indices():
            ar, br = np.take(a, rows), np.take(b, rows)  # take: several times faster than a[rows] on a strided view
            low, high = min(low, ar.min(), br.min()), max(high, ar.max(), br.max())
            for j in range(k):
                abr = np.take(y[:, 1 + j], rows)
                product = abr - ar  # B * (AB - A)
                product *= br
                first[j] = _continue_sum(first[j], product)
                difference = np.subtract(ar, abr, out=abr)  # (A - AB) ** 2
                np.square(difference, out=difference)
                total[j] = _continue_sum(total[j], difference)
            sum_a = _continue_sum(sum_a, ar)
        # Passes 2-4: np.var(np.r_[A[r], B[r]], axis=0) — the mean over A rows then B rows, then the squared
        # deviations in the same order.
        total_ab = sum_a
        for rows in self._indices():
            total_ab = _continue_sum(total_ab, np.take(b, rows))
        mean = total_ab / np.intp(2 * n)
        squares = None
        for column in (a, b):
            for rows in self._indices():
                deviation = np.take(column, rows)
                deviation -= mean
                np.square(deviation, out=deviation)
                squares = _continue_sum(squares, deviation)
        variance = squares / np.intp(2 * n)
        self.spread = float(high - low)  # np.ptp(np.r_[A[r], B[r]])

        def ratio(numerator: np.ndarray) -> np.ndarray:
            if self.spread <= eps:  # SALib returns zeros for constant resamples
                return np.zeros_like(variance)
            return np.divide(numerator, variance, out=np.zeros_like(variance), where=variance > eps)

        self.first_order = [ratio(f / np.intp(n)) for f in first]
        self.total_order = [ratio(0.5 * (t / np.intp(n))) for t in total]

    def _indices(self) -> Iterator[np.ndarray]:
        """The rows of SALib's ``r = default_rng(seed).integers(N, size=(N, 100))``, a block at a time."""
        rng = np.random.default_rng(self.seed)
        for start in range(0, self.n, _BOOTSTRAP_ROWS):
            yield rng.integers(self.n, size=(min(_BOOTSTRAP_ROWS, self.n - start), RESAMPLES))


def _continue_sum(running: np.ndarray | None, block: np.ndarray) -> np.ndarray:
    """Column sums of all rows so far, adding ``block``'s rows in order (``block`` is overwritten)."""
    if running is not None:
        block[0] += running
    return block.sum(axis=0)
