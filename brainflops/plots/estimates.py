"""The ladder: every brain estimate on one log-scale axis, with physical and hardware reference lines.

Reference lines
---------------
- **Landauer limit of a 20 W brain at 310 K**: erasing one bit costs at least k_B·T·ln 2, so 20 W can pay for
  at most 20 W / (k_B · 310 K · ln 2) ≈ 6.7e21 bit erasures per second. Computed here from the exact SI value
  of k_B (pint's ``boltzmann_constant``), not typed in. It bounds *irreversible bit operations*, not FLOP
  (a FLOP erases many bits; reversible computing erases few), so it is a landmark, not a ceiling on FLOP/s.
  Brain power 20 W: Balasubramanian, V. (2021). Brain power. PNAS 118(32), e2107022118.
- **Today's #1 supercomputer** and **one H100 at dense BF16**: read from the shipped, cited datasets
  (``assumptions/data/top500.csv``, ``accelerators.csv``) through :mod:`brainflops.hardware.datasets`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pandas as pd

__all__ = ["ReferenceLine", "ladder", "reference_lines"]


@dataclass(frozen=True)
class ReferenceLine:
    """A landmark on the FLOP/s axis.

    Attributes
    ----------
    label : str
        Short text for the legend.
    flops : float
        Position [FLOP/s] (for the Landauer limit: bit erasures per second).
    source : str
        Where the figure comes from.
    """

    label: str
    flops: float
    source: str


def reference_lines() -> tuple[ReferenceLine, ...]:
    """The landmarks drawn on the ladder, read from the shipped datasets and computed from constants.

    - One H100 SXM5 at dense BF16 (``assumptions/data/accelerators.csv``, Epoch AI ML hardware dataset).
    - Today's TOP500 #1 (the latest list in ``assumptions/data/top500.csv``, HPL Rmax).
    - The Landauer limit of a 20 W brain at 310 K (:func:`brainflops.forecast.energy.landauer_bit_rate`).

    Returns
    -------
    tuple of ReferenceLine
        Positions in FLOP/s (the Landauer line in bit erasures per second).
    """
    from brainflops import hardware
    from brainflops.forecast.energy import BRAIN_POWER_W, landauer_bit_rate

    accelerators = hardware.load_accelerators().set_index("name")
    h100 = accelerators.loc["H100 SXM5 80GB"]
    top500 = hardware.load_top500()
    latest = top500.dropna(subset=["rank1_rmax_flops"]).iloc[-1]
    month = pd.Timestamp(latest["date"]).strftime("%b %Y")
    return (
        ReferenceLine("One H100 SXM5, dense BF16", float(h100["bf16_flops"]), str(h100["source"])),
        ReferenceLine(
            f"{latest['rank1_name']}, TOP500 #1 ({month}, HPL Rmax)",
            float(latest["rank1_rmax_flops"]),
            str(latest["source"]),
        ),
        ReferenceLine(
            f"Landauer limit, {BRAIN_POWER_W:g} W at 310 K (bit erasures/s)",
            landauer_bit_rate(),
            "k_B·T·ln2 at 310 K; 20 W from Balasubramanian (2021), Brain power, PNAS 118(32) e2107022118",
        ),
    )


_METHOD_COLOURS = {
    "synaptic": "#1b9e77",
    "dettmers_convolution": "#d95f02",
    "functional_scaling": "#7570b3",
    "published_figure": "#e7298a",
    "teps": "#66a61e",
    "emulation_level": "#a6761d",
}
_LINE_STYLES = ("--", "-.", ":")


def ladder(
    frame: pd.DataFrame,
    highlight: str | Iterable[str] | None = None,
    *,
    reference_lines: Sequence[ReferenceLine] | None = None,
    title: str = "Published estimates of the brain's compute",
):
    """Every estimate on one log-scale axis: points, 90% intervals as bars, reference lines.

    Parameters
    ----------
    frame : pandas.DataFrame
        From :func:`brainflops.compare.compare` (columns ``set``, ``version``, ``method``, ``point``,
        ``p5``, ``p95``, ``year``; FLOP/s).
    highlight : str or iterable of str, optional
        Set ids to emphasise; the others are drawn lighter.
    reference_lines : sequence of ReferenceLine
        Vertical landmarks [FLOP/s].
    title : str
        Figure title.

    Returns
    -------
    matplotlib.figure.Figure
    """
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

    chosen = {highlight} if isinstance(highlight, str) else set(highlight or ())
    rows = frame.sort_values(["point", "set"], kind="stable").reset_index(drop=True)
    fig = Figure(figsize=(11, 2.4 + 0.34 * len(rows)), layout="constrained")
    ax = fig.add_subplot()
    for y, row in rows.iterrows():
        colour = _METHOD_COLOURS.get(row["method"], "#555555")
        faded = bool(chosen) and row["set"] not in chosen
        alpha = 0.35 if faded else 1.0
        if not (math.isnan(row["p5"]) or math.isnan(row["p95"])):
            ax.hlines(y, row["p5"], row["p95"], colors=colour, linewidth=6, alpha=0.35 * alpha)
        ax.plot(row["point"], y, "o", color=colour, markersize=7, alpha=alpha, zorder=3)
    labels = [f"{r['set']} ({r['year']})" for _, r in rows.iterrows()]
    ax.set_yticks(range(len(rows)), labels)
    for tick, (_, row) in zip(ax.get_yticklabels(), rows.iterrows(), strict=True):
        if row["set"] in chosen:
            tick.set_fontweight("bold")
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.set_xscale("log")
    values = [v for v in (*rows["point"], *rows["p5"], *rows["p95"]) if not math.isnan(v)]
    if reference_lines is None:
        reference_lines = globals()["reference_lines"]()
    values += [line.flops for line in reference_lines]
    lo, hi = math.floor(math.log10(min(values))) - 1, math.ceil(math.log10(max(values))) + 1
    ax.set_xlim(10.0**lo, 10.0**hi)
    ax.set_xticks([10.0**k for k in range(lo, hi + 1, 2 if hi - lo > 20 else 1)])
    ax.set_xlabel("FLOP/s (log scale); bars: 90% interval where the set has uncertainty")
    ax.grid(axis="x", which="major", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    handles = []
    for line, style in zip(reference_lines, _LINE_STYLES * len(reference_lines), strict=False):
        ax.axvline(line.flops, color="#333333", linestyle=style, linewidth=1.1)
        handles.append(Line2D([], [], color="#333333", linestyle=style, label=f"{line.label}: {line.flops:.2g}"))
    for method in dict.fromkeys(rows["method"]):
        handles.append(
            Line2D([], [], marker="o", linestyle="", color=_METHOD_COLOURS.get(method, "#555555"), label=method)
        )
    fig.legend(handles=handles, loc="outside lower center", ncols=3, fontsize=8, frameon=False)
    ax.set_title(title)
    return fig
