"""brainflops in the browser: choose or upload an assumption set, move its parameters, see what follows.

Thin by design: widgets in, library calls, results out. Every number shown is computed by the library; the
app only caches it (keyed on the set's hash, the changed values, n and seed). Run ``streamlit run app.py``.
"""

from __future__ import annotations

import streamlit as st

import brainflops as bf
from brainflops import interactive as ui
from brainflops.export import to_toml
from brainflops.plots.interactive import distribution_chart, sobol_chart, tornado_chart

DEFAULT_SET = "dettmers-2015"
DEFAULT_N = 100_000
SAMPLE_SIZES = (10_000, 100_000, 1_000_000)


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
            st.sidebar.error(f"Upload rejected, showing the preset instead: {exc}")
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
                help=f"{p.spec.description} Source: {p.source.citation} ({p.where}). {p.note}",
            )
            if value != float(p.value.magnitude):
                overrides[name] = value
    return overrides


# --- views -----------------------------------------------------------------------------------------


def estimate_view(s: bf.AssumptionSet, overrides: dict[str, float]) -> None:
    ss = st.session_state
    e = bf.estimate(s, overrides)
    d = distribution(s.hash, tuple(sorted(overrides.items())), ss.n, ss.seed, s)
    st.subheader(s.title)
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
        st.caption(s.method.title + ("  ·  changed: " + ", ".join(overrides) if overrides else ""))
    st.latex(r"F = " + e.substituted_latex + r" = " + bf.format_flops(e.flops, "").replace("e", r"\times 10^{") + "}")
    st.altair_chart(distribution_chart(d), width="stretch")
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
    with st.expander("About this set and its method"):
        st.markdown(s.description or "_no description_")
        st.markdown("**Changelog:** " + "; ".join(s.changelog))
        st.markdown(s.method.reference)


def sensitivity_view(s: bf.AssumptionSet, overrides: dict[str, float]) -> None:
    st.subheader(f"Which assumption matters? — {s.ref}")
    base = st.select_slider("Sobol base samples", options=[2**8, 2**10, 2**12, 2**14], value=2**10, key="sobol_n")
    result = sensitivity(s.hash, tuple(sorted(overrides.items())), base, s)
    left, right = st.columns(2)
    with left:
        st.markdown("#### Tornado: each parameter alone at its 5th and 95th percentile")
        st.altair_chart(tornado_chart(result.tornado), width="stretch")
    with right:
        st.markdown("#### Sobol indices of log10 FLOP/s")
        if result.sobol.empty:
            st.info("No uncertain parameters: nothing to apportion.")
        else:
            st.altair_chart(sobol_chart(result.sobol), width="stretch")
    st.markdown("#### Elasticities at the point estimate (exact, from the formula)")
    st.dataframe(result.elasticities, hide_index=True)
    if not result.sobol.empty:
        st.dataframe(result.sobol, hide_index=True)


VIEWS = {"estimate": ("Estimate", estimate_view), "sensitivity": ("Sensitivity", sensitivity_view)}


def main() -> None:
    st.set_page_config(page_title="brainflops", page_icon="🧠", layout="wide")
    init_state()
    st.title("How much compute does a human brain do?")
    for problem in st.session_state.url_problems:
        st.warning(problem)
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
