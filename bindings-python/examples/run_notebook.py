"""Runs a notebook headless and fails on any cell error: python run_notebook.py [NOTEBOOK]."""

import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

path = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).with_name("sample.ipynb")
nb = nbformat.read(path, as_version=4)
NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []) if o.get("output_type") == "error"]
if errors:
    sys.exit(f"{path.name}: {len(errors)} cell error(s)")
print(f"{path.name}: {sum(c.cell_type == 'code' for c in nb.cells)} cells ran without error")
