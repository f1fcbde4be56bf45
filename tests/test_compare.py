"""compare(): published estimates side by side; the ladder figure and its reference lines."""

from __future__ import annotations

import math

import numpy as np
import pytest

from brainflops.assumptions import presets
from brainflops.compare import COLUMNS, compare
from brainflops.forecast.energy import landauer_bit_rate
from brainflops.plots import ladder, reference_lines
from tests.conftest import REPO


class TestCompare:
    def test_every_preset_by_default_sorted_by_point(self):
        frame = compare()
        assert tuple(frame.columns) == COLUMNS
        assert sorted(frame["set"]) == presets()
        assert list(frame["point"]) == sorted(frame["point"])

    def test_rows_carry_the_published_figures_and_intervals(self):
        """Dettmers (2015) 1.075e21 (interval exact by quadrature); Carlsmith (2020) visual cortex 1e13-3e17
        (exact); Moravec (1998) a point estimate without an interval (NaN)."""
        frame = compare(["dettmers-2015", "carlsmith-2020-visual-cortex", "moravec-1998"]).set_index("set")
        assert frame.loc["dettmers-2015", "point"] == pytest.approx(1.075e21)
        assert frame.loc["dettmers-2015", "how"] == "exact"  # a sum of two lognormal products: quadrature
        assert frame.loc["dettmers-2015", "p5"] < 1.075e21 < frame.loc["dettmers-2015", "p95"]
        vc = frame.loc["carlsmith-2020-visual-cortex"]
        assert (vc["p5"], vc["p95"], vc["how"]) == (pytest.approx(1e13), pytest.approx(3e17), "exact")
        assert math.isnan(frame.loc["moravec-1998", "p5"]) and math.isnan(frame.loc["moravec-1998", "p95"])
        assert frame.loc["moravec-1998", "year"] == 1998
        assert frame.loc["dettmers-2015", "source"].startswith("Dettmers, T. (2015). The Brain vs Deep Learning")

    def test_versions_are_rows_of_their_own(self):
        frame = compare(["merkle-1989@1.0.0", "merkle-1989@1.1.0"])
        assert list(frame["version"]) == ["1.0.0", "1.1.0"]
        assert math.isnan(frame.loc[0, "p5"]) and not math.isnan(frame.loc[1, "p5"])

    def test_same_arguments_same_frame(self):
        a, b = compare(["dettmers-2015"], seed=3), compare(["dettmers-2015"], seed=3)
        assert a.equals(b)


class TestReferenceLines:
    def test_landauer_limit_of_a_20_w_brain(self):
        """20 W / (k_B x 310 K x ln 2) = 6.74e21 bit erasures/s (k_B = 1.380649e-23 J/K exactly; 20 W from
        Balasubramanian, 'Brain power', PNAS 118(32) e2107022118, 2021)."""
        assert landauer_bit_rate() == pytest.approx(20 / (1.380649e-23 * 310 * math.log(2)), rel=1e-12)
        assert round(landauer_bit_rate(), -20) == 6.7e21

    def test_hardware_lines_are_the_shipped_data_rows(self):
        """TOP500 Nov 2025 #1 (El Capitan, 1.809e18 HPL Rmax) and one H100 SXM5 at dense BF16 (9.894e14), read
        here from the raw CSVs in assumptions/data, not through the code under test."""
        import pandas as pd

        data = REPO / "assumptions" / "data"
        h100, top, landauer = reference_lines()
        top500 = pd.read_csv(data / "top500.csv")
        assert top.flops == top500.iloc[-1]["rank1_rmax_flops"] == 1.809e18
        assert "El Capitan" in top.label and "Nov 2025" in top.label
        accelerators = pd.read_csv(data / "accelerators.csv").set_index("name")
        assert h100.flops == accelerators.loc["H100 SXM5 80GB", "bf16_flops"] == 9.894e14
        assert landauer.flops == landauer_bit_rate()


class TestLadder:
    def test_one_row_per_set_and_a_line_per_reference(self):
        frame = compare()
        fig = ladder(frame, highlight="dettmers-2015")
        ax = fig.axes[0]
        labels = [t.get_text() for t in ax.get_yticklabels()]
        assert len(labels) == len(frame)
        assert "dettmers-2015 (2015)" in labels
        bold = [t.get_text() for t in ax.get_yticklabels() if t.get_fontweight() == "bold"]
        assert bold == ["dettmers-2015 (2015)"]
        vertical = sorted(line.get_xdata()[0] for line in ax.get_lines() if line.get_linestyle() != "None")
        np.testing.assert_allclose(vertical, sorted(r.flops for r in reference_lines()))
        low, high = ax.get_xlim()
        assert low <= frame["p5"].min() and high >= 1e43

    def test_matplotlib_is_not_imported_by_the_package(self):
        import subprocess
        import sys

        code = "import brainflops, brainflops.plots, brainflops.compare, sys; print('matplotlib' in sys.modules)"
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
        assert out.strip() == "False"
