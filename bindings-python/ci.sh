#!/usr/bin/env bash
# CI for the Python package: builds the wheel once (release, stripped, abi3, manylinux2014
# through zig's linker), installs it into a fresh virtual environment with the test tools from
# PyPI, then runs stubtest, pytest and the example notebooks (headless) against that wheel.
# The build environment is reused when it is already there; the test environment is new
# each run, so the tests see only what `pip install antq-….whl` gives.
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
python -m pip install --quiet --disable-pip-version-check "maturin>=1.16,<2" "ziglang>=0.13"

step "build the wheel (maturin build --release --strip --zig --compatibility manylinux2014)"
# zig links against glibc 2.17's symbols, so the wheel installs on any manylinux2014 system
# whatever this machine's glibc is; maturin checks the symbols (auditwheel) before tagging.
rm -rf "$WHEELS"
(cd "$HERE" && maturin build --release --strip --zig --compatibility manylinux2014 --out "$WHEELS")
wheel="$(ls "$WHEELS"/antq-*.whl)"
echo "wheel: $(basename "$wheel"), $(du -k "$wheel" | cut -f1) KiB"

step "a fresh environment with the wheel and the test tools"
deactivate
TESTVENV="$TARGET/antq-python-test-venv"
rm -rf "$TESTVENV"
"$PY" -m venv "$TESTVENV"
# shellcheck disable=SC1091
source "$TESTVENV/bin/activate"
python -m pip install --quiet --disable-pip-version-check \
    "pytest>=7" "hypothesis>=6" "mypy>=1.10" "pyarrow>=15" "pandas>=2.2" "polars>=1.0" "matplotlib>=3.5" \
    "tqdm>=4.60" "nbclient>=0.10" "ipykernel>=6" "nbformat>=5"
start=$(date +%s%N)
python -m pip install --quiet --disable-pip-version-check --no-deps "$wheel"
echo "pip install of the wheel: $(( ($(date +%s%N) - start) / 1000000 )) ms"
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

step "the national notebook (headless; under 30 s, checked in its last cell)"
MPLBACKEND=Agg python "$HERE/examples/run_notebook.py" "$HERE/examples/national.ipynb"

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
