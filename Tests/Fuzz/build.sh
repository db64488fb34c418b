#!/usr/bin/env bash
# Builds the libFuzzer targets of Tests/Fuzz without touching the package build: the library modules
# the targets import are compiled with swiftc (optimised, coverage-instrumented for libFuzzer, with
# AddressSanitizer) into static libraries under .build/fuzz/lib, then each target's main.swift is
# linked against them into .build/fuzz/bin/fuzz-TARGET. Modules and their dependencies are read from
# Package.swift (`swift package dump-package`); a module is rebuilt only when its sources changed.
#
# Usage: Tests/Fuzz/build.sh [TARGET...]      (default: every directory of Tests/Fuzz with a main.swift)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
fuzz="$root/Tests/Fuzz"
out="$root/.build/fuzz"
mkdir -p "$out/lib" "$out/bin"

if [ $# -gt 0 ]; then targets=("$@"); else
  targets=()
  for d in "$fuzz"/*/; do [ -f "$d/main.swift" ] && targets+=("$(basename "$d")"); done
fi

flags=(-swift-version 6 -O -parse-as-library -sanitize=fuzzer,address -g)
# lld links the sanitizer runtimes quietly; the system gold linker prints hundreds of warnings.
if [ -x "$(dirname "$(command -v swiftc)")/ld.lld" ]; then flags+=(-use-ld=lld); fi

# The library modules every target may import, in dependency order: "NAME DIR DEP1,DEP2".
modules=$(cd "$root" && swift package dump-package 2>/dev/null | python3 -c '
import json, sys
package = json.load(sys.stdin)
regular = {t["name"]: t for t in package["targets"] if t["type"] == "regular" and not (t.get("path") or "").startswith("Tests")}
def deps(t):
    names = []
    for d in t["dependencies"]:
        kind, value = next(iter(d.items()))
        if kind in ("byName", "target") and value[0] in regular: names.append(value[0])
    return names
wanted = ["Scanner"]  # the offline scan needs the whole pipeline; the other targets need a part of it
order, seen = [], set()
def visit(name):
    if name in seen: return
    seen.add(name)
    for d in deps(regular[name]): visit(d)
    order.append(name)
for w in wanted: visit(w)
for name in order:
    t = regular[name]
    print(name, t.get("path") or "Sources/" + name, ",".join(deps(t)))
')

libs=()
rebuilt=" "
while read -r name dir deps; do
  lib="$out/lib/lib$name.a"
  stale=""
  if [ ! -f "$lib" ] || [ -n "$(find "$root/$dir" -name '*.swift' -newer "$lib" | head -1)" ]; then stale=1; fi
  for d in ${deps//,/ }; do case "$rebuilt" in *" $d "*) stale=1 ;; esac; done
  if [ -n "$stale" ]; then
    echo "fuzz: compiling module $name" >&2
    find "$root/$dir" -name '*.swift' -print0 | sort -z | xargs -0 swiftc "${flags[@]}" -enable-testing -wmo \
      -module-name "$name" -I "$out/lib" -emit-module -emit-module-path "$out/lib/$name.swiftmodule" \
      -emit-library -static -o "$lib"
    rebuilt="$rebuilt$name "
  fi
  libs=("$lib" "${libs[@]}")  # dependents first, for the linker
done <<< "$modules"

for t in "${targets[@]}"; do
  main="$fuzz/$t/main.swift"
  bin="$out/bin/fuzz-$t"
  [ -f "$main" ] || { echo "fuzz: no target '$t' (expected $main)" >&2; exit 64; }
  relink=""
  [ -f "$bin" ] && [ ! "$main" -nt "$bin" ] || relink=1
  for lib in "${libs[@]}"; do [ "$lib" -nt "$bin" ] && relink=1; done
  if [ -n "$relink" ]; then
    echo "fuzz: linking fuzz-$t" >&2
    swiftc "${flags[@]}" -I "$out/lib" "$main" "${libs[@]}" -o "$bin"
  fi
done
