"""brainflops in the browser: choose or upload an assumption set, move its parameters, see what follows.

Thin by design: widgets in, library calls, results out. Every number shown is computed by the library; the
app only caches it (keyed on the set's hash, the changed values, n and seed). Run ``streamlit run app.py``.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

import brainflops as bf
from brainflops import interactive as ui
from brainflops import plots
from brainflops.export import to_toml
from brainflops.plots._style import to_bytes
from brainflops.plots.interactive import distribution_spec, sobol_spec, tornado_spec

DEFAULT_SET = "dettmers-2015"
DEFAULT_N = 20_000  # percentiles to about 0.01 decade; more on request in the Sampling panel
SAMPLE_SIZES = (20_000, 100_000, 1_000_000)


# --- cached library calls --------------------------------------------------------------------------


@st.cache_resource(show_spinner=False)
def load_preset(ref: str) -> bf.AssumptionSet:
    return bf.load(ref)


@st.cache_resource(show_spinner=False, max_entries=32)
def load_upload(data: bytes, name: str) -> bf.AssumptionSet:
    return bf.assumptions.parse_set(data, name)


@st.cache_data(show_spinner=False, max_entries=512)
def distribution(set_hash: str, overrides: tuple, n: int, seed: int, _s: bf.AssumptionSet):
    return bf.sample(_s, n, seed, overrides=dict(overrides))


@st.cache_data(show_spinner=False, max_entries=128)
def sensitivity(set_hash: str, overrides: tuple, base_samples: int, _s: bf.AssumptionSet):
    return bf.sensitivity(_s, base_samples=base_samples, overrides=dict(overrides))


@st.cache_data(show_spinner=False, max_entries=64)
def ladder_png(set_hash: str, overrides: tuple, label: str, _s: bf.AssumptionSet) -> tuple[bytes, pd.DataFrame]:
    """The ladder of every preset with this set (your values, an upload, or a preset) highlighted."""
    frame = compare_presets()
    if overrides or _s.hash not in set(frame["hash"]):
        mine = bf.assumptions.parse_set(to_toml(_s, dict(overrides)), label) if overrides else _s
        row = bf.compare([mine], n=DEFAULT_N).assign(set=label)
        frame = pd.concat([frame, row], ignore_index=True)  # the preset stays, for comparison
    else:
        label = _s.id
    return to_bytes(plots.ladder(frame.sort_values("point", ignore_index=True), highlight=label)), frame


@st.cache_data(show_spinner=False)
def compare_presets():
    return bf.compare()


@st.cache_data(show_spinner=False, max_entries=64)
def diff_result(a_hash: str, b_hash: str, _a: bf.AssumptionSet, _b: bf.AssumptionSet):
    result = bf.diff(_a, _b)
    figure = to_bytes(plots.waterfall(result))
    return result, figure


@st.cache_data(show_spinner=False, max_entries=64)
def timeline_png(set_hash: str, overrides: tuple, scenarios: tuple, n: int, seed: int, _s: bf.AssumptionSet):
    from brainflops.forecast.outlook import outlook

    o = outlook(_s, scenarios, overrides=dict(overrides), n=min(n, 50_000), seed=seed)
    fig = plots.timeline(o.history, o.projections, o.brain_log10, o.parities, brain_label=_s.ref)
    return o.to_frame(), to_bytes(fig)


@st.cache_data(show_spinner=False, max_entries=64)
def energy_png(set_hash: str, overrides: tuple, seed: int, _s: bf.AssumptionSet):
    from brainflops.forecast.outlook import energy_outlook

    e = energy_outlook(_s, overrides=dict(overrides), seed=seed)
    fig = plots.energy(e.green500, e.fit, e.projection, e.brain_flops_per_w, e.parity, e.landauer_j_per_bit)
    return e.parity, to_bytes(fig)


@st.cache_data(show_spinner=False, max_entries=64)
def hindcast_png():
    from brainflops.forecast.hindcast import hindcast
    from brainflops.hardware.series import get_series

    h = hindcast()
    return h.to_frame(), to_bytes(plots.hindcast(h, get_series("hpcg-rank1"), get_series("top500-rank1")))


@st.cache_data(show_spinner=False, max_entries=64)
def deep_learning(set_hash: str, overrides: tuple, precision: str, _s: bf.AssumptionSet):
    from brainflops.forecast.accelerators import gpus_per_brain
    from brainflops.forecast.lifetime import training_vs_lifetime

    table = gpus_per_brain(bf.estimate(_s, dict(overrides)).value, precision, utilisation=1)  # raw peak until wired
    d = bf.sample(_s, 20_000, 0, overrides=dict(overrides), exact=False, keep_samples=True)
    lifetime = training_vs_lifetime(d.samples)
    return table, to_bytes(plots.gpus_per_brain(table, brain_label=_s.ref)), lifetime


@st.cache_data(show_spinner="Building the report…", max_entries=8)
def report_files(set_hash: str, overrides: tuple, n: int, seed: int, _s: bf.AssumptionSet) -> tuple[str, bytes | None]:
    """The report's HTML and PDF (None where WeasyPrint cannot run), from the same library calls as the CLI."""
    from brainflops.report import build, pdf_available, render_html, render_pdf

    target = bf.assumptions.parse_set(to_toml(_s, dict(overrides)), f"{_s.id} (your values)") if overrides else _s
    html = render_html(build(target, n=n, seed=seed))
    return html, (render_pdf(html) if pdf_available() is None else None)


