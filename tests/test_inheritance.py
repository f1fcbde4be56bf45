"""Derived sets (``extends``): inheritance, overrides, hashing, and each bad input with its exact message."""

from __future__ import annotations

import pytest

from brainflops.assumptions import load, parse_set, versions
from brainflops.errors import AssumptionError
from brainflops.estimate import estimate
from tests.conftest import VALID_SET

CHILD = """\
schema_version = 1
id = "child"
version = "1.0.0"
extends = "test-set"
date = 2021-01-01
title = "A derived set"
changelog = ["1.0.0: firing rate lowered"]

[sources.other2021]
citation = "Other, A. (2021). A lower rate. Journal 1."

[parameters.firing_rate]
value = "1 Hz"
source = "other2021"
where = "p. 1"
note = "a lower rate"
"""


@pytest.fixture
def family(tmp_path, write_set):
    """A folder with the valid set as parent and a derived child; returns the folder."""
    write_set(name="test-set@1.0.0.toml")
    write_set(CHILD, name="child@1.0.0.toml")
    return tmp_path


class TestResolve:
    def test_child_inherits_method_sources_and_parameters(self, family):
        s = load("child", dirs=(family,))
        assert s.method.name == "synaptic"
        assert s.extends == "test-set@1.0.0"
        assert set(s.sources) == {"merkle1989", "other2021"}
        assert s.parameters["synapses"].source.key == "merkle1989"
        assert s.parameters["firing_rate"].source.key == "other2021"
        assert estimate(s).flops == pytest.approx(1e15)  # 1e15 synapses x 1 Hz x 1 FLOP

    def test_override_replaces_the_whole_parameter(self, family, write_set):
        parent = VALID_SET.replace(
            'value = "10 Hz"', 'value = "10 Hz"\nuncertainty = { kind = "lognormal", p5 = "3 Hz", p95 = "30 Hz" }'
        )
        write_set(parent, name="test-set@1.0.0.toml")
        s = load("child", dirs=(family,))
        assert s.parameters["firing_rate"].uncertainty is None  # not the parent's 3-30 Hz around 10 Hz

    def test_hash_is_of_the_resolved_content(self, family, write_set):
        before = load("child", dirs=(family,)).hash
        write_set(VALID_SET.replace("roughly 1e15 synapses", "about 1e15 synapses"), name="test-set@1.0.0.toml")
        assert load("child", dirs=(family,)).hash != before  # a parent's change shows in the child's hash

    def test_hash_records_the_parent(self, family, write_set):
        """A derived set differs in hash from the same content written out in full (it names its parent)."""
        child = load("child", dirs=(family,))
        assert child.hash != parse_set(VALID_SET).hash

    def test_chains_are_followed(self, family, write_set):
        grandchild = CHILD.replace('id = "child"', 'id = "grandchild"').replace(
            'extends = "test-set"', 'extends = "child@1.0.0"'
        )
        grandchild = grandchild.split("[sources.other2021]")[0]
        write_set(grandchild, name="grandchild@1.0.0.toml")
        s = load("grandchild", dirs=(family,))
        assert s.extends == "child@1.0.0"
        assert s.parameters["firing_rate"].value.magnitude == 1
        assert versions("grandchild", dirs=(family,)) == ["1.0.0"]

    def test_plain_parent_id_means_its_newest_version(self, family, write_set):
        newer = VALID_SET.replace('version = "1.0.0"', 'version = "1.1.0"').replace(
            '"1.0.0: first version"', '"1.1.0: more synapses", "1.0.0: first version"'
        )
        write_set(newer.replace('"1e15 synapse"', '"2e15 synapse"'), name="test-set@1.1.0.toml")
        s = load("child", dirs=(family,))
        assert s.extends == "test-set@1.1.0"
        assert estimate(s).flops == pytest.approx(2e15)


