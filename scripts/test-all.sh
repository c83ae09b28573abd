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
  printf '\n== rust: benchmarks in smoke mode (each once, small generated data)\n'
  ANTQ_BENCH_UNITS=3000 cargo test -p antq-benches --benches
fi
if [ "$only" = all ] || [ "$only" = python ]; then
  bash "$root/bindings-python/ci.sh"
fi
if [ "$only" = all ] || [ "$only" = wasm ]; then
  bash "$root/bindings-wasm/ci.sh"
fi
printf '\nall antq tests passed (%s)\n' "$only"
