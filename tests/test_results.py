"""Result objects as a notebook sees them: frozen, a one-line repr, an HTML table, a DataFrame, no printing.

And every public function that takes a set accepts an id, a path or a loaded set alike.
"""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

import brainflops as bf
from tests.conftest import REPO

DETTMERS = REPO / "assumptions" / "brain" / "dettmers-2015@1.1.0.toml"


@pytest.fixture(scope="module")
def results():
    s = bf.load("dettmers-2015")
    return {
        "set": s,
        "estimate": bf.estimate(s, overrides={"firing_rate": "1 Hz"}),
        "sample": bf.sample(s, n=20_000),
        "sensitivity": bf.sensitivity(s, base_samples=64),
        "diff": bf.diff("dettmers-2015", "dettmers-2015-low-rate"),
        "fit": bf.fit("top500-rank1", 2013),
        "piecewise": bf.fit_piecewise("top500-rank1"),
        "timeline": bf.timeline(s, "dettmers-2015-60-year-growth", brain_n=2000, n_draws=200),
        "lifetime": bf.training_vs_lifetime(s, n_draws=200),
    }


NAMES = ["set", "estimate", "sample", "sensitivity", "diff", "fit", "piecewise", "timeline", "lifetime"]


@pytest.mark.parametrize("name", NAMES)
def test_results_are_frozen_dataclasses(results, name):
    result = results[name]
    assert dataclasses.is_dataclass(result)
    field = dataclasses.fields(result)[0].name
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(result, field, None)


@pytest.mark.parametrize("name", NAMES)
def test_repr_is_one_readable_line_naming_the_class(results, name):
    text = repr(results[name])
    assert text.startswith(type(results[name]).__name__ + "(")
    assert "\n" not in text and len(text) < 400, text
    assert "array(" not in text and "<function" not in text


@pytest.mark.parametrize("name", NAMES)
def test_html_and_frame(results, name):
    result = results[name]
    assert "<table" in result._repr_html_()
    assert isinstance(result.to_frame(), pd.DataFrame)
    assert not result.to_frame().empty


def test_html_shows_the_formula(results):
    assert "$$" in results["estimate"]._repr_html_()  # LaTeX for the notebook's MathJax
    assert "F = " in results["diff"]._repr_html_()
    assert "F = " in results["set"]._repr_html_()
    assert "overrides: firing_rate" in results["estimate"]._repr_html_()


def test_repr_of_an_estimate_names_set_value_and_overrides(results):
    assert repr(results["estimate"]) == (
        "Estimate(dettmers-2015@1.2.0: 5.375e18 FLOP/s, method=dettmers_spacetime, firing_rate=1.0 Hz, "
        f"hash={results['estimate'].hash[:12]})"
    )


def test_nothing_prints(capsys):
    s = bf.load("merkle-1989")
    bf.estimate(s)
    bf.sample(s, n=1000)
    bf.sensitivity(s, base_samples=64)
    bf.compare(["merkle-1989", "kurzweil-1999"], n=1000)
    bf.diff("merkle-1989", "kurzweil-1999")
    bf.fit("top500-rank1")
    out = capsys.readouterr()
    assert out.out == "" and out.err == ""


@pytest.mark.parametrize("ref", ["dettmers-2015@1.1.0", DETTMERS, str(DETTMERS), "loaded"])
def test_every_set_taking_function_accepts_id_path_or_set(ref):
    if ref == "loaded":
        ref = bf.load("dettmers-2015@1.1.0")
    assert bf.estimate(ref).flops == pytest.approx(1.075e21, rel=1e-4)
    assert bf.sample(ref, n=1000).set_id == "dettmers-2015"
    assert bf.sensitivity(ref, base_samples=64).set_ref == "dettmers-2015@1.1.0"
    assert bf.compare([ref], n=1000)["set"].tolist() == ["dettmers-2015"]
    assert bf.diff(ref, ref).changes == ()
    assert bf.timeline(ref, "dettmers-2015-60-year-growth", brain_n=500, n_draws=100).year_rounded > 2050
    assert bf.gpus_per_brain(ref)["devices"].gt(0).all()
