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
run terminal-escape 0 20 "'$A' explain --year 2023 --data hostile.json C R"
if grep -q $'\x1b' terminal-escape.out || grep -q '^ *Outcome: Meets' terminal-escape.out; then
  echo "FAIL terminal-escape: a control character or fake line reached the output"; fails=$((fails + 1))
fi

# Faults: a closed pipe, a full disk.
"$A" generate --units 20000 -o n.json 2>/dev/null
run closed-pipe 141 30 "set -o pipefail; '$A' review --year 2023 n.json | head -1"
run full-disk 8 20 "'$A' evaluate --year 2023 sample >/dev/full"
expect full-disk 'cannot write `standard output`'

# Vocabulary: a misspelt attested key is an error naming the nearest key.
cat >ra2.json <<'JSON'
{"format_version": 1, "units": [
 {"id": "C", "name": "C", "kind": "commune", "subkind": "xa"},
 {"id": "R", "name": "R", "kind": "residential_area", "subkind": "thon", "parent": "C"}],
 "evidence": [{"unit": "R", "year": 2023, "attested": {"RA2": "yes"}}]}
JSON
run unknown-key 4 20 "'$A' evaluate --year 2023 ra2.json"
expect unknown-key '[unknown_key]'
expect unknown-key 'RA-2'

# A key given twice inside `attested`, and inside `points`.
cat >dup-attested.json <<'JSON'
{"format_version": 1, "units": [{"id": "R", "name": "R", "kind": "residential_area", "subkind": "thon"}],
 "evidence": [{"unit": "R", "year": 2023, "attested": {"RA-2": "yes", "RA-2": "no"}}]}
JSON
run duplicate-attested 4 20 "'$A' evaluate --year 2023 dup-attested.json"
expect duplicate-attested 'duplicate key `RA-2`'
cat >dup-points.json <<'JSON'
{"format_version": 1, "units": [{"id": "A", "name": "A", "kind": "agency"}],
 "evidence": [{"unit": "A", "year": 2023, "points": {"D510-AE-1": {"self": 3}, "D510-AE-1": {"self": 2}}}]}
JSON
run duplicate-points 4 20 "'$A' evaluate --rules vn.d510-2022 --year 2023 dup-points.json"
expect duplicate-points 'duplicate key `D510-AE-1`'

# Look-alike ids (Latin C1, Cyrillic С1) are read, and noted.
printf '{"format_version": 1, "units": [{"id": "C1", "name": "C", "kind": "commune", "subkind": "xa"}, {"id": "\xd0\xa11", "name": "C", "kind": "commune", "subkind": "xa"}]}' >lookalike.json
run look-alike 0 20 "'$A' evaluate --year 2023 lookalike.json"
expect look-alike 'look the same'

# 0 of 0 households proves nothing: undetermined, never met.
cat >zero.json <<'JSON'
{"format_version": 1, "units": [
 {"id": "C", "name": "C", "kind": "commune", "subkind": "xa"},
 {"id": "R", "name": "R", "kind": "residential_area", "subkind": "thon", "parent": "C"}],
 "evidence": [{"unit": "R", "year": 2023, "resolution_date": "2023-01-15", "registration_date": "2023-01-20",
   "households_total": 0, "households_registered": 0,
   "attested": {"RA-2": "yes", "RA-3/other": "yes", "RA-4": "yes", "RA-5": "yes"}}]}
JSON
run zero-of-zero 0 20 "'$A' explain --year 2023 --data zero.json R"
expect zero-of-zero 'Outcome: Undetermined'
expect zero-of-zero 'proves nothing'

# A FIFO is read once (it was opened a second time to locate a problem, and hung).
mkfifo fifo-bad.json fifo-big.json
printf '{"format_version": 1, "units": [\n {"id": "C", "name": "C", "kind": "commune", "subkind": "xa", "parnt": "P"}]}\n' >bad.txt
python3 -c 'print("{\"format_version\": 1, \"units\": [{\"id\": \"C\", \"name\": \"" + "x" * 70000 + "\", \"kind\": \"commune\", \"subkind\": \"xa\"}]}")' >big.txt
run fifo-problem 4 20 "(cat bad.txt >fifo-bad.json &); '$A' evaluate --year 2023 fifo-bad.json"
expect fifo-problem 'fifo-bad.json:2:'
run fifo-limit 4 20 "(cat big.txt >fifo-big.json &); '$A' evaluate --year 2023 fifo-big.json"
expect fifo-limit 'max_string_bytes = 65536'

