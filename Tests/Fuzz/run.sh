#!/usr/bin/env bash
# Runs libFuzzer targets for a while each (building them first, see build.sh).
#
# Usage: Tests/Fuzz/run.sh <TARGET|all> SECONDS
#
# Each target starts from its committed seeds (Tests/Fuzz/TARGET/corpus) plus what earlier runs found
# (.build/fuzz/corpus/TARGET). A crash, a single input running longer than 10 s, or memory past 2 GiB
# stops the target and leaves the input in .build/fuzz/artifacts/; the script then exits non-zero.
# Reproduce one with `.build/fuzz/bin/fuzz-TARGET FILE`, and add a regression test for it.
set -uo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
fuzz="$root/Tests/Fuzz"
out="$root/.build/fuzz"

if [ $# -ne 2 ] || ! [[ "$2" =~ ^[0-9]+$ ]]; then
  echo "usage: $0 <target|all> SECONDS" >&2
  exit 64
fi
if [ "$1" = all ]; then
  targets=()
  for d in "$fuzz"/*/; do [ -f "$d/main.swift" ] && targets+=("$(basename "$d")"); done
else
  targets=("$1")
fi

"$fuzz/build.sh" "${targets[@]}" || exit 1

status=0
for t in "${targets[@]}"; do
  mkdir -p "$out/corpus/$t" "$out/artifacts"
  seeds=()
  [ -d "$fuzz/$t/corpus" ] && seeds+=("$fuzz/$t/corpus")
  dict=()
  [ -f "$fuzz/$t/dictionary" ] && dict+=("-dict=$fuzz/$t/dictionary")
  log="$out/$t.log"
  echo "fuzz: $t for $2 s"
  # Swift's own crash backtracer would read memory AddressSanitizer watches: let libFuzzer report.
  # Leaks inside the toolchain's libraries are suppressed (lsan.supp says which and why).
  SWIFT_BACKTRACE=enable=no LSAN_OPTIONS="suppressions=$fuzz/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}" "$out/bin/fuzz-$t" -max_total_time="$2" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$out/artifacts/$t-" "${dict[@]}" "$out/corpus/$t" "${seeds[@]}" >"$log" 2>&1
  rc=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  if [ "$rc" -eq 0 ]; then
    echo "fuzz: $t ok, ${runs:-?} executions, corpus $(ls "$out/corpus/$t" | wc -l) inputs"
  else
    status=1
    echo "fuzz: $t FAILED (exit $rc) after ${runs:-?} executions; log $log" >&2
    grep -m1 -E "ERROR: |Fatal error|SUMMARY" "$log" >&2 || tail -20 "$log" >&2
    ls -t "$out/artifacts/$t-"* 2>/dev/null | head -1 | sed 's/^/fuzz: input /' >&2
  fi
done
exit "$status"
