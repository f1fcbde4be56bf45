"""Trend scenarios: the shipped files load, are cited and hashed; bad files fail with the field named."""

from __future__ import annotations

import math
import tomllib

import pytest

from brainflops import scenarios
from brainflops.errors import AssumptionError
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
        }
    )

    def test_required_scenarios_ship_and_cite_a_year(self):
        assert set(scenarios.scenarios()) >= self.REQUIRED
        for ident in scenarios.scenarios():
            s = scenarios.load_scenario(ident)
            assert s.ref == f"{ident}@1.0.0"
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
        shipped = {s.ref: s.hash for s in map(scenarios.load_scenario, scenarios.scenarios())}
        for ref, digest in released.items():
            assert shipped.get(ref) == digest, f"{ref} changed; add a new version instead (hash {shipped.get(ref)})"
        assert not sorted(set(shipped) - set(released)), "add new scenarios to assumptions/trends/released.toml"

    def test_budget_scales_the_per_dollar_fit(self):
        small = scenarios.load_scenario("gpu-per-dollar-1m").projection(100)
        large = scenarios.load_scenario("gpu-per-dollar-1b").projection(100)
        assert large.point_level - small.point_level == pytest.approx(3.0)
        assert small.unit == "FLOP/s"


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
        from brainflops.timeline import timeline

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
    from brainflops.scenarios import MAX_FILE_BYTES, load_scenario

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
