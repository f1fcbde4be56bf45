"""Loading, validating and hashing assumption sets; each bad input with the exact message it gets."""

from __future__ import annotations

import re
import tomllib

import pytest

from brainflops.assumptions import MAX_FILE_BYTES, brain_dirs, load, parse_set, presets, versions
from brainflops.errors import AssumptionError, BrainflopsError, FormulaError, QuantityError, UnitMismatchError
from brainflops.units import ureg
from tests.conftest import REPO, VALID_SET


class TestLoad:
    def test_by_id_gives_the_newest_version(self):
        s = load("dettmers-2015")
        assert (s.id, s.version) == ("dettmers-2015", versions("dettmers-2015")[-1])

    def test_by_id_and_version(self):
        assert load("merkle-1989@1.0.0").ref == "merkle-1989@1.0.0"
        assert load("merkle-1989").version == versions("merkle-1989")[-1] == "1.2.0"

    def test_by_path(self, write_set):
        s = load(write_set())
        assert s.ref == "test-set@1.0.0"
        assert s.parameters["firing_rate"].value.magnitude == 10

    def test_a_loaded_set_passes_through(self):
        s = load("merkle-1989")
        assert load(s) is s

    def test_values_are_converted_to_the_method_unit(self, write_set):
        s = load(write_set(VALID_SET.replace('"10 Hz"', '"0.01 kHz"')))
        assert s.parameters["firing_rate"].value.magnitude == pytest.approx(10)
        assert s.parameters["firing_rate"].value.units == ureg.Unit("Hz")

    def test_unknown_id_suggests_a_close_one(self):
        with pytest.raises(AssumptionError) as info:
            load("dettmers-2016")
        assert str(info.value) == "no assumption set 'dettmers-2016' (did you mean 'dettmers-2015'?)"

    def test_unknown_version_lists_the_known_ones(self):
        with pytest.raises(AssumptionError) as info:
            load("merkle-1989@9.9.9")
        assert str(info.value) == "set 'merkle-1989' has no version 9.9.9 (versions: 1.0.0, 1.1.0, 1.2.0)"

    def test_id_with_path_tricks_is_not_a_file_lookup(self):
        with pytest.raises(AssumptionError, match="no such file"):
            load("../../no/such/set")
        with pytest.raises(AssumptionError, match="not valid TOML"):
            load("/etc/passwd")  # a path is read as data, never executed
        with pytest.raises(AssumptionError, match="is not a set id"):
            load("..")

    def test_missing_file(self, tmp_path):
        with pytest.raises(AssumptionError) as info:
            load(tmp_path / "nope.toml")
        assert str(info.value).endswith("nope.toml: no such file")

    def test_duplicate_id_and_version_is_refused(self, write_set, tmp_path):
        write_set(name="a.toml")
        write_set(name="b.toml")
        with pytest.raises(AssumptionError) as info:
            load("test-set", dirs=(tmp_path,))
        assert re.fullmatch(r".*b\.toml: duplicate set test-set@1\.0\.0: also defined in .*a\.toml", str(info.value))

    def test_versions_sorted_semantically(self, write_set, tmp_path):
        for v in ("1.10.0", "1.2.0", "1.0.0"):
            text = VALID_SET.replace('version = "1.0.0"', f'version = "{v}"').replace(
                '"1.0.0: first version"', f'"{v}: a version"'
            )
            write_set(text, name=f"test-set@{v}.toml")
        assert versions("test-set", dirs=(tmp_path,)) == ["1.0.0", "1.2.0", "1.10.0"]
        assert load("test-set", dirs=(tmp_path,)).version == "1.10.0"
        assert presets(dirs=(tmp_path,)) == ["test-set"]


class TestHash:
    def test_same_meaning_same_hash(self):
        base = parse_set(VALID_SET)
        reordered = VALID_SET.replace(
            'title = "A test set"\nmethod = "synaptic"', 'method = "synaptic"\ntitle   =   "A test set"'
        )
        respelled = VALID_SET.replace('"1e15 synapse"', '"1000000000000000 synapse"').replace('"10 Hz"', '"0.01 kHz"')
        assert parse_set(reordered).hash == base.hash
        assert parse_set(respelled).hash == base.hash
        assert parse_set(VALID_SET + "\n# a comment\n").hash == base.hash

    def test_different_meaning_different_hash(self):
        base = parse_set(VALID_SET)
        assert parse_set(VALID_SET.replace('"10 Hz"', '"11 Hz"')).hash != base.hash
        assert parse_set(VALID_SET.replace("one FLOP per", "one FLOP for each")).hash != base.hash

    def test_hash_is_sha256_hex(self):
        assert re.fullmatch(r"[0-9a-f]{64}", parse_set(VALID_SET).hash)