# A failed -o write says so, and leaves nothing.
run write-fails 8 20 "'$A' generate --units 100 -o /nonexistent/dir/x.json"
expect write-fails 'cannot write'

# Names and ids over the string limit (64 KiB).
python3 - <<'PY'
long = "x" * 70000
for name, unit in (("long-name", '{"id": "C", "name": "%s", "kind": "commune", "subkind": "xa"}' % long),
                   ("long-id", '{"id": "%s", "name": "C", "kind": "commune", "subkind": "xa"}' % long)):
    open(name + ".json", "w").write('{"format_version": 1, "units": [%s]}' % unit)
PY
run long-name 4 20 "'$A' evaluate --year 2023 long-name.json"
expect long-name 'max_string_bytes = 65536'
run long-id 4 20 "'$A' evaluate --year 2023 long-id.json"
expect long-id 'max_string_bytes = 65536'

# A parent chain 200,000 units deep (communes under communes): refused, the problems
# capped while they are found and counted in the header.
python3 - <<'PY'
n = 200_000
units = ['{"id": "P", "name": "P", "kind": "province", "subkind": "tinh"}']
units += ['{"id": "C%d", "name": "C", "kind": "commune", "subkind": "xa", "parent": "%s"}' % (i, "C%d" % (i - 1) if i else "P") for i in range(n)]
open("chain.json", "w").write('{"format_version": 1, "units": [\n' + ",\n".join(units) + "]}")
PY
run parent-chain 4 30 "'$A' evaluate --year 2023 chain.json"
expect parent-chain 'invalid dataset (199999 problems)'
expect parent-chain '… and 199899 more problems not listed'

# A rule set of 101 criteria of 1,000 sub-tests each: over max_tests.
python3 - <<'PY'
import json
rs = json.load(open("wide.json"))
crit = rs["criteria"][0]
rs["criteria"] = [dict(crit, id="W%d" % c, test={"test": "k_of_n", "k": 1,
                  "of": [{"test": "attested", "key": "K%d" % i} for i in range(999)]}) for c in range(101)]
json.dump(rs, open("tests.json", "w"))
PY
run max-tests 3 30 "'$A' evaluate --rules tests.json --year 2023 sample"
expect max-tests 'max_tests = 100000'

# Memory: evaluating a generated dataset (n.json, above), from the file and from standard
# input, takes at most twice the file beyond what the process takes on the bundled sample
# (the program, its presets, its buffers). Peak resident memory from GNU time (`%M`).
if [ -x /usr/bin/time ]; then
  run memory-base 0 60 "/usr/bin/time -f 'peak %M KB' '$A' evaluate --year 2023 sample >/dev/null"
  run memory 0 60 "/usr/bin/time -f 'peak %M KB' '$A' evaluate --year 2023 n.json >/dev/null"
  run memory-stdin 0 60 "/usr/bin/time -f 'peak %M KB' '$A' evaluate --year 2023 - <n.json >/dev/null"
  base_kb=$(sed -n 's/^peak \([0-9]*\) KB$/\1/p' memory-base.err)
  file_kb=$(( $(wc -c <n.json) / 1024 ))
  for m in memory memory-stdin; do
    peak_kb=$(sed -n 's/^peak \([0-9]*\) KB$/\1/p' "$m.err")
    if [ -z "$peak_kb" ] || [ -z "$base_kb" ] || [ $((peak_kb - base_kb)) -gt $((2 * file_kb)) ]; then
      echo "FAIL $m: peak ${peak_kb:-?} KB (${base_kb:-?} KB on the sample) for a file of $file_kb KB: over 2x"
      fails=$((fails + 1))
    else
      echo "     $m: peak $peak_kb KB, $base_kb KB on the sample, for a file of $file_kb KB"
    fi
  done
else
  echo "SKIP memory: /usr/bin/time (GNU time, Debian package \`time\`) is not installed"
fi

if [ "$fails" -gt 0 ]; then
  echo "$fails hostile check(s) failed"
  exit 1
fi
echo "hostile inputs: all handled"
