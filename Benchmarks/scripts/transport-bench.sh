#!/usr/bin/env bash
# What talking to a live server costs mcprisk, against the least a client can do, side by side:
#
#   Benchmarks/scripts/transport-bench.sh [RUNS]     (default 9; run from the repository root)
#
# 1. stdio: `mcprisk scan -- mcp-server-time` (mcprisk's own sandbox: no network, read-only files)
#    against Tests/MCPClientTests/Python/stdio_baseline_client.py driving the same server inside
#    `unshare -rn` (start, initialize, the same lists, the same shutdown; no SDK), alternating; medians
#    of wall time and their ratio.
# 2. stderr flood: the fixture server writes 200 MiB to stderr before it answers; mcprisk's CPU time
#    (user + system) and whether the scan completes within --timeout 5.
# 3. HTTP: a loopback server answers with 1 GiB of body and no length; mcprisk's peak RSS and what it
#    reports.
#
# Needs: the release builds of mcprisk and mcprisk-fixture-server (swift build -c release), the venv
# of .ci/run (.venv with mcp-server-time), GNU time at /usr/bin/time, unshare.
set -euo pipefail
runs=${1:-9}
bin=.build/release
[ -x "$bin/mcprisk" ] && [ -x "$bin/mcprisk-fixture-server" ] || { echo "transport-bench: build first: swift build -c release" >&2; exit 2; }
[ -x .venv/bin/mcp-server-time ] || { echo "transport-bench: needs .venv/bin/mcp-server-time (see .ci/run)" >&2; exit 2; }
out=$(mktemp -d)
trap 'rm -rf "$out"; [ -n "${server_pid:-}" ] && kill "$server_pid" 2>/dev/null || true' EXIT
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

echo "== stdio: mcp-server-time, $runs runs each, alternating"
for i in $(seq "$runs"); do
  /usr/bin/time -f "%e" -o "$out/m$i" "$bin/mcprisk" scan --format json -o /dev/null -- .venv/bin/mcp-server-time >/dev/null
  /usr/bin/time -f "%e" -o "$out/b$i" unshare -rn python3 Tests/MCPClientTests/Python/stdio_baseline_client.py .venv/bin/mcp-server-time >/dev/null 2>&1
done
mt=$(cat "$out"/m* | median); bt=$(cat "$out"/b* | median)
awk -v m="$mt" -v b="$bt" 'BEGIN { printf "  mcprisk scan: median %.3f s\n  server alone (baseline client): median %.3f s\n  ratio %.2fx\n", m, b, m / b }'

echo "== stderr flood: 200 MiB on stderr before the answers"
for i in 1 2 3; do
  set +e
  /usr/bin/time -f "%e %U %S" -o "$out/f$i" "$bin/mcprisk" scan --timeout 5 --format json -o "$out/flood.json" -- "$bin/mcprisk-fixture-server" flood-stderr-first 200 >/dev/null 2>&1
  status=$?
  set -e
  read -r wall user sys < <(tail -1 "$out/f$i")
  awk -v w="$wall" -v u="$user" -v s="$sys" -v st="$status" 'BEGIN { printf "  run: wall %.2f s, CPU %.2f s (user %.2f + sys %.2f), exit %d\n", w, u + s, u, s, st }'
done
grep -o '"status" *: *"[a-z]*"' "$out/flood.json" | head -1 | sed 's/^/  last report, server /' || true

echo "== HTTP: 1 GiB body with no length on loopback"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 Tests/MCPClientTests/Python/endless_body_server.py --port "$port" --mib 1024 --kind json &
server_pid=$!
for _ in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
set +e
/usr/bin/time -f "%e %M" -o "$out/h" "$bin/mcprisk" scan --timeout 60 --format json -o "$out/http.json" "http://127.0.0.1:$port/mcp" >/dev/null 2>"$out/http.err"
status=$?
set -e
read -r wall rss < <(tail -1 "$out/h")
awk -v w="$wall" -v r="$rss" -v st="$status" 'BEGIN { printf "  wall %.2f s, peak RSS %.1f MiB, exit %d\n", w, r / 1024, st }'
{ grep -o '"status" *: *"[a-z]*"' "$out/http.json" | head -1; grep -o '"message" *: *"[^"]*"' "$out/http.json" | head -1; } | cut -c1-240 | sed 's/^/  reported: /' || true
