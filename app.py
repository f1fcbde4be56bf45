"""brainflops in the browser: pick or upload an assumption set, see the estimate, the formula and the sources.

Thin by design: widgets in, library calls, results out. Run with ``streamlit run app.py``.
"""

from __future__ import annotations

import streamlit as st

import brainflops as bf

DEFAULT_SET = "dettmers-2015"


@st.cache_resource(show_spinner=False)
def load_preset(ref: str) -> bf.AssumptionSet:
    return bf.load(ref)


@st.cache_resource(show_spinner=False, max_entries=32)
def load_upload(data: bytes, name: str) -> bf.AssumptionSet:
    return bf.assumptions.parse_set(data, name)


def choose_set() -> bf.AssumptionSet:
    presets = bf.presets()
    with st.sidebar:
        st.header("Assumption set")
        choice = st.selectbox(
            "Preset", presets, index=presets.index(DEFAULT_SET) if DEFAULT_SET in presets else 0, key="preset"
        )
        upload = st.file_uploader("…or upload a set (.toml)", type=["toml"], key="upload")
    if upload is not None:
        try:
            return load_upload(upload.getvalue(), upload.name)
        except bf.BrainflopsError as exc:
            st.sidebar.error(f"Upload rejected, showing the preset instead: {exc}")
    return load_preset(choice)


def main() -> None:
    st.set_page_config(page_title="brainflops", page_icon="🧠", layout="wide")
    st.title("How much compute does a human brain do?")
    s = choose_set()
    e = bf.estimate(s)

    st.subheader(s.title)
    left, right = st.columns([1, 2])
    left.metric("Estimate", bf.format_flops(e.flops))
    left.caption(f"{s.ref} · method `{s.method.name}` · hash `{s.short_hash}`")
    with right:
        st.latex(r"F = " + e.latex + r"\quad [\mathrm{FLOP/s}]")
        st.caption(s.method.title)

    st.markdown("#### Contributions")
    frame = e.to_frame()
    frame["FLOP/s"] = frame.pop("flop_per_s").map(lambda v: bf.format_flops(v, ""))
    frame["share"] = frame["share"].map(lambda v: f"{100 * v:.2f}%")
    st.dataframe(frame, hide_index=True, width="content")

    st.markdown("#### Parameters and sources")
    st.dataframe(
        s.to_frame(),
        hide_index=True,
        column_config={"url": st.column_config.LinkColumn("url")},
    )
    with st.expander("About this set and its method"):
        st.markdown(s.description or "_no description_")
        st.markdown("**Changelog:** " + "; ".join(s.changelog))
        st.markdown(s.method.reference)


main()
