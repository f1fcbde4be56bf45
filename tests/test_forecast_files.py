"""The forecast's own files (utilisation, weights, ledger): released versions are never edited; bad files are
one-line errors naming the file."""

from __future__ import annotations

import tomllib

import pytest

from brainflops.errors import AssumptionError
from brainflops.forecast.files import KINDS, ids, load_forecast_file
from brainflops.forecast.ledger import LedgerFile
from brainflops.forecast.utilisation import UtilisationFile
from brainflops.forecast.weights import WeightsFile
from tests.conftest import REPO

ROOT = REPO / "assumptions" / "forecast"
MODELS = {"utilisation": UtilisationFile, "weights": WeightsFile, "ledger": LedgerFile}


def test_released_forecast_files_are_not_edited_in_place():
    released = tomllib.loads((ROOT / "released.toml").read_text(encoding="utf-8"))["released"]
    shipped = {}
    for kind in KINDS:
        for path in sorted((ROOT / kind).glob("*@*.toml")):
            loaded = load_forecast_file(path, kind, MODELS[kind])
            shipped[f"{kind}/{loaded.ref}"] = loaded.hash
    for ref, digest in released.items():
        assert shipped.get(ref) == digest, f"{ref} changed; add a new version instead (hash {shipped.get(ref)})"
    assert not sorted(set(shipped) - set(released)), "add new forecast files to assumptions/forecast/released.toml"


def test_lookup_by_id_and_errors():
    assert ids("weights") == ["combined-forecast"]
    with pytest.raises(AssumptionError, match=r"no ledger file 'published-forecast' \(did you mean"):
        load_forecast_file("published-forecast", "ledger", LedgerFile)


def test_bad_files_name_the_file(tmp_path):
    deep = tmp_path / "deep@1.0.0.toml"
    deep.write_text("x = " + "[" * 5000 + "]" * 5000 + "\n")
    with pytest.raises(AssumptionError, match=r"deep@1\.0\.0\.toml: .*nested too deeply"):
        load_forecast_file(deep, "weights", WeightsFile)
    wrong = tmp_path / "other@1.0.0.toml"
    wrong.write_text((ROOT / "weights" / "combined-forecast@1.0.0.toml").read_text(encoding="utf-8"))
    with pytest.raises(AssumptionError, match=r"file name says other@1\.0\.0 but the file says combined-forecast"):
        load_forecast_file(wrong, "weights", WeightsFile)
    typo = tmp_path / "combined-forecast@1.0.0.toml"
    typo.write_text(wrong.read_text().replace("anchor = ", "anchr = "))
    with pytest.raises(AssumptionError, match="unknown field 'anchr'"):
        load_forecast_file(typo, "weights", WeightsFile)
