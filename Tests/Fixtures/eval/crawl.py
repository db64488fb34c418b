#!/usr/bin/env python3
"""Crawl one MCP server over stdio and save a JSON snapshot of what it lists.

Used to build the mcprisk evaluation fixtures in Tests/Fixtures/eval/snapshots/.

Usage (run the whole crawler inside a network namespace with no outside
network; the server is started as its child and inherits the namespace):

    unshare -rn <crawler venv>/bin/python crawl.py \
        --out snapshots/<server-id>.json --server-id <server-id> \
        --package <pypi name> --package-version <version> \
        [--env NAME=VALUE ...] -- <server command and args...>

What it does, with the official `mcp` Python SDK client (ClientSession +
stdio_client):
  1. initialize
  2. tools/list, following nextCursor
  3. prompts/list, resources/list, resources/templates/list when the server's
     capabilities advertise prompts/resources (each paginated; errors are
     recorded as empty lists)
  4. prompts/get for every listed prompt, with placeholder arguments (every
     declared argument set to the string "example"); a failing prompts/get is
     recorded and never fails the crawl
The whole session is bounded by a 60 s timeout (--timeout).

Crawler venv (python3 -m venv <dir>; <dir>/bin/pip install mcp anyio), pinned
to what the snapshots were made with: mcp==2.3.0 (with mcp-types==2.3.0),
anyio==4.16.0, pydantic==2.14.4, on CPython 3.11. crawl.py wraps
mcp.client.stdio._parse_line, a private helper: another SDK version may need
this hook moved.

Fidelity: the SDK parses every message into pydantic models, which may reorder
or drop fields. To keep "exactly what the server sent", crawl.py also records
every raw JSON-RPC line the server printed (json.loads keeps key order) by
wrapping the stdio transport's line parser, and takes each list result from
the raw response to the request it just made. If no raw response can be
matched, it falls back to model_dump(mode="json", by_alias=True,
exclude_none=True) of the SDK objects.

Output shape (2-space indented JSON):
  {"server", "package", "packageVersion", "protocolVersion", "serverInfo",
   "instructions" (if any), "tools", "prompts", "resources",
   "resourceTemplates", "promptBodies" (only when the server lists prompts)}

servers.tsv has one row per snapshot. The second crawl (every server added to
the first 40 rows) was made like this:
  - each package in its own venv (CPython 3.11); pins and added dependencies
    are in the notes column;
  - crawl.py and the server ran inside `unshare -rn` (an empty network
    namespace; only its own loopback brought up, with nothing listening), under
    `timeout 120`, in a scratch directory written $DATA in the command column
    (a dummy SQLite db, an empty git repo, an empty folder);
  - every server got HOME pointing at a scratch home with a dummy ~/.aws
    config/credentials and a dummy ~/.kube/config (cluster at 127.0.0.1),
    KUBECONFIG, AWS_REGION and AWS_DEFAULT_REGION, FASTMCP_LOG_LEVEL=ERROR;
    the env_vars column names the server-specific variables, all given fake
    values;
  - domain is one word: cloud, kubernetes, database, payments, accounting,
    trading, messaging, cicd, observability, browser, filesystem, home, docs,
    search, shell, productivity, crm, media or other.
crawl-failures.tsv lists every package tried and not crawled, with the reason.

"promptBodies" is aligned with "prompts" by index; each element is
  {"name", "arguments": {arg: "example", ...}, "result": <raw prompts/get result>}
or, when the call failed,
  {"name", "arguments": {...}, "error": {"message": ...}}
"""

import argparse
import json
import os
import sys

import anyio
import mcp.client.stdio as mcp_stdio
import mcp_types as types
from mcp.client.session import ClientSession
from mcp.client.stdio import StdioServerParameters, stdio_client

RAW: list = []  # every JSON object the server printed on stdout, in order
_orig_parse_line = mcp_stdio._parse_line


def _recording_parse_line(line: str):
    try:
        RAW.append(json.loads(line))
    except ValueError:
        pass
    return _orig_parse_line(line)


mcp_stdio._parse_line = _recording_parse_line


def _dump(obj):
    return obj.model_dump(mode="json", by_alias=True, exclude_none=True)


def _raw_result_since(start: int, key: str):
    """The newest raw JSON-RPC result received since RAW[start] that has `key`."""
    for msg in reversed(RAW[start:]):
        if isinstance(msg, dict) and isinstance(msg.get("result"), dict) and key in msg["result"]:
            return msg["result"]
    return None


async def _list_all(session_call, key: str, model_key: str):
    items, cursor, pages = [], None, 0
    while True:
        start = len(RAW)
        params = types.PaginatedRequestParams(cursor=cursor) if cursor else None
        result = await session_call(params=params)
        raw = _raw_result_since(start, key)
        if raw is not None:
            items.extend(raw[key])
            cursor = raw.get("nextCursor")
        else:
            items.extend(_dump(x) for x in getattr(result, model_key))
            cursor = getattr(result, "next_cursor", None)
        pages += 1
        if not cursor or pages > 100:
            return items


