#!/usr/bin/env python3
"""Validates real documents against the committed JSON Schemas (schema/*.schema.json): the
presets and sample supplements (TOML), the sample dataset, the valid inputs of every shared
case, and the evaluation of the sample given as argv[1] (JSON). Needs the `jsonschema`
package; exits 0 with a message when it is missing."""

import datetime
import glob
import json
import os
import sys

try:
    import jsonschema
    import tomllib
except ImportError as e:  # pragma: no cover
    print(f"schema examples: skipped ({e})")
    sys.exit(0)

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def load_schema(name):
    with open(os.path.join(root, "schema", f"{name}.schema.json")) as f:
        s = json.load(f)
    return jsonschema.Draft202012Validator(s, format_checker=jsonschema.FormatChecker())


def dates_to_text(v):
    if isinstance(v, (datetime.date, datetime.datetime)):
        return v.isoformat()
    if isinstance(v, dict):
        return {k: dates_to_text(x) for k, x in v.items()}
    if isinstance(v, list):
        return [dates_to_text(x) for x in v]
    return v


validators = {n: load_schema(n) for n in ["rule-set", "supplement", "dataset", "evaluation"]}
checked = 0
failures = []


def check(kind, doc, where):
    global checked
    checked += 1
    for e in validators[kind].iter_errors(doc):
        failures.append(f"{where}: {'/'.join(map(str, e.absolute_path))}: {e.message[:200]}")


for f in sorted(glob.glob(os.path.join(root, "core", "presets", "*.toml"))):
    with open(f, "rb") as fh:
        check("rule-set", dates_to_text(tomllib.load(fh)), f)
for f in sorted(glob.glob(os.path.join(root, "core", "sample", "*supplement*.toml"))):
    with open(f, "rb") as fh:
        check("supplement", dates_to_text(tomllib.load(fh)), f)
with open(os.path.join(root, "core", "sample", "province.json")) as fh:
    check("dataset", json.load(fh), "core/sample/province.json")
for f in sorted(glob.glob(os.path.join(root, "tests", "cases", "evaluate", "*.json"))):
    with open(f) as fh:
        c = json.load(fh)
    if "error" in c["expect"]:
        continue
    if isinstance(c.get("rules"), dict):
        check("rule-set", c["rules"], f + " rules")
    for i, s in enumerate(c.get("supplements", [])):
        check("supplement", s, f + f" supplements[{i}]")
    if "dataset" in c:
        check("dataset", c["dataset"], f + " dataset")
if len(sys.argv) > 1:
    with open(sys.argv[1]) as fh:
        check("evaluation", json.load(fh), sys.argv[1])

if failures:
    print("\n".join(failures[:50]))
    print(f"schema examples: {len(failures)} failures in {checked} documents")
    sys.exit(1)
print(f"schema examples: {checked} documents valid against schema/")
