"""The hardware and forecast commands: timeline, forecast, ledger, hardware, clusters, gpus; user mistakes exit 2
with one line."""

from __future__ import annotations

import pytest

from brainflops.cli import main


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_timeline_reproduces_dettmers_years(capsys):
    code, out, _ = run(
        capsys, "timeline", "dettmers-2015@1.1.0", "--scenario", "dettmers-2015-60-year-growth", "--scenario",
        "dettmers-2015-lower",
    )  # fmt: skip
    assert code == 0
    assert out.startswith("dettmers-2015@1.1.0: point 1.075e21 FLOP/s, 90% interval")
    assert "21 whole doublings → 2052.8" in out and "21 whole doublings → 2078.0" in out


def test_timeline_shows_both_frames_in_words(capsys):
    code, out, _ = run(capsys, "timeline", "carlsmith-2020@1.0.0", "--draws", "300", "--scenario", "hpcg-rank1-2014-latest",
                       "--scenario", "ai-cluster-record-2019-latest")  # fmt: skip
    assert code == 0
    assert "deep learning's frame (the largest AI training cluster at dense 16-bit × 41% utilisation):" in out
    assert "the post's frame (FP64 supercomputers: TOP500 HPL, HPCG):" in out
    assert "already reached on HPCG #1 — median June 2018 (Summit)" in out and "anchored on the record" in out
    code, out, _ = run(capsys, "timeline", "carlsmith-2020@1.0.0", "--draws", "300", "--scenario", "hpcg-rank1-2014-latest",
                       "--anchor", "line")  # fmt: skip
    assert code == 0 and "anchored on the fitted line" in out


def test_forecast_ledger_clusters_hardware(capsys, tmp_path):
    code, out, _ = run(capsys, "forecast", "dettmers-2015@1.1.0", "--draws", "300", "--plot", str(tmp_path / "f.png"))
    assert code == 0 and out.startswith("Hardware reaches the brain (dettmers-2015@1.1.0): on deep learning's frame")
    assert "Already history" in out and (tmp_path / "f.png").stat().st_size > 10_000
    code, out, _ = run(capsys, "ledger")
    assert code == 0 and "reached in June 2005 (BlueGene/L): early by 3 years" in out
    code, out, _ = run(capsys, "clusters")
    assert code == 0 and "Project Rainier" in out
    code, out, _ = run(capsys, "hardware")
    assert code == 0
    assert "Newey-West" in out and "hpcg-rank1" in out and "ai-cluster-record" in out and "training-compute" in out
    assert "fixed break" in out and "data-placed break" in out and "after 2013" in out
    assert "top500-sum" in out and "top500-rank500" in out and "Epoch AI" in out


def test_gpus(capsys):
    code, out, _ = run(capsys, "gpus", "kurzweil-1999", "--precision", "bf16", "--utilisation", "1")
    assert code == 0
    h100 = next(line for line in out.splitlines() if line.strip().startswith("H100"))
    assert "20.2" in h100  # 2e16 / 9.894e14
    code, out, _ = run(capsys, "gpus", "kurzweil-1999", "--precision", "bf16")
    assert "utilisation 41% of dense peak" in out
    h100 = next(line for line in out.splitlines() if line.strip().startswith("H100"))
    assert "49.3" in h100  # 2e16 / (9.894e14 × 0.41)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["timeline", "dettmers-2015", "--scenario", "nope"], "no scenario 'nope'"),
        (["gpus", "dettmers-2015", "--precision", "fp7"], "unknown precision 'fp7'"),
        (["timeline", "no-such-set"], "no assumption set 'no-such-set'"),
        (["timeline", "dettmers-2015", "--draws", "0"], "--draws must be between 1 and 1,000,000 (got 0)"),
        (["timeline", "dettmers-2015", "--draws", "100000000"], "--draws must be between 1 and 1,000,000"),
        (["forecast", "dettmers-2015", "--draws", "100000000"], "--draws must be between 1 and 1,000,000"),
        (["gpus", "dettmers-2015", "--utilisation", "1.5"], "utilisation must be a fraction of peak in (0, 1]"),
        (["forecast", "dettmers-2015", "--weights", "nope"], "no weights file 'nope'"),
        (["forecast"], "weights no presets; give a brain estimate"),
        (["ledger", "--file", "nope"], "no ledger file 'nope'"),
        (["forecast", "dettmers-2015", "--plot", "out.txt"], "--plot expects a file ending in"),
    ],
)
def test_user_mistakes_exit_2_with_one_line(capsys, argv, message):
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert err.startswith("brainflops: error: ") and err.count("\n") == 1, err
    assert message in err
