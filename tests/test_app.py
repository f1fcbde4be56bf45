"""The Streamlit app, driven headless with streamlit.testing.v1.AppTest."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

import brainflops as bf
from tests.conftest import REPO, VALID_SET

APP = str(REPO / "app.py")


@pytest.fixture
def app() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    return at


def test_opens_on_dettmers_with_the_published_estimate(app):
    assert app.selectbox(key="preset").value == "dettmers-2015"
    assert app.metric[0].value == "1.075e21 FLOP/s"
    assert "N_{\\mathrm{P}}" in app.latex[0].value


def test_switching_sets_shows_their_estimate(app):
    app.selectbox(key="preset").select("kurzweil-1999").run()
    assert app.metric[0].value == bf.format_flops(bf.estimate("kurzweil-1999").flops) == "2e16 FLOP/s"


def test_parameter_table_carries_units_and_citations(app):
    frames = [df.value for df in app.dataframe]
    params = next(f for f in frames if "parameter" in f.columns)
    assert set(params["parameter"]) == set(bf.load("dettmers-2015").parameters)
    assert params["source"].str.contains("Dettmers, T. \\(2015\\)").all()
    assert (params.set_index("parameter").loc["firing_rate", "unit"]) == "Hz"


def test_uploaded_set_is_estimated(app):
    app.file_uploader(key="upload").set_value(("mine.toml", VALID_SET.encode(), "application/toml")).run()
    assert not app.exception
    assert app.metric[0].value == "1e16 FLOP/s"
    assert "test-set@1.0.0" in app.caption[0].value


def test_invalid_upload_shows_the_error_and_the_page_keeps_working(app):
    broken = VALID_SET.replace('"10 Hz"', '"200 neuron"').encode()
    app.file_uploader(key="upload").set_value(("broken.toml", broken, "application/toml")).run()
    assert not app.exception
    errors = [e.value for e in app.sidebar.error]
    assert errors == [
        "Upload rejected, showing the preset instead: broken.toml: parameter 'firing_rate': expected a value "
        "with dimension 1 / [time] (like 'Hz'), found '200 neuron' with dimension [neuron]"
    ]
    assert app.metric[0].value == "1.075e21 FLOP/s"
    app.selectbox(key="preset").select("merkle-1989").run()
    assert app.metric[0].value == "1e16 FLOP/s"
