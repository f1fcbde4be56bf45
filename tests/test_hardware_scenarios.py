"""Trend scenarios: the shipped files load, are cited and hashed; bad files fail with the field named."""

from __future__ import annotations

import math
import tomllib

import numpy as np
import pytest

from brainflops.errors import AssumptionError
from brainflops.hardware import scenarios
from tests.conftest import REPO

TRENDS = REPO / "assumptions" / "trends"

FIXED = """\
schema_version = 1
id = "test-fixed"
version = "1.0.0"
date = 2015-07-27
title = "A fixed scenario"
changelog = ["1.0.0: first"]

[sources.dettmers2015]
citation = "Dettmers, T. (2015). The Brain vs Deep Learning Part I. Blog post."

[projection]
kind = "fixed"
base_value = "0.58 PFLOP/s"
base_year = 2015
doubling_time = "18 month"
source = "dettmers2015"
where = "Part IV"
note = "test"
"""

FIT = """\
schema_version = 1
id = "test-fit"
version = "1.0.0"
date = 2025-11-17
title = "A fitted scenario"
changelog = ["1.0.0: first"]

[sources.top500]
citation = "Strohmaier, E. et al. (2025). TOP500 lists."

[projection]
kind = "fit"
series = "top500-rank1"
start = {start}
end = {end}
source = "top500"
where = "top500.csv"
note = "test"
"""


def top_level(text: str, line: str) -> str:
    """Add a top-level key (before the first table)."""
    return text.replace("\n[sources", f"\n{line}\n\n[sources", 1)


