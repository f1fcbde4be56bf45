"""The shipped datasets load into tidy frames; bad files fail with file, line and column."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from brainflops import hardware
from brainflops.errors import DataError
from tests.conftest import REPO

DATA = REPO / "assumptions" / "data"


def edited(tmp_path: Path, name: str, edit) -> Path:
    """Write a copy of a shipped CSV after applying ``edit`` to its DataFrame (read as text)."""
    frame = pd.read_csv(DATA / name, dtype=str, keep_default_na=False)
    edit(frame)
    target = tmp_path / name
    frame.to_csv(target, index=False)
    return target


class TestShippedData:
    def test_top500_rows_units_and_missing_cells(self):
        top = hardware.load_top500()
        assert len(top) == 66
        assert top["date"].is_monotonic_increasing
        # 2025-11 has only #1: the empty cells are missing, not zero
        last = top.iloc[-1]
        assert last["rank1_rmax_flops"] == pytest.approx(1.809e18)
        assert math.isnan(last["rank500_rmax_flops"]) and math.isnan(last["sum_rmax_flops"])
        assert top["source"].notna().all()
        # a June list is dated to mid-June
        assert top["year"].iloc[0] == pytest.approx(1993 + 5.5 / 12, abs=0.01)

    def test_hpcg_has_the_value_dettmers_used(self):
        """Dettmers (2015), Part IV: Tianhe-2 at 0.58e15 FLOP/s on HPCG."""
        hpcg = hardware.load_hpcg()
        row = hpcg[hpcg["date"] == "2015-06-01"].iloc[0]
        assert row["hpcg_rank1_flops"] == 0.58e15
        assert row["hpcg_rank1_name"].startswith("Tianhe-2")

    def test_green500_uses_official_values_and_marks_stand_ins(self):
        green = hardware.load_green500()
        first = green.iloc[0]
        assert first["official"] and first["flops_per_w"] == pytest.approx(0.35723e9)
        standin = green[green["date"] == "2008-11-01"].iloc[0]
        assert not standin["official"] and standin["flops_per_w"] == pytest.approx(0.5362e9)
        assert "TOP500" in standin["source"] or "top500file" in standin["source"]
        assert green["source"].notna().all()

    def test_accelerators_keep_missing_prices_missing(self):
        acc = hardware.load_accelerators()
        assert len(acc) == 47  # Epoch's 39 plus 8 priced datacenter parts for the constant-precision fit
        h100 = acc[acc["name"] == "H100 SXM5 80GB"].iloc[0]
        assert h100["fp16_tensor_flops"] == pytest.approx(9.894e14)
        assert h100["tdp_w"] == 700 and h100["price_usd"] == 33600
        assert acc["price_usd"].isna().sum() > 0
        assert (acc["price_usd"].dropna() > 0).all()
        assert set(acc["market"]) == {"datacenter", "consumer"}

    def test_dense_16bit_peak_prefers_bf16_then_fp16_tensor_then_fp16(self):
        """Per chip, the figure a cluster is rated at (Epoch AI's 16-bit definition): TPU v4 BF16 275 TFLOP/s,
        V100 FP16 tensor 125 TFLOP/s (no BF16), P100 plain FP16 21.2 TFLOP/s (no tensor cores)."""
        acc = hardware.load_accelerators().set_index("name")["peak_16bit_flops"]
        assert acc["TPU v4"] == pytest.approx(2.75e14)
        assert acc["Tesla V100 SXM2"] == pytest.approx(1.25e14)
        assert acc["Tesla P100 SXM2"] == pytest.approx(2.122e13)

    def test_training_runs(self):
        runs = hardware.load_training_runs()
        assert list(runs["calendar_year"]) == list(range(2009, 2026))
        assert runs["training_flop"].iloc[-1] == pytest.approx(4.64e26)
        assert np.all(np.diff(runs["year"]) > 0)


class TestBadData:
    def test_negative_performance(self, tmp_path):
        path = edited(tmp_path, "top500.csv", lambda f: f.loc.__setitem__((4, "rank1_rmax_flops"), "-1e12"))
        with pytest.raises(DataError, match=r"top500.csv: line 6, column 'rank1_rmax_flops': expected a non-negative"):
            hardware.load_top500(path)

    def test_non_numeric_performance(self, tmp_path):
        path = edited(tmp_path, "hpcg.csv", lambda f: f.loc.__setitem__((2, "hpcg_rank1_flops"), "0.58 PF"))
        with pytest.raises(DataError, match=r"hpcg.csv: line 4, column 'hpcg_rank1_flops'.*found '0.58 PF'"):
            hardware.load_hpcg(path)

    def test_date_out_of_order(self, tmp_path):
        path = edited(tmp_path, "top500.csv", lambda f: f.loc.__setitem__((3, "list_date"), "1993-01"))
        expected = r"line 5, column 'list_date': dates out of order: '1993-01' must come after"
        with pytest.raises(DataError, match=expected):
            hardware.load_top500(path)

    def test_training_years_out_of_order(self, tmp_path):
        path = edited(tmp_path, "training_compute_max_by_year.csv", lambda f: f.loc.__setitem__((5, "year"), "2011"))
        with pytest.raises(DataError, match=r"line 7, column 'year': dates out of order"):
            hardware.load_training_runs(path)

    def test_missing_source(self, tmp_path):
        path = edited(tmp_path, "accelerators.csv", lambda f: f.loc.__setitem__((10, "source"), ""))
        with pytest.raises(DataError, match=r"accelerators.csv: line 12, column 'source': missing source"):
            hardware.load_accelerators(path)

    def test_missing_source_of_an_official_green500_value(self, tmp_path):
        path = edited(tmp_path, "green500.csv", lambda f: f.loc.__setitem__((0, "green500_source"), ""))
        with pytest.raises(DataError, match=r"line 2, column 'green500_source': missing source"):
            hardware.load_green500(path)

    def test_zero_price_would_make_flops_per_dollar_infinite(self, tmp_path):
        path = edited(tmp_path, "accelerators.csv", lambda f: f.loc.__setitem__((0, "price_usd"), "0"))
        with pytest.raises(DataError, match=r"accelerators.csv: line 2, column 'price_usd': expected a positive "
                           r"number \[USD\], found '0'"):  # fmt: skip
            hardware.load_accelerators(path)

    def test_a_row_dated_in_the_future_is_refused(self, tmp_path):
        path = edited(tmp_path, "top500.csv", lambda f: f.loc.__setitem__((len(f) - 1, "list_date"), "2099-06"))
        with pytest.raises(DataError, match=r"top500.csv: line 67, column 'list_date': the date '2099-06' is in the "
                           "future"):  # fmt: skip
            hardware.load_top500(path)
        path = edited(tmp_path, "accelerators.csv", lambda f: f.loc.__setitem__((3, "release_date"), "2099-01-01"))
        with pytest.raises(DataError, match=r"line 5, column 'release_date': the date '2099-01-01' is in the future"):
            hardware.load_accelerators(path)

    def test_unknown_market_and_empty_file(self, tmp_path):
        path = edited(tmp_path, "accelerators.csv", lambda f: f.loc.__setitem__((2, "market"), "gaming"))
        with pytest.raises(DataError, match=r"line 4, column 'market': expected one of datacenter, consumer, "
                           "found 'gaming'"):  # fmt: skip
            hardware.load_accelerators(path)
        empty = tmp_path / "empty.csv"
        empty.write_text((DATA / "hpcg.csv").read_text().splitlines()[0] + "\n")
        with pytest.raises(DataError, match=r"empty\.csv: holds no data rows"):
            hardware.load_hpcg(empty)

    def test_missing_column_and_missing_file(self, tmp_path):
        path = edited(tmp_path, "hpcg.csv", lambda f: f.__delitem__("source"))
        with pytest.raises(DataError, match=r"missing column\(s\) 'source'"):
            hardware.load_hpcg(path)
        with pytest.raises(DataError, match="no such file"):
            hardware.load_hpcg(tmp_path / "nope.csv")
