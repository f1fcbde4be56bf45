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
        """Carlsmith (2020), mechanistic method: 1e13-1e17 FLOP/s. Release 1.0.0's components multiply to exactly those
        bounds; its propagated 90% interval is narrower (independent uncertainties), which 1.1.0 corrects."""
        s = load("carlsmith-2020@1.0.0")
        low = high = 1.0
        for p in s.parameters.values():
            low *= p.uncertainty.bounds[0].magnitude
            high *= p.uncertainty.bounds[1].magnitude
        assert (low, high) == (pytest.approx(1e13), pytest.approx(1e17))
        d = sample(s)
        assert 1e13 < d.p5 < 1e14 and 1e16 < d.p95 < 1e17

    def test_carlsmith_2020_interval_spans_his_mechanistic_range(self):
        """Carlsmith (2020): the mechanistic method gives ~1e13-1e17 FLOP/s (AN #118's summary of the report). From
        1.1.0 the propagated 90% interval is that range (1.0.0's was 6e13-1.7e16), and the note no longer calls it
        'a product of extremes'."""
        s = load("carlsmith-2020")
        assert s.version == "1.1.0"
        d = sample(s)
        assert d.how == "exact"
        assert d.p5 <= 1e13 * (1 + 1e-9) and d.p95 >= 1e17 * (1 - 1e-9)
        assert (d.p5, d.p95) == (pytest.approx(1e13, rel=1e-9), pytest.approx(1e17, rel=1e-9))
        text = " ".join([s.description, *(p.note for p in s.parameters.values())])
        assert "product of extremes" not in text.replace("\n", " ")

    def test_carlsmith_2020_limit_method_is_the_landauer_bit_rate(self):
        """Carlsmith (2020), limit method: the brain's energy budget at the Landauer limit bounds the FLOP/s to
        ~7e21 with at least one bit erased per FLOP (AN #118). 20 W at 310 K gives 6.74e21 bit erasures per second,
        the figure brainflops.forecast.energy computes."""
        from brainflops.forecast.energy import landauer_bit_rate

        s = load("carlsmith-2020-limit")
        assert flops(s) == pytest.approx(landauer_bit_rate(20.0, "310 K"), rel=1e-12)
        assert round(flops(s), -21) == 7e21
        assert s.parameters["flop_per_bit_erasure"].value.magnitude == 1
        assert "upper bound" in s.title

    def test_carlsmith_2020_communication_method(self):
        """Carlsmith (2020), communication method: 1e16-3e17 FLOP/s via TEPS and 1e14 via a V100 GPU (AN #118). The
        TEPS range is the 90% interval, its geometric middle the point."""
        d = sample("carlsmith-2020-communication")
        assert (d.p5, d.p95) == (pytest.approx(1e16, rel=1e-9), pytest.approx(3e17, rel=1e-9))
        assert flops("carlsmith-2020-communication") == pytest.approx((1e16 * 3e17) ** 0.5, rel=1e-8)
        assert flops("carlsmith-2020-communication-v100") == 1e14

    @pytest.mark.parametrize(
        ("set_id", "low", "high"),
        [
            ("carlsmith-2020", 1e13, 1e17),
            ("carlsmith-2020-retina-moravec", 1e12, 1e15),
            ("carlsmith-2020-retina-deep-nets", 1e16, 1e20),
            ("carlsmith-2020-visual-cortex", 1e13, 3e17),
            ("carlsmith-2020-communication", 1e16, 3e17),
        ],
    )
    def test_every_carlsmith_range_is_read_the_same_way(self, set_id, low, high):
        """Carlsmith's published ranges are all treated alike: the 90% interval, with the notes saying it is ours."""
        d = sample(set_id)
        assert (d.p5, d.p95) == (pytest.approx(low, rel=1e-9), pytest.approx(high, rel=1e-9))
        s = load(set_id)
        uncertain = [p for p in s.parameters.values() if p.uncertainty is not None]
        assert all("ours" in p.note for p in uncertain)

    def test_dix_2005(self):
        """Dix (2005), 'The brain and the web', Interfaces 65: 10 billion neurons x 10,000 synaptic operations per
        cycle x 100 Hz = 1e16 synaptic operations per second (Sandberg & Bostrom 2008, Table 10)."""
        assert flops("dix-2005") == pytest.approx(1e16, rel=1e-12)

    @pytest.mark.parametrize(
        ("set_id", "figure"),
        [("bostrom-1998", 1e17), ("merkle-1989-energy", 2e15), ("thagard-2002", 1e23), ("tuszynski-2006", 1e28)],
    )
    def test_sandberg_bostrom_table_10_estimates(self, set_id, figure):
        """Sandberg & Bostrom (2008), Table 10 (pp. 84-85): Bostrom (1998) 1e17 operations/s; Merkle (1989a) energy
        constraints on Ranvier nodes 2e15 operations/s; Thagard (2002) 1e23 FLOPS; Tuszynski (2006) 1e28 FLOPS."""
        assert flops(set_id) == figure

    def test_malickas_1996(self):
        """Malickas (1996), via Sandberg & Bostrom's Table 10: 1e15-1e18 synaptic operations per second, as the 90%
        interval."""
        d = sample("malickas-1996")
        assert (d.p5, d.p95) == (pytest.approx(1e15, rel=1e-9), pytest.approx(1e18, rel=1e-9))


