#!/usr/bin/env python3
"""Writes the link order of the static binary's hot functions (.ci/symbol-order.txt).

The static binary maps 24 MiB of code, of which a scan runs about 1.5 MiB; scattered through the file,
the code it runs makes the kernel read (and count as resident) 64 KiB around every function touched.
`.ci/static-build` links with lld and `--symbol-ordering-file`, which puts the functions named here first,
together, in this order. This script finds them: it runs a static build under callgrind on the scans a
user runs (a saved server in every report format, the demo over stdio, `--version`) and lists every
function of the binary that ran, the most instructions first.

    python3 Benchmarks/scripts/symbol-order.py BINARY [--out .ci/symbol-order.txt]

BINARY: a static build (`swift build -c release --static-swift-stdlib --product mcprisk`). Needs valgrind.
A stale list costs only speed and memory: lld skips names that no longer exist.
"""
import argparse
import collections
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SNAPSHOTS = os.path.join(ROOT, "Tests", "Fixtures", "eval", "snapshots")

# The runs profiled: what `scan` does with a saved server (every format), with a live one, and start-up.
RUNS = [
    ["scan", os.path.join(SNAPSHOTS, "workspace-mcp.json"), "--format", "json", "-o", "/dev/null"],
    ["scan", os.path.join(SNAPSHOTS, "workspace-mcp.json")],
    ["scan", os.path.join(SNAPSHOTS, "mcp-server-fetch.json"), "--format", "sarif", "-o", "/dev/null"],
    ["scan", os.path.join(SNAPSHOTS, "mcp-server-fetch.json"), "--format", "html", "-o", "/dev/null"],
    ["scan", os.path.join(SNAPSHOTS, "mcp-server-fetch.json"), "--format", "markdown", "-o", "/dev/null"],
    ["scan", "--demo"],
    ["--version"],
]

ENTRY = re.compile(r"\((\d+)\)(?: (.*))?")


def costs(profile, binary, total):
    """Adds each function's own instruction count in `profile` (callgrind's format) to `total`."""
    names, objects = {}, {}

    def define(table, text):
        m = ENTRY.match(text)
        if not m:
            return text
        if m.group(2) is not None:
            table[m.group(1)] = m.group(2)
        return table.get(m.group(1))

    current_object = current = None
    after_call = False
    with open(profile, errors="replace") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("ob="):
                current_object = define(objects, line[3:])
            elif line.startswith("cob="):
                define(objects, line[4:])
            elif line.startswith("fn="):
                current = define(names, line[3:])
                after_call = False
                if current_object and os.path.basename(current_object) == binary:
                    total.setdefault(current, 0)
                else:
                    current = None
            elif line.startswith("cfn="):
                define(names, line[4:])
            elif line.startswith("calls="):
                after_call = True  # the next cost line is the call's inclusive cost, not the function's own
            elif line[:1].isdigit() or line[:1] in "+-*":
                if after_call:
                    after_call = False
                elif current is not None:
                    parts = line.split()
                    if len(parts) >= 2:
                        total[current] += int(parts[1])


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("binary")
    parser.add_argument("--out", default=os.path.join(ROOT, ".ci", "symbol-order.txt"))
    args = parser.parse_args()
    binary = os.path.abspath(args.binary)
    total = collections.OrderedDict()
    with tempfile.TemporaryDirectory() as tmp:
        for i, run in enumerate(RUNS):
            profile = os.path.join(tmp, f"run{i}.out")
            subprocess.run(["valgrind", "--tool=callgrind", "--demangle=no", f"--callgrind-out-file={profile}", binary, *run],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT, check=False)
            if not os.path.exists(profile):
                sys.exit(f"symbol-order: callgrind wrote no profile for: mcprisk {' '.join(run)}")
            costs(profile, os.path.basename(binary), total)
    hot = sorted(total, key=lambda name: -total[name])
    with open(args.out, "w") as f:
        f.write("\n".join(hot) + "\n")
    print(f"symbol-order: {len(hot)} functions ran, written to {os.path.relpath(args.out, ROOT)}")


if __name__ == "__main__":
    main()
