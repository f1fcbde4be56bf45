"""Every shipped preset reproduces its published headline; the citation is in each test's docstring.

Figures are checked to the precision they were published at (``../shared/reference/published-estimates.md``).
"""

from __future__ import annotations

import pytest

from brainflops.assumptions import load, presets
from brainflops.estimate import estimate
from brainflops.uncertainty import sample


def flops(set_id: str) -> float:
    return estimate(set_id).flops


class TestMechanistic:
    def test_kurzweil_2005(self):
        """Kurzweil (2005), The Singularity Is Near: 1e16 cps for projections (via AI Impacts, 'Brain performance
        in FLOPS')."""
        assert flops("kurzweil-2005") == 1e16

    @pytest.mark.parametrize(
        ("set_id", "figure"), [("kurzweil-2005-auditory", 1e14), ("kurzweil-2005-cerebellum", 1e15)]
    )
    def test_kurzweil_2005_functional(self, set_id, figure):
        """Kurzweil (2005): functional estimates 1e14 (auditory localisation) and 1e15 (cerebellum simulation)
        cps (via AI Impacts, 'Brain performance in FLOPS')."""
        assert flops(set_id) == figure

    def test_carlsmith_2020_central_value(self):
        """Carlsmith (2020), 'How Much Computational Power Does It Take to Match the Human Brain?', Open
        Philanthropy: 'more likely than not' that 1e15 FLOP/s suffices."""
        assert flops("carlsmith-2020") == pytest.approx(1e15, rel=1e-8)

    def test_carlsmith_2020_mechanistic_range_is_the_product_of_the_component_bounds(self):
        """Carlsmith (2020), mechanistic method: 1e13-1e17 FLOP/s. The set's components multiply to exactly those
        bounds; the propagated 90% interval is narrower (independent uncertainties), which the set documents."""
        s = load("carlsmith-2020")
        low = high = 1.0
        for p in s.parameters.values():
            low *= p.uncertainty.bounds[0].magnitude
            high *= p.uncertainty.bounds[1].magnitude
        assert (low, high) == (pytest.approx(1e13), pytest.approx(1e17))
        d = sample(s)
        assert 1e13 < d.p5 < 1e14 and 1e16 < d.p95 < 1e17


class TestFunctional:
    def test_moravec_1998(self):
        """Moravec (1998), 'When will computer hardware match the human brain?', JET 1: retina 1e6 detections x
        10/s x 100 instructions = 1,000 MIPS; brain = 1e5 retinas = 1e8 MIPS; AI Impacts' conversion MFLOPS =
        2.3 x MIPS^0.89 gives about 3e13 FLOP/s."""
        s = load("moravec-1998")
        v = {n: p.value for n, p in s.parameters.items()}
        retina = v["detections"] * v["frame_rate"] * v["instructions_per_detection"]
        assert retina.to("MIPS").magnitude == pytest.approx(1000)
        assert (v["brain_to_region"] * retina).to("MIPS").magnitude == pytest.approx(1e8)
        assert flops("moravec-1998") == pytest.approx(2.3e6 * 1e8**0.89, rel=1e-12)
        assert round(flops("moravec-1998"), -13) == 3e13

    @pytest.mark.parametrize(
        ("set_id", "low", "high"),
        [
            ("carlsmith-2020-retina-moravec", 1e12, 1e15),
            ("carlsmith-2020-retina-deep-nets", 1e16, 1e20),
            ("carlsmith-2020-visual-cortex", 1e13, 3e17),
        ],
    )
    def test_carlsmith_2020_functional_ranges(self, set_id, low, high):
        """Carlsmith (2020), functional method: retina via Moravec 1e12-1e15, retina via deep nets 1e16-1e20, visual
        cortex via ImageNet 1e13-3e17 FLOP/s. The range is the 90% interval, its geometric middle the point."""
        d = sample(set_id)
        assert d.how == "exact"
        assert (d.p5, d.p95) == (pytest.approx(low, rel=1e-9), pytest.approx(high, rel=1e-9))
        assert flops(set_id) == pytest.approx((low * high) ** 0.5, rel=1e-8)


class TestEmulation:
    @pytest.mark.parametrize(
        ("level", "figure"),
        [
            ("spiking-network", 1e18),
            ("electrophysiology", 1e22),
            ("metabolome", 1e25),
            ("proteome", 1e26),
            ("protein-complex-states", 1e27),
            ("complex-distribution", 1e30),
            ("single-molecules", 1e43),
        ],
    )
    def test_sandberg_bostrom_2008_levels(self, level, figure):
        """Sandberg & Bostrom (2008), 'Whole Brain Emulation: A Roadmap', FHI Technical Report 2008-3: FLOP/s per
        emulation level (1e18 and 1e22 [V via AI Impacts]; the others [2nd], marked so in each note)."""
        s = load(f"sandberg-bostrom-2008-{level}")
        assert flops(s) == figure
        note = s.parameters["flops_required"].note
        assert ("[V]" in note) == (figure in (1e18, 1e22))
        assert ("[2nd]" in note) == (figure not in (1e18, 1e22))


class TestCommunication:
    def test_ai_impacts_teps(self):
        """AI Impacts, 'Brain performance in TEPS': brain 0.18-6.4e14 TEPS, 1.7 GTEPS per TFLOP/s, so 0.9-33.7e16
        FLOP/s. Point: the geometric middle of the published range; 90% interval within 3% of its bounds."""
        s = load("ai-impacts-teps")
        assert s.parameters["teps_per_flops"].value.to("GTEPS/(TFLOP/s)").magnitude == pytest.approx(1.7)
        assert flops(s) == pytest.approx((0.9e16 * 33.7e16) ** 0.5, rel=1e-8)
        d = sample(s)
        assert d.p5 == pytest.approx(0.9e16, rel=0.03)
        assert d.p95 == pytest.approx(33.7e16, rel=0.03)


def test_every_preset_has_a_headline_test():
    """A preset added without a test here (or in test_cli/test_inheritance for the first ones) fails this."""
    tested = {
        "ai-impacts-teps", "carlsmith-2020", "carlsmith-2020-retina-deep-nets", "carlsmith-2020-retina-moravec",
        "carlsmith-2020-visual-cortex", "dettmers-2015", "dettmers-2015-low-rate", "kurzweil-1999", "kurzweil-2005",
        "kurzweil-2005-auditory", "kurzweil-2005-cerebellum", "merkle-1989", "moravec-1998",
        *(f"sandberg-bostrom-2008-{lv}" for lv in (
            "spiking-network", "electrophysiology", "metabolome", "proteome", "protein-complex-states",
            "complex-distribution", "single-molecules",
        )),
    }  # fmt: skip
    assert set(presets()) == tested


@pytest.mark.parametrize("set_id", presets())
def test_uncertain_parameters_say_where_their_interval_comes_from(set_id):
    """An interval is the source's own, or ours with the reasoning: every uncertain parameter's note says which."""
    for p in load(set_id).parameters.values():
        if p.uncertainty is not None and p.uncertainty.bounds:
            assert any(w in p.note.lower() for w in ("interval", "range")), (set_id, p.name)
