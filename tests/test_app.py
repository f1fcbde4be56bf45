"""The Streamlit app, driven headless with streamlit.testing.v1.AppTest."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

import brainflops as bf
from brainflops import interactive
from tests.conftest import REPO, VALID_SET

APP = str(REPO / "app.py")


def start(**query: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    return at


@pytest.fixture
def app() -> AppTest:
    return start()


def slider(at: AppTest, name: str):
    return next(s for s in at.select_slider if s.key.endswith(f".{name}"))


def test_opens_on_dettmers_with_the_published_estimate(app):
    assert app.selectbox(key="preset").value == "dettmers-2015"
    assert app.metric[0].value == "1.075e21 FLOP/s"
    assert "N_{\\mathrm{P}}" in app.latex[0].value


def test_firing_rate_slider_changes_the_estimate_exactly_as_the_library_predicts(app):
    rate = slider(app, "firing_rate")
    new = next(v for v in rate.options if abs(float(v.split()[0]) - 2.0) < 1e-9)  # "2 Hz"
    rate.set_value(200 * 10 ** (-24 / 12)).run()
    assert not app.exception
    expected = bf.estimate("dettmers-2015", overrides={"firing_rate": 200 * 10 ** (-24 / 12)})
    assert app.metric[0].value == bf.format_flops(expected.flops) == "1.075e19 FLOP/s"
    assert new == "2 Hz"


def test_switching_sets_shows_their_estimate(app):
    app.selectbox(key="preset").select("kurzweil-1999").run()
    assert app.metric[0].value == bf.format_flops(bf.estimate("kurzweil-1999").flops) == "2e16 FLOP/s"


def test_interval_is_shown_and_says_how_it_was_obtained():
    at = start(set="merkle-1989")
    text = " ".join(m.value for m in at.markdown)
    assert "**90% interval** 1.767e15 – 4.585e16 FLOP/s" in text and "median 9e15 FLOP/s (exact)" in text


def test_parameter_table_carries_units_and_citations(app):
    params = next(df.value for df in app.dataframe if "parameter" in df.value.columns)
    assert set(params["parameter"]) == set(bf.load("dettmers-2015").parameters)
    assert params["source"].str.contains(r"\((?:2015|1992)\)").all()
    assert params.set_index("parameter").loc["firing_rate", "unit"] == "Hz"


def test_uploaded_set_is_estimated(app):
    app.file_uploader(key="upload").set_value(("mine.toml", VALID_SET.encode(), "application/toml")).run()
    assert not app.exception
    assert app.metric[0].value == "1e16 FLOP/s"
    assert "test-set@1.0.0" in app.caption[0].value


def test_invalid_upload_shows_the_error_and_the_page_keeps_working(app):
    broken = VALID_SET.replace('"10 Hz"', '"200 neuron"').encode()
    app.file_uploader(key="upload").set_value(("broken.toml", broken, "application/toml")).run()
    assert not app.exception
    message = (
        "broken.toml: parameter 'firing_rate': expected a value with dimension 1 / [time] (like 'Hz'), "
        "found '200 neuron' with dimension [neuron]"
    )
    assert [e.value for e in app.sidebar.error] == [
        "Upload rejected, showing the preset instead: " + interactive.markdown_text(message)
    ]
    assert app.metric[0].value == "1.075e21 FLOP/s"
    app.selectbox(key="preset").select("merkle-1989").run()
    assert app.metric[0].value == "1e16 FLOP/s"


def test_url_state_round_trips(app):
    slider(app, "firing_rate").set_value(200 * 10 ** (-12 / 12)).run()
    app.radio(key="view").set_value("sensitivity").run()
    query = dict(app.query_params)
    assert query["p.firing_rate"] == repr(20.0) and query["view"] == "sensitivity"
    again = start(**query)
    assert again.radio(key="view").value == "sensitivity"
    assert slider(again, "firing_rate").value == pytest.approx(20.0)
    again.radio(key="view").set_value("estimate").run()
    assert again.metric[0].value == bf.format_flops(bf.estimate("dettmers-2015", {"firing_rate": 20.0}).flops)


def test_garbage_in_the_url_is_reported_and_ignored():
    at = start(set="../../etc/passwd", view="<script>alert(1)</script>", **{"p.firing_rate": "nan", "n": "1e99"})
    warnings = [w.value for w in at.warning]
    assert len(warnings) == 4
    assert interactive.markdown_text("unknown view '<script>alert(1)</script>' in the link") in warnings
    assert at.metric[0].value == "1.075e21 FLOP/s"


def test_reset_restores_the_set_values(app):
    slider(app, "firing_rate").set_value(20.0).run()
    assert app.metric[0].value != "1.075e21 FLOP/s"
    app.button(key="reset").click().run()
    assert app.metric[0].value == "1.075e21 FLOP/s"
    assert "p.firing_rate" not in dict(app.query_params)


def test_sensitivity_view_shows_the_library_tables():
    at = start(set="merkle-1989", view="sensitivity")
    elasticities = at.dataframe[0].value
    assert elasticities.set_index("parameter")["elasticity"].to_dict() == pytest.approx(
        {"synapses": 1.0, "firing_rate": 1.0, "flop_per_synaptic_event": 1.0}
    )


def test_download_button_offers_the_current_assumptions(app):
    # AppTest discards the media payload after each run; the payload (to_toml) is checked in
    # tests/test_export.py and downloaded for real in the browser test.
    buttons = app.get("download_button")
    assert [b.label for b in buttons] == ["Download these assumptions as a new version (.toml)"]


def test_compare_view_ladder_and_diff_of_the_current_sliders():
    at = start(view="compare", **{"p.firing_rate": "2.0"})
    assert at.image, "the ladder is drawn"
    shown = at.dataframe[0].value
    assert "dettmers-2015 (your values)" in set(shown["set"])
    assert len(shown) == len(bf.presets()) + 1
    at.selectbox(key="diff_a").select("dettmers-2015").run()
    at.selectbox(key="diff_b").select("dettmers-2015-low-rate").run()
    text = at.text[0].value
    assert "dettmers-2015@1.2.0 -> dettmers-2015-low-rate@1.1.0" in text and "1/800" in text


def test_timeline_view_tables_scenarios_and_hindcast():
    at = start(view="timeline")
    assert not at.exception
    parity = at.dataframe[0].value
    assert parity["scenario"].str.contains("Dettmers").sum() == 2
    assert len(at.image) == 3  # timeline, hindcast, energy


def test_deep_learning_view_counts_accelerators():
    at = start(view="deep-learning", set="kurzweil-1999")
    table = at.dataframe[0].value.set_index("name")
    assert table.loc["H100 SXM5 80GB", "devices"] == pytest.approx(2e16 / 9.894e14, rel=1e-3)


def test_markup_in_a_link_is_shown_as_text():
    at = start(view="![pixel](http://127.0.0.1:9/p.png) [login](https://example.org/x)")
    (warning,) = [w.value for w in at.warning]
    view = "![pixel](http://127.0.0.1:9/p.png) [login](https://example.org/x)"
    assert warning == interactive.markdown_text(f"unknown view '{view}' in the link")
    assert re.search(r"(?<!\\)[\[\]()!]", warning) is None  # escaped: no image, no link


def test_markup_in_an_uploaded_set_is_shown_as_text(app):
    title, description = "![x](http://127.0.0.1:9/t.png)", "[click](https://example.org) <b>bold</b>"
    text = VALID_SET.replace('title = "A test set"', f'title = "{title}"\ndescription = "{description}"')
    app.file_uploader(key="upload").set_value(("evil.toml", text.encode(), "application/toml")).run()
    assert not app.exception and not app.sidebar.error
    shown = app.subheader[0].value
    assert shown == interactive.markdown_text(title) and "](" not in shown
    (described,) = [m.value for m in app.markdown if "click" in m.value]
    assert described == interactive.markdown_text(description) and "](" not in described and "<b>" not in described


def test_every_slider_at_its_extreme_keeps_a_finite_estimate(app):
    for direction in (-1, 0):
        for s in list(app.select_slider):
            s.set_value(s.options and _value_at(s, direction))
        app.run()
        assert not app.exception
        value = app.metric[0].value
        assert value.endswith("FLOP/s") and "inf" not in value and "nan" not in value


def _value_at(slider, index: int) -> float:
    grid = interactive.slider_grid(bf.load("dettmers-2015").parameters[slider.key.rsplit(".", 1)[1]])
    return grid[index]


def test_report_downloads_are_offered_after_building():
    at = start(set="merkle-1989")
    at.button(key="build_report").click().run()
    assert not at.exception
    labels = [b.label for b in at.get("download_button")]
    assert "Download HTML" in labels
