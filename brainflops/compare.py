"""Published estimates side by side: one row per assumption set, point and 90% interval in FLOP/s."""

from __future__ import annotations

import math
import os
from collections import Counter
from collections.abc import Iterable

import pandas as pd

from brainflops.assumptions import AssumptionSet, load, presets
from brainflops.estimate import estimate
from brainflops.uncertainty import sample

__all__ = ["COLUMNS", "compare", "principal_source"]

#: The columns of :func:`compare`'s frame, in order.
COLUMNS = ("set", "version", "method", "point", "p5", "p95", "how", "year", "plausibility", "title", "source", "hash")


def principal_source(s: AssumptionSet) -> str:
    """The citation most of a set's parameters cite (ties: the first in file order)."""
    counts = Counter(p.source.key for p in s.parameters.values())
    key = max(counts, key=lambda k: (counts[k], -list(counts).index(k)))
    return s.sources[key].citation


def compare(
    sets: Iterable[AssumptionSet | str | os.PathLike[str]] | None = None,
    *,
    n: int = 200_000,
    seed: int = 0,
) -> pd.DataFrame:
    """Compare assumption sets: point estimate, 90% interval, method, year and source.

    Parameters
    ----------
    sets : iterable of AssumptionSet, str or PathLike, optional
        Sets, ids (``"dettmers-2015"``, ``"id@1.0.0"``) or paths; every shipped preset (newest version)
        when omitted.
    n : int
        Monte Carlo samples for sets whose interval has no closed form.
    seed : int
        Monte Carlo seed; the same arguments give the same frame.

    Returns
    -------
    pandas.DataFrame
        One row per set, sorted by point estimate, with columns :data:`COLUMNS`: ``point``, ``p5`` and ``p95``
        [FLOP/s] (``p5``/``p95`` from :func:`brainflops.uncertainty.sample`, NaN for a set without uncertain
        parameters), ``how`` (``"exact"``, ``"monte carlo"`` or ``"point"``), ``year`` (of the estimate's
        publication), ``plausibility`` (the source's own judgement, a key of
        :data:`brainflops.schema.PLAUSIBILITY_JUDGEMENTS` such as ``"most plausible"``, or ``None`` where the source
        gave none), ``title``, ``source`` (the citation most parameters use) and ``hash``.
    """
    loaded = [load(s) for s in (presets() if sets is None else sets)]
    rows = []
    for s in loaded:
        summary = sample(s, n=n, seed=seed)
        uncertain = summary.how != "point"
        rows.append(
            {
                "set": s.id,
                "version": s.version,
                "method": s.method.name,
                "point": estimate(s).flops,
                "p5": summary.p5 if uncertain else math.nan,
                "p95": summary.p95 if uncertain else math.nan,
                "how": summary.how,
                "year": int(s.date[:4]),
                "plausibility": s.plausibility,
                "title": s.title,
                "source": principal_source(s),
                "hash": s.hash,
            }
        )
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    # None, not NaN, where the source gave no judgement (pandas turns an all-None column into NaN).
    judged = frame["plausibility"].astype(object)
    frame["plausibility"] = judged.where(judged.notna(), None)
    return frame.sort_values(["point", "set"], kind="stable").reset_index(drop=True)