async def _get_prompt(session, prompt):
    """prompts/get with every declared argument set to "example"; errors are recorded, not raised."""
    name = prompt.get("name") if isinstance(prompt, dict) else None
    declared = prompt.get("arguments") if isinstance(prompt, dict) else None
    arguments = {a["name"]: "example" for a in declared or [] if isinstance(a, dict) and isinstance(a.get("name"), str)}
    body = {"name": name, "arguments": arguments}
    start = len(RAW)
    try:
        with anyio.fail_after(15):
            result = await session.get_prompt(str(name), arguments)
    except Exception as e:  # noqa: BLE001
        body["error"] = {"message": _error_message(e, start)}
        return body
    raw = _raw_result_since(start, "messages")
    body["result"] = raw if raw is not None else _dump(result)
    return body


def _error_message(e, start: int) -> str:
    """The JSON-RPC error message the server sent since RAW[start], else the exception text."""
    for msg in reversed(RAW[start:]):
        if isinstance(msg, dict) and isinstance(msg.get("error"), dict) and "message" in msg["error"]:
            return str(msg["error"]["message"])
    return str(e) or repr(e)


async def crawl(args, cmd):
    env = dict(os.environ)
    for kv in args.env:
        name, _, value = kv.partition("=")
        env[name] = value
    params = StdioServerParameters(command=cmd[0], args=cmd[1:], env=env, cwd=args.cwd)
    snap = {"server": args.server_id, "package": args.package, "packageVersion": args.package_version}
    errlog = open(args.stderr_log, "w") if args.stderr_log else sys.stderr
    with anyio.fail_after(args.timeout):
        async with stdio_client(params, errlog=errlog) as (read, write):
            async with ClientSession(read, write) as session:
                start = len(RAW)
                init = await session.initialize()
                raw_init = _raw_result_since(start, "protocolVersion") or _dump(init)
                snap["protocolVersion"] = raw_init.get("protocolVersion")
                snap["serverInfo"] = raw_init.get("serverInfo")
                if raw_init.get("instructions"):
                    snap["instructions"] = raw_init["instructions"]
                caps = raw_init.get("capabilities") or {}
                snap["tools"] = await _list_all(session.list_tools, "tools", "tools") if "tools" in caps else []
                snap["prompts"], snap["resources"], snap["resourceTemplates"] = [], [], []
                if "prompts" in caps:
                    try:
                        snap["prompts"] = await _list_all(session.list_prompts, "prompts", "prompts")
                    except Exception as e:  # noqa: BLE001
                        print(f"prompts/list failed: {e!r}", file=sys.stderr)
                if snap["prompts"]:
                    snap["promptBodies"] = [await _get_prompt(session, p) for p in snap["prompts"]]
                if "resources" in caps:
                    try:
                        snap["resources"] = await _list_all(session.list_resources, "resources", "resources")
                    except Exception as e:  # noqa: BLE001
                        print(f"resources/list failed: {e!r}", file=sys.stderr)
                    try:
                        snap["resourceTemplates"] = await _list_all(
                            session.list_resource_templates, "resourceTemplates", "resource_templates"
                        )
                    except Exception as e:  # noqa: BLE001
                        print(f"resources/templates/list failed: {e!r}", file=sys.stderr)
    return snap


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--server-id", required=True)
    ap.add_argument("--package", required=True)
    ap.add_argument("--package-version", required=True)
    ap.add_argument("--env", action="append", default=[], help="NAME=VALUE given to the server")
    ap.add_argument("--cwd", default=None)
    ap.add_argument("--timeout", type=float, default=60.0)
    ap.add_argument("--stderr-log", default=None)
    ap.add_argument("cmd", nargs=argparse.REMAINDER)
    args = ap.parse_args()
    cmd = args.cmd[1:] if args.cmd and args.cmd[0] == "--" else args.cmd
    if not cmd:
        ap.error("missing server command after --")
    try:
        snap = anyio.run(crawl, args, cmd)
    except BaseException as e:  # noqa: BLE001
        while isinstance(e, BaseExceptionGroup) and e.exceptions:
            e = e.exceptions[0]
        print(f"{args.server_id}: FAILED: {e!r}", file=sys.stderr)
        sys.exit(1)
    with open(args.out, "w") as f:
        json.dump(snap, f, indent=2, ensure_ascii=False)
        f.write("\n")
    print(f"{args.server_id}: {len(snap['tools'])} tools, {len(snap['prompts'])} prompts, "
          f"{len(snap['resources'])} resources, {len(snap['resourceTemplates'])} templates")


if __name__ == "__main__":
    main()
