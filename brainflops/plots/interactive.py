"""Interactive versions of the figures for the web app, as Vega-Lite specifications: data in, spec out.

They draw the same data as the matplotlib figures in :mod:`brainflops.plots.uncertainty` but render in the
browser. Plain dictionaries (rather than Altair objects, whose schema validation costs tens of milliseconds)
keep the app's reruns fast; pass them to ``st.vega_lite_chart(spec=...)``.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from brainflops.uncertainty import DistributionSummary

__all__ = ["distribution_spec", "sobol_spec", "tornado_spec"]

_SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"  # an identifier, not fetched


def distribution_spec(summary: DistributionSummary, height: int = 260) -> dict:
    """Histogram of log10 FLOP/s with the 5th/50th/95th percentiles and the point estimate as rules.

    Returns
    -------
    dict
        A Vega-Lite specification with inline data.
    """
    edges, density = summary.edges, summary.density
    bars = [
        {"from": float(a), "to": float(b), "density": float(y)}
        for a, b, y in zip(edges[:-1], edges[1:], density, strict=True)
    ]
    marks = [{"label": f"p{q:g}", "log10": math.log10(summary.percentiles[q])} for q in (5.0, 50.0, 95.0)]
    marks.append({"label": "point", "log10": math.log10(summary.point)})
    return {
        "$schema": _SCHEMA,
        "height": height,
        "layer": [
            {
                "data": {"values": bars},
                "mark": {"type": "rect", "color": "#9ecae1"},
                "encoding": {
                    "x": {"field": "from", "type": "quantitative", "title": "log10 FLOP/s", "scale": {"zero": False}},
                    "x2": {"field": "to"},
                    "y": {"field": "density", "type": "quantitative", "title": "density per decade"},
                },
            },
            {
                "data": {"values": marks},
                "mark": {"type": "rule", "strokeWidth": 2},
                "encoding": {
                    "x": {"field": "log10", "type": "quantitative"},
                    "color": {
                        "field": "label",
                        "type": "nominal",
                        "scale": {
                            "domain": ["p5", "p50", "p95", "point"],
                            "range": ["#08519c", "#08519c", "#08519c", "#d94801"],
                        },
                    },
                    "tooltip": [{"field": "label"}, {"field": "log10", "format": ".3f"}],
                },
            },
        ],
    }


def tornado_spec(frame: pd.DataFrame, height_per_row: int = 32) -> dict:
    """One-at-a-time swings around the all-medians baseline, in log10 FLOP/s.

    Returns
    -------
    dict
        A Vega-Lite specification with inline data.
    """
    if frame.empty:
        return {"$schema": _SCHEMA, "data": {"values": [{"text": "no uncertain parameters"}]},
                "mark": "text", "encoding": {"text": {"field": "text"}}}  # fmt: skip
    base = float(np.log10(frame["baseline_flops"].iloc[0]))
    rows = []
    for r in frame.itertuples():
        rows.append({"parameter": r.parameter, "end": "5th percentile", "from": base, "to": math.log10(r.low_flops)})
        rows.append({"parameter": r.parameter, "end": "95th percentile", "from": base, "to": math.log10(r.high_flops)})
    order = list(frame["parameter"])
    return {
        "$schema": _SCHEMA,
        "height": height_per_row * len(order),
        "data": {"values": rows},
        "mark": "bar",
        "encoding": {
            "y": {"field": "parameter", "type": "nominal", "sort": order, "title": None,
                  "axis": {"labelOverlap": False, "labelLimit": 220}},
            "x": {"field": "from", "type": "quantitative", "title": "log10 FLOP/s (others at their median)",
                  "scale": {"zero": False}},
            "x2": {"field": "to"},
            "color": {"field": "end", "type": "nominal", "title": "parameter at",
                      "scale": {"range": ["#6baed6", "#fd8d3c"]}},
            "tooltip": [{"field": "parameter"}, {"field": "end"}, {"field": "to", "format": ".3f"}],
        },
    }  # fmt: skip


def sobol_spec(frame: pd.DataFrame, height_per_row: int = 28) -> dict:
    """First-order and total Sobol indices as grouped bars.

    Returns
    -------
    dict
        A Vega-Lite specification with inline data.
    """
    rows = [
        {"parameter": r.parameter, "index": index, "share": float(getattr(r, index))}
        for r in frame.itertuples()
        for index in ("S1", "ST")
    ]
    return {
        "$schema": _SCHEMA,
        "height": int(height_per_row * len(frame) * 1.6),
        "data": {"values": rows},
        "mark": "bar",
        "encoding": {
            "y": {"field": "parameter", "type": "nominal", "sort": list(frame["parameter"]), "title": None,
                  "axis": {"labelOverlap": False, "labelLimit": 220}},
            "yOffset": {"field": "index"},
            "x": {"field": "share", "type": "quantitative", "title": "share of the variance of log10 FLOP/s",
                  "scale": {"domain": [0, 1]}},
            "color": {"field": "index", "type": "nominal", "scale": {"range": ["#74c476", "#238b45"]}},
            "tooltip": [{"field": "parameter"}, {"field": "index"}, {"field": "share", "format": ".3f"}],
        },
    }  # fmt: skip