def _error(text: str) -> BrainflopsError:
    with pytest.raises(BrainflopsError) as info:
        parse_set(text, "bad.toml")
    return info.value


class TestBadInput:
    """Each malformed file is refused with one exact, located message and one of our error types."""

    def test_missing_required_field(self):
        e = _error(VALID_SET.replace('title = "A test set"\n', ""))
        assert type(e) is AssumptionError
        assert str(e) == "bad.toml: missing required field 'title'"

    def test_unknown_field_is_a_typo_with_a_suggestion(self):
        e = _error(VALID_SET.replace('value = "10 Hz"', 'vlaue = "10 Hz"'))
        assert str(e) == "bad.toml: unknown field 'parameters.firing_rate.vlaue' (did you mean 'value'?)"

    def test_wrong_dimension(self):
        e = _error(VALID_SET.replace('"10 Hz"', '"200 neuron"'))
        assert isinstance(e, UnitMismatchError)
        assert str(e) == (
            "bad.toml: parameter 'firing_rate': expected a value with dimension 1 / [time] (like 'Hz'), "
            "found '200 neuron' with dimension [neuron]"
        )
        assert (e.file, e.parameter, e.expected, e.found) == ("bad.toml", "firing_rate", "Hz", "200 neuron")

    def test_unparsable_quantity(self):
        e = _error(VALID_SET.replace('"10 Hz"', '"ten Hz"'))
        assert isinstance(e, QuantityError)
        assert str(e) == (
            "bad.toml: parameter 'firing_rate': expected a number followed by a unit, "
            "e.g. '8.6e10 neuron' or '200 Hz', found 'ten Hz'"
        )

    @pytest.mark.parametrize("value", ["-1e15 synapse", "0 synapse"])
    def test_negative_or_zero_count(self, value):
        e = _error(VALID_SET.replace('"1e15 synapse"', f'"{value}"'))
        assert str(e) == f"bad.toml: parameter 'synapses': must be positive, found '{value}'"

    def test_unknown_method(self):
        e = _error(VALID_SET.replace('method = "synaptic"', 'method = "telepathy"'))
        assert str(e) == (
            "bad.toml: unknown method 'telepathy' (known methods: dettmers_convolution, dettmers_spacetime, "
            "emulation_level, functional_scaling, landauer_limit, published_figure, synaptic, teps)"
        )

    def test_formula_parameter_not_supplied(self):
        e = _error(VALID_SET.split("[parameters.flop_per_synaptic_event]")[0])
        assert isinstance(e, FormulaError)
        assert str(e) == (
            "bad.toml: method 'synaptic' needs parameter 'flop_per_synaptic_event', which the set does not supply"
        )

    def test_parameter_the_method_does_not_have(self):
        extra = '\n[parameters.firing_rat]\nvalue = "1 Hz"\nsource = "merkle1989"\nwhere = "x"\nnote = "y"\n'
        e = _error(VALID_SET + extra)
        assert str(e) == (
            "bad.toml: parameter 'firing_rat': method 'synaptic' has no parameter 'firing_rat' "
            "(did you mean 'firing_rate'?); its parameters are synapses, firing_rate, "
            "flop_per_synaptic_event, neurons, flop_per_firing_decision"
        )

    def test_malformed_toml_names_line_and_column(self):
        e = _error(VALID_SET.replace('version = "1.0.0"', 'version = "1.0.0'))
        assert str(e) == "bad.toml: not valid TOML: Illegal character '\\n' (at line 3, column 17)"

    def test_citation_without_a_year(self):
        e = _error(VALID_SET.replace("(1989). ", "").replace("Update 6.", "Update."))
        assert str(e).startswith(
            "bad.toml: field 'sources.merkle1989.citation': a citation must name the year of publication"
        )

    def test_parameter_citing_an_unknown_source(self):
        e = _error(VALID_SET.replace('source = "merkle1989"\nwhere', 'source = "merkel"\nwhere', 1))
        assert str(e) == (
            "bad.toml: parameter 'synapses' cites source 'merkel', which is not in [sources] (known: merkle1989)"
        )

    def test_changelog_must_cover_the_version(self):
        e = _error(VALID_SET.replace('"1.0.0: first version"', '"0.9.0: older"'))
        assert str(e) == "bad.toml: changelog needs an entry starting with '1.0.0:' for this version"

    def test_id_with_path_separators(self):
        e = _error(VALID_SET.replace('id = "test-set"', 'id = "../etc/passwd"'))
        assert str(e) == (
            "bad.toml: field 'id': must be lowercase letters, digits and '-' (at most 64 characters, "
            "no path separators), found '../etc/passwd'"
        )

    def test_symbol_must_match_the_method(self):
        e = _error(VALID_SET.replace('value = "10 Hz"', 'value = "10 Hz"\nsymbol = "r"'))
        assert str(e) == "bad.toml: parameter 'firing_rate': symbol 'r' does not match the method's symbol 'f'"

    def test_inverted_interval(self):
        unc = 'uncertainty = { kind = "lognormal", p5 = "100 Hz", p95 = "1 Hz" }'
        e = _error(VALID_SET.replace('value = "10 Hz"', f'value = "10 Hz"\n{unc}'))
        assert str(e) == "bad.toml: parameter 'firing_rate': uncertainty p5 (100 Hz) must be below p95 (1 Hz)"

    def test_interval_in_the_wrong_dimension(self):
        unc = 'uncertainty = { kind = "lognormal", p5 = "1 neuron", p95 = "100 Hz" }'
        e = _error(VALID_SET.replace('value = "10 Hz"', f'value = "10 Hz"\n{unc}'))
        assert isinstance(e, UnitMismatchError)
        assert str(e) == (
            "bad.toml: parameter 'firing_rate': uncertainty p5: expected a value with dimension 1 / [time] "
            "(like 'Hz'), found '1 neuron' with dimension [neuron]"
        )

    def test_unknown_distribution(self):
        unc = 'uncertainty = { kind = "gaussian", p5 = "1 Hz", p95 = "100 Hz" }'
        e = _error(VALID_SET.replace('value = "10 Hz"', f'value = "10 Hz"\n{unc}'))
        assert "Input tag 'gaussian' found using 'kind' does not match any of the expected tags" in str(e)

    def test_oversize_file_refused_before_parsing(self):
        e = _error(VALID_SET + "#" * MAX_FILE_BYTES)
        size = len(VALID_SET) + MAX_FILE_BYTES
        assert str(e) == f"bad.toml: file is {size:,} bytes; assumption files are limited to 1,000,000 bytes"

    def test_non_utf8_bytes(self):
        with pytest.raises(AssumptionError) as info:
            parse_set(VALID_SET.encode() + b"\xff\xfe", "bad.toml")
        assert str(info.value) == f"bad.toml: file is not UTF-8 text (bad byte at offset {len(VALID_SET.encode())})"


