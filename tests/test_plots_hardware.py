"""Hardware figures: pure functions returning Figures; matplotlib is not imported with the package."""

from __future__ import annotations

import io
import subprocess
import sys

import numpy as np

from brainflops import plots
from brainflops.forecast.accelerators import gpus_per_brain
from brainflops.forecast.energy import energy_parity, landauer_limit
from brainflops.forecast.hindcast import hindcast
from brainflops.forecast.parity import timeline
from brainflops.hardware.projection import fit_projection
from brainflops.hardware.scenarios import load_scenario
from brainflops.hardware.series import get_series


def png_bytes(fig) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=40)
    return buffer.getvalue()


def test_importing_the_plots_does_not_import_matplotlib():
    code = "import sys, brainflops, brainflops.plots; print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_timeline_figure_has_history_projection_and_parity_panels():
    s = load_scenario("hpcg-rank1-2014-latest")
    proj = {"hpcg": s.projection(200)}
    par = {"hpcg": timeline(np.log10([1.075e21]), s, n_draws=200)}
    fig = plots.timeline([get_series("hpcg-rank1")], proj, np.log10([1.075e21]), par)
    top, bottom = fig.axes
    assert top.get_yscale() == "log" and bottom.get_ylabel() == "P(parity by year)"
    assert png_bytes(fig).startswith(b"\x89PNG")


def test_hindcast_energy_and_gpu_figures_render():
    h = hindcast()
    fig = plots.hindcast(h, get_series("hpcg-rank1"), get_series("top500-rank1"))
    assert any("×" in t.get_text() for t in fig.axes[0].texts)
    r, fit = energy_parity("dettmers-2015", n_draws=200)
    fig = plots.energy(get_series("green500"), fit, fit_projection(fit, 200), 1.075e21 / 20, r,
                      landauer_limit())  # fmt: skip
    assert any("Landauer" in t.get_text() for t in fig.axes[0].texts)
    table = gpus_per_brain(np.geomspace(1e18, 1e21, 50))
    fig = plots.gpus_per_brain(table)
    assert len(fig.axes[0].patches) == len(table)
    assert png_bytes(fig).startswith(b"\x89PNG")


def test_forecast_ledger_and_cluster_figures_show_what_lies_beyond_the_axis():
    from brainflops.forecast.combined import combined_forecast
    from brainflops.forecast.ledger import ledger
    from brainflops.hardware.clusters import load_ai_clusters

    f = combined_forecast("sandberg-bostrom-2008-metabolome", n=2000, n_draws=200)
    fig = plots.forecast(f)
    top, bottom = fig.axes
    assert top.get_yscale() == "log" and bottom.get_ylabel() == "P(parity by year)"
    arrows = [t.get_text() for t in bottom.texts if t.get_text().startswith("→")]
    assert any("later" in a for a in arrows)  # 1e25 FLOP/s: part of the combined curve lies beyond 2100
    assert png_bytes(fig).startswith(b"\x89PNG")
    fig = plots.ledger(ledger())
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert labels[0].startswith("Moravec 1998: 10¹⁴ FLOP/s, 2008")
    assert any("doublings to go" in t.get_text() for t in fig.axes[0].texts)
    fig = plots.clusters(load_ai_clusters(), get_series("ai-cluster-record"))
    legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert any(text.startswith("Epoch AI: doubling 9.1 months") for text in legend)
    assert png_bytes(fig).startswith(b"\x89PNG")
