"""diff(): what differs between two sets and how much of the log-ratio of their estimates each part explains."""

from __future__ import annotations

import math

import pytest

from brainflops.assumptions import brain_dirs, load
from brainflops.diff import DIFFERENT_METHODS, EXACT, SHAPLEY, _shapley, diff
from brainflops.plots import waterfall
from brainflops.units import ureg
from tests.conftest import VALID_SET

DETTMERS_VARIANT = """\
schema_version = 1
id = "dettmers-variant"
version = "1.0.0"
extends = "dettmers-2015@1.1.0"
date = 2020-01-01
title = "Dettmers with stereological cell counts"
changelog = ["1.0.0: test variant"]

[parameters.purkinje_cells]
value = "3.05e7 neuron"
source = "andersen1992"
where = "abstract"
note = "stereological count"

[parameters.granule_cells]
value = "1.01e11 neuron"
source = "andersen1992"
where = "abstract"
note = "stereological count"

[parameters.firing_rate]
value = "1 Hz"
source = "dettmers2015"
where = "test"
note = "a lower rate"
"""


class TestDettmersLowRate:
    def test_the_whole_800x_is_the_firing_rate(self):
        """Dettmers (2015) at 200 Hz vs the 0.25 Hz critics cite (Cannell, r/MachineLearning, 27 July 2015):
        the ratio 1/800 is explained entirely by the firing rate, exactly (a product of powers in f)."""
        d = diff("dettmers-2015@1.1.0", "dettmers-2015-low-rate@1.0.0")
        assert d.how == EXACT
        assert d.ratio == pytest.approx(1 / 800, rel=1e-12)
        assert [c.name for c in d.changes] == ["firing_rate"]
        (rate,) = d.changes
        assert (rate.a, rate.b) == (200 * ureg.Hz, 0.25 * ureg.Hz)
        assert rate.contribution == pytest.approx(math.log(1 / 800), rel=1e-12)
        assert rate.factor == pytest.approx(1 / 800, rel=1e-12)
        assert rate.source_a.startswith("[dettmers2015] Dettmers, T. (2015).")
        assert rate.source_b.startswith("[cannell2015] Cannell, J. (2015).")
        assert d.to_frame().loc[0, "share"] == pytest.approx(1.0)

    def test_text_names_the_values_the_attribution_and_the_sources(self):
        text = str(diff("dettmers-2015", "dettmers-2015-low-rate"))
        assert "ratio 0.00125 (1/800)" in text
        assert "attribution: exact log-decomposition (sums to the ln ratio)" in text
        assert "firing_rate: 200 Hz -> 0.25 Hz  [value, uncertainty, source, where, note]  x0.00125 (1/800)  " in text
        assert "100.0% of ln ratio" in text


class TestVersions:
    def test_two_versions_show_only_what_changed(self):
        """merkle-1989 1.0.0 -> 1.1.0 added uncertainties (and notes) for two parameters; the estimate is unchanged."""
        d = diff("merkle-1989@1.0.0", "merkle-1989@1.1.0")
        assert d.ratio == 1
        assert {c.name: c.fields for c in d.changes} == {
            "synapses": ("uncertainty", "note"),
            "firing_rate": ("uncertainty", "note"),
        }
        assert all(c.contribution == 0 for c in d.changes)
        assert d.metadata == ("changelog",)
        assert "synapses: 1e15 synapse -> 1e15 synapse  [uncertainty, note]  (no effect on the estimate)" in str(d)

    def test_a_set_against_itself_has_no_changes(self):
        d = diff("dettmers-2015", "dettmers-2015")
        assert d.changes == () and d.metadata == () and d.log_ratio == 0
        assert "  no parameter differs" in str(d)


