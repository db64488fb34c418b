#!/usr/bin/env python3
"""Check the threat corpus against README.md and print its make-up.

Usage: python3 Tests/Fixtures/threats/check.py [CORPUS_DIR]

Exits 1 naming every case that breaks the format; otherwise prints counts by kind, class or theme,
language, place and split (the split rule of README.md).
"""

import collections
import hashlib
import json
import pathlib
import sys

CLASSES = {"hidden-instructions", "concealment", "exfiltration-endpoint", "coercion", "shadowing",
           "secret-request", "invisible-unicode", "terminal-escape", "encoded-payload"}
PLACES = {"tool.name", "tool.title", "tool.description", "param.name", "param.description", "param.default",
          "param.enum", "nested-schema", "prompt.description", "prompt.body", "resource.description",
          "server.instructions"}
REQUIRED = ["id", "group", "class", "language", "place", "basis", "payload", "server"]


def is_test(group: str) -> bool:
    digest = hashlib.sha256(group.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % 100 < 40


def resolve(doc, pointer: str):
    if pointer == "":
        return doc
    node = doc
    for raw in pointer.split("/")[1:]:
        token = raw.replace("~1", "/").replace("~0", "~")
        if isinstance(node, list):
            if not token.isdigit() or int(token) >= len(node):
                raise KeyError(pointer)
            node = node[int(token)]
        elif isinstance(node, dict):
            if token not in node:
                raise KeyError(pointer)
            node = node[token]
        else:
            raise KeyError(pointer)
    return node


def main() -> int:
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else pathlib.Path(__file__).parent)
    errors, cases, ids = [], [], set()
    for path in sorted(root.glob("*/*.json")):
        kind = path.parent.name
        if kind not in ("poisoned", "honest"):
            continue
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except ValueError as e:
            errors.append(f"{path}: not JSON ({e})")
            continue
        if not isinstance(data, list):
            errors.append(f"{path}: the file must hold a JSON array of cases")
            continue
        for i, case in enumerate(data):
            where = f"{path.name}[{i}] {case.get('id', '?') if isinstance(case, dict) else '?'}"
            if not isinstance(case, dict):
                errors.append(f"{where}: a case must be an object")
                continue
            missing = [k for k in REQUIRED if k not in case]
            if missing:
                errors.append(f"{where}: missing {', '.join(missing)}")
                continue
            if case["id"] in ids:
                errors.append(f"{where}: duplicate id")
            ids.add(case["id"])
            if not case["id"].startswith(kind + "/"):
                errors.append(f"{where}: id must start with '{kind}/'")
            if kind == "poisoned":
                if case["class"] not in CLASSES:
                    errors.append(f"{where}: unknown class {case['class']!r}")
                within = case.get("expect", {}).get("within")
                if not isinstance(within, str):
                    errors.append(f"{where}: a poisoned case needs expect.within")
                else:
                    try:
                        resolve(case["server"], within)
                    except KeyError:
                        errors.append(f"{where}: expect.within {within!r} is not in server")
            else:
                if case["class"] != "honest" or case.get("theme") != path.stem:
                    errors.append(f"{where}: an honest case has class 'honest' and theme '{path.stem}'")
            if case["place"] not in PLACES:
                errors.append(f"{where}: unknown place {case['place']!r}")
            server = case["server"]
            if not isinstance(server, dict) or not isinstance(server.get("tools", []), list):
                errors.append(f"{where}: server must be an object with a tools array")
                continue
            for j, tool in enumerate(server.get("tools", [])):
                if not isinstance(tool, dict) or "name" not in tool:
                    errors.append(f"{where}: server.tools[{j}] has no name")
            bodies, prompts = server.get("promptBodies"), server.get("prompts", [])
            if bodies is not None and len(bodies) != len(prompts):
                errors.append(f"{where}: promptBodies must align with prompts ({len(bodies)} vs {len(prompts)})")
            cases.append((kind, case))
    for e in errors:
        print("ERROR", e)
    if errors:
        return 1

    def table(title, key):
        counts = collections.Counter(key(k, c) for k, c in cases)
        print(f"\n{title}")
        for name, n in sorted(counts.items()):
            print(f"  {name:<45} {n}")

    table("cases by kind and split", lambda k, c: f"{k} {'test' if is_test(c['group']) else 'train'}")
    table("poisoned by class", lambda k, c: c["class"] if k == "poisoned" else "(honest)")
    table("honest by theme", lambda k, c: c.get("theme", "") if k == "honest" else "(poisoned)")
    table("by kind and language", lambda k, c: f"{k} {c['language']}")
    table("by kind and place", lambda k, c: f"{k} {c['place']}")
    print(f"\n{len(cases)} cases, {len({c['group'] for _, c in cases})} groups")
    return 0


if __name__ == "__main__":
    sys.exit(main())
