#!/usr/bin/env bash
# Runs each cargo-fuzz target of core/fuzz for a short time (FUZZ_SECONDS, default 20) and
# prints libFuzzer's execution count per target and in total. Skips, with a message and
# success, when the nightly toolchain is not installed; installs cargo-fuzz when it is
# missing (set ANTQ_FUZZ_INSTALL=0 to skip instead).
#
#   scripts/fuzz-smoke.sh                          # every target, 20 s each
#   FUZZ_SECONDS=600 scripts/fuzz-smoke.sh dataset # one target, longer
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
seconds="${FUZZ_SECONDS:-20}"
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(rules_json rules_toml dataset evaluate)

if ! cargo +nightly --version >/dev/null 2>&1; then
  echo "fuzz smoke: skipped (no nightly toolchain: rustup toolchain install nightly)"
  exit 0
fi
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
  if [ "${ANTQ_FUZZ_INSTALL:-1}" = 0 ]; then
    echo "fuzz smoke: skipped (cargo-fuzz not installed: cargo install cargo-fuzz)"
    exit 0
  fi
  echo "fuzz smoke: installing cargo-fuzz"
  cargo install cargo-fuzz
fi

cd "$root/core/fuzz"
# Safe Rust only (the core forbids unsafe code): no sanitizer, so more executions per second.
# One process per target, in-process (no -jobs/-workers fork mode), so that a crash is the
# command's exit status and the statistics are on its output.
cargo +nightly fuzz build -O -s none
total=0
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t"
  log="$(mktemp)"
  # -max_len bounds inputs (the parsers' limits are tested elsewhere); seeds may be longer.
  if ! cargo +nightly fuzz run -O -s none "$t" -- -max_total_time="$seconds" -max_len=16384 -print_final_stats=1 \
      >"$log" 2>&1; then
    tail -40 "$log"
    echo "fuzz smoke: target $t FAILED (reproducer in core/fuzz/artifacts/$t/)"
    exit 1
  fi
  runs="$(grep -E '^stat::number_of_executed_units:' "$log" | awk '{print $2}' | tail -1)"
  runs="${runs:-0}"
  total=$((total + runs))
  echo "fuzz smoke: $t: $runs executions in ${seconds}s, no crash"
  rm -f "$log"
done
echo "fuzz smoke: $total executions in total"