class TestBadInput:
    def test_cycle_names_the_chain(self, tmp_path, write_set):
        a = CHILD.replace('id = "child"', 'id = "a"').replace('extends = "test-set"', 'extends = "b"')
        b = CHILD.replace('id = "child"', 'id = "b"').replace('extends = "test-set"', 'extends = "a@1.0.0"')
        write_set(a, name="a@1.0.0.toml")
        write_set(b, name="b@1.0.0.toml")
        with pytest.raises(AssumptionError) as info:
            load("a", dirs=(tmp_path,))
        assert str(info.value) == "a@1.0.0.toml: extends cycle: a@1.0.0 -> b@1.0.0 -> a@1.0.0"

    def test_a_set_extending_itself(self, tmp_path, write_set):
        write_set(CHILD.replace('extends = "test-set"', 'extends = "child"'), name="child@1.0.0.toml")
        with pytest.raises(AssumptionError) as info:
            load("child", dirs=(tmp_path,))
        assert str(info.value) == "child@1.0.0.toml: extends cycle: child@1.0.0 -> child@1.0.0"

    def test_missing_parent(self, tmp_path, write_set):
        write_set(VALID_SET, name="test-set@1.0.0.toml")
        write_set(CHILD.replace('extends = "test-set"', 'extends = "test-sett"'), name="child@1.0.0.toml")
        with pytest.raises(AssumptionError) as info:
            load("child", dirs=(tmp_path,))
        assert str(info.value) == (
            "child@1.0.0.toml: extends 'test-sett', which cannot be loaded: "
            "no assumption set 'test-sett' (did you mean 'test-set'?)"
        )

    def test_missing_parent_version(self, family, write_set):
        write_set(CHILD.replace('extends = "test-set"', 'extends = "test-set@2.0.0"'), name="child@1.0.0.toml")
        with pytest.raises(AssumptionError) as info:
            load("child", dirs=(family,))
        assert str(info.value) == (
            "child@1.0.0.toml: extends 'test-set@2.0.0', which cannot be loaded: "
            "set 'test-set' has no version 2.0.0 (versions: 1.0.0)"
        )

    def test_override_of_a_parameter_the_parent_lacks(self, family, write_set):
        write_set(CHILD.replace("[parameters.firing_rate]", "[parameters.firing_rat]"), name="child@1.0.0.toml")
        with pytest.raises(AssumptionError) as info:
            load("child", dirs=(family,))
        assert str(info.value) == (
            "child@1.0.0.toml: parameter 'firing_rat': overrides a parameter that parent test-set@1.0.0 does not "
            "have (did you mean 'firing_rate'?); its parameters are synapses, firing_rate, flop_per_synaptic_event"
        )

    def test_a_derived_set_cannot_change_the_method(self, family, write_set):
        write_set(CHILD.replace("date = 2021", 'method = "dettmers_convolution"\ndate = 2021'), name="child@1.0.0.toml")
        with pytest.raises(AssumptionError) as info:
            load("child", dirs=(family,))
        assert str(info.value) == (
            "child@1.0.0.toml: field 'method': a derived set uses its parent's method 'synaptic' "
            "(found 'dettmers_convolution'); write a new set to change the method"
        )

    def test_identity_fields_are_not_inherited(self, family, write_set):
        write_set(CHILD.replace('title = "A derived set"\n', ""), name="child@1.0.0.toml")
        with pytest.raises(AssumptionError) as info:
            load("child", dirs=(family,))
        assert str(info.value) == "child@1.0.0.toml: missing required field 'title'"

    def test_two_files_claiming_the_same_id_and_version(self, family, write_set):
        write_set(CHILD, name="child-copy.toml")
        with pytest.raises(AssumptionError) as info:
            load("child", dirs=(family,))
        assert str(info.value) == (
            f"{family / 'child@1.0.0.toml'}: duplicate set child@1.0.0: also defined in {family / 'child-copy.toml'}"
        )


class TestShippedDerivedSet:
    def test_dettmers_low_rate_is_800_times_lower(self):
        """Dettmers (2015) at 0.25 Hz instead of 200 Hz: 1.075e21 / 800 = 1.34375e18 FLOP/s.

        The rate is the ~0.25 Hz average Jacob Cannell cites in the r/MachineLearning thread on the post
        (27 July 2015); the post's figure is '1.075x10^21 FLOPS for the brain'.
        """
        s = load("dettmers-2015-low-rate@1.0.0")
        assert s.extends == "dettmers-2015@1.1.0"
        assert estimate(s).flops == pytest.approx(1.075e21 / 800, rel=1e-12)
        assert s.parameters["firing_rate"].source.key == "cannell2015"
        assert s.parameters["purkinje_cells"].source.key == "dettmers2015"
