"""Point estimates of the shipped sets against their publications, and overrides."""

from __future__ import annotations

import pytest

import brainflops as bf
from brainflops.errors import AssumptionError, UnitMismatchError
from brainflops.units import FLOP_PER_SECOND


class TestPublishedFigures:
    def test_dettmers_2015(self):
        """Dettmers, T. (2015). The Brain vs Deep Learning Part I: Computational Complexity — Or Why the
        Singularity Is Nowhere Near. Blog post, 27 July 2015: "1.075×10^21 FLOPS for the brain"."""
        e = bf.estimate("dettmers-2015")
        assert e.value.units == FLOP_PER_SECOND
        assert e.flops == pytest.approx(1.075e21, rel=1e-12)
        assert bf.format_flops(e.flops) == "1.075e21 FLOP/s"

    def test_dettmers_2015_contributions(self):
        """Same post: the Purkinje dendritic convolution dominates (1.0e21), granule cells add 9e16; the rest
        is the reconciliation term this set makes explicit."""
        c = bf.estimate("dettmers-2015").contributions
        assert c["purkinje"].magnitude == pytest.approx(1.0e21, rel=1e-12)
        assert c["granule"].magnitude == pytest.approx(9e16, rel=1e-12)
        assert c["reconciliation"].magnitude == pytest.approx(1.075e21 - 1.00009e21, rel=1e-9)
        assert sum(q.magnitude for q in c.values()) == pytest.approx(1.075e21, rel=1e-12)

    def test_reconciliation_factor_is_published_over_reconstructed(self):
        """The factor is not the post's: it is 1.075e21 / (Purkinje + granule terms), computed here anew."""
        s = bf.load("dettmers-2015@1.1.0")
        p = {k: v.value.magnitude for k, v in s.parameters.items()}
        per_pass = p["time_steps"] * p["flop_per_multiply_add"] * p["firing_rate"]
        reconstructed = per_pass * (
            p["granule_cells"] * p["granule_inputs"] * p["granule_filter"]
            + p["purkinje_cells"] * p["purkinje_inputs"] * p["purkinje_filter"]
        )
        assert p["reconciliation_factor"] == pytest.approx(1.075e21 / reconstructed, rel=1e-15)

    def test_merkle_1989(self):
        """Merkle, R. C. (1989). Energy Limits to the Computational Power of the Human Brain. Foresight Update 6:
        "roughly 10**15 synapses operating at about 10 impulses/second ... roughly 10**16 synapse operations"."""
        assert bf.estimate("merkle-1989").flops == pytest.approx(1e16, rel=1e-12)

    def test_kurzweil_1999(self):
        """Kurzweil, R. (1999). The Age of Spiritual Machines: 100 trillion connections at 200 calculations per
        second, 2e16 calculations per second."""
        assert bf.estimate("kurzweil-1999").flops == pytest.approx(2e16, rel=1e-12)


class TestOverrides:
    def test_firing_rate_scales_dettmers_linearly(self):
        e = bf.estimate("dettmers-2015", overrides={"firing_rate": "1 Hz"})
        assert e.flops == pytest.approx(1.075e21 / 200, rel=1e-12)
        assert e.overrides["firing_rate"].magnitude == 1

    def test_low_firing_rate_gives_the_800x_factor_critics_cite(self):
        """Cannell, reddit r/MachineLearning, 27 July 2015: ~0.25 Hz average, an 800x factor below 200 Hz."""
        base = bf.estimate("dettmers-2015").flops
        low = bf.estimate("dettmers-2015", overrides={"firing_rate": "0.25 Hz"}).flops
        assert base / low == pytest.approx(800)

    def test_units_are_converted(self):
        a = bf.estimate("merkle-1989", overrides={"firing_rate": "0.01 kHz"})
        assert a.flops == pytest.approx(1e16)
        q = bf.estimate("merkle-1989", overrides={"synapses": bf.ureg.Quantity(2e15, "synapse")})
        assert q.flops == pytest.approx(2e16)

    def test_unknown_parameter(self):
        with pytest.raises(AssumptionError) as info:
            bf.estimate("dettmers-2015@1.1.0", overrides={"firing_rat": "1 Hz"})
        assert str(info.value).startswith(
            "dettmers-2015@1.1.0: parameter 'firing_rat': no such parameter to override (did you mean 'firing_rate'?)"
        )

    def test_wrong_dimension(self):
        with pytest.raises(UnitMismatchError) as info:
            bf.estimate("dettmers-2015@1.1.0", overrides={"firing_rate": "200 neuron"})
        assert str(info.value) == (
            "override of dettmers-2015@1.1.0: parameter 'firing_rate': expected a value with dimension "
            "1 / [time] (like 'Hz'), found '200 neuron' with dimension [neuron]"
        )

    def test_estimate_carries_identity_and_formula(self):
        e = bf.estimate("merkle-1989")
        s = bf.load("merkle-1989")
        assert (e.set_id, e.version, e.hash) == (s.id, s.version, s.hash)
        assert e.text == "S*c_syn*f"
        assert "c_{\\mathrm{syn}}" in e.latex
        frame = e.to_frame()
        assert list(frame["term"]) == ["synaptic_events"]
        assert frame["share"].sum() == pytest.approx(1.0)
        assert "1e16 FLOP/s" in e._repr_html_()