class TestAttribution:
    def test_exact_decomposition_of_two_changes(self):
        """Kurzweil (1999) 2e16 -> Merkle (1989) 1e16: synapses x10 and firing rate x1/20 explain x1/2 exactly."""
        d = diff("kurzweil-1999", "merkle-1989")
        assert d.how == EXACT
        parts = {c.name: c.contribution for c in d.changes}
        assert parts["synapses"] == pytest.approx(math.log(10))
        assert parts["firing_rate"] == pytest.approx(math.log(1 / 20))
        assert parts["flop_per_synaptic_event"] == 0  # only its citation changed
        assert sum(parts.values()) == pytest.approx(d.log_ratio, abs=1e-12)

    def test_shapley_equals_the_exact_decomposition_on_a_product(self):
        a, b = load("kurzweil-1999"), load("merkle-1989")
        shapley = _shapley(a, b, [("synapses",), ("firing_rate",)])
        assert shapley[("synapses",)] == pytest.approx(math.log(10), rel=1e-12)
        assert shapley[("firing_rate",)] == pytest.approx(math.log(1 / 20), rel=1e-12)

    def test_shapley_for_a_sum_sums_to_the_total(self, tmp_path):
        (tmp_path / "dettmers-variant@1.0.0.toml").write_text(DETTMERS_VARIANT)
        a = load("dettmers-2015@1.1.0")
        b = load("dettmers-variant", dirs=(*brain_dirs(), tmp_path))
        d = diff(a, b)
        assert d.how == SHAPLEY
        parts = {c.name: c.contribution for c in d.changes}
        assert set(parts) == {"granule_cells", "purkinje_cells", "firing_rate"}
        assert sum(parts.values()) == pytest.approx(d.log_ratio, abs=1e-12)
        # The firing rate multiplies every term: its effect is exactly ln(1/200) in any coalition.
        assert parts["firing_rate"] == pytest.approx(math.log(1 / 200), rel=1e-12)
        # Purkinje cells dominate the sum: cutting them to 30.5% explains almost all of the cell-count change.
        assert parts["purkinje_cells"] == pytest.approx(math.log(0.305), rel=2e-3)
        assert abs(parts["granule_cells"]) < 1e-3

    def test_an_optional_term_added_is_one_player(self, write_set):
        """The synaptic method's firing-decision term: neurons and FLOP per decision appear together."""
        extra = (
            '\n[parameters.neurons]\nvalue = "1e11 neuron"\nsource = "merkle1989"\nwhere = "x"\nnote = "y"\n'
            '\n[parameters.flop_per_firing_decision]\nvalue = "1e5 FLOP/neuron"\nsource = "merkle1989"\n'
            'where = "x"\nnote = "y"\n'
        )
        a = load(write_set())
        b = load(write_set(VALID_SET.replace('"10 Hz"', '"5 Hz"') + extra, name="b.toml"))
        d = diff(a, b)
        assert d.how == f"{SHAPLEY} (parameters only one set has form one player, shared equally)"
        parts = {c.name: c.contribution for c in d.changes}
        assert sum(parts.values()) == pytest.approx(d.log_ratio, abs=1e-12)  # 1e16 -> 5e15 + 5e16
        assert d.flops_b == pytest.approx(5.5e16)
        assert parts["neurons"] == parts["flop_per_firing_decision"]
        assert {c.name: c.fields for c in d.changes}["neurons"] == ("presence",)
        assert "neurons: absent -> 1e11 neuron  [presence]" in str(d)

    def test_different_methods_show_the_formulas_side_by_side(self):
        d = diff("kurzweil-1999@1.1.0", "moravec-1998@1.0.0")
        assert d.how == DIFFERENT_METHODS and d.changes == ()
        text = str(d)
        assert "different methods (synaptic vs functional_scaling): no attribution; the formulas:" in text
        assert "kurzweil-1999@1.1.0  F = S*c_syn*f" in text
        assert "moravec-1998@1.0.0   F = a*(D*c*k*r/I_0)**b" in text


class TestWaterfall:
    def test_steps_end_at_the_second_estimate(self):
        d = diff("kurzweil-1999@1.1.0", "merkle-1989@1.1.0")
        ax = waterfall(d).axes[0]
        labels = [t.get_text() for t in ax.get_xticklabels()]
        assert labels == ["kurzweil-1999@1.1.0", "synapses", "firing_rate", "merkle-1989@1.1.0"]
        bars = ax.patches
        tops = [bar.get_y() + bar.get_height() for bar in bars]
        assert tops[0] == pytest.approx(math.log10(2e16))
        assert tops[-1] == pytest.approx(16.0)
        assert bars[2].get_y() + bars[2].get_height() == pytest.approx(16.0)  # the last step lands on F_b
        assert "attribution: exact log-decomposition" in ax.get_title()
