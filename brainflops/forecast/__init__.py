"""The forecast, where the brain wing and the hardware wing meet: when does hardware reach the brain?

One job per module:

- :mod:`~brainflops.forecast.brain` — the brain side: samples of log10 FLOP/s from a set or numbers;
- :mod:`~brainflops.forecast.parity` — the parity-year distribution under one scenario, with "already reached"
  dated from the record;
- :mod:`~brainflops.forecast.history` — when the record already passed a brain value, per percentile;
- :mod:`~brainflops.forecast.utilisation` — the fraction of peak large training runs achieve;
- :mod:`~brainflops.forecast.frames` — the two frames side by side: the post's (FP64 supercomputers) and deep
  learning's (the largest AI cluster at 16-bit × utilisation);
- :mod:`~brainflops.forecast.weights` — the cited weights over scenarios (and presets);
- :mod:`~brainflops.forecast.combined` — one combined P(parity by year) from the weights;
- :mod:`~brainflops.forecast.hindcast` — the 2015 forecast and the two anchors against the record;
- :mod:`~brainflops.forecast.ledger` — published parity forecasts, scored against the record;
- :mod:`~brainflops.forecast.energy` — energy parity at 20 W and the Landauer limit;
- :mod:`~brainflops.forecast.accelerators` — accelerators per brain;
- :mod:`~brainflops.forecast.lifetime` — a brain's lifetime compute against the largest training runs;
- :mod:`~brainflops.forecast.outlook` — a brain against several scenarios, for the app and the report;
- :mod:`~brainflops.forecast.files` — reading the forecast's cited TOML files.

Nothing is imported here, so importing one module loads only what it needs.
"""
