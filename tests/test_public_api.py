"""The public surface: ``__all__`` is what docs/api.md documents, each name has a numpydoc docstring with
units, and ``import brainflops`` stays cheap (heavy libraries load on first use)."""

from __future__ import annotations

import importlib
import importlib.util
import inspect
import json
import re
import statistics
import subprocess
import sys
import types

import pytest

import brainflops as bf
from tests.conftest import REPO

HEAVY = ("sympy", "pandas", "scipy", "SALib", "matplotlib", "streamlit", "pint", "pydantic")


def documented_names() -> list[str]:
    """The names listed in docs/api.md (bullets that start with a code name)."""
    text = (REPO / "docs" / "api.md").read_text(encoding="utf-8")
    return re.findall(r"^- `([A-Za-z_]\w*)` — ", text, flags=re.MULTILINE)


PUBLIC = [name for name in bf.__all__ if name != "__version__"]


class TestSurface:
    def test_all_is_exactly_the_documented_surface(self):
        documented = documented_names()
        assert len(documented) == len(set(documented)), "a name is documented twice"
        expected = set(documented)
        assert set(bf.__all__) == expected

    def test_all_is_sorted_and_unique(self):
        def key(name: str) -> tuple[int, str]:  # ruff's RUF022 order: CONSTANTS, Classes, the rest
            return (0 if name.isupper() else 1 if name[0].isupper() else 2, name)

        assert bf.__all__ == sorted(set(bf.__all__), key=key)

    @pytest.mark.parametrize("name", bf.__all__)
    def test_every_name_resolves_and_is_listed_by_dir(self, name):
        assert getattr(bf, name) is not None
        assert name in dir(bf)

    def test_star_import(self):
        namespace: dict = {}
        exec("from brainflops import *", namespace)
        assert set(bf.__all__) <= set(namespace)

    def test_function_names_shadowing_submodules_stay_functions(self):
        import brainflops.compare
        import brainflops.diff
        import brainflops.estimate
        import brainflops.sensitivity  # noqa: F401  (binds the submodule on the package)
        from brainflops.forecast.parity import ParityResult

        for name in ("estimate", "sensitivity", "compare", "diff"):
            assert inspect.isfunction(getattr(bf, name)), name
            assert isinstance(sys.modules[f"brainflops.{name}"], types.ModuleType)
        assert inspect.isfunction(bf.timeline)
        assert bf.ParityResult is ParityResult

    def test_a_shadowed_name_can_be_monkeypatched(self, monkeypatch):
        original = bf.estimate
        monkeypatch.setattr(bf, "estimate", lambda *a, **k: "patched")
        assert bf.estimate("x") == "patched"
        monkeypatch.undo()
        assert bf.estimate is original

    def test_fit_hardware_and_plots(self):
        assert bf.fit is bf.fit_loglinear
        assert isinstance(bf.hardware, types.ModuleType) and callable(bf.hardware.load_top500)
        assert isinstance(bf.plots, types.ModuleType) and callable(bf.plots.ladder)

    def test_unknown_name_is_an_attribute_error(self):
        with pytest.raises(AttributeError, match="no attribute 'nope'"):
            bf.nope  # noqa: B018


def test_report_is_the_report_modules_function():
    report_module = importlib.import_module("brainflops.report")  # `import ... as` would give the function

    assert {"report", "ReportData"} <= set(bf.__all__)
    assert bf.report is report_module.report
    assert bf.ReportData is report_module.ReportData


# --- docstrings -----------------------------------------------------------------------------------------

#: Parameter names that are physical quantities: their description must give a unit in brackets.
PHYSICAL = re.compile(r"flops|power|year|temperature|^brain$|_w$|_s$|rate|time")


def _section(doc: str, title: str) -> str:
    """The text of a numpydoc section (up to the next underlined heading)."""
    match = re.search(rf"^{title}\n-+\n(.*?)(?=^\w[\w ]*\n-+\n|\Z)", doc, flags=re.MULTILINE | re.DOTALL)
    return match.group(1) if match else ""


