"""Verification markers and plausibility judgements as data, and citations that point at the page with the figure.

The markers (``verification`` per parameter, defined once in ``schema.VERIFICATION_LABELS``) and the source's own
plausibility judgement (``[plausibility]`` per set, ``schema.PLAUSIBILITY_JUDGEMENTS``) replace prose such as
"[V]" in notes (issue 17, corrections 4 and 6). ``WHERE_READ`` records, per parameter, the page we read its figure
on and a phrase of that page; the citation tests check the sets against it (correction 3).
"""

from __future__ import annotations

import math
import re

import pytest

from brainflops import schema
from brainflops.assumptions import load, parse_set, presets
from brainflops.cli import main
from brainflops.compare import compare
from brainflops.errors import AssumptionError
from tests.conftest import REPO, VALID_SET

AI_IMPACTS_FLOPS = "https://aiimpacts.org/brain-performance-in-flops/"
WBE_ROADMAP = "http://www.fhi.ox.ac.uk/reports/2008-3.pdf"
AN118 = "https://github.com/moirage/alignment-research-dataset/blob/main/data/raw/alignment_newsletter.xlsx"

#: Our notes of where each checked figure was read: (set, parameter) -> (the page holding it, a phrase it shows).
WHERE_READ = {
    ("ai-impacts-teps", "brain_teps"): (AI_IMPACTS_FLOPS, "0.18 - 6.4 * 10^14 TEPS"),
    ("ai-impacts-teps", "teps_per_flops"): (AI_IMPACTS_FLOPS, "1.7 GTEPS/TFLOP"),
    ("ai-impacts-teps", "reconciliation_factor"): (AI_IMPACTS_FLOPS, "0.9 - 33.7 * 10^16 FLOPS"),
    ("moravec-1998", "flops_at_one_mips"): (AI_IMPACTS_FLOPS, "according to Sandberg and Bostrom"),
    ("moravec-1998", "conversion_exponent"): (WBE_ROADMAP, "FLOPS scales as MIPS to the power of 0.89"),
    ("moravec-1998", "brain_to_region"): (
        "http://www.frc.ri.cmu.edu/~hpm/book97/ch3/retina.comment.html",
        "about 100,000 times as large as the retina",
    ),
    ("kurzweil-1999", "synapses"): (WBE_ROADMAP, "100 billion neurons with 1,000 connections"),
    ("kurzweil-1999", "firing_rate"): (WBE_ROADMAP, "200 calculations per second"),
    ("kurzweil-2005", "published_flops"): (AI_IMPACTS_FLOPS, "10^16 calculations per second"),
    ("merkle-1989", "synapses"): ("https://ralphmerkle.com/brainLimits.html", "roughly 10**15 synapses"),
    ("dettmers-2015-low-rate", "firing_rate"): (
        "https://www.reddit.com/r/MachineLearning/comments/3eriyg/the_brain_vs_deep_learning_part_i_computational/cti3m7t/",
        "as low as 0.25 hz",
    ),
    ("carlsmith-2020", "published_flops"): (AN118, "1e15 FLOP/s is enough"),
    ("carlsmith-2020-limit", "flop_per_bit_erasure"): (AN118, "very likely to be > 1"),
    ("carlsmith-2020-limit", "brain_power"): ("https://doi.org/10.1073/pnas.2107022118", "energy budget of 20 W"),
    ("carlsmith-2020-communication", "published_flops"): (AN118, "1e16 - 3e17 FLOP/s"),
    ("carlsmith-2020-communication-v100", "published_flops"): (AN118, "1e14 FLOP/s based on comparing"),
    ("drexler-2019", "published_flops"): (AI_IMPACTS_FLOPS, "less than one petaFLOPS"),
    ("ai-impacts-2015-compilation", "published_flops"): (AI_IMPACTS_FLOPS, "median estimate is 10^18"),
    ("thagard-2002", "published_flops"): (WBE_ROADMAP, "10^17 individual protein molecules"),
    ("tuszynski-2006", "published_flops"): (WBE_ROADMAP, "microtubuli dimer states as bits"),
    ("bostrom-1998", "published_flops"): (WBE_ROADMAP, "each signal worth 5 bits"),
    ("merkle-1989-energy", "published_flops"): (WBE_ROADMAP, "Energy constraints on Ranvier nodes"),
    ("malickas-1996", "published_flops"): (WBE_ROADMAP, "100-1,000 Hz activity"),
    ("dix-2005", "synapses"): (WBE_ROADMAP, "10,000 synaptic operations per cycle"),
    **{
        (f"sandberg-bostrom-2008-{level}", "flops_required"): (WBE_ROADMAP, "Table 9")
        for level in (
            "analog-network", "spiking-network", "electrophysiology", "metabolome", "proteome",
            "protein-complex-states", "complex-distribution", "single-molecules",
        )
    },
}  # fmt: skip


