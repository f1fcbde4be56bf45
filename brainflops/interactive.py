"""UI-agnostic helpers for interactive front ends: log-scale slider grids and URL state.

The Streamlit app stays thin by calling these; they are plain functions on data and are tested here.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from brainflops import schema
from brainflops.assumptions import AssumptionSet, Parameter

__all__ = [
    "STEPS_PER_DECADE",
    "VIEWS",
    "UrlState",
    "decode_state",
    "encode_state",
    "markdown_text",
    "slider_grid",
]

#: Log-scale slider resolution: 12 steps per factor of ten (about 21% per step).
STEPS_PER_DECADE = 12
#: The app's views, in order.
VIEWS = ("estimate", "sensitivity", "compare", "timeline", "deep-learning")
_MAX_QUERY_VALUE = 200
# Every ASCII punctuation character may be backslash-escaped in CommonMark; escaping all of them leaves no
# link, image, emphasis, heading, HTML, math or autolink syntax in the text.
_MARKDOWN_SPECIAL = re.compile(r"([!-/:-@\[-`{-~])")
_AUTOLINK = re.compile(r"(?i)\b(?:https?|ftp|mailto|www)(?=[:.])")


def markdown_text(text: object) -> str:
    """Text from a file, a link or an upload, made safe to show where Streamlit renders Markdown.

    Every ASCII punctuation character is backslash-escaped and line breaks become spaces, so the text shows
    as written and can never become a link, an image (a request to another server), HTML or a heading.
    GitHub-flavoured Markdown also turns bare ``http://…``, ``www.…`` and e-mail addresses into links after
    escapes are resolved, so an invisible word joiner (U+2060) is put where those patterns need adjacent
    characters; the text looks the same.
    """
    flat = " ".join(str(text).split())
    flat = _AUTOLINK.sub("\\g<0>\u2060", flat).replace("@", "\u2060@")
    return _MARKDOWN_SPECIAL.sub(r"\\\1", flat)


def slider_grid(parameter: Parameter, decades: float = 2.0) -> list[float]:
    """Log-spaced slider positions for a parameter [its method unit], containing its value exactly.

    The grid spans ``decades`` either side of the value, widened to cover the declared uncertainty.

    Parameters
    ----------
    parameter : Parameter
        A parameter of a loaded set.
    decades : float
        Half-width of the grid in factors of ten.

    Returns
    -------
    list of float
        Increasing values; ``parameter.value.magnitude`` is one of them.
    """
    value = float(parameter.value.magnitude)
    low, high = value / 10**decades, value * 10**decades
    dist = parameter.distribution
    if dist is not None and dist.kind != "normal":
        low, high = min(low, dist.low / 3), max(high, dist.high * 3)
    below = math.ceil(math.log10(value / low) * STEPS_PER_DECADE)
    above = math.ceil(math.log10(high / value) * STEPS_PER_DECADE)
    return [value * 10 ** (j / STEPS_PER_DECADE) for j in range(-below, above + 1)]


@dataclass(frozen=True)
class UrlState:
    """What a shared link encodes: set, view, changed values, sample count, seed, scenario.

    ``problems`` lists the parts of a query string that were ignored, as sentences for the page.
    """

    set_ref: str | None = None
    view: str = "estimate"
    overrides: dict[str, float] = field(default_factory=dict)
    n: int | None = None
    seed: int | None = None
    scenario: str | None = None
    problems: tuple[str, ...] = ()


# An id, optionally @version, with the schema's own patterns (anchors stripped and recombined).
_REF = re.compile(f"^{schema.ID_PATTERN.strip('^$')}(@{schema.VERSION_PATTERN.strip('^$')})?$")


def decode_state(query: Mapping[str, str], known_sets: list[str] | None = None) -> UrlState:
    """Read a query string (``?set=…&view=…&p.firing_rate=0.25&n=…&seed=…``) defensively.

    Anything malformed is dropped and reported in ``problems``; nothing is evaluated.
    """
    problems: list[str] = []
    set_ref = query.get("set")
    if set_ref is not None and (not _REF.match(set_ref) or (known_sets and set_ref.split("@")[0] not in known_sets)):
        problems.append(f"unknown set {set_ref[:_MAX_QUERY_VALUE]!r} in the link; showing the default")
        set_ref = None
    view = query.get("view", "estimate")
    if view not in VIEWS:
        problems.append(f"unknown view {view[:_MAX_QUERY_VALUE]!r} in the link")
        view = "estimate"
    overrides: dict[str, float] = {}
    for key, text in query.items():
        if not key.startswith("p."):
            continue
        name = key[2:]
        try:
            number = float(text)
        except ValueError:
            number = math.nan
        if not re.match(r"^[a-z][a-z0-9_]{0,63}$", name) or not math.isfinite(number) or number <= 0:
            problems.append(f"ignored parameter {key[:_MAX_QUERY_VALUE]!r} = {text[:_MAX_QUERY_VALUE]!r} in the link")
            continue
        overrides[name] = number
    n = _int(query.get("n"), "n", 1_000, 10_000_000, problems)
    seed = _int(query.get("seed"), "seed", 0, 2**32 - 1, problems)
    scenario = query.get("scenario")
    if scenario is not None and not _REF.match(scenario):
        problems.append(f"unknown scenario {scenario[:_MAX_QUERY_VALUE]!r} in the link")
        scenario = None
    return UrlState(set_ref, view, overrides, n, seed, scenario, tuple(problems))


def _int(text: str | None, name: str, low: int, high: int, problems: list[str]) -> int | None:
    if text is None:
        return None
    if not re.fullmatch(r"\d{1,12}", text) or not low <= int(text) <= high:
        problems.append(f"ignored {name} = {text[:_MAX_QUERY_VALUE]!r} in the link (allowed: {low:,} to {high:,})")
        return None
    return int(text)


def encode_state(state: UrlState, assumption_set: AssumptionSet | None = None) -> dict[str, str]:
    """The query parameters for ``state`` (overrides equal to the set's own values are left out)."""
    query: dict[str, str] = {}
    if state.set_ref:
        query["set"] = state.set_ref
    if state.view != "estimate":
        query["view"] = state.view
    for name, value in state.overrides.items():
        own = assumption_set.parameters.get(name) if assumption_set is not None else None
        if own is not None and math.isclose(value, float(own.value.magnitude), rel_tol=1e-12):
            continue
        query[f"p.{name}"] = repr(float(value))
    if state.n is not None:
        query["n"] = str(state.n)
    if state.seed is not None:
        query["seed"] = str(state.seed)
    if state.scenario:
        query["scenario"] = state.scenario
    return query
