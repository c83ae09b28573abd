"""Writes sample.ipynb (outputs empty; CI runs it with run_notebook.py)."""

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

cells = [
    new_markdown_cell(
        "# antq: the sample province\n\n"
        "Evaluate the bundled sample against Circular 124/2021/TT-BCA (the standard *Safe in security "
        "and order*), explain a commune that fails, plot, and export.\n\n"
        "**The sample is synthetic**: made-up units and evidence for one province, not real review data."
    ),
    new_code_cell("import json, tempfile\nfrom pathlib import Path\n\nimport antq\nantq.__version__, antq.presets()"),
    new_markdown_cell("## Load the sample and the rules"),
    new_code_cell("ds = antq.Dataset.sample()\nds"),
    new_code_cell('rules = antq.RuleSet.preset("vn.c124-2021")\nrules  # criteria with legal basis and certainty'),
    new_markdown_cell("## Evaluate for 2023"),
    new_code_cell("ev = antq.evaluate(ds, rules, 2023)\nev"),
    new_code_cell('df = ev.rows(library="pandas")  # one row per unit\ndf[df.kind == "commune"]'),
    new_markdown_cell("## Why does a commune not meet the standard?"),
    new_code_cell(
        'failing = next(u for u in ev if u.kind == "commune" and u.outcome == "does_not_meet")\n'
        "print(failing.explain())"
    ),
    new_code_cell("failing  # the same as a table: observed against threshold, legal basis"),
    new_code_cell(
        "long = ev.criterion_rows(library=\"pandas\")  # per-criterion status, long form\n"
        "long[(long.unit == failing.unit)][[\"criterion\", \"status\", \"observed\", \"threshold\", \"legal_basis\"]]"
    ),
    new_markdown_cell("## What is still missing for undetermined units?"),
    new_code_cell(
        'for u in (u for u in ev if u.outcome == "undetermined"):\n'
        '    print(u.unit, [m["key"] for m in u.missing])'
    ),
    new_markdown_cell("## The decision record (reproduces the result)"),
    new_code_cell("ev.decision"),
    new_markdown_cell("## Plots"),
    new_code_cell('ev.plot_share(unit_kind="residential_area")'),
    new_code_cell(
        'd510 = antq.RuleSet.preset("vn.d510-2022").with_supplement(antq.Supplement.sample("d510"))\n'
        "antq.evaluate(ds, d510, 2023).plot_scores()"
    ),
    new_markdown_cell("## Tables in and out (pandas here; polars and pyarrow work the same)"),
    new_code_cell(
        'frames = ds.to_frames(library="pandas")\n'
        "again = antq.Dataset.from_frames(**frames, meta=ds.meta)\n"
        "assert again == ds\n"
        'frames["evidence"].head()'
    ),
    new_code_cell('antq.activity_stats(ds, 2023).rows(library="pandas").head()'),
    new_markdown_cell("## Export"),
    new_code_cell(
        "out = Path(tempfile.mkdtemp(prefix=\"antq-\"))\n"
        "df.to_csv(out / \"units-2023.csv\", index=False)\n"
        "long.to_csv(out / \"criteria-2023.csv\", index=False)\n"
        "(out / \"decision-2023.json\").write_text(json.dumps(ev.decision, ensure_ascii=False, indent=2), encoding=\"utf-8\")\n"
        "(out / \"evaluation-2023.json\").write_text(ev.to_json(), encoding=\"utf-8\")\n"
        "sorted(p.name for p in out.iterdir())"
    ),
    new_markdown_cell("## The whole sample report"),
    new_code_cell("print(antq.sample_report())"),
]

nb = new_notebook(cells=cells, metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}})
nbformat.write(nb, Path(__file__).with_name("sample.ipynb"))
