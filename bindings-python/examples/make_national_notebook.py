"""Writes national.ipynb (outputs empty; CI runs it with run_notebook.py): the national review
grouped by province, with the public API only, timed (under 30 s on 2 cores)."""

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

cells = [
    new_markdown_cell(
        "# antq at national scale: the review by province\n\n"
        "Generate a dataset of the national shape (34 provinces, 3,321 communes, about 63,600 "
        "residential areas and 100,000 agencies, enterprises and schools: what `antq generate "
        "--national` writes), review it against Circular 124/2021/TT-BCA for 2023, and group the "
        "results by province with the hierarchy columns every unit table carries "
        "(`commune`, `district`, `province` on the review date).\n\n"
        "**The data is synthetic**: generated, not real review data. The whole notebook runs in "
        "under 30 s on 2 cores; the last cell prints the time."
    ),
    new_code_cell("import time\n\nstarted = time.perf_counter()\nimport antq\n\nantq.__version__"),
    new_markdown_cell("## The national dataset (generated in Rust, deterministic for the seed)"),
    new_code_cell("ds = antq.Dataset.generate(170_000, 2023, seed=1)\nds"),
    new_markdown_cell(
        "## The hierarchy on the review date\n\n"
        "`Dataset.hierarchy(year)` gives every unit's parent, commune, district and province on "
        "15 November of the year (`parent_changes` applied; from 1 July 2025 there is no district)."
    ),
    new_code_cell(
        'h = ds.hierarchy(2023, library="pandas")\n'
        'h[h.kind == "commune"].groupby("province").size().describe()  # communes per province'
    ),
    new_markdown_cell("## Review every unit (explained results, every core)"),
    new_code_cell(
        't = time.perf_counter()\nev = antq.evaluate(ds, "vn.c124-2021", 2023)\n'
        'print(f"{len(ev):,} units evaluated in {time.perf_counter() - t:.1f} s")\nev'
    ),
    new_markdown_cell("## By province: units in scope, meeting the standard, undetermined"),
    new_code_cell(
        'rows = ev.rows(library="pandas")\n'
        'in_scope = rows[rows.outcome != "out_of_scope"]\n'
        "by_province = (\n"
        '    in_scope.assign(meets=in_scope.outcome.eq("meets"), undetermined=in_scope.outcome.eq("undetermined"))\n'
        '    .groupby("province")\n'
        '    .agg(units=("unit", "size"), meeting=("meets", "sum"), undetermined=("undetermined", "sum"))\n'
        ")\n"
        'by_province["share"] = by_province.meeting / by_province.units\n'
        'by_province.sort_values("share").head(10)'
    ),
    new_markdown_cell("Communes only, and the provinces furthest from the standard:"),
    new_code_cell(
        'communes = in_scope[in_scope.kind == "commune"]\n'
        'communes.groupby("province").outcome.value_counts().unstack(fill_value=0).sort_values("meets").head()'
    ),
    new_markdown_cell("## The share meeting, per province (counted in the core)"),
    new_code_cell('ev.plot_share(by="province", top=34)'),
    new_code_cell('ev.plot_share(by="province", unit_kind="commune", top=34)'),
    new_markdown_cell("## One failing commune, explained"),
    new_code_cell(
        'worst = by_province.sort_values("share").index[0]\n'
        'failing = communes[(communes.province == worst) & (communes.outcome == "does_not_meet")].unit.iloc[0]\n'
        "print(ev[failing].explain())"
    ),
    new_markdown_cell("## Time"),
    new_code_cell(
        "elapsed = time.perf_counter() - started\n"
        'print(f"the whole notebook: {elapsed:.1f} s")\n'
        'assert elapsed < 30, f"{elapsed:.1f} s: over the 30 s budget"'
    ),
]

nb = new_notebook(cells=cells, metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}})
nbformat.write(nb, Path(__file__).with_name("national.ipynb"))