def _parameter_entries(section: str) -> dict[str, str]:
    """Parameter name -> description, from ``name : type`` (or ``a, b : type``) lines and their indented text."""
    entries: dict[str, str] = {}
    current: list[str] = []
    for line in section.splitlines():
        if line and not line.startswith(" "):
            current = [n.strip() for n in line.split(":")[0].split(",")]
            for n in current:
                entries[n] = line
        else:
            for n in current:
                entries[n] += "\n" + line
    return entries


def _callables() -> list[tuple[str, object]]:
    items = []
    for name in PUBLIC:
        obj = getattr(bf, name)
        if inspect.isfunction(obj):
            items.append((name, obj))
    items += [
        (f"plots.{n}", getattr(bf.plots, n)) for n in bf.plots.__all__ if inspect.isfunction(getattr(bf.plots, n))
    ]
    return items


@pytest.mark.parametrize("name", PUBLIC)
def test_every_public_name_has_a_docstring(name):
    obj = getattr(bf, name)
    doc = inspect.getdoc(obj) if not isinstance(obj, dict) else None
    if isinstance(obj, dict | types.SimpleNamespace) or name in ("ureg", "METHODS"):
        pytest.skip("a data object; documented in docs/api.md and where it is defined")
    assert doc and doc.strip(), f"{name} has no docstring"
    summary = doc.strip().splitlines()[0]
    assert summary.endswith((".", ":")) or len(doc.splitlines()) == 1, f"{name}: the summary is one sentence"


@pytest.mark.parametrize(("name", "func"), _callables(), ids=[n for n, _ in _callables()])
def test_functions_document_every_parameter_with_units(name, func):
    doc = inspect.getdoc(func) or ""
    params = [p for p in inspect.signature(func).parameters.values() if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)]
    if not params:
        return
    section = _section(doc, "Parameters")
    assert section, f"{name}: no 'Parameters' section"
    entries = _parameter_entries(section)
    missing = [p.name for p in params if p.name not in entries]
    assert not missing, f"{name}: parameters not documented: {missing}"
    unitless = [p.name for p in params if PHYSICAL.search(p.name) and "[" not in entries[p.name]]
    assert not unitless, f"{name}: physical quantities without a unit in brackets: {unitless}"


@pytest.mark.parametrize("name", [n for n in PUBLIC if inspect.isclass(getattr(bf, n))])
def test_result_and_data_classes_document_their_fields(name):
    cls = getattr(bf, name)
    if issubclass(cls, Exception):
        return
    doc = inspect.getdoc(cls) or ""
    fields = getattr(cls, "__dataclass_fields__", {})
    if len(fields) > 2:
        assert _section(doc, "Attributes") or _section(doc, "Parameters"), f"{name}: no Attributes section"


# --- import time ----------------------------------------------------------------------------------------

PROBE = f"""
import json, sys, time
start = time.perf_counter()
import brainflops
elapsed = time.perf_counter() - start
print(json.dumps({{"s": elapsed, "heavy": [m for m in {HEAVY!r} if m in sys.modules]}}))
"""


def test_import_is_cheap_and_loads_no_heavy_library():
    runs = [json.loads(subprocess.run([sys.executable, "-c", PROBE], check=True, capture_output=True).stdout)]
    runs += [json.loads(subprocess.run([sys.executable, "-c", PROBE], check=True, capture_output=True).stdout)]
    runs += [json.loads(subprocess.run([sys.executable, "-c", PROBE], check=True, capture_output=True).stdout)]
    assert runs[0]["heavy"] == []
    assert statistics.median(r["s"] for r in runs) < 0.5


def test_a_point_estimate_loads_neither_sympy_nor_pandas_nor_scipys_special_functions():
    """The cold path of a notebook user and of every CLI call: methods are checked with pint at definition and
    evaluated numerically; the symbolic formula, tables and special functions load on first use only."""
    probe = (
        "import json, sys; import brainflops as bf; e = bf.estimate('dettmers-2015'); "
        "print(json.dumps([e.flops, [m for m in ('sympy', 'pandas', 'scipy.special', 'SALib', 'matplotlib') "
        "if m in sys.modules]]))"
    )
    flops, loaded = json.loads(subprocess.run([sys.executable, "-c", probe], check=True, capture_output=True).stdout)
    assert flops == pytest.approx(1.075e21, rel=1e-12)
    assert loaded == []
