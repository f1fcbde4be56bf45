"""Large AI training clusters: the shipped rows, their totals from the accelerator table, the record, bad rows."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

from brainflops.errors import DataError
from brainflops.hardware import clusters
from brainflops.hardware.series import get_series
from tests.conftest import REPO

DATA = REPO / "assumptions" / "data"


def edited(tmp_path: Path, edit) -> Path:
    """A copy of ai_clusters.csv after ``edit`` on its text cells."""
    frame = pd.read_csv(DATA / "ai_clusters.csv", dtype=str, keep_default_na=False)
    edit(frame)
    target = tmp_path / "ai_clusters.csv"
    frame.to_csv(target, index=False)
    return target


def row(frame: pd.DataFrame, name: str) -> int:
    return int(frame.index[frame["name"] == name][0])


class TestShipped:
    def test_at_least_15_cited_rows_from_2016_to_the_latest(self):
        table = clusters.load_ai_clusters()
        assert len(table) >= 15
        assert table["year"].min() < 2017 and table.loc[table["in_record"], "year"].max() > 2025.7
        assert table["url"].str.startswith("http").all() and table["source"].notna().all()
        assert set(table["label"]) <= {"V", "2nd", "U"} and (table["label"] == "U").sum() == 1

    def test_totals_are_count_times_the_chip_peak_of_the_accelerator_table(self):
        """Summit: 27,648 V100 × 125 TFLOP/s (FP16 tensor) = 3.456e18 FLOP/s; Project Rainier: 500,000
        Trainium2 × 667 TFLOP/s (BF16) = 3.335e20; the per-chip figures are those of accelerators.csv."""
        table = clusters.load_ai_clusters().set_index("name")
        with open(DATA / "accelerators.csv", encoding="utf-8") as fh:
            chips = {r["name"]: r for r in csv.DictReader(fh)}
        assert table.loc["Summit", "peak_16bit_flops"] == pytest.approx(27_648 * 1.25e14)
        assert table.loc["Project Rainier", "peak_16bit_flops"] == pytest.approx(500_000 * 6.67e14)
        for name, r in table.iterrows():
            chip = chips[r["accelerator"]]
            per_chip = float(chip["bf16_flops"] or chip["fp16_tensor_flops"] or chip["fp16"])
            assert r["peak_16bit_flops"] == pytest.approx(r["count"] * per_chip), name

    def test_owners_own_figures_agree_with_the_computed_totals(self):
        """Google: TPU v3 pod 126 PF, TPU v4 pod 1.1 EF; Tesla 1.8 EF; Meta RSC 'almost 5 exaflops'; Epoch AI:
        Colossus at 200,000 chips about 2e20 — each within 5% of count × chip peak."""
        table = clusters.load_ai_clusters()
        quoted = table[table["owner_peak_flops"].notna()]
        assert len(quoted) >= 5
        ratio = quoted["peak_16bit_flops"] / quoted["owner_peak_flops"]
        assert ratio.between(0.95, 1.05).all(), quoted[["name", "peak_16bit_flops", "owner_peak_flops"]]

    def test_the_record_uses_operational_verified_rows_only(self):
        record = clusters.cluster_record()
        assert list(record["name"]) == [
            "DGX SATURNV", "Summit", "Frontier", "Meta GenAI cluster (one of two)", "Colossus",
            "Colossus (200k chips)", "Project Rainier",
        ]  # fmt: skip
        # the FAIR V100 cluster (2.75e18, date unverified) would beat SATURNV in 2017 if it were counted
        assert "FAIR V100 cluster" not in set(record["name"])
        without_hpc = clusters.cluster_record(include_hpc=False)
        assert "Summit" not in set(without_hpc["name"]) and "Frontier" not in set(without_hpc["name"])

    def test_the_record_series_is_sampled_like_the_lists(self):
        s = get_series("ai-cluster-record")
        assert s.names[0] == "DGX SATURNV" and s.names[-1] == "Project Rainier"
        assert s.y[-1] == pytest.approx(3.335e20)
        assert (s.y[1:] >= s.y[:-1]).all()  # a running maximum
        assert s.t[-1] == pytest.approx(2025 + 9 / 12 + 15 / 365, abs=0.01)  # mid-October 2025, the latest row


class TestBadRows:
    @pytest.mark.parametrize(
        ("cell", "message"),
        [
            ("", "expected a positive number \\[chips\\], found an empty cell"),
            ("0", "expected a positive number \\[chips\\], found '0'"),
            ("-5", "expected a positive number \\[chips\\], found '-5'"),
            ("1.5", "expected a whole number of chips, found '1.5'"),
        ],
    )
    def test_a_missing_or_non_positive_count(self, tmp_path, cell, message):
        path = edited(tmp_path, lambda f: f.loc.__setitem__((row(f, "Summit"), "count"), cell))
        with pytest.raises(DataError, match=f"^ai_clusters.csv: line 6, column 'count': {message}$"):
            clusters.load_ai_clusters(path)

    def test_an_unknown_chip_or_one_without_a_16_bit_peak(self, tmp_path):
        path = edited(tmp_path, lambda f: f.loc.__setitem__((0, "accelerator"), "H1000"))
        with pytest.raises(DataError, match=r"line 2, column 'accelerator': 'H1000' is not in accelerators\.csv"):
            clusters.load_ai_clusters(path)
        path = edited(tmp_path, lambda f: f.loc.__setitem__((0, "accelerator"), "GeForce GTX 280"))
        with pytest.raises(DataError, match=r"'GeForce GTX 280' has no dense 16-bit peak in accelerators\.csv"):
            clusters.load_ai_clusters(path)

    def test_a_non_positive_owner_peak_power_or_cost(self, tmp_path):
        for column in ("owner_peak_flops", "power_w", "cost_usd"):
            path = edited(tmp_path, lambda f, c=column: f.loc.__setitem__((3, c), "0"))
            with pytest.raises(DataError, match=f"line 5, column '{column}': expected a positive number"):
                clusters.load_ai_clusters(path)

    def test_future_dates_only_for_plans(self, tmp_path):
        path = edited(tmp_path, lambda f: f.loc.__setitem__((len(f) - 1, "date"), "2099-01"))  # a plan: allowed
        assert clusters.load_ai_clusters(path)["date"].iloc[-1].year == 2099
        path = edited(tmp_path, lambda f: f.loc.__setitem__((row(f, "Project Rainier"), "date"), "2099-01"))
        with pytest.raises(DataError, match="column 'date': the date '2099-01' is in the future"):
            clusters.load_ai_clusters(path)

    def test_missing_url_and_unknown_status_or_label(self, tmp_path):
        path = edited(tmp_path, lambda f: f.loc.__setitem__((2, "url"), ""))
        with pytest.raises(DataError, match="line 4, column 'url': missing url"):
            clusters.load_ai_clusters(path)
        path = edited(tmp_path, lambda f: f.loc.__setitem__((2, "date_kind"), "rumoured"))
        with pytest.raises(DataError, match="column 'date_kind': expected one of operational, announced, planned"):
            clusters.load_ai_clusters(path)
        path = edited(tmp_path, lambda f: f.loc.__setitem__((2, "label"), "maybe"))
        with pytest.raises(DataError, match="column 'label': expected one of V, 2nd, U, found 'maybe'"):
            clusters.load_ai_clusters(path)


def test_render_marks_the_record_and_keeps_exact_counts():
    text = clusters.render_clusters(clusters.load_ai_clusters())
    summit = next(line for line in text.splitlines() if "Summit" in line)
    assert summit.lstrip().startswith("*") and "27,648" in summit and "3.46 × 10¹⁸ FLOP/s" in summit