def page_read(p) -> str | None:
    """The address of the page the parameter's figure was read on: the secondary source's, else the cited one's."""
    return (p.via or p.source).url


class TestCitations:
    @pytest.mark.parametrize(("set_id", "parameter"), sorted(WHERE_READ))
    def test_the_figure_is_cited_to_the_page_that_holds_it(self, set_id, parameter):
        page, phrase = WHERE_READ[(set_id, parameter)]
        p = load(set_id).parameters[parameter]
        assert page_read(p) == page
        assert phrase.lower() in (p.where + " " + p.note).lower(), "the note quotes what the page shows"

    def test_the_mips_to_flops_fit_is_credited_to_sandberg_and_bostrom(self):
        """AI Impacts: 'MFLOPS = 2.3 x MIPS^0.89, according to Sandberg and Bostrom' (1.0.0 credited AI Impacts)."""
        s = load("moravec-1998")
        for name in ("flops_at_one_mips", "conversion_exponent"):
            assert s.parameters[name].source.citation.startswith("Sandberg, A. & Bostrom, N. (2008)")
        assert load("moravec-1998@1.0.0").parameters["flops_at_one_mips"].source.key == "aiimpacts_flops"

    def test_ai_impacts_teps_figures_are_on_the_flops_page_and_the_interval_is_ours(self):
        s = load("ai-impacts-teps")
        assert {p.source.url for p in s.parameters.values()} == {AI_IMPACTS_FLOPS}
        assert "ours" in s.parameters["brain_teps"].note
        assert load("ai-impacts-teps@1.0.0").parameters["brain_teps"].source.url.endswith("brain_performance_in_teps")

    def test_kurzweil_1999_no_longer_points_at_a_page_about_2005(self):
        s = load("kurzweil-1999")
        assert s.sources["kurzweil1999"].url is None  # the book; the figure was read in Sandberg & Bostrom
        assert "Carlsmith" not in s.parameters["firing_rate"].note  # 1.1.0 stated '0.1-1 Hz (Carlsmith 2020)' unmarked
        assert load("kurzweil-1999@1.1.0").sources["kurzweil1999"].url == AI_IMPACTS_FLOPS