# --- state -----------------------------------------------------------------------------------------


def init_state() -> None:
    """On a session's first run, take the state from the URL (a shared link)."""
    ss = st.session_state
    if "initialized" in ss:
        return
    state = ui.decode_state(st.query_params.to_dict(), bf.presets())
    ss.initialized = True
    ss.url_problems = state.problems
    ss.preset = state.set_ref.split("@")[0] if state.set_ref else DEFAULT_SET
    ss.view = state.view if state.view in VIEWS else "estimate"
    ss.url_overrides = state.overrides
    ss.n = state.n if state.n in SAMPLE_SIZES else DEFAULT_N
    ss.seed = state.seed if state.seed is not None else 0


def choose_set() -> bf.AssumptionSet:
    presets = bf.presets()
    with st.sidebar:
        st.selectbox("Assumption set", presets, key="preset")
        upload = st.file_uploader("…or upload a set (.toml, at most 1 MB)", type=["toml"], key="upload")
    if upload is not None:
        try:
            return load_upload(upload.getvalue(), upload.name)
        except bf.BrainflopsError as exc:
            st.sidebar.error(f"Upload rejected, showing the preset instead: {ui.markdown_text(exc)}")
    return load_preset(st.session_state.preset)


def slider_key(s: bf.AssumptionSet, name: str) -> str:
    return f"p.{s.hash[:12]}.{name}"


def reset_sliders(s: bf.AssumptionSet) -> None:
    for name in s.parameters:
        st.session_state.pop(slider_key(s, name), None)
    st.session_state.url_overrides = {}


def parameter_sliders(s: bf.AssumptionSet) -> dict[str, float]:
    """A log-scale slider per parameter; returns the values that differ from the set's."""
    ss = st.session_state
    overrides = {}
    with st.sidebar:
        st.subheader("Parameters (log scale)")
        st.button("Reset to the set's values", on_click=reset_sliders, args=(s,), key="reset")
        for name, p in s.parameters.items():
            grid = ui.slider_grid(p)
            key = slider_key(s, name)
            if key not in ss:
                wanted = ss.url_overrides.get(name, float(p.value.magnitude))
                ss[key] = min(grid, key=lambda v, w=wanted: abs(v / w - 1))
            unit = "" if p.spec.unit == "dimensionless" else p.spec.unit
            value = st.select_slider(
                f"{name} [{unit or '1'}]",
                options=grid,
                key=key,
                format_func=lambda v, u=unit: bf.format_flops(v, u),
                help=ui.markdown_text(f"{p.spec.description} Source: {p.source.citation} ({p.where}). {p.note}"),
            )
            if value != float(p.value.magnitude):
                overrides[name] = value
    return overrides


# --- views -----------------------------------------------------------------------------------------


