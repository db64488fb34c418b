"""The least a client can do against a stdio MCP server, as a speed baseline for `mcprisk scan`.

Usage: stdio_baseline_client.py COMMAND [ARGS...]

Starts the server, sends initialize, notifications/initialized and the same list requests mcprisk
sends (tools, prompts, resources, resource templates, for each declared capability, following
nextCursor), then ends it as mcprisk does: close stdin, wait up to 1 s, SIGTERM, wait up to 1 s,
SIGKILL. Plain JSON lines, no SDK, so the time is the server's own start-up, answers and exit plus
one small Python process.
"""
import json
import subprocess
import sys


def main() -> int:
    server = subprocess.Popen(sys.argv[1:], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    next_id = 0

    def request(method, params):
        nonlocal next_id
        next_id += 1
        message = {"jsonrpc": "2.0", "id": next_id, "method": method, "params": params}
        server.stdin.write((json.dumps(message) + "\n").encode())
        server.stdin.flush()
        while True:
            line = server.stdout.readline()
            if not line:
                raise SystemExit(f"server closed stdout during {method}")
            reply = json.loads(line)
            if reply.get("id") == next_id and "method" not in reply:
                return reply.get("result") or {}

    init = request("initialize", {"protocolVersion": "2025-11-25", "capabilities": {},
                                  "clientInfo": {"name": "baseline", "version": "0"}})
    server.stdin.write(b'{"jsonrpc":"2.0","method":"notifications/initialized"}\n')
    server.stdin.flush()
    capabilities = init.get("capabilities", {})
    lists = [("tools", "tools/list", "tools"), ("prompts", "prompts/list", "prompts"),
             ("resources", "resources/list", "resources"),
             ("resources", "resources/templates/list", "resourceTemplates")]
    count = 0
    for capability, method, key in lists:
        if capability not in capabilities:
            continue
        cursor = None
        while True:
            result = request(method, {"cursor": cursor} if cursor else {})
            count += len(result.get(key, []))
            cursor = result.get("nextCursor")
            if not cursor:
                break
    server.stdin.close()
    for stop in (None, server.terminate, server.kill):
        if stop:
            stop()
        try:
            server.wait(timeout=1)
            break
        except subprocess.TimeoutExpired:
            pass
    print(f"{count} definitions", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
