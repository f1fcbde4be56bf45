"""examples/quickstart.ipynb runs top to bottom in a fresh kernel (nbclient + ipykernel), with no cell erroring."""

from __future__ import annotations

import pytest

from tests.conftest import REPO

nbformat = pytest.importorskip("nbformat", reason="the test extra provides nbformat")
nbclient = pytest.importorskip("nbclient", reason="the test extra provides nbclient")
pytest.importorskip("ipykernel", reason="the test extra provides ipykernel")

NOTEBOOK = REPO / "examples" / "quickstart.ipynb"


def test_quickstart_runs_without_errors(tmp_path):
    nb = nbformat.read(NOTEBOOK, as_version=4)
    # The kernel is ipykernel's own spec, which runs the interpreter running the tests (the venv's python).
    client = nbclient.NotebookClient(
        nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
    )
    client.execute()  # raises CellExecutionError naming the cell if any cell errors
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors
    images = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if "image/png" in o.get("data", {})]
    assert len(images) >= 3  # the ladder, the tornado and the timeline


def test_committed_notebook_has_its_outputs():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.outputs for c in code), "execute the notebook and save it with its outputs"
    assert not [o for c in code for o in c.outputs if o.output_type == "error"]
