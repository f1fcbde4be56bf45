"""The hardware wing: cited datasets, named series, trend fits with eras, and trend scenarios.

One job per module:

- :mod:`~brainflops.hardware.checks` — reading the shipped CSVs and reporting a bad cell by file, line, column;
- :mod:`~brainflops.hardware.datasets` — TOP500, HPCG, Green500, accelerators, largest training runs;
- :mod:`~brainflops.hardware.clusters` — large AI training clusters and the record they set;
- :mod:`~brainflops.hardware.series` — the named time series (TOP500 #1/#500/sum, HPCG #1, the AI-cluster
  record, accelerator peaks, FLOP/s per dollar, Green500, training runs) and their running records;
- :mod:`~brainflops.hardware.trends` — log-linear and piecewise fits with Newey-West intervals;
- :mod:`~brainflops.hardware.eras` — the eras of every series (fixed and data-placed breaks);
- :mod:`~brainflops.hardware.price_performance` — FLOP/s per dollar at constant precision, against Epoch AI;
- :mod:`~brainflops.hardware.scenarios` — cited scenario files;
- :mod:`~brainflops.hardware.projection` — a scenario's performance over time, anchored on the record or on
  the fitted line.

The dataset loaders are re-exported here, so ``bf.hardware.load_top500()`` works as before.
"""

from __future__ import annotations

from brainflops.hardware.clusters import cluster_record, load_ai_clusters
from brainflops.hardware.datasets import (
    PRECISIONS,
    data_dir,
    decimal_year,
    load_accelerators,
    load_green500,
    load_hpcg,
    load_top500,
    load_training_runs,
)

__all__ = [
    "PRECISIONS",
    "cluster_record",
    "data_dir",
    "decimal_year",
    "load_accelerators",
    "load_ai_clusters",
    "load_green500",
    "load_hpcg",
    "load_top500",
    "load_training_runs",
]
