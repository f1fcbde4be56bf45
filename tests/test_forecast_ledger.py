"""The forecast ledger: published forecasts as cited data, each score recomputed here from the raw CSVs."""

from __future__ import annotations

import csv
import math

import pytest

from brainflops.errors import AssumptionError
from brainflops.forecast.ledger import ledger, score
from brainflops.hardware.series import get_series
from tests.conftest import REPO

DATA = REPO / "assumptions" / "data"
LEDGER = REPO / "assumptions" / "forecast" / "ledger" / "published-forecasts@1.0.0.toml"
TODAY = 2026.91  # 2026-11-29


def rows(name: str) -> list[dict]:
    with open(DATA / name, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def first_list(column: str, threshold: float, file: str = "top500.csv") -> int:
    """The calendar year of the first list reaching ``threshold``, read with csv."""
    return next(int(r["list_date"][:4]) for r in rows(file) if r[column] and float(r[column]) >= threshold)


def best_per_dollar(column: str, datacenter: bool) -> float:
    """The best FLOP/s per launch dollar in accelerators.csv at one precision [FLOP/s/USD]."""
    best = 0.0
    for r in rows("accelerators.csv"):
        if r[column] and r["price_usd"] and (not datacenter or (r["market"] == "datacenter" and r["price_source"])):
            best = max(best, float(r[column]) / float(r["price_usd"]))
    return best


@pytest.fixture(scope="module")
def scored():
    return {e.key: e for e in ledger(today=TODAY).entries}


def test_the_required_forecasts_are_in_the_ledger(scored):
    who = {(e.who, e.year) for e in scored.values()}
    assert {("Moravec", 1998), ("Kurzweil", 1999), ("Kurzweil", 2005), ("Sandberg & Bostrom", 2008),
            ("Dettmers", 2015)} <= who  # fmt: skip
    assert {scored[k].predicted for k in scored if k.startswith("dettmers")} == {2037, 2053, 2078}
    assert all(e.citation and e.where for e in scored.values())
    # Sandberg & Bostrom's years read in AI Impacts' quotation of Table 9; the metabolome row was cut off
    assert scored["sandberg-bostrom-2008-spiking-commodity"].predicted == 2042
    assert scored["sandberg-bostrom-2008-spiking-supercomputer"].predicted == 2019
    assert scored["sandberg-bostrom-2008-electrophysiology-supercomputer"].predicted == 2033
    assert scored["sandberg-bostrom-2008-metabolome-commodity"].label == "U"
    assert "unverified" in scored["sandberg-bostrom-2008-metabolome-commodity"].verdict


@pytest.mark.parametrize(
    ("key", "threshold", "predicted", "status", "years_off"),
    [
        ("moravec-1998-supercomputer", 1e14, (2008, 2008), "early", None),
        ("bostrom-1998-low", 1e14, (2004, 2008), "on time", 0),
        ("bostrom-1998-high", 1e17, (2015, 2024), "on time", 0),
        ("kurzweil-2005-supercomputer", 1e16, (2010, 2010), "late", None),
    ],
)
def test_supercomputer_forecasts_scored_on_the_top500_lists(scored, key, threshold, predicted, status, years_off):
    reached = first_list("rank1_rmax_flops", threshold)
    e = scored[key]
    assert math.floor(e.reached) == reached and e.status == status
    expected = {"early": predicted[0] - reached, "late": reached - predicted[1]}.get(status, years_off)
    assert e.years_off == expected
    assert e.verdict.startswith("reached in ") and (status == "on time" or f"{status} by {expected} year" in e.verdict)


def test_moravec_on_the_top500_reads_as_the_issue_asks(scored):
    """TOP500 #1 Rmax first passed 1e14 with BlueGene/L in June 2005; Moravec said about 2008."""
    assert scored["moravec-1998-supercomputer"].verdict == "reached in June 2005 (BlueGene/L): early by 3 years"


def test_budget_forecasts_scored_on_flops_per_dollar(scored):
    """$1,000 at the best FP32 FLOP/s per launch dollar (every priced device) and $1M at the best datacenter
    FP64 FLOP/s per cited launch dollar: gaps in doublings recomputed from accelerators.csv."""
    fp32 = best_per_dollar("fp32_flops", datacenter=False)
    fp64 = best_per_dollar("fp64", datacenter=True)
    for key, threshold, budget, best in [
        ("kurzweil-1999", 2e16, 1e3, fp32),
        ("moravec-1998-cheap", 1e14, 1e3, fp32),
        ("sandberg-bostrom-2008-spiking-commodity", 1e18, 1e6, fp32),
        ("sandberg-bostrom-2008-spiking-supercomputer", 1e18, 1e6, fp64),
    ]:
        e = scored[key]
        assert e.reached is None
        assert e.gap_doublings == pytest.approx(math.log2(threshold / (budget * best)), rel=1e-9), key
    assert scored["kurzweil-1999"].status == "overdue" and scored["kurzweil-1999"].years_off == 2026 - 2020
    assert scored["moravec-1998-cheap"].status == "pending"  # the 2020s are not over


def test_dettmers_is_pending_on_hpcg(scored):
    """1.075e21 / 17.41e15 (El Capitan on HPCG, hpcg.csv 2025-11): 15.9 doublings to go."""
    latest = float(rows("hpcg.csv")[-1]["hpcg_rank1_flops"])
    for key in ("dettmers-2015-moore", "dettmers-2015-60-year-growth", "dettmers-2015-lower"):
        e = scored[key]
        assert e.status == "pending" and e.gap_doublings == pytest.approx(math.log2(1.075e21 / latest))
        assert e.verdict == "not yet: pending, today's gap 15.9 doublings"


def test_score_of_a_window():
    s = get_series("top500-rank1")
    assert score(1e17, s, 2015, 2024)[2:4] == ("on time", 0)
    assert score(1e17, s, 2020, 2024)[2:4] == ("early", 2)
    assert score(1e17, s, 2010, 2012)[2:4] == ("late", 6)
    assert score(1e20, s, 2040, today=TODAY)[2] == "pending"
    assert score(1e20, s, 2020, today=TODAY)[2:4] == ("overdue", 6)


def test_text_and_table(scored):
    result = ledger(today=TODAY)
    text = str(result)
    assert text.startswith("published-forecasts@1.0.0: 17 published forecasts")
    assert "Moravec (1998): 10¹⁴ FLOP/s on the biggest supercomputers, forecast 2008 — reached in June 2005" in text
    frame = result.to_frame()
    assert len(frame) == 17 and {"verdict", "label", "gap_doublings", "source"} <= set(frame.columns)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            'threshold = "1e14 FLOP/s"',
            'threshold = "1e14 W"',
            "'moravec-1998-supercomputer.threshold': expected FLOP/s",
        ),
        ('record = "top500-rank1"', 'record = "top5000"', "'forecasts.0.record': Input should be"),
        (
            'source = "moravec1998"',
            'source = "moravec1999"',
            "forecasts\\[0\\] \\(moravec-1998-supercomputer\\) cites source 'moravec1999'",
        ),
        ("predicted = 2008\n", "predicted = 2008\npredicted_to = 2001\n", "predicted_to 2001 is before predicted 2008"),
    ],
)
def test_bad_ledger_files(tmp_path, old, new, message):
    path = tmp_path / "l@1.0.0.toml"
    text = LEDGER.read_text(encoding="utf-8").replace('id = "published-forecasts"', 'id = "l"')
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(AssumptionError, match=f"l@1.0.0.toml: .*{message}"):
        ledger(path)
