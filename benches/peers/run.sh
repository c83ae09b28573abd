#!/usr/bin/env bash
# Peer comparison of antq (issue 5, part 4): the Circular 124 rules for residential areas and
# communes, implemented with zen-engine (PyPI), vectorised pandas and json-rules-engine (npm),
# each checked unit by unit against antq's outcomes on the same generated data, then timed
# side by side. Not part of CI. Results: a table on stdout and results.json here.
#
#   benches/peers/run.sh [--units N] [--repeat K] [--rounds R] [--seed S] [--year Y] [--out FILE]
#
# Timing: R rounds (default 3); in each round antq, the Python peers and the Node peer run one
# after the other, each K times in its process (default 2); a figure is the best of the R x K.
# Interleaving rounds spreads the load of a shared machine over every engine alike.
#
# --units: default the national-size dataset (`antq generate --national`) when the CLI has
# it, else 100000. Installs into benches/peers/.venv (PyPI) and benches/peers/js/node_modules
# (npm ci); builds antq in release mode (CARGO_TARGET_DIR is honoured). --out: where to write
# the results (default benches/peers/results.json).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
UNITS="" REPEAT=2 ROUNDS=3 SEED=1 YEAR=2023 OUT="$HERE/results.json" OUT_ARG=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --units) UNITS="$2"; shift 2 ;;
    --repeat) REPEAT="$2"; shift 2 ;;
    --rounds) ROUNDS="$2"; shift 2 ;;
    --seed) SEED="$2"; shift 2 ;;
    --year) YEAR="$2"; shift 2 ;;
    --out) OUT="$2"; OUT_ARG=" --out $2"; shift 2 ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown argument $1 (try --help)" >&2; exit 2 ;;
  esac
done
[[ "$REPEAT" =~ ^[1-9][0-9]*$ && "$ROUNDS" =~ ^[1-9][0-9]*$ ]] || { echo "run.sh: --repeat and --rounds need positive integers" >&2; exit 2; }
COMMAND="benches/peers/run.sh${UNITS:+ --units $UNITS} --repeat $REPEAT --rounds $ROUNDS --seed $SEED --year $YEAR$OUT_ARG"

echo "== installing peers (PyPI: zen-engine, pandas; npm: json-rules-engine)" >&2
if [[ ! -x "$HERE/.venv/bin/python" ]]; then python3 -m venv "$HERE/.venv"; fi
"$HERE/.venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$HERE/requirements.txt"
(cd "$HERE/js" && npm ci --no-audit --no-fund --silent)

echo "== building antq (release)" >&2
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
(cd "$ROOT" && cargo build --release --quiet -p antq-cli --bin antq -p antq-benches --bin peer_antq)
ANTQ="$TARGET/release/antq"
PEER_ANTQ="$TARGET/release/peer_antq"

WORK="$HERE/work"
mkdir -p "$WORK"
if [[ -z "$UNITS" ]]; then
  if "$ANTQ" generate --help | grep -q -- '--national'; then GEN=(--national); LABEL=national; else GEN=(--units 100000); LABEL=100000; fi
else
  GEN=(--units "$UNITS"); LABEL="$UNITS"
fi
DATA="$WORK/data-$LABEL-seed$SEED-$YEAR.json"
echo "== generating $DATA" >&2
"$ANTQ" generate "${GEN[@]}" --seed "$SEED" --year "$YEAR" -o "$DATA"

PY="$HERE/.venv/bin/python"
status=0
echo "== edge-case check (small perturbed dataset, outcomes only, not timed)" >&2
EDGE="$WORK/edge-seed$SEED-$YEAR.json"
"$ANTQ" generate --units 3000 --seed "$SEED" --year "$YEAR" -o "$WORK/edge-base.json" 2>/dev/null
"$PY" "$HERE/py/edge.py" "$WORK/edge-base.json" "$YEAR" "$SEED" "$EDGE"
"$PEER_ANTQ" "$EDGE" "$YEAR" 1 "$WORK/edge-antq.csv" > "$WORK/edge-antq.json"
(cd "$HERE/py" && "$PY" peers.py "$EDGE" "$YEAR" 0 "$WORK/edge-antq.csv") > "$WORK/edge-py.jsonl" || status=$?
(cd "$HERE/js" && node c124.mjs "$EDGE" "$YEAR" 0 "$WORK/edge-antq.csv") > "$WORK/edge-js.jsonl" || status=$?

: > "$WORK/antq.jsonl"; : > "$WORK/py.jsonl"; : > "$WORK/js.jsonl"
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
for ((round = 1; round <= ROUNDS; round++)); do
  echo "== timing round $round of $ROUNDS (each engine best of $REPEAT; every round checks outcomes first)" >&2
  "$PEER_ANTQ" "$DATA" "$YEAR" "$REPEAT" "$WORK/antq.csv" >> "$WORK/antq.jsonl"
  (cd "$HERE/py" && "$PY" peers.py "$DATA" "$YEAR" "$REPEAT" "$WORK/antq.csv") >> "$WORK/py.jsonl" || status=$?
  (cd "$HERE/js" && node c124.mjs "$DATA" "$YEAR" "$REPEAT" "$WORK/antq.csv") >> "$WORK/js.jsonl" || status=$?
done

"$PY" "$HERE/py/report.py" --command "$COMMAND" --load-start "$LOAD_START" --data "$DATA" --units-arg "$LABEL" --seed "$SEED" --year "$YEAR" \
  --edge "$WORK/edge-py.jsonl" "$WORK/edge-js.jsonl" \
  --out "$OUT" "$WORK/antq.jsonl" "$WORK/py.jsonl" "$WORK/js.jsonl" || status=$?
exit "$status"
