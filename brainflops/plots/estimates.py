"""The ladder: every brain estimate on one log-scale axis, with physical and hardware reference lines.

Reference lines
---------------
- **Landauer limit of a 20 W brain at 310 K**: erasing one bit costs at least k_B·T·ln 2, so 20 W can pay for
  at most 20 W / (k_B · 310 K · ln 2) ≈ 6.7e21 bit erasures per second. Computed here from the exact SI value
  of k_B (pint's ``boltzmann_constant``), not typed in. It bounds *irreversible bit operations*, not FLOP
  (a FLOP erases many bits; reversible computing erases few), so it is a landmark, not a ceiling on FLOP/s.
  Brain power 20 W: Balasubramanian, V. (2021). Brain power. PNAS 118(32), e2107022118.
- **Today's #1 supercomputer** and **one H100 at dense BF16**: cited constants read from the project's shipped
  data (``top500.csv``, ``accelerators.csv``) until the hardware dataset module replaces them.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pandas as pd

from brainflops.units import ureg

__all__ = [
    "BRAIN_POWER_W",
    "BRAIN_TEMPERATURE_K",
    "H100_BF16_DENSE",
    "REFERENCE_LINES",
    "TOP500_RANK1",
    "ReferenceLine",
    "ladder",
    "landauer_limit",
]


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


#: Brain power [W]: Balasubramanian, V. (2021). Brain power. PNAS 118(32), e2107022118.
BRAIN_POWER_W = 20.0
#: Body temperature [K] (37 °C), the temperature the Landauer bound is taken at.
BRAIN_TEMPERATURE_K = 310.0


def landauer_limit(power_w: float = BRAIN_POWER_W, temperature_k: float = BRAIN_TEMPERATURE_K) -> float:
    """Most bit erasures per second that ``power_w`` can pay for at ``temperature_k`` (Landauer).

    Parameters
    ----------
    power_w : float
        Power [W].
    temperature_k : float
        Temperature [K].

    Returns
    -------
    float
        power / (k_B · T · ln 2) [bit erasures/s]; about 6.74e21 for 20 W at 310 K.
    """
    per_bit = ureg.boltzmann_constant * (temperature_k * ureg.kelvin) * math.log(2)
    return float((power_w * ureg.watt / per_bit).to("1/s").magnitude)


#: El Capitan, #1 of the TOP500 list of November 2025, HPL Rmax [FLOP/s]. Row '2025-11' of
#: ../shared/data/top500.csv, source: insidehpc.com/2025/11/top500-el-cap-stays-on-top-jupiter-joins-exascale-club/
#: (El Capitan remeasured at 1.809 EFlop/s, 66th list).
TOP500_RANK1 = ReferenceLine(
    "El Capitan, TOP500 #1 (Nov 2025, HPL Rmax)",
    1.809e18,
    "TOP500 list, November 2025, via insidehpc.com/2025/11/top500-el-cap-stays-on-top-jupiter-joins-exascale-club/",
)
#: NVIDIA H100 SXM5 80GB, dense BF16 tensor [FLOP/s]. Row 'H100 SXM5 80GB' of ../shared/data/accelerators.csv,
#: source: Epoch AI 'Machine Learning Hardware' dataset (CC-BY), ml_hardware.csv as mirrored in
#: github.com/joshyou/clod commit 2af7774; NVIDIA H100 datasheet.
H100_BF16_DENSE = ReferenceLine(
    "One H100 SXM5, dense BF16",
    9.894e14,
    "Epoch AI, Machine Learning Hardware dataset (H100 SXM5 80GB, Tensor-FP16/BF16, dense); NVIDIA datasheet",
)

#: The landmarks drawn on the ladder.
REFERENCE_LINES: tuple[ReferenceLine, ...] = (
    H100_BF16_DENSE,
    TOP500_RANK1,
    ReferenceLine(
        "Landauer limit, 20 W at 310 K (bit erasures/s)",
        landauer_limit(),
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
    reference_lines: Sequence[ReferenceLine] = REFERENCE_LINES,
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
