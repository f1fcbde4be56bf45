"""Interactive (Vega-Lite, via Altair) versions of the figures, for the web app: data in, chart out.

They draw the same data as the matplotlib figures in :mod:`brainflops.plots.uncertainty`, but render in the
browser, which keeps the app's reruns fast.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from brainflops.uncertainty import DistributionSummary

__all__ = ["distribution_chart", "sobol_chart", "tornado_chart"]


def distribution_chart(summary: DistributionSummary, height: int = 260):
    """Histogram of log10 FLOP/s with the 5th/50th/95th percentiles and the point estimate as rules.

    Returns
    -------
    altair.LayerChart
    """
    import altair as alt

    edges, density = summary.edges, summary.density
    bars = pd.DataFrame({"from": edges[:-1], "to": edges[1:], "density": density})
    marks = pd.DataFrame(
        [{"label": f"p{q:g}", "log10": math.log10(summary.percentiles[q])} for q in (5.0, 50.0, 95.0)]
        + [{"label": "point", "log10": math.log10(summary.point)}]
    )
    hist = (
        alt.Chart(bars)
        .mark_rect(color="#9ecae1")
        .encode(
            x=alt.X("from:Q", title="log10 FLOP/s", scale=alt.Scale(zero=False)),
            x2="to:Q",
            y=alt.Y("density:Q", title="density per decade"),
        )
    )
    rules = (
        alt.Chart(marks)
        .mark_rule(strokeWidth=2)
        .encode(
            x="log10:Q",
            color=alt.Color("label:N", scale=alt.Scale(range=["#08519c", "#08519c", "#08519c", "#d94801"])),
            tooltip=["label", alt.Tooltip("log10:Q", format=".3f")],
        )
    )
    return (hist + rules).properties(height=height)


def tornado_chart(frame: pd.DataFrame, height_per_row: int = 32):
    """One-at-a-time swings around the all-medians baseline, in log10 FLOP/s.

    Returns
    -------
    altair.Chart
    """
    import altair as alt

    if frame.empty:
        return alt.Chart(pd.DataFrame({"text": ["no uncertain parameters"]})).mark_text().encode(text="text")
    base = float(np.log10(frame["baseline_flops"].iloc[0]))
    rows = []
    for r in frame.itertuples():
        rows.append({"parameter": r.parameter, "end": "5th percentile", "from": base, "to": math.log10(r.low_flops)})
        rows.append({"parameter": r.parameter, "end": "95th percentile", "from": base, "to": math.log10(r.high_flops)})
    data = pd.DataFrame(rows)
    order = list(frame["parameter"])
    return (
        alt.Chart(data)
        .mark_bar()
        .encode(
            y=alt.Y("parameter:N", sort=order, title=None, axis=alt.Axis(labelOverlap=False, labelLimit=220)),
            x=alt.X("from:Q", title="log10 FLOP/s (others at their median)", scale=alt.Scale(zero=False)),
            x2="to:Q",
            color=alt.Color("end:N", title="parameter at", scale=alt.Scale(range=["#6baed6", "#fd8d3c"])),
            tooltip=["parameter", "end", alt.Tooltip("to:Q", format=".3f", title="log10 FLOP/s")],
        )
        .properties(height=height_per_row * len(order))
    )


def sobol_chart(frame: pd.DataFrame, height_per_row: int = 28):
    """First-order and total Sobol indices as grouped bars.

    Returns
    -------
    altair.Chart
    """
    import altair as alt

    long = frame.melt(id_vars="parameter", value_vars=["S1", "ST"], var_name="index", value_name="share")
    return (
        alt.Chart(long)
        .mark_bar()
        .encode(
            y=alt.Y(
                "parameter:N",
                sort=list(frame["parameter"]),
                title=None,
                axis=alt.Axis(labelOverlap=False, labelLimit=220),
            ),
            yOffset="index:N",
            x=alt.X("share:Q", title="share of the variance of log10 FLOP/s", scale=alt.Scale(domain=[0, 1])),
            color=alt.Color("index:N", scale=alt.Scale(range=["#74c476", "#238b45"])),
            tooltip=["parameter", "index", alt.Tooltip("share:Q", format=".3f")],
        )
        .properties(height=height_per_row * len(frame) * 1.6)
    )
