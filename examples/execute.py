"""Execute the example notebooks in a fresh kernel and save them with their outputs.

Run ``python examples/execute.py`` (or ``make docs``) after changing the library or a notebook; commit the
result. ``tests/test_notebook.py`` executes the same notebooks and fails if any cell errors.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

HERE = Path(__file__).resolve().parent


def execute(path: Path) -> None:
    """Run every cell of ``path`` (working directory: the notebook's folder) and write the outputs back."""
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
    for cell in nb.cells:
        cell.metadata.pop("execution", None)  # timestamps would make every run a diff
    nbformat.write(nb, path)


def main(argv: list[str]) -> int:
    """Execute the notebooks named in ``argv``, or every notebook in ``examples/``."""
    paths = [Path(a) for a in argv] or sorted(HERE.glob("*.ipynb"))
    for path in paths:
        execute(path)
        print(f"executed {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
