#!/usr/bin/env bash
# Peer comparison of antq (issue 15): the Circular 124 rules for residential areas and communes
# as an analyst would write them instead — polars (lazy), DuckDB (SQL), vectorised pandas, all
# over Parquet — and with the rule engines zen-engine (PyPI) and json-rules-engine (npm). Every
# engine is checked unit by unit against antq's outcomes, then timed as a fresh process in
# interleaved rounds. Not part of CI. Results: a table on stdout and results.json here.
#
#   benches/peers/run.sh [--rounds R] [--seed S] [--year Y] [--scale N | --units N]
#                        [--engines LIST] [--out FILE]
#
# Data: `antq generate --national` (times --scale; --units N for another size), converted by
# py/to_parquet.py into antq's flat tables as Parquet with every table's records shuffled
# (seeded), and written back as antq JSON with the same shuffled records, which antq and the
# Node peer read (and antq once more, as a diagnostic, on the same records in the generator's
# unit order). Check: every engine on a small edge-case dataset (py/edge.py) and on the
# timed data must give antq's outcome for every unit, or it is not timed (exit 3).
# Timing: R rounds (default 3); in each, every engine runs once as a fresh process; see
# py/peers.py. --engines: comma-separated, antq first (default all; at --scale above 1 or
# --units above 200000, without zen-engine and json-rules-engine). antq runs as its CLI on the
# JSON file (antq), on the Parquet tables (antq-parquet; antq-parquet-compact writes only unit
# and outcome, as the peers do) and from Python (antq-python, built here in release mode).
#
# Installs into benches/peers/.venv (PyPI, requirements.txt) and js/node_modules (npm ci);
# builds antq in release mode (CARGO_TARGET_DIR is honoured).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
ROUNDS=3 SEED=1 YEAR=2023 SCALE=1 UNITS="" ENGINES="" OUT="$HERE/results.json" OUT_ARG=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rounds) ROUNDS="$2"; shift 2 ;;
    --seed) SEED="$2"; shift 2 ;;
    --year) YEAR="$2"; shift 2 ;;
    --scale) SCALE="$2"; shift 2 ;;
    --units) UNITS="$2"; shift 2 ;;
    --engines) ENGINES="$2"; shift 2 ;;
    --out) OUT="$2"; OUT_ARG=" --out $2"; shift 2 ;;
    -h|--help) sed -n '2,24p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown argument $1 (try --help)" >&2; exit 2 ;;
  esac
done
[[ "$ROUNDS" =~ ^[0-9]+$ && "$SCALE" =~ ^[1-9][0-9]*$ ]] || { echo "run.sh: --rounds and --scale need integers" >&2; exit 2; }
if [[ -n "$UNITS" ]]; then
  GEN=(--units "$UNITS"); LABEL="units$UNITS"; BIG=$((UNITS > 200000))
else
  GEN=(--national --scale "$SCALE"); LABEL="national-x$SCALE"; BIG=$((SCALE > 1))
fi
if [[ -z "$ENGINES" ]]; then
  if [[ "$BIG" == 1 ]]; then ENGINES=antq,antq-parquet,antq-parquet-compact,antq-python,antq-python-review,polars,duckdb,pandas
  else ENGINES=antq,antq-parquet,antq-parquet-compact,antq-python,antq-python-review,polars,duckdb,pandas,zen-engine,json-rules-engine; fi
fi
if [[ -n "$UNITS" ]]; then SIZE_ARG="--units $UNITS"; else SIZE_ARG="--scale $SCALE"; fi
COMMAND="benches/peers/run.sh --rounds $ROUNDS --seed $SEED --year $YEAR $SIZE_ARG --engines $ENGINES$OUT_ARG"

echo "== installing peers (PyPI: requirements.txt; npm: json-rules-engine)" >&2
if [[ ! -x "$HERE/.venv/bin/python" ]]; then python3 -m venv "$HERE/.venv"; fi
PY="$HERE/.venv/bin/python"
"$PY" -m pip install --quiet --disable-pip-version-check -r "$HERE/requirements.txt"
if [[ ",$ENGINES," == *,json-rules-engine,* ]]; then (cd "$HERE/js" && npm ci --no-audit --no-fund --silent); fi
if [[ ",$ENGINES," == *,antq-python,* || ",$ENGINES," == *,antq-python-review,* ]]; then
  # antq's Python package, built in release mode into the peers' environment.
  echo "== building antq's Python package (release) into $HERE/.venv" >&2
  "$PY" -m pip install --quiet --disable-pip-version-check "maturin>=1.16,<2"
  (cd "$ROOT/bindings-python" && VIRTUAL_ENV="$HERE/.venv" "$HERE/.venv/bin/maturin" develop --release --quiet >&2)
  export ANTQ_PYTHON="$PY"
fi

echo "== building antq (release)" >&2
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
(cd "$ROOT" && cargo build --release --quiet -p antq-cli --bin antq)
ANTQ="$TARGET/release/antq"

WORK="$HERE/work"
mkdir -p "$WORK"
status=0

echo "== edge-case check (small perturbed dataset, outcomes only, not timed)" >&2
"$ANTQ" generate --units 3000 --seed "$SEED" --year "$YEAR" -o "$WORK/edge-base.json" 2>/dev/null
"$PY" "$HERE/py/edge.py" "$WORK/edge-base.json" "$YEAR" "$SEED" "$WORK/edge.json"
"$PY" "$HERE/py/to_parquet.py" "$WORK/edge.json" "$WORK/edge-$YEAR" --seed "$SEED" >/dev/null
"$PY" "$HERE/py/peers.py" --antq "$ANTQ" --data "$WORK/edge-$YEAR" --year "$YEAR" --rounds 0 \
  --engines "$ENGINES" --out "$WORK/edge.jsonl" || status=$?

DATA="$WORK/$LABEL-seed$SEED-$YEAR"
echo "== generating $DATA (antq generate ${GEN[*]}), shuffled into Parquet and JSON" >&2
"$ANTQ" generate "${GEN[@]}" --seed "$SEED" --year "$YEAR" -o "$WORK/generated.json"
"$PY" "$HERE/py/to_parquet.py" "$WORK/generated.json" "$DATA" --seed "$SEED" >/dev/null
# The same records in the generator's unit order: antq on them is a diagnostic row.
"$PY" "$HERE/py/to_parquet.py" "$WORK/generated.json" "$DATA-unit-order" --keep-order >/dev/null
rm -f "$WORK/generated.json"

echo "== check, then $ROUNDS interleaved rounds (each engine a fresh process)" >&2
UPTIME=$(uptime)
"$PY" "$HERE/py/peers.py" --antq "$ANTQ" --data "$DATA" --year "$YEAR" --rounds "$ROUNDS" \
  --engines "$ENGINES" --unit-order-data "$DATA-unit-order" --out "$WORK/runs.jsonl" || status=$?

"$PY" "$HERE/py/report.py" --command "$COMMAND" --data "$DATA" --generator "antq generate ${GEN[*]}" \
  --seed "$SEED" --year "$YEAR" --uptime-start "$UPTIME" --edge "$WORK/edge.jsonl" --out "$OUT" \
  "$WORK/runs.jsonl" || status=$?
exit "$status"
