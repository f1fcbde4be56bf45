"""The command line: output of each command and one-line errors with exit code 2."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from brainflops.assumptions import presets
from brainflops.cli import main
from tests.conftest import VALID_SET


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


class TestEstimate:
    def test_dettmers_prints_the_published_figure_formula_contributions_and_hash(self, capsys):
        code, out, _ = run(capsys, "estimate", "dettmers-2015@1.1.0")
        assert code == 0
        assert out.startswith("dettmers-2015@1.1.0: 1.075e21 FLOP/s\n")
        assert "formula: F = R*(K_G*N_G*T*c*f*n_G + K_P*N_P*T*c*f*n_P)" in out
        assert "purkinje" in out and "granule" in out and "reconciliation" in out
        assert "set hash: 183e18858358" in out

    @pytest.mark.parametrize(("set_id", "figure"), [("merkle-1989", "1e16 FLOP/s"), ("kurzweil-1999", "2e16 FLOP/s")])
    def test_published_figures(self, capsys, set_id, figure):
        code, out, _ = run(capsys, "estimate", f"{set_id}@1.1.0")
        assert code == 0 and out.startswith(f"{set_id}@1.1.0: {figure}\n")

    def test_set_and_json(self, capsys):
        code, out, _ = run(capsys, "estimate", "dettmers-2015", "--set", "firing_rate=0.25 Hz", "--json")
        data = json.loads(out)
        assert code == 0
        assert data["flop_per_s"] == pytest.approx(1.075e21 / 800)
        assert data["overrides"] == {"firing_rate": {"value": 0.25, "unit": "Hz"}}

    def test_estimate_a_file(self, capsys, write_set):
        code, out, _ = run(capsys, "estimate", str(write_set()))
        assert code == 0 and out.startswith("test-set@1.0.0: 1e16 FLOP/s")


class TestOtherCommands:
    def test_list(self, capsys):
        code, out, _ = run(capsys, "list")
        assert code == 0
        # Every shipped preset, sorted by id (the list grows with the presets of issue 3).
        ids = [line.split()[0] for line in out.splitlines()[1:]]  # after the header
        assert ids == presets()
        assert {"dettmers-2015", "kurzweil-1999", "merkle-1989"} <= set(ids)

    def test_show(self, capsys):
        code, out, _ = run(capsys, "show", "merkle-1989")
        assert code == 0
        assert "firing_rate" in out and "10 Hz" in out
        assert "Merkle, R. C. (1989). Energy Limits to the Computational Power of the Human Brain" in out

    def test_validate(self, capsys, write_set):
        path = write_set()
        code, out, _ = run(capsys, "validate", str(path))
        assert code == 0 and out.startswith(f"ok  {path}: test-set@1.0.0 (synaptic), hash ")


class TestErrors:
    @pytest.mark.parametrize(
        ("argv", "message"),
        [
            (
                ["estimate", "merkle-1989@1.1.0", "--set", "fire=1 Hz"],
                "brainflops: error: merkle-1989@1.1.0: parameter 'fire': no such parameter to override; "
                "the set has synapses, firing_rate, flop_per_synaptic_event",
            ),
            (
                ["estimate", "merkle-1989", "--set", "firing_rate"],
                "brainflops: error: --set expects NAME=VALUE, e.g. --set 'firing_rate=1 Hz' (got 'firing_rate')",
            ),
            (
                ["estimate", "merkle-1989@1.1.0", "--set", "firing_rate=200 neuron"],
                "brainflops: error: override of merkle-1989@1.1.0: parameter 'firing_rate': expected a value "
                "with dimension 1 / [time] (like 'Hz'), found '200 neuron' with dimension [neuron]",
            ),
            (["show", "nonexistent"], "brainflops: error: no assumption set 'nonexistent'"),
            (["frobnicate"], None),
        ],
    )
    def test_user_mistakes_exit_2_with_one_line(self, capsys, argv, message):
        with pytest.raises(SystemExit) if argv == ["frobnicate"] else _no_exit() as info:
            code, out, err = run(capsys, *argv)
        if message is None:
            assert info.value.code == 2
            err = capsys.readouterr().err
            assert len(err.strip().splitlines()) == 1 and "invalid choice: 'frobnicate'" in err
            return
        assert code == 2 and out == ""
        assert err == message + "\n"

    def test_malformed_file_via_validate(self, capsys, write_set):
        path = write_set(VALID_SET.replace('version = "1.0.0"', 'version = "1.0.0'))
        code, _, err = run(capsys, "validate", str(path))
        assert code == 2
        assert err == f"brainflops: error: {path}: not valid TOML: Illegal character '\\n' (at line 3, column 17)\n"

    def test_installed_console_script_never_prints_a_traceback(self, tmp_path):
        bad = tmp_path / "bad.toml"
        bad.write_bytes(b"\xff\xfe not toml")
        proc = subprocess.run(
            [sys.executable, "-m", "brainflops.cli", "estimate", str(bad)], capture_output=True, text=True, check=False
        )
        assert proc.returncode == 2
        assert proc.stderr == f"brainflops: error: {bad}: file is not UTF-8 text (bad byte at offset 0)\n"


class _no_exit:
    def __enter__(self):
        return None

    def __exit__(self, *exc):
        return False


class TestUncertaintyCommands:
    def test_exact_interval_says_exact(self, capsys):
        code, out, _ = run(capsys, "estimate", "merkle-1989", "--uncertainty")
        assert code == 0
        assert "uncertainty (exact: closed-form lognormal, no sampling):" in out
        assert "median 9e15 FLOP/s, 90% interval 1.767e15 FLOP/s – 4.585e16 FLOP/s" in out

    def test_sampled_interval_says_sampled(self, capsys):
        code, out, _ = run(
            capsys, "estimate", "dettmers-2015", "--uncertainty", "--n", "20000", "--seed", "4", "--monte-carlo"
        )
        assert code == 0
        assert "uncertainty (sampled: Monte Carlo, n = 20,000, seed = 4):" in out

    def test_a_sum_of_two_terms_says_exact_by_quadrature(self, capsys):
        code, out, _ = run(capsys, "estimate", "dettmers-2015", "--uncertainty")
        assert code == 0
        assert "uncertainty (exact: quadrature over the lognormal terms, no sampling):" in out
        _code, out, _ = run(capsys, "estimate", "dettmers-2015", "--uncertainty", "--json")
        assert (json.loads(out)["distribution"]["how"], json.loads(out)["distribution"]["exact_by"]) == (
            "exact",
            "quadrature",
        )

    def test_json_distribution(self, capsys):
        _code, out, _ = run(capsys, "estimate", "merkle-1989", "--uncertainty", "--json")
        data = json.loads(out)
        assert data["distribution"]["how"] == "exact"
        assert data["distribution"]["percentiles"]["50"] == pytest.approx(9e15)

    def test_sensitivity_prints_three_tables(self, capsys):
        code, out, _ = run(capsys, "sensitivity", "merkle-1989", "--base-samples", "1024")
        assert code == 0
        for heading in ("elasticities", "tornado", "Sobol indices", "exact variance shares"):
            assert heading in out

    def test_bad_sample_count(self, capsys):
        code, _, err = run(capsys, "estimate", "dettmers-2015", "--uncertainty", "--n", "0")
        assert code == 2
        assert err == "brainflops: error: the sample count must be a positive integer, got 0\n"


class TestCompareAndDiff:
    """``brainflops compare`` and ``brainflops diff`` (issue 3)."""

    def test_compare_prints_one_row_per_set_sorted_by_point(self, capsys):
        code, out, _ = run(
            capsys, "compare", "kurzweil-1999@1.1.0", "moravec-1998@1.0.0", "dettmers-2015-low-rate@1.0.0"
        )
        assert code == 0
        lines = out.splitlines()
        assert lines[0].split() == ["set", "point", "5th", "pct", "95th", "pct", "year", "method", "judged"]
        assert [line.split()[0] for line in lines[1:4]] == [
            "moravec-1998@1.0.0",
            "kurzweil-1999@1.1.0",
            "dettmers-2015-low-rate@1.0.0",
        ]
        assert lines[1].split()[1:] == ["3.032e13", "1998", "functional_scaling"]  # no interval: blank

    def test_compare_all_presets_and_write_the_ladder(self, capsys, tmp_path):
        target = tmp_path / "ladder.png"
        code, out, _ = run(capsys, "compare", "--plot", str(target))
        assert code == 0
        assert len(out.splitlines()) == len(presets()) + 3  # header, rows, footnote, "figure written"
        assert out.endswith(f"figure written to {target}\n")
        assert target.read_bytes().startswith(b"\x89PNG")

    def test_diff_attributes_the_800x_to_the_firing_rate(self, capsys, tmp_path):
        target = tmp_path / "waterfall.svg"
        code, out, _ = run(capsys, "diff", "dettmers-2015@1.1.0", "dettmers-2015-low-rate@1.0.0", "--plot", str(target))
        assert code == 0
        assert out.startswith("diff dettmers-2015@1.1.0 -> dettmers-2015-low-rate@1.0.0\n")
        assert "firing_rate: 200 Hz -> 0.25 Hz" in out and "100.0% of ln ratio" in out
        assert "<svg" in target.read_text()

    @pytest.mark.parametrize(
        ("argv", "message"),
        [
            (
                ["compare", "--plot", "out.jpg"],
                "brainflops: error: --plot expects a file ending in .png, .svg, .pdf (got 'out.jpg')",
            ),
            (
                ["diff", "dettmers-2015", "dettmers-2051"],
                "brainflops: error: no assumption set 'dettmers-2051' (did you mean 'dettmers-2015'?)",
            ),
            (["compare", "nonexistent"], "brainflops: error: no assumption set 'nonexistent'"),
        ],
    )
    def test_mistakes_exit_2_with_one_line(self, capsys, argv, message):
        code, out, err = run(capsys, *argv)
        assert (code, out, err) == (2, "", message + "\n")
