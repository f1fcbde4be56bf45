"""Hypothesis strategies for assumption files: valid sets, and valid sets mutated into hostile ones.

The documents are built as Python tables (what ``tomllib`` returns) and written with ``tomli_w``; mutations
act on the table (values, units, intervals, deleted and duplicated fields) or on the bytes (random bytes
spliced in, lines duplicated), so both the schema and the TOML parser are exercised.
"""

from __future__ import annotations

import copy
import tomllib
from typing import Any

import tomli_w
from hypothesis import strategies as st

from .conftest import REPO, VALID_SET

__all__ = ["documents", "hostile_bytes", "quantity_text", "valid_documents"]

#: The shipped presets as tables: realistic starting points for mutation.
PRESETS: list[dict[str, Any]] = [
    tomllib.loads(p.read_text(encoding="utf-8")) for p in sorted((REPO / "assumptions" / "brain").glob("*.toml"))
]
BASE: dict[str, Any] = tomllib.loads(VALID_SET)

_UNITS = ["Hz", "kHz", "1/s", "neuron", "synapse", "FLOP", "FLOP/synapse", "FLOP/s", "synapse/neuron", "s", ""]
_UNITS += ["multiply_add/synapse", "FLOP/multiply_add", "billion neuron", "m", "spike", "dimensionless", "TEPS"]
_GARBAGE = ["nan", "inf", "-inf", "1e400", "1e-400", "0", "-1", "__import__('os')", "Hz.__class__", "()", "**"]
_GARBAGE += ["1e15 synapse**99", "lambda: 1", "{}", "\u00b5Hz", "1e15 synapse synapse", "1e15 / 0", "\x00"]

# Magnitudes from the subnormal to the overflowing, so products can leave the float range.
magnitudes = st.one_of(
    st.floats(min_value=1e-3, max_value=1e3),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0.0, -0.0, 5e-324, 1e-300, 1e-30, 1e30, 1e150, 1e300, 1.7e308]),
    st.integers(min_value=-(10**400), max_value=10**400),
)


@st.composite
def quantity_text(draw: st.DrawFn) -> str | float | int | bool:
    """A value as a file might hold it: '<number> <unit>', a bare number, or garbage."""
    kind = draw(st.sampled_from(["text", "text", "number", "garbage", "random"]))
    if kind == "number":
        return draw(st.one_of(magnitudes, st.booleans()))
    if kind == "garbage":
        return draw(st.sampled_from(_GARBAGE))
    if kind == "random":
        return draw(st.text(max_size=30))
    number = draw(magnitudes)
    unit = draw(st.sampled_from(_UNITS))
    return f"{number!r} {unit}".strip() if not isinstance(number, int) else f"{number} {unit}".strip()


@st.composite
def valid_documents(draw: st.DrawFn) -> dict[str, Any]:
    """A valid ``synaptic`` set with random (but float-safe) values and random 90% intervals."""
    doc = copy.deepcopy(BASE)
    for name, unit in (("synapses", "synapse"), ("firing_rate", "Hz"), ("flop_per_synaptic_event", "FLOP/synapse")):
        value = draw(st.floats(min_value=1e-6, max_value=1e20))
        entry = doc["parameters"][name]
        entry["value"] = f"{value!r} {unit}"
        kind = draw(st.sampled_from([None, "point", "lognormal", "loguniform"]))
        if kind == "point":
            entry["uncertainty"] = {"kind": "point"}
        elif kind is not None:
            spread = draw(st.floats(min_value=1.01, max_value=1e3))
            low, high = ("low", "high") if kind == "loguniform" else ("p5", "p95")
            entry["uncertainty"] = {"kind": kind, low: f"{value / spread!r} {unit}", high: f"{value * spread!r} {unit}"}
    return doc


def _paths(doc: Any, prefix: tuple = ()) -> list[tuple]:
    """Every key path in a nested table."""
    out = []
    if isinstance(doc, dict):
        for key, value in doc.items():
            out.append((*prefix, key))
            out.extend(_paths(value, (*prefix, key)))
    return out


def _parent(doc: dict, path: tuple) -> dict:
    for key in path[:-1]:
        doc = doc[key]
    return doc


@st.composite
def mutated_documents(draw: st.DrawFn) -> dict[str, Any]:
    """A valid set (random or a shipped preset) with one to three table-level mutations."""
    doc = copy.deepcopy(draw(st.one_of(valid_documents(), st.sampled_from(PRESETS))))
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        paths = _paths(doc)
        path = draw(st.sampled_from(paths))
        parent = _parent(doc, path)
        action = draw(st.sampled_from(["value", "value", "delete", "duplicate", "interval", "type", "kind"]))
        if action == "value":
            params = list(doc.get("parameters", {})) if isinstance(doc.get("parameters"), dict) else []
            if params:
                target = doc["parameters"][draw(st.sampled_from(params))]
                if isinstance(target, dict):
                    target["value"] = draw(quantity_text())
                    continue
            parent[path[-1]] = draw(quantity_text())
        elif action == "delete":
            del parent[path[-1]]
        elif action == "duplicate":
            parent[path[-1] + draw(st.sampled_from(["_", "2", "s"]))] = copy.deepcopy(parent[path[-1]])
        elif action == "interval":
            bounds = draw(st.sampled_from([("p5", "p95", "lognormal"), ("low", "high", "loguniform")]))
            params = doc.get("parameters") if isinstance(doc.get("parameters"), dict) else {}
            if params:
                target = params[draw(st.sampled_from(list(params)))]
                if isinstance(target, dict):
                    target["uncertainty"] = {
                        "kind": draw(st.sampled_from([bounds[2], "normal", "cauchy"])),
                        bounds[0]: draw(quantity_text()),
                        bounds[1]: draw(quantity_text()),
                    }
        elif action == "type":
            parent[path[-1]] = draw(
                st.one_of(st.none(), st.booleans(), st.lists(st.integers(), max_size=2), st.just({"x": 1}))
            )
        elif action == "kind":
            doc["method"] = draw(st.sampled_from(["synaptic", "teps", "dettmers_convolution", "magic", "__import__"]))
    return doc


def _dump(doc: dict[str, Any]) -> bytes:
    def clean(value: Any) -> Any:  # TOML has no null: drop None, which the "type" mutation may produce
        if isinstance(value, dict):
            return {k: clean(v) for k, v in value.items() if v is not None}
        if isinstance(value, list):
            return [clean(v) for v in value if v is not None]
        return value

    return tomli_w.dumps(clean(doc)).encode("utf-8")


@st.composite
def hostile_bytes(draw: st.DrawFn) -> bytes:
    """The bytes of a mutated set, then possibly damaged: random bytes spliced in, a line duplicated."""
    data = _dump(draw(mutated_documents()))
    action = draw(st.sampled_from(["none", "none", "splice", "duplicate-line", "truncate"]))
    if action == "splice" and data:
        at = draw(st.integers(min_value=0, max_value=len(data)))
        data = data[:at] + draw(st.binary(min_size=1, max_size=16)) + data[at:]
    elif action == "duplicate-line":
        lines = data.split(b"\n")
        i = draw(st.integers(min_value=0, max_value=len(lines) - 1))
        data = b"\n".join([*lines[: i + 1], lines[i], *lines[i + 1 :]])
    elif action == "truncate" and data:
        data = data[: draw(st.integers(min_value=0, max_value=len(data)))]
    return data


def documents() -> st.SearchStrategy[bytes]:
    """Valid sets (a quarter of the draws) and hostile ones, as file bytes."""
    return st.one_of(valid_documents().map(_dump), hostile_bytes(), hostile_bytes(), hostile_bytes())
