#!/usr/bin/env bash
# CI for the Python package: builds the wheel once (release), installs it into a virtual
# environment with the test tools from PyPI, then runs stubtest, pytest and the example
# notebook (headless). Idempotent: the environment is reused when it is already there.
#
#   bash bindings-python/ci.sh            # from anywhere
#   ANTQ_VENV=/path/to/venv bash bindings-python/ci.sh
#
# Needs: a Rust toolchain and CPython >= 3.9 with venv (`python3`, or $PYTHON).
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
VENV="${ANTQ_VENV:-$HERE/.venv}"
PY="${PYTHON:-python3}"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
WHEELS="$TARGET/antq-python-wheels"

step() { printf '\n== python: %s\n' "$*"; }

step "environment ($VENV)"
if [ ! -x "$VENV/bin/python" ]; then
    "$PY" -m venv "$VENV"
fi
# shellcheck disable=SC1091
source "$VENV/bin/activate"
python --version
python -m pip install --quiet --disable-pip-version-check --upgrade pip
python -m pip install --quiet --disable-pip-version-check \
    "maturin>=1.16,<2" "pytest>=7" "hypothesis>=6" "mypy>=1.10" "pyarrow>=14" "pandas>=2.2" \
    "polars>=1.0" "matplotlib>=3.5" "nbclient>=0.10" "ipykernel>=6" "nbformat>=5"

step "build the wheel (maturin build --release)"
rm -rf "$WHEELS"
(cd "$HERE" && maturin build --release --out "$WHEELS")
python -m pip install --quiet --disable-pip-version-check --force-reinstall --no-deps "$WHEELS"/antq-*.whl
# Run everything from outside the source tree, so that `import antq` is the installed wheel.
cd "$HERE/tests"
python -c 'import antq, sys; print("antq", antq.__version__, "from", antq.__file__); sys.exit(0)'

step "stubtest"
python -m mypy.stubtest antq
python -m mypy --strict --no-incremental "$HERE/python/antq"

step "pytest"
MPLBACKEND=Agg python -m pytest -q -p no:cacheprovider "$HERE/tests"

step "example notebook (headless)"
python "$HERE/examples/run_notebook.py" "$HERE/examples/sample.ipynb"

step "the README example"
python - <<'EOF'
import antq
report = antq.sample_report()
assert "SYNTHETIC SAMPLE DATA" in report
ev = antq.evaluate(antq.Dataset.sample(), "vn.c124-2021", 2023)
print(report.splitlines()[0])
print(ev)
EOF

step "the sample report is the CLI's (same core, same text)"
(cd "$ROOT" && cargo run --quiet -p antq-cli -- demo) > "$TARGET/antq-demo-cli.txt"
python -c '
import sys, antq
want = open(sys.argv[1], encoding="utf-8").read()
assert antq.sample_report() == want, "antq.sample_report() differs from antq demo"
print("identical,", len(want.splitlines()), "lines")
' "$TARGET/antq-demo-cli.txt"

step "ok"
