"""The hardware commands: timeline, hardware, gpus; user mistakes exit 2 with one line."""

from __future__ import annotations

from brainflops.cli import main


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_timeline_reproduces_dettmers_years(capsys):
    code, out, _ = run(
        capsys, "timeline", "dettmers-2015", "--scenario", "dettmers-2015-60-year-growth", "--scenario",
        "dettmers-2015-lower",
    )  # fmt: skip
    assert code == 0
    assert out.startswith("dettmers-2015@1.1.0: point 1.075e21 FLOP/s, 90% interval")
    assert "21 whole doublings → 2052.8" in out and "21 whole doublings → 2078.0" in out


def test_hardware_prints_fits_with_intervals_and_both_breaks(capsys):
    code, out, _ = run(capsys, "hardware")
    assert code == 0
    assert "Newey-West" in out and "hpcg-rank1" in out and "training-compute" in out
    assert "fixed" in out and "data" in out and "2013.00" in out


def test_gpus(capsys):
    code, out, _ = run(capsys, "gpus", "kurzweil-1999", "--precision", "bf16", "--utilisation", "1")
    assert code == 0
    h100 = next(line for line in out.splitlines() if line.strip().startswith("H100"))
    assert "20.2" in h100  # 2e16 / 9.894e14


def test_user_mistakes_exit_2_with_one_line(capsys):
    for argv in (
        ["timeline", "dettmers-2015", "--scenario", "nope"],
        ["gpus", "dettmers-2015", "--precision", "fp7"],
        ["timeline", "no-such-set"],
        ["timeline", "dettmers-2015", "--draws", "0"],
    ):
        code, out, err = run(capsys, *argv)
        assert code == 2 and out == ""
        assert err.startswith("brainflops: error: ") and err.count("\n") == 1, err
