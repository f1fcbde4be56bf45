"""Saving changed assumptions as a new version."""

from __future__ import annotations

import datetime as dt

import pytest

import brainflops as bf
from brainflops.assumptions import parse_set
from brainflops.export import USER_SOURCE, bump_version, to_toml


@pytest.mark.parametrize(("part", "new"), [("major", "2.0.0"), ("minor", "1.2.0"), ("patch", "1.1.1")])
def test_bump_version(part, new):
    assert bump_version("1.1.0", part) == new


def test_changed_value_round_trips_as_a_new_version_with_a_user_source():
    text = to_toml("dettmers-2015@1.1.0", {"firing_rate": "0.25 Hz"}, date=dt.date(2026, 1, 2))
    s = parse_set(text, "saved.toml")
    assert (s.id, s.version, s.date) == ("dettmers-2015", "1.2.0", "2026-01-02")
    assert s.changelog[0] == "1.2.0: changed firing_rate = 0.25 Hz"
    rate = s.parameters["firing_rate"]
    assert rate.source.key == USER_SOURCE and "(2026)" in rate.source.citation
    assert "Changed from 200.0 Hz" in rate.note
    # the spread is kept: 50–1000 Hz around 200 becomes 0.0625–1.25 Hz around 0.25
    assert [b.magnitude for b in rate.uncertainty.bounds] == pytest.approx([0.0625, 1.25])
    assert bf.estimate(s).flops == pytest.approx(1.075e21 / 800)
    # untouched parameters keep their publication
    assert s.parameters["purkinje_cells"].source.key == "dettmers2015"


def test_unchanged_save_keeps_every_value_and_hash_of_parameters():
    original = bf.load("merkle-1989")
    saved = parse_set(to_toml(original, version="9.0.0"))
    assert saved.version == "9.0.0"
    for name, p in original.parameters.items():
        assert saved.parameters[name].value.magnitude == p.value.magnitude
        assert saved.parameters[name].note == p.note
    assert USER_SOURCE not in saved.sources