def estimate_view(s: bf.AssumptionSet, overrides: dict[str, float]) -> None:
    ss = st.session_state
    e = bf.estimate(s, overrides)
    d = distribution(s.hash, tuple(sorted(overrides.items())), ss.n, ss.seed, s)
    st.subheader(ui.markdown_text(s.title))
    left, right = st.columns([1, 2])
    left.metric("Estimate", bf.format_flops(e.flops), help="the point estimate: every parameter at its value")
    how = {"exact": "exact", "point": "no uncertain parameters"}.get(d.how, f"Monte Carlo, n = {d.n:,}")
    left.markdown(
        f"**90% interval** {bf.format_flops(d.p5, '')} – {bf.format_flops(d.p95)}  \n"
        f"median {bf.format_flops(d.median)} ({how})"
    )
    left.caption(f"{s.ref} · method `{s.method.name}` · hash `{s.short_hash}`")
    with right:
        st.latex(r"F = " + e.latex + r"\quad [\mathrm{FLOP/s}]")
        st.caption(s.method.title + ("  ·  changed: " + ui.markdown_text(", ".join(overrides)) if overrides else ""))
    mantissa, _, exponent = bf.format_flops(e.flops, "").partition("e")
    value = rf"{mantissa} \times 10^{{{exponent}}}" if exponent else mantissa
    st.latex(rf"\begin{{aligned}} F &= {e.substituted_latex} \\ &= {value}\ \mathrm{{FLOP/s}} \end{{aligned}}")
    st.vega_lite_chart(spec=distribution_spec(d), width="stretch")
    st.markdown("#### Contributions")
    frame = e.to_frame()
    frame["FLOP/s"] = frame.pop("flop_per_s").map(lambda v: bf.format_flops(v, ""))
    frame["share"] = frame["share"].map(lambda v: f"{100 * v:.2f}%")
    st.dataframe(frame, hide_index=True, width="content")
    st.markdown("#### Parameters and sources")
    st.dataframe(s.to_frame(), hide_index=True, column_config={"url": st.column_config.LinkColumn("url")})
    st.download_button(
        "Download these assumptions as a new version (.toml)",
        data=to_toml(s, overrides),
        file_name=f"{s.id}-custom.toml",
        mime="application/toml",
        key="download_toml",
    )
    with st.expander("Report (HTML and PDF) of these assumptions"):
        if st.button("Build the report", key="build_report"):
            st.session_state.report_key = (s.hash, tuple(sorted(overrides.items())))
        if st.session_state.get("report_key") == (s.hash, tuple(sorted(overrides.items()))):
            html, pdf = report_files(s.hash, tuple(sorted(overrides.items())), ss.n, ss.seed, s)
            st.download_button("Download HTML", html, file_name=f"{s.id}.html", mime="text/html", key="dl_html")
            if pdf is not None:
                st.download_button("Download PDF", pdf, file_name=f"{s.id}.pdf", mime="application/pdf", key="dl_pdf")
            else:
                st.info("PDF unavailable here: WeasyPrint's system libraries (Pango) are missing.")
    with st.expander("About this set and its method"):
        st.markdown(ui.markdown_text(s.description) if s.description else "_no description_")
        st.markdown("**Changelog:** " + ui.markdown_text("; ".join(s.changelog)))
        st.markdown(s.method.reference)


def sensitivity_view(s: bf.AssumptionSet, overrides: dict[str, float]) -> None:
    st.subheader(f"Which assumption matters? — {s.ref}")
    base = st.select_slider("Sobol base samples", options=[2**8, 2**10, 2**12, 2**14], value=2**10, key="sobol_n")
    result = sensitivity(s.hash, tuple(sorted(overrides.items())), base, s)
    left, right = st.columns(2)
    with left:
        st.markdown("#### Tornado: each parameter alone at its 5th and 95th percentile")
        st.vega_lite_chart(spec=tornado_spec(result.tornado), width="stretch")
    with right:
        st.markdown("#### Sobol indices of log10 FLOP/s")
        if result.sobol.empty:
            st.info("No uncertain parameters: nothing to apportion.")
        else:
            st.vega_lite_chart(spec=sobol_spec(result.sobol), width="stretch")
    st.markdown("#### Elasticities at the point estimate (exact, from the formula)")
    st.dataframe(result.elasticities, hide_index=True)
    if not result.sobol.empty:
        st.dataframe(result.sobol, hide_index=True)


