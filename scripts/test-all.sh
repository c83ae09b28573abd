#!/usr/bin/env bash
# Every test of antq: the Rust workspace (unit, property, doc tests and the shared cases),
# the Python package (stubtest, pytest, notebook) and the WebAssembly package (tsc, Node,
# headless Chromium). Installs what it needs (PyPI, npm, wasm-bindgen-cli, Debian chromium).
#
#   scripts/test-all.sh                 # everything
#   ANTQ_ONLY=rust scripts/test-all.sh  # only the Rust workspace (also: python, wasm)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"
only="${ANTQ_ONLY:-all}"

if [ "$only" = all ] || [ "$only" = rust ]; then
  printf '\n== rust: cargo test --workspace\n'
  cargo test --workspace
  printf '\n== rust: committed JSON Schemas (schema/) match the code\n'
  cargo test -p antq --features schema --lib schema::
  printf '\n== rust: presets, sample, shared cases and an evaluation are valid against the schemas\n'
  python3 -c 'import jsonschema' 2>/dev/null || python3 -m pip install -q jsonschema || true
  ev_json="$(mktemp)"
  cargo run -q -p antq-cli -- evaluate --rules vn.c124-2021 --year 2023 sample --format json >"$ev_json"
  python3 "$root/scripts/check-schema-examples.py" "$ev_json"
  rm -f "$ev_json"
  printf '\n== rust: hostile inputs under a memory cap and a timeout\n'
  bash "$root/scripts/hostile.sh"
  printf '\n== rust: fuzz smoke runs (skipped without nightly and cargo-fuzz)\n'
  bash "$root/scripts/fuzz-smoke.sh"
  printf '\n== rust: benchmarks in smoke mode (each once, small generated data)\n'
  ANTQ_BENCH_UNITS=3000 ANTQ_BENCH_SAMPLES=50 cargo test -p antq-benches --benches
fi
if [ "$only" = all ] || [ "$only" = python ]; then
  bash "$root/bindings-python/ci.sh"
fi
if [ "$only" = all ] || [ "$only" = wasm ]; then
  bash "$root/bindings-wasm/ci.sh"
fi
printf '\nall antq tests passed (%s)\n' "$only"