def write(tmp_path, text, name="test@1.0.0.toml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


class TestShipped:
    REQUIRED = frozenset(
        {
            "dettmers-2015-moore",
            "dettmers-2015-60-year-growth",
            "dettmers-2015-lower",
            "top500-rank1-1993-2008",
            "top500-rank1-2013-latest",
            "top500-rank1-piecewise",
            "hpcg-rank1-2014-latest",
            "accelerator-peak-fp16",
            "gpu-per-dollar-1m",
            "gpu-per-dollar-1b",
            "ai-cluster-record-2016-latest",
            "ai-cluster-record-2019-latest",
            "ai-cluster-record-stall-2030",
            "epoch-2025-ai-supercomputers",
        }
    )

    def test_required_scenarios_ship_and_cite_a_year(self):
        assert set(scenarios.scenarios()) >= self.REQUIRED
        for ident in scenarios.scenarios():
            s = scenarios.load_scenario(ident)
            assert s.id == ident and s.version in ("1.0.0", "1.1.0")
            assert any(c.isdigit() for c in s.citation)
            assert s.spec.projection.where and s.spec.projection.note

    def test_dettmers_scenarios_start_from_hpcg_2015(self):
        """Dettmers (2015), Part IV: Tianhe-2 at 0.58e15 FLOP/s on HPCG, base year 2015."""
        for ident, doubling in [
            ("dettmers-2015-60-year-growth", 1.8),
            ("dettmers-2015-lower", 3.0),
            ("dettmers-2015-moore", 22 / 21),
        ]:
            p = scenarios.load_scenario(ident).projection()
            assert p.base_year == 2015 and 10**p.point_level == pytest.approx(0.58e15)
            assert p.doubling_time == pytest.approx(doubling, rel=1e-4)

    def test_released_scenarios_are_not_edited_in_place(self):
        released = tomllib.loads((TRENDS / "released.toml").read_text())["released"]
        shipped = {s.ref: s.hash for s in map(scenarios.load_scenario, sorted(TRENDS.glob("*@*.toml")))}
        for ref, digest in released.items():
            assert shipped.get(ref) == digest, f"{ref} changed; add a new version instead (hash {shipped.get(ref)})"
        assert not sorted(set(shipped) - set(released)), "add new scenarios to assumptions/trends/released.toml"

    def test_per_dollar_scenarios_are_refitted_at_constant_precision_in_a_new_version(self):
        """gpu-per-dollar-1m@1.0.0 mixed consumer and datacenter prices at FP32; 1.1.0 fits datacenter parts with a
        cited launch price at dense FP16 tensor (issue 12), and 1.0.0 stays loadable unchanged."""
        old, new = scenarios.load_scenario("gpu-per-dollar-1m@1.0.0"), scenarios.load_scenario("gpu-per-dollar-1m")
        assert new.version == "1.1.0"
        assert (old.spec.projection.series, old.spec.projection.precision) == ("gpu-flops-per-dollar", "fp32")
        assert (new.spec.projection.series, new.spec.projection.precision) == ("datacenter-flops-per-dollar",
                                                                               "fp16_tensor")  # fmt: skip
        names = set(new.series().names)
        assert {"H100 SXM5 80GB", "A100 SXM4 40GB", "Instinct MI300X"} <= names
        assert not names & {"GeForce RTX 4090", "GeForce RTX 2080 Ti"}  # consumer cards are left out

    def test_budget_scales_the_per_dollar_fit(self):
        small = scenarios.load_scenario("gpu-per-dollar-1m").projection(100)
        large = scenarios.load_scenario("gpu-per-dollar-1b").projection(100)
        assert large.record.y[-1] / small.record.y[-1] == pytest.approx(1e3)
        assert large.point_level - small.point_level == pytest.approx(3.0)
        assert small.unit == "FLOP/s"


class TestAnchors:
    """A projection starts from the last observed record value at its date (issue 12), or from the line."""

    @pytest.mark.parametrize(
        ("ident", "value", "month"),
        [
            ("hpcg-rank1-2014-latest", 17.41e15, "2025-11"),  # El Capitan, hpcg.csv
            ("top500-rank1-2013-latest", 1.809e18, "2025-11"),  # El Capitan, top500.csv
            ("top500-rank1-1993-2008", 1.809e18, "2025-11"),  # an old window grows from today's record
            ("ai-cluster-record-2019-latest", 500_000 * 6.67e14, "2025-10"),  # Project Rainier, ai_clusters.csv
        ],
    )
    def test_a_record_anchored_projection_equals_the_last_record_at_its_date(self, ident, value, month):
        p = scenarios.load_scenario(ident).projection(500)
        year, m = (int(x) for x in month.split("-"))
        date = year + (m - 1) / 12 + 15 / 365  # mid-month
        assert p.anchor == "record" and p.base_year == pytest.approx(date, abs=0.01)
        assert 10 ** p.log10_at(p.base_year, central=True)[0] == pytest.approx(value, rel=1e-9)
        assert np.allclose(p.log10_at(p.base_year)[:, 0], np.log10(value))  # every draw starts there
        assert "anchored on the record" in p.anchor_text

    def test_the_line_anchor_stays_available_and_says_so(self):
        """HPCG #1 has stood at 1.6-1.74e16 since 2020; its fitted line at the last list is about twice that."""
        s = scenarios.load_scenario("hpcg-rank1-2014-latest")
        record, line = s.projection(500), s.projection(500, anchor="line")
        assert line.anchor == "line" and line.anchor_text == "anchored on the fitted line"
        ratio = 10 ** (line.log10_at(record.base_year, central=True)[0] - record.point_level)
        assert 1.8 < ratio < 2.6
        assert record.point_slope == line.point_slope  # same fitted rate
        with pytest.raises(AssumptionError, match="unknown anchor 'middle'"):
            s.projection(10, anchor="middle")


class TestLoading:
    def test_units_are_converted_and_hash_ignores_spelling(self, tmp_path):
        a = scenarios.load_scenario(write(tmp_path, FIXED, "a.toml"))
        b = scenarios.load_scenario(write(tmp_path, FIXED.replace('"0.58 PFLOP/s"', '"5.8e14 FLOP/s"'), "b.toml"))
        assert a.hash == b.hash
        assert a.projection().doubling_time == pytest.approx(1.5)

    def test_unknown_field(self, tmp_path):
        path = write(tmp_path, FIXED.replace("base_year = 2015", "base_yaer = 2015"))
        with pytest.raises(
            AssumptionError, match=r"unknown field 'projection\.base_yaer' \(did you mean 'base_year'\?\)"
        ):
            scenarios.load_scenario(path)

    def test_wrong_unit(self, tmp_path):
        path = write(tmp_path, FIXED.replace('"18 month"', '"18 FLOP"'))
        with pytest.raises(AssumptionError, match=r"projection.doubling_time.*expected a value in year.*'18 FLOP'"):
            scenarios.load_scenario(path)

    def test_unknown_source_and_series(self, tmp_path):
        with pytest.raises(AssumptionError, match="cites source 'nope'"):
            scenarios.load_scenario(write(tmp_path, FIXED.replace('source = "dettmers2015"', 'source = "nope"')))
        bad = FIT.format(start=1993, end=2008).replace('"top500-rank1"', '"top5000"')
        with pytest.raises(AssumptionError, match=r"projection\.series"):
            scenarios.load_scenario(write(tmp_path, bad))

    def test_window_with_fewer_than_three_points(self, tmp_path):
        s = scenarios.load_scenario(write(tmp_path, FIT.format(start=2025, end=2025)))
        with pytest.raises(AssumptionError, match=r"test@1.0.0.toml: .*window 2025.0–2025.0 .* holds 2 point\(s\)"):
            s.projection()

    def test_cap_and_stall_make_never_explicit(self, tmp_path):
        from brainflops.forecast.parity import timeline

        capped = scenarios.load_scenario(write(tmp_path, top_level(FIXED, 'cap = "1 ZFLOP/s"'), "capped.toml"))
        result = timeline(math.log10(1.075e21), capped)  # above a 1e21 FLOP/s ceiling: never, not an exception
        assert result.never == 1.0 and math.isinf(result.median)
        assert timeline(20.0, capped).never == 0.0
        stalled = scenarios.load_scenario(write(tmp_path, top_level(FIXED, "stall_year = 2030"), "stalled.toml"))
        assert timeline(math.log10(1.075e21), stalled).never == 1.0
        with pytest.raises(AssumptionError, match=r"cap.*expected a value in FLOP/s"):
            scenarios.load_scenario(write(tmp_path, top_level(FIXED, 'cap = "1e21 W"'), "bad.toml"))

    def test_unknown_id_suggests(self):
        with pytest.raises(AssumptionError, match="did you mean 'dettmers-2015-lower'"):
            scenarios.load_scenario("dettmers-2015-lowr")


def test_scenario_files_get_the_hardened_reader(tmp_path):
    """Scenarios go through the same reader as brain sets: deep nesting and oversize files are project errors."""
    from brainflops.hardware.scenarios import MAX_FILE_BYTES, load_scenario

    nested = tmp_path / "deep@1.0.0.toml"
    nested.write_text("x = " + "[" * 5000 + "]" * 5000 + "\n")
    with pytest.raises(AssumptionError, match="nested too deeply"):
        load_scenario(nested)
    big = tmp_path / "big@1.0.0.toml"
    big.write_text("#" * (MAX_FILE_BYTES + 1))
    with pytest.raises(AssumptionError, match=f"limited to {MAX_FILE_BYTES:,} bytes"):
        load_scenario(big)
    with pytest.raises(AssumptionError, match="no scenario 'deep'"):
        load_scenario("deep")  # not shipped: ids are looked up in the scenario folders only