def compare_view(s: bf.AssumptionSet, overrides: dict[str, float]) -> None:
    st.subheader("Every published estimate on one axis")
    key = tuple(sorted(overrides.items()))
    label = f"{s.id} (your values)" if overrides else s.id
    png, frame = ladder_png(s.hash, key, label, s)
    st.image(png, caption="Points: point estimates; bars: 90% intervals where the set has uncertainty.")
    table = frame[["set", "version", "method", "point", "p5", "p95", "year", "source"]].copy()
    for column in ("point", "p5", "p95"):
        table[column] = table[column].map(lambda v: "" if v != v else bf.format_flops(v, ""))
    st.dataframe(table, hide_index=True)
    st.markdown("#### What makes two estimates differ?")
    presets = bf.presets()
    choices = ["your values (sliders)", *presets]
    left, right = st.columns(2)
    a = left.selectbox("From", choices, index=choices.index(s.id) if s.id in choices else 1, key="diff_a")
    b = right.selectbox("To", choices, index=0, key="diff_b")

    def resolve(choice: str) -> bf.AssumptionSet:
        if choice == choices[0]:
            return bf.assumptions.parse_set(to_toml(s, overrides), f"{s.id} (your values)")
        return load_preset(choice)

    sa, sb = resolve(a), resolve(b)
    result, figure = diff_result(sa.hash, sb.hash, sa, sb)
    st.text(str(result))
    if figure is not None:
        st.image(figure)


def timeline_view(s: bf.AssumptionSet, overrides: dict[str, float]) -> None:
    from brainflops.forecast.outlook import DEFAULT_SCENARIOS
    from brainflops.hardware.scenarios import scenarios

    st.subheader(f"When does hardware reach {s.ref}?")
    chosen = st.multiselect("Trend scenarios", scenarios(), default=list(DEFAULT_SCENARIOS), key="scenarios")
    if not chosen:
        st.info("Choose at least one scenario.")
        return
    key = tuple(sorted(overrides.items()))
    frame, png = timeline_png(s.hash, key, tuple(chosen), st.session_state.n, st.session_state.seed, s)
    st.image(png)
    shown = frame.copy()
    for column in ("median_year", "p5_year", "p95_year"):
        shown[column] = shown[column].map(lambda v: "never" if v == float("inf") else f"{v:.0f}")
    st.dataframe(shown, hide_index=True)
    st.markdown("#### The 2015 forecast against the record")
    hind, hind_png = hindcast_png()
    st.image(hind_png)
    st.dataframe(hind, hide_index=True)
    st.markdown("#### Energy: the brain's FLOP/s per watt (20 W) against the most efficient computers")
    energy, energy_fig = energy_png(s.hash, key, st.session_state.seed, s)
    st.image(energy_fig)
    st.caption(str(energy))


def deep_learning_view(s: bf.AssumptionSet, overrides: dict[str, float]) -> None:
    st.subheader(f"How many accelerators make one brain ({s.ref})?")
    precision = st.selectbox("Precision of the dense peak", ["fp16_tensor", "bf16", "fp8", "fp32", "int8"],
                             key="precision")  # fmt: skip
    table, png, lifetime = deep_learning(s.hash, tuple(sorted(overrides.items())), precision, s)
    st.image(png)
    st.dataframe(table, hide_index=True)
    st.markdown("#### Brain lifetime compute (30 years) against the largest training runs")
    st.dataframe(lifetime.to_frame(), hide_index=True)
    st.caption(str(lifetime))


VIEWS = {
    "estimate": ("Estimate", estimate_view),
    "sensitivity": ("Sensitivity", sensitivity_view),
    "compare": ("Compare", compare_view),
    "timeline": ("Timeline", timeline_view),
    "deep-learning": ("Deep learning", deep_learning_view),
}


def main() -> None:
    st.set_page_config(page_title="brainflops", page_icon="🧠", layout="wide")
    init_state()
    st.title("How much compute does a human brain do?")
    for problem in st.session_state.url_problems:
        st.warning(ui.markdown_text(problem))
    with st.sidebar:
        st.radio("View", list(VIEWS), format_func=lambda v: VIEWS[v][0], key="view", horizontal=True)
    s = choose_set()
    overrides = parameter_sliders(s)
    with st.sidebar.expander("Sampling"):
        st.selectbox("Monte Carlo samples", SAMPLE_SIZES, key="n", format_func=lambda v: f"{v:,}")
        st.number_input("Seed", min_value=0, max_value=2**32 - 1, step=1, key="seed")
    VIEWS[st.session_state.view][1](s, overrides)
    state = ui.UrlState(
        set_ref=s.id if s.path is not None and st.session_state.get("upload") is None else None,
        view=st.session_state.view,
        overrides=overrides,
        n=st.session_state.n if st.session_state.n != DEFAULT_N else None,
        seed=st.session_state.seed or None,
    )
    st.query_params.from_dict(ui.encode_state(state, s))


main()
