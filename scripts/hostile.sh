#!/usr/bin/env bash
# Hostile and careless inputs (issue 13), each run under a memory cap and a timeout: a
# failure here means antq answered wrongly, hung, ran out of memory or panicked.
#
#   scripts/hostile.sh            # builds the debug `antq`; ANTQ_BIN=path uses another
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"
if [ -z "${ANTQ_BIN:-}" ]; then
  cargo build -q -p antq-cli
  ANTQ_BIN="$CARGO_TARGET_DIR/debug/antq"
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
MEM_KB="${ANTQ_HOSTILE_MEM_KB:-3000000}"   # 3 GB of address space per run
fails=0

# run NAME WANT_EXIT SECONDS COMMAND...: runs COMMAND (a shell string) capped, and checks
# its exit code; its standard error is kept in NAME.err, standard output in NAME.out.
run() {
  local name="$1" want="$2" secs="$3"; shift 3
  local start rc
  start=$(date +%s.%N)
  set +e
  ( ulimit -v "$MEM_KB"; timeout "$secs" bash -c "$*" ) >"$name.out" 2>"$name.err"
  rc=$?
  set -e
  local took
  took=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.2f", e - s }')
  if [ "$rc" != "$want" ]; then
    printf 'FAIL %-28s exit %s, wanted %s (%ss)\n' "$name" "$rc" "$want" "$took"
    head -c 600 "$name.err"; echo
    fails=$((fails + 1))
  elif grep -q 'panicked' "$name.err"; then
    printf 'FAIL %-28s panicked\n' "$name"; fails=$((fails + 1))
  else
    printf 'ok   %-28s exit %s (%ss)\n' "$name" "$rc" "$took"
  fi
}

# expect NAME TEXT: the run's standard error or output holds TEXT.
expect() {
  if ! grep -qF -- "$2" "$1.err" "$1.out"; then
    printf 'FAIL %-28s does not say: %s\n' "$1" "$2"; fails=$((fails + 1))
  fi
}

A="$ANTQ_BIN"

# Arithmetic: two counts adding up to more than u64::MAX.
cat >overflow.json <<'JSON'
{"format_version": 1, "units": [
 {"id": "C", "name": "C", "kind": "commune", "subkind": "xa"},
 {"id": "R", "name": "R", "kind": "residential_area", "subkind": "thon", "parent": "C"}],
 "activities": [
 {"unit": "R", "date": "2023-03-01", "type": "propaganda_meeting", "attendees": 18446744073709551615},
 {"unit": "C", "date": "2023-03-01", "type": "propaganda_meeting", "attendees": 2}]}
JSON
run overflow 4 20 "'$A' stats overflow.json --year 2023"
expect overflow '[overflow]'

# Identity: an invisible character in an id is refused.
printf '{"format_version": 1, "units": [{"id": "C\xe2\x80\x8b", "name": "C", "kind": "commune", "subkind": "xa"}]}' >zw.json
run invisible-id 4 20 "'$A' check vn.c124-2021 --data zw.json"
expect invisible-id 'U+200B'

# 100,000 problems: capped at 100 plus a count, located in linear time.
python3 - <<'PY'
ev = ",\n".join('{"unit": "X%d", "year": 2023}' % i for i in range(100_000))
open("many.json", "w").write('{"format_version": 1, "units": [{"id": "C", "name": "C", "kind": "commune", "subkind": "xa"}],\n"evidence": [\n' + ev + "]}")
# One line of 100,000 problems (minified), the worst case for columns.
open("many-one-line.json", "w").write(open("many.json").read().replace("\n", ""))
PY
run many-problems 4 20 "'$A' evaluate --year 2023 many.json"
expect many-problems '… and 99900 more problems not listed'
run many-problems-one-line 4 20 "'$A' evaluate --year 2023 many-one-line.json"
expect many-problems-one-line '… and 99900 more problems not listed'
if [ "$(wc -c <many-problems.err)" -gt 100000 ]; then
  echo "FAIL many-problems: $(wc -c <many-problems.err) bytes of errors"; fails=$((fails + 1))
fi

# Reading is bounded: an endless device, an endless pipe on standard input.
run endless-device 5 60 "'$A' evaluate --year 2023 /dev/zero"
expect endless-device 'over the limit max_document_bytes'
run endless-stdin 5 60 "cat /dev/zero | '$A' evaluate --year 2023 -"
expect endless-stdin 'over the limit max_document_bytes'

# generate is bounded by the same limits.
# A rule set with one k_of_n of 100,000 sub-tests (was killed at 20 GB): refused by max_subtests.
python3 - <<'PY'
import json
of = [{"test": "attested", "key": f"K{i}"} for i in range(100000)]
rs = {"format_version": 1, "id": "wide", "version": "1", "title": {"vi": "x", "en": "x"}, "legal_basis": [],
      "windows": [{"kinds": ["commune"], "start": "Y-1-11-16", "end": "Y-11-15"}],
      "criteria": [{"id": "W", "kinds": ["commune"], "label": {"vi": "x", "en": "x"}, "legal_basis": [],
                    "certainty": "sample", "wording": "summary", "test": {"test": "k_of_n", "k": 1, "of": of}}],
      "outcome": {"policy": "all_mandatory"}}
open("wide.json", "w").write(json.dumps(rs))
PY
run wide-test 3 20 "'$A' evaluate --rules wide.json --year 2023 sample"
expect wide-test 'max_subtests = 1000'

run generate-100-years 4 30 "'$A' generate --national --years 100 --year 1900 -o big.json"
expect generate-100-years 'max_evidence'
[ ! -e big.json ] || { echo "FAIL generate-100-years left big.json"; fails=$((fails + 1)); }

# Safe outputs: a formula in a CSV cell, escapes and a fake line in a name.
cat >hostile.json <<'JSON'
{"format_version": 1, "units": [
 {"id": "C", "name": "X\u001b[2J\nOutcome: Meets", "kind": "commune", "subkind": "xa"},
 {"id": "R", "name": "=HYPERLINK(\"http://x\")", "kind": "residential_area", "subkind": "thon", "parent": "C"}]}
JSON
run csv-formula 0 20 "'$A' evaluate --year 2023 hostile.json --format csv"
expect csv-formula "\"'=HYPERLINK("
run terminal-escape 0 20 "'$A' explain --data hostile.json C R"
if grep -q $'\x1b' terminal-escape.out || grep -q '^ *Outcome: Meets' terminal-escape.out; then
  echo "FAIL terminal-escape: a control character or fake line reached the output"; fails=$((fails + 1))
fi

# Faults: a closed pipe, a full disk.
"$A" generate --units 20000 -o n.json 2>/dev/null
run closed-pipe 141 30 "set -o pipefail; '$A' review --year 2023 n.json | head -1"
run full-disk 8 20 "'$A' evaluate --year 2023 sample >/dev/full"
expect full-disk 'cannot write `standard output`'

if [ "$fails" -gt 0 ]; then
  echo "$fails hostile check(s) failed"
  exit 1
fi
echo "hostile inputs: all handled"