class TestCompilations:
    def test_drexler_2019(self):
        """Drexler, as AI Impacts report him ('Brain performance in FLOPS', 'Drexler 2018'): the brain's basic
        functional capacity is less than one petaFLOPS (1e15). An upper bound, said so in the title."""
        s = load("drexler-2019")
        assert flops(s) == 1e15
        assert "upper bound" in s.title

    def test_ai_impacts_2015_compilation(self):
        """AI Impacts, 'Brain performance in FLOPS' (2015 version): five credible estimates spread across 3e13-1e25
        FLOPS, median 1e18."""
        s = load("ai-impacts-2015-compilation")
        assert flops(s) == 1e18
        assert "3e13-1e25" in s.title and "median 1e18" in s.title


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
        emulation level. Release 1.0.0 marks 1e18 and 1e22 [V via AI Impacts] and the others [2nd] in each note."""
        s = load(f"sandberg-bostrom-2008-{level}@1.0.0")
        assert flops(s) == figure
        note = s.parameters["flops_required"].note
        assert ("[V]" in note) == (figure in (1e18, 1e22))
        assert ("[2nd]" in note) == (figure not in (1e18, 1e22))

    @pytest.mark.parametrize(
        ("level", "number", "figure", "years"),
        [
            ("analog-network", 3, 1e15, ("2023", "2008")),
            ("spiking-network", 4, 1e18, ("2042", "2019")),
            ("electrophysiology", 5, 1e22, ("2068", "2033")),
            ("metabolome", 6, 1e25, ("2087", "2044")),
            ("proteome", 7, 1e26, ("2093", "2048")),
            ("protein-complex-states", 8, 1e27, ("2100", "2052")),
            ("complex-distribution", 9, 1e30, ("2119", "2063")),
            ("single-molecules", 10, 1e43, ("2201", "2111")),
        ],
    )
    def test_levels_read_in_table_9_with_the_workshops_judgement(self, level, number, figure, years):
        """Sandberg & Bostrom (2008), Table 9 'Processing demands (emulation only, human brain)', pp. 80-81: CPU demand
        and earliest years for $1 million (commodity, supercomputer) per level, read in the report. p. 14: 'The
        consensus appeared to be level 4-6', recorded as the sets' plausibility."""
        s = load(f"sandberg-bostrom-2008-{level}")
        assert flops(s) == figure
        p = s.parameters["flops_required"]
        assert p.verification == "V" and f"level {number} " in p.where and "Table 9" in p.where
        assert all(year in s.description for year in years)
        assert s.plausibility == ("most plausible" if number in (4, 5, 6) else "less plausible")
        assert s.plausibility_basis.where.startswith("p. 14") and "level 4-6" in s.plausibility_basis.note


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
        "carlsmith-2020-limit", "carlsmith-2020-communication", "carlsmith-2020-communication-v100", "dix-2005",
        "bostrom-1998", "merkle-1989-energy", "thagard-2002", "tuszynski-2006", "malickas-1996", "drexler-2019",
        "ai-impacts-2015-compilation",
        *(f"sandberg-bostrom-2008-{lv}" for lv in (
            "analog-network", "spiking-network", "electrophysiology", "metabolome", "proteome",
            "protein-complex-states", "complex-distribution", "single-molecules",
        )),
    }  # fmt: skip
    assert set(presets()) == tested


@pytest.mark.parametrize("set_id", presets())
def test_uncertain_parameters_say_where_their_interval_comes_from(set_id):
    """An interval is the source's own, or ours with the reasoning: every uncertain parameter's note says which."""
    for p in load(set_id).parameters.values():
        if p.uncertainty is not None and p.uncertainty.bounds:
            assert any(w in p.note.lower() for w in ("interval", "range")), (set_id, p.name)


class TestDettmers:
    """Dettmers (2015), 'The Brain vs Deep Learning Part I', section 'Bringing it all together': 1.075e21 FLOP/s."""

    def test_published_figure_reproduces_with_the_time_steps_counted_twice(self):
        """1.2.0 models the post's filters per time step (3 x 4 and 10 x 1000) and the time steps (5) in both the
        input matrix and the filter; the published 1.075e21 FLOP/s still reproduces exactly."""
        s = load("dettmers-2015")
        assert (s.version, s.method.name) == ("1.2.0", "dettmers_spacetime")
        v = {n: p.value.magnitude for n, p in s.parameters.items()}
        assert (v["granule_filter_per_step"], v["purkinje_filter_per_step"], v["time_steps"]) == (12, 1e4, 5)
        # The post's filters, space x time: 3 x 4 x 5 = 60 and 10 x 1000 x 5 = 5e4.
        assert v["granule_filter_per_step"] * v["time_steps"] == 60
        assert v["purkinje_filter_per_step"] * v["time_steps"] == 5e4
        assert flops(s) == pytest.approx(1.075e21, rel=1e-12)

    def test_elasticity_to_time_steps_is_two(self):
        """The filters (3 x 4 x 5, 10 x 1000 x 5) already contain the x5 time dimension, so the post's arithmetic
        scales as T^2: a 1% rise in the time steps raises the total by 2%. Releases up to 1.1.0 gave 1."""
        from brainflops.sensitivity import elasticities

        def elasticity(ref):
            frame = elasticities(ref)
            return frame.set_index("parameter").loc["time_steps", "elasticity"]

        assert elasticity("dettmers-2015") == pytest.approx(2.0, abs=1e-12)
        assert elasticity("dettmers-2015@1.1.0") == pytest.approx(1.0, abs=1e-12)
        # Directly: doubling the time steps quadruples the total.
        assert estimate("dettmers-2015", overrides={"time_steps": "10"}).flops == pytest.approx(4 * 1.075e21)

    def test_low_rate_variant_follows_the_corrected_parent(self):
        """Cannell (2015), r/MachineLearning: average firing rate 'as low as 0.25 hz', 800x below the post's 200 Hz;
        1.1.0 extends dettmers-2015@1.2.0, so its time steps also count twice."""
        s = load("dettmers-2015-low-rate")
        assert (s.version, s.extends, s.method.name) == ("1.1.0", "dettmers-2015@1.2.0", "dettmers_spacetime")
        assert flops(s) == pytest.approx(1.075e21 / 800, rel=1e-12)
        assert s.parameters["firing_rate"].verification == "V"
        assert s.parameters["firing_rate"].source.url.endswith("/cti3m7t/")
