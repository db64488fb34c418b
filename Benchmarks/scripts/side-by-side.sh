#!/usr/bin/env bash
# Times mcprisk against python3's json.load of the same files, side by side: runs alternate (mcprisk,
# python, mcprisk, ...) so both meet the same machine load, and the medians of wall time and peak
# memory (GNU time's maximum resident set) are printed, with their ratio.
#
#   Benchmarks/scripts/side-by-side.sh RUNS PATH [mcprisk arguments...]
#   Benchmarks/scripts/side-by-side.sh 5 /tmp/mcprisk-catalogue scan /tmp/mcprisk-catalogue --format json -o /dev/null
#   Benchmarks/scripts/side-by-side.sh 9 Tests/Fixtures/eval/snapshots/workspace-mcp.json scan Tests/Fixtures/eval/snapshots/workspace-mcp.json -f json -o /dev/null
#
# PATH is a file or a folder (every .json below it, hidden entries skipped, in path order, as mcprisk
# reads it); python loads each with json.load, one after another. MCPRISK names the binary
# (default .build/release/mcprisk).
set -euo pipefail
runs=${1:?runs}; path=${2:?path}; shift 2
mcprisk=${MCPRISK:-.build/release/mcprisk}
[ -x /usr/bin/time ] || { echo "side-by-side: needs GNU time at /usr/bin/time" >&2; exit 2; }
load='import json, os, sys
root = sys.argv[1]
if os.path.isfile(root):
    files = [root]
else:
    files = []
    for d, ds, fs in os.walk(root):
        ds[:] = [x for x in ds if not x.startswith(".")]
        files += [os.path.join(d, f) for f in fs if f.lower().endswith(".json") and not f.startswith(".")]
    files.sort(key=lambda p: p.encode())
for f in files:
    with open(f, "rb") as h:
        json.load(h)'
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for i in $(seq "$runs"); do
  /usr/bin/time -f "%e %M" -o "$out/m$i" "$mcprisk" "$@" >/dev/null || true
  /usr/bin/time -f "%e %M" -o "$out/p$i" python3 -c "$load" "$path" >/dev/null
done
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
mt=$(cat "$out"/m* | awk '{print $1}' | median); mm=$(cat "$out"/m* | awk '{print $2}' | median)
pt=$(cat "$out"/p* | awk '{print $1}' | median); pm=$(cat "$out"/p* | awk '{print $2}' | median)
awk -v mt="$mt" -v mm="$mm" -v pt="$pt" -v pm="$pm" -v runs="$runs" -v args="$*" 'BEGIN {
  printf "mcprisk %s\n  median %.3f s, peak %.1f MiB\n", args, mt, mm / 1024
  printf "python3 json.load of the same files\n  median %.3f s, peak %.1f MiB\n", pt, pm / 1024
  printf "ratio (mcprisk / python): %.2fx time, %d runs each, alternating\n", mt / pt, runs }' 