class TestVerificationMarkers:
    @pytest.mark.parametrize("set_id", presets())
    def test_every_shipped_parameter_says_how_it_was_checked(self, set_id):
        for p in load(set_id).parameters.values():
            assert p.verification in schema.VERIFICATION_LABELS, (set_id, p.name)
            assert (p.via is not None) == (p.verification == "2nd"), (set_id, p.name)

    @pytest.mark.parametrize("set_id", presets())
    def test_markers_are_fields_not_prose(self, set_id):
        s = load(set_id)
        for text in [s.description, *(p.note for p in s.parameters.values())]:
            assert not re.search(r"\[(V|U|C|2nd)[\] ]", text), (set_id, text)

    def test_in_the_frame_and_in_words(self):
        s = load("moravec-1998")
        frame = s.to_frame().set_index("parameter")
        assert frame.loc["flops_at_one_mips", "verification"] == "2nd"
        assert frame.loc["flops_at_one_mips", "verified_via"].startswith("AI Impacts (2015)")
        assert frame.loc["conversion_exponent", "verified_via"] == ""
        label = s.parameters["flops_at_one_mips"].verification_label
        assert label.startswith(schema.VERIFICATION_LABELS["2nd"]) and "AI Impacts (2015)" in label
        assert load("moravec-1998@1.0.0").to_frame()["verification"].tolist() == [""] * 7  # released: not stated

    def test_brainflops_show_prints_the_markers_and_their_legend(self, capsys):
        assert main(["show", "moravec-1998"]) == 0
        out = capsys.readouterr().out
        assert "[2nd via aiimpacts_flops]" in out and "[V]" in out
        assert f"  [2nd] {schema.VERIFICATION_LABELS['2nd']}" in out
        assert "  [U] " not in out  # the legend lists only the markers the set uses


def with_parameter_fields(fields: str) -> str:
    return VALID_SET.replace('note = "roughly 1e15 synapses"', f'note = "roughly 1e15 synapses"\n{fields}')


class TestMarkerValidation:
    def test_the_fixture_the_tests_below_edit(self):
        assert with_parameter_fields("x") != VALID_SET

    def test_an_unknown_marker_is_refused_naming_the_allowed_ones(self):
        with pytest.raises(AssumptionError) as info:
            parse_set(with_parameter_fields('verification = "verified"'), "x.toml")
        message = str(info.value)
        assert "parameters.synapses.verification" in message and "'V'" in message and "'2nd'" in message

    def test_secondary_needs_the_source_it_was_read_in(self):
        with pytest.raises(AssumptionError, match="needs 'via'"):
            parse_set(with_parameter_fields('verification = "2nd"'), "x.toml")

    def test_via_must_be_a_listed_source(self):
        with pytest.raises(AssumptionError, match="read via source 'nowhere', which is not in \\[sources\\]"):
            parse_set(with_parameter_fields('verification = "2nd"\nvia = "nowhere"'), "x.toml")

    def test_via_goes_with_secondary_only(self):
        with pytest.raises(AssumptionError, match="goes with verification = '2nd'"):
            parse_set(with_parameter_fields('verification = "V"\nvia = "merkle1989"'), "x.toml")

    def test_a_marker_changes_the_hash_and_no_marker_keeps_it(self):
        plain = parse_set(VALID_SET)
        marked = parse_set(with_parameter_fields('verification = "V"'))
        assert marked.hash != plain.hash
        assert marked.parameters["synapses"].verification == "V"
        assert plain.parameters["synapses"].verification is None


PLAUSIBILITY = """
[plausibility]
judgement = "{judgement}"
source = "{source}"
where = "p. 14"
note = "The consensus appeared to be level 4-6."
"""


