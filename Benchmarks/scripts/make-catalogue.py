#!/usr/bin/env python3
"""Builds a catalogue-sized benchmark input: N saved servers made from the eval snapshots.

Each output file is one eval snapshot with its server name, its tool names and some description
words varied (deterministically: the same seed gives the same files), so the servers are as varied
as a real catalogue while staying real definitions. PolicyLayer grades 8,805 servers (224k tools);
8,805 servers from the 40 eval snapshots hold about 227k tools.

    python3 Benchmarks/scripts/make-catalogue.py --out /tmp/mcprisk-catalogue            # 8,805 servers
    python3 Benchmarks/scripts/make-catalogue.py --out /tmp/mcprisk-catalogue-880 --servers 880

The output folder is made (and must not exist, or be empty): files are NNNNN-NAME.json, one per server,
indented like the snapshots. The script prints servers, tools, bytes and how many tool names are shared
by more than one server (those meet the cross-server collision rule).
"""
import argparse
import json
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_SNAPSHOTS = os.path.join(HERE, "..", "..", "Tests", "Fixtures", "eval", "snapshots")

# Vendors and words that vary server names; verb and word synonyms that vary tool names and descriptions
# without changing what the words mean (so the servers still grade like real ones).
VENDORS = ["acme", "nova", "orbit", "zephyr", "lumen", "quartz", "harbor", "cobalt", "ember", "fjord",
           "granite", "helix", "ion", "juniper", "kite", "lattice", "meridian", "nimbus", "onyx", "prism"]
VERBS = {
    "get": ["fetch", "retrieve", "read"], "list": ["enumerate", "get_all", "browse"], "create": ["add", "new", "make"],
    "delete": ["remove", "destroy", "erase"], "update": ["modify", "edit", "change"], "search": ["find", "query", "lookup"],
    "send": ["post", "dispatch", "deliver"], "run": ["execute", "invoke", "launch"], "set": ["put", "assign", "configure"],
}
WORDS = {
    "Get": "Retrieve", "get": "retrieve", "List": "Enumerate", "list": "enumerate", "Returns": "Gives back",
    "returns": "gives back", "Create": "Make", "create": "make", "Delete": "Remove", "delete": "remove",
    "Update": "Modify", "update": "modify", "Search": "Find", "search": "find", "specified": "given",
    "information": "details", "details": "information", "retrieve": "fetch", "the user": "the caller",
    "optional": "not required", "Optional": "Not required", "resource": "object", "item": "entry",
}
WORD_PATTERN = re.compile(r"\b(" + "|".join(sorted(map(re.escape, WORDS), key=len, reverse=True)) + r")\b")


def vary_tool_name(name, vendor, rng):
    """A realistic variant of a tool name. Most carry the server's own vendor token (a prefix, a suffix,
    or a prefix before a synonym verb); one in ten is a shared form (a synonym verb or the name as it
    was), so a few servers offer the same name, as in a real catalogue."""
    words = re.split(r"([_\-.])", name, maxsplit=1)
    verb = words[0].lower()
    synonym = (rng.choice(VERBS[verb]) + "".join(words[1:])) if verb in VERBS and len(words) > 1 else name
    roll = rng.random()
    if roll < 0.40:
        return f"{vendor}_{name}"
    if roll < 0.65:
        return f"{vendor}_{synonym}"
    if roll < 0.90:
        return f"{name}_{vendor}"
    return synonym if rng.random() < 0.5 else name


def vary_text(text, rng, rate=0.3):
    """Some of the known words swapped for synonyms."""
    return WORD_PATTERN.sub(lambda m: WORDS[m.group(1)] if rng.random() < rate else m.group(1), text)


def vary_schema(schema, rng):
    """Property descriptions varied like tool descriptions; names and types kept."""
    if isinstance(schema, dict):
        return {k: (vary_text(v, rng) if k == "description" and isinstance(v, str) else vary_schema(v, rng)) for k, v in schema.items()}
    if isinstance(schema, list):
        return [vary_schema(v, rng) for v in schema]
    return schema


def perturb(snapshot, index, rng):
    vendor = f"{VENDORS[index % len(VENDORS)]}{index // len(VENDORS)}"  # unique to the server
    out = dict(snapshot)
    base = snapshot.get("serverInfo", {}).get("name") or snapshot.get("server") or "server"
    name = f"{base} {vendor}"
    out["serverInfo"] = dict(snapshot.get("serverInfo", {}), name=name)
    if "server" in out:
        out["server"] = f"{snapshot['server']}-{vendor}"
    seen = set()
    tools = []
    for tool in snapshot.get("tools", []):
        tool = dict(tool)
        if isinstance(tool.get("name"), str):
            varied = vary_tool_name(tool["name"], vendor, rng)
            while varied in seen:
                varied += "_2"
            seen.add(varied)
            tool["name"] = varied
        if isinstance(tool.get("description"), str):
            tool["description"] = vary_text(tool["description"], rng)
        if "inputSchema" in tool:
            tool["inputSchema"] = vary_schema(tool["inputSchema"], rng)
        tools.append(tool)
    out["tools"] = tools
    if isinstance(out.get("instructions"), str):
        out["instructions"] = vary_text(out["instructions"], rng)
    return out, name


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", required=True, help="folder to create (outside the repository)")
    parser.add_argument("--servers", type=int, default=8805, help="servers to write (default 8805)")
    parser.add_argument("--snapshots", default=DEFAULT_SNAPSHOTS, help="eval snapshots to start from")
    parser.add_argument("--seed", type=int, default=11, help="random seed (default 11)")
    args = parser.parse_args()

    names = sorted(n for n in os.listdir(args.snapshots) if n.endswith(".json"))
    if not names:
        sys.exit(f"make-catalogue: no .json snapshots in {args.snapshots}")
    bases = []
    for n in names:
        with open(os.path.join(args.snapshots, n), encoding="utf-8") as f:
            bases.append(json.load(f))
    if os.path.exists(args.out) and os.listdir(args.out):
        sys.exit(f"make-catalogue: {args.out} exists and is not empty")
    os.makedirs(args.out, exist_ok=True)

    rng = random.Random(args.seed)
    owners = {}
    tools = total = 0
    for i in range(args.servers):
        snapshot, name = perturb(bases[i % len(bases)], i, rng)
        slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:60]
        text = json.dumps(snapshot, indent=2, ensure_ascii=False) + "\n"
        with open(os.path.join(args.out, f"{i:05d}-{slug}.json"), "w", encoding="utf-8") as f:
            f.write(text)
        total += len(text.encode("utf-8"))
        for t in snapshot["tools"]:
            tools += 1
            owners[t.get("name")] = owners.get(t.get("name"), 0) + 1
    shared = sum(1 for c in owners.values() if c > 1)
    print(f"make-catalogue: {args.servers} servers, {tools} tools, {total / 2**20:.1f} MiB in {args.out}; "
          f"{shared} tool names are offered by more than one server")


if __name__ == "__main__":
    main()
