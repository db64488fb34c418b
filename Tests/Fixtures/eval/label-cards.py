#!/usr/bin/env python3
"""Print labeling cards: what a blind labeler sees of each tool, and nothing else.

Usage: python3 Tests/Fixtures/eval/label-cards.py SERVER_ID [SERVER_ID ...] > cards.txt
       python3 Tests/Fixtures/eval/label-cards.py --all > cards.txt

A card shows the server (id, serverInfo name, the start of its instructions) and per tool its name,
title, annotations, description and every input (name, type, enum values, description), read from
snapshots/<id>.json. Long texts are cut with a visible mark, so a card stays readable; nothing of the
classifier and no earlier label is shown.
"""

import json
import pathlib
import sys

HERE = pathlib.Path(__file__).parent
DESCRIPTION_LIMIT = 1800
PARAMETER_LIMIT = 240
ENUM_LIMIT = 40
DEPTH_LIMIT = 3


def cut(text, limit):
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[:limit] + " …[cut]"


def resolve(schema, root, seen=0):
    if isinstance(schema, dict) and "$ref" in schema and seen < 5:
        ref = schema["$ref"]
        if isinstance(ref, str) and ref.startswith("#/"):
            node = root
            for part in ref[2:].split("/"):
                node = node.get(part, {}) if isinstance(node, dict) else {}
            return resolve(node, root, seen + 1)
    return schema if isinstance(schema, dict) else {}


def type_of(schema, root):
    schema = resolve(schema, root)
    if "type" in schema:
        t = schema["type"]
        return "|".join(t) if isinstance(t, list) else str(t)
    for key in ("anyOf", "oneOf"):
        if isinstance(schema.get(key), list):
            return "|".join(sorted({type_of(s, root) for s in schema[key]}))
    return "any"


def params(schema, root, prefix="", depth=0, out=None):
    out = [] if out is None else out
    schema = resolve(schema, root)
    props = schema.get("properties") if isinstance(schema.get("properties"), dict) else {}
    required = set(schema.get("required") or []) if isinstance(schema.get("required"), list) else set()
    for name, sub in props.items():
        sub = resolve(sub, root)
        for key in ("anyOf", "oneOf"):
            if isinstance(sub.get(key), list):
                non_null = [resolve(s, root) for s in sub[key] if resolve(s, root).get("type") != "null"]
                if len(non_null) == 1:
                    sub = {**non_null[0], **{k: v for k, v in sub.items() if k not in (key,)}}
        line = f"    - {prefix}{name}: {type_of(sub, root)}" + (" (required)" if name in required else "")
        enum = sub.get("enum")
        if enum is None and isinstance(sub.get("items"), dict):
            enum = resolve(sub["items"], root).get("enum")
        if isinstance(enum, list):
            shown = ", ".join(json.dumps(v, ensure_ascii=False) for v in enum[:ENUM_LIMIT])
            line += f" enum [{shown}{', …' if len(enum) > ENUM_LIMIT else ''}]"
        if "default" in sub:
            line += f" default {cut(json.dumps(sub['default'], ensure_ascii=False), 60)}"
        if sub.get("description"):
            line += f" — {cut(sub['description'], PARAMETER_LIMIT)}"
        out.append(line)
        if depth < DEPTH_LIMIT:
            if isinstance(sub.get("properties"), dict):
                params(sub, root, prefix + name + ".", depth + 1, out)
            items = resolve(sub.get("items"), root) if isinstance(sub.get("items"), dict) else None
            if items and isinstance(items.get("properties"), dict):
                params(items, root, prefix + name + "[].", depth + 1, out)
    return out


def card(server_id):
    snap = json.loads((HERE / "snapshots" / f"{server_id}.json").read_text(encoding="utf-8"))
    info = snap.get("serverInfo") or {}
    lines = [f"=== SERVER {server_id} (serverInfo name: {info.get('name', '?')})"]
    if snap.get("instructions"):
        lines.append(f"  instructions: {cut(snap['instructions'], 600)}")
    for tool in snap.get("tools", []):
        lines.append(f"--- TOOL {server_id}\t{tool.get('name')}")
        title = tool.get("title") or (tool.get("annotations") or {}).get("title")
        if title:
            lines.append(f"  title: {cut(title, 200)}")
        hints = {k: v for k, v in (tool.get("annotations") or {}).items() if k.endswith("Hint")}
        if hints:
            lines.append(f"  annotations: {json.dumps(hints)}")
        lines.append(f"  description: {cut(tool.get('description') or '(none)', DESCRIPTION_LIMIT)}")
        schema = tool.get("inputSchema") or {}
        ps = params(schema, schema)
        lines.append("  inputs:" + ("" if ps else " (none)"))
        lines.extend(ps)
    return "\n".join(lines)


def main():
    args = sys.argv[1:]
    if args == ["--all"]:
        args = sorted(p.stem for p in (HERE / "snapshots").glob("*.json"))
    if not args:
        print(__doc__, file=sys.stderr)
        return 2
    print("\n\n".join(card(a) for a in args))
    return 0


if __name__ == "__main__":
    sys.exit(main())