class TestShippedSets:
    @pytest.mark.parametrize("set_id", presets())
    def test_file_name_is_id_at_version(self, set_id):
        for version in versions(set_id):
            s = load(f"{set_id}@{version}")
            assert s.path.name == f"{set_id}@{version}.toml"

    @pytest.mark.parametrize("set_id", presets())
    def test_every_parameter_is_cited(self, set_id):
        s = load(set_id)
        for p in s.parameters.values():
            assert re.search(r"\b(1[89]|20)\d\d\b", p.source.citation), p.name
            assert p.where.strip() and p.note.strip(), p.name

    def test_released_sets_are_not_edited_in_place(self):
        """A released id@version keeps its content hash; a change needs a new version (assumptions/released.toml)."""
        released = tomllib.loads((REPO / "assumptions" / "released.toml").read_text())["released"]
        shipped = {}
        for folder in brain_dirs():
            for path in folder.glob("*.toml"):
                s = load(path)
                shipped[s.ref] = s.hash
        for ref, digest in released.items():
            assert ref in shipped, f"released set {ref} was removed; released versions must stay"
            assert shipped[ref] == digest, (
                f"{ref} changed after release (hash {shipped[ref]} != {digest}); bump its version instead"
            )
        unreleased = sorted(set(shipped) - set(released))
        assert not unreleased, f"add these to assumptions/released.toml once final: {unreleased}"