class TestPlausibility:
    def test_sandberg_bostrom_levels_carry_their_workshops_judgement(self):
        """Sandberg & Bostrom (2008), p. 14: 'The consensus appeared to be level 4-6'."""
        judged = {level: load(f"sandberg-bostrom-2008-{level}").plausibility for level in (
            "analog-network", "spiking-network", "electrophysiology", "metabolome", "proteome",
            "protein-complex-states", "complex-distribution", "single-molecules",
        )}  # fmt: skip
        assert {k for k, v in judged.items() if v == "most plausible"} == {
            "spiking-network",
            "electrophysiology",
            "metabolome",
        }
        assert set(judged.values()) == {"most plausible", "less plausible"}

    def test_a_set_whose_source_gave_none_has_none(self):
        assert load("merkle-1989").plausibility is None
        assert load("merkle-1989").plausibility_basis is None

    def test_compare_has_the_column_with_none_where_not_given(self):
        frame = compare(["merkle-1989", "sandberg-bostrom-2008-single-molecules"], n=1000)
        judged = dict(zip(frame["set"], frame["plausibility"], strict=True))
        assert judged == {"merkle-1989": None, "sandberg-bostrom-2008-single-molecules": "less plausible"}

    def test_the_compare_command_shows_it(self, capsys):
        assert main(["compare", "merkle-1989", "sandberg-bostrom-2008-metabolome"]) == 0
        lines = capsys.readouterr().out.splitlines()
        assert lines[0].split()[-1] == "judged"
        assert lines[2].endswith("most plausible") and lines[1].endswith("synaptic")

    def test_show_prints_the_judgement_with_its_citation(self, capsys):
        assert main(["show", "sandberg-bostrom-2008-proteome"]) == 0
        out = capsys.readouterr().out
        assert "plausibility: less plausible — [sandberg2008] p. 14" in out

    @pytest.mark.parametrize("judgement", schema.PLAUSIBILITY_JUDGEMENTS)
    def test_each_defined_judgement_loads(self, judgement):
        s = parse_set(VALID_SET + PLAUSIBILITY.format(judgement=judgement, source="merkle1989"))
        assert s.plausibility == judgement and s.plausibility_basis.source.key == "merkle1989"

    def test_an_undefined_judgement_is_refused(self):
        with pytest.raises(AssumptionError, match=r"field 'plausibility\.judgement': must be one of 'most plausible'"):
            parse_set(VALID_SET + PLAUSIBILITY.format(judgement="likely", source="merkle1989"), "x.toml")

    def test_the_judgement_cites_a_listed_source(self):
        with pytest.raises(AssumptionError, match="plausibility cites source 'roadmap', which is not in"):
            parse_set(VALID_SET + PLAUSIBILITY.format(judgement="most plausible", source="roadmap"), "x.toml")

    def test_a_typo_in_the_table_is_named(self):
        text = VALID_SET + PLAUSIBILITY.format(judgement="most plausible", source="merkle1989").replace("where", "wher")
        with pytest.raises(AssumptionError, match=r"unknown field 'plausibility\.wher' \(did you mean 'where'\?\)"):
            parse_set(text, "x.toml")


class TestReadme:
    def test_the_orders_of_magnitude_sentence_is_true_for_what_ships(self):
        """README: 'Published answers span nearly thirty orders of magnitude, from about 3e13 FLOP/s ... to 1e43'."""
        from brainflops.estimate import estimate

        values = [estimate(set_id).flops for set_id in presets()]
        low, high = min(values), max(values)
        readme = (REPO / "README.md").read_text(encoding="utf-8")
        pattern = r"span nearly (\w+) orders of magnitude, from about (\S+) FLOP/s .*? to\s+(\S+) FLOP/s"
        match = re.search(pattern, readme, flags=re.DOTALL)
        assert match, "the README states the span of the shipped estimates"
        words = {"thirty": 30}
        assert match.group(1) in words and round(math.log10(high / low)) == words[match.group(1)]
        assert float(match.group(2)) == pytest.approx(low, rel=0.05) and float(match.group(3)) == high
        assert f"ships {len(presets())} published estimates" in readme


def test_a_saved_new_version_keeps_markers_and_judgement_for_what_the_user_left_alone():
    from brainflops.export import to_toml

    unchanged = parse_set(to_toml("sandberg-bostrom-2008-metabolome", version="9.0.0"))
    assert unchanged.parameters["flops_required"].verification == "V"
    assert unchanged.plausibility == "most plausible"
    changed = parse_set(to_toml("moravec-1998", {"frame_rate": "20 Hz"}))
    assert changed.parameters["frame_rate"].verification is None  # the user's value, not the source's
    assert (changed.parameters["flops_at_one_mips"].verification, changed.parameters["flops_at_one_mips"].via.key) == (
        "2nd",
        "aiimpacts_flops",
    )
    judged_by_the_user = to_toml("sandberg-bostrom-2008-metabolome", {"flops_required": "1e24 FLOP/s"})
    assert parse_set(judged_by_the_user).plausibility is None
