#!/usr/bin/env bash
# Times two mcprisk binaries on the same arguments, side by side: runs alternate (before, after, before,
# ...) so both meet the same machine load, and each one's median wall time (in ms, read from bash's own
# clock around the run, no process of its own) and median peak memory (GNU time's maximum resident set)
# are printed, with their ratio.
#
#   Benchmarks/scripts/before-after.sh RUNS BEFORE AFTER [mcprisk arguments...]
#   Benchmarks/scripts/before-after.sh 15 /tmp/mcprisk-before .build/release/mcprisk scan Tests/Fixtures/eval/snapshots/workspace-mcp.json --format json -o /dev/null
#
# BEFORE and AFTER are binaries (e.g. one built from the commit before a change, copied aside). Use
# side-by-side.sh to compare one binary with python's json.load of the same files.
set -euo pipefail
runs=${1:?runs}; before=${2:?before binary}; after=${3:?after binary}; shift 3
[ -x /usr/bin/time ] || { echo "before-after: needs GNU time at /usr/bin/time" >&2; exit 2; }
[ -n "${EPOCHREALTIME:-}" ] || { echo "before-after: needs bash 5 (EPOCHREALTIME)" >&2; exit 2; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for i in $(seq "$runs"); do
  for side in before after; do
    bin=$before; [ "$side" = after ] && bin=$after
    start=${EPOCHREALTIME//[.,]/}
    /usr/bin/time -f "%M" -o "$out/$side.rss.$i" "$bin" "$@" >/dev/null 2>&1 || true
    end=${EPOCHREALTIME//[.,]/}
    echo $(( end - start )) >> "$out/$side.us"
  done
done
median() { sort -n | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }
bt=$(median < "$out/before.us"); bm=$(cat "$out"/before.rss.* | median)
at=$(median < "$out/after.us"); am=$(cat "$out"/after.rss.* | median)
awk -v bt="$bt" -v bm="$bm" -v at="$at" -v am="$am" -v runs="$runs" -v args="$*" 'BEGIN {
  printf "mcprisk %s\n", args
  printf "  before: median %.1f ms, peak %.1f MiB\n", bt / 1000, bm / 1024
  printf "  after:  median %.1f ms, peak %.1f MiB\n", at / 1000, am / 1024
  printf "ratio (before / after): %.2fx time, %d runs each, alternating\n", bt / at, runs }'
