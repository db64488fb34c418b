#!/usr/bin/env bash
# Rebuilds the shipped sample: refreshes the catalogue with acme-ops on the demo's `full` variant,
# then as it is in the manifest (`changed`, the demo after a silent update), so reports/ shows a real
# change report; then re-renders every server's report. Run from the repository root after
# `swift build` and `python3 -m venv .venv && .venv/bin/pip install mcp-server-time mcp-server-git`.
set -euo pipefail
cd "$(dirname "$0")/.."
mcprisk=${MCPRISK:-$(swift build --show-bin-path)/mcprisk}
manifest=catalogue/manifest.json
cp "$manifest" "$manifest.orig"
trap 'mv "$manifest.orig" "$manifest"' EXIT
# The same manifest with acme-ops on the full variant (canonical JSON, as the catalogue writes it).
python3 - "$manifest" <<'PY'
import json, sys
path = sys.argv[1]
m = json.load(open(path))
for s in m["servers"]:
    if s["id"] == "acme-ops":
        s["args"] = ["demo-server"]
open(path, "w").write(json.dumps(m, sort_keys=True, indent=2, ensure_ascii=False) + "\n")
PY
"$mcprisk" catalogue refresh
mv "$manifest.orig" "$manifest"
trap - EXIT
# Exit status 1 means the refresh found a possible rug pull, which is what this sample shows.
"$mcprisk" catalogue refresh || [ $? -eq 1 ]
"$mcprisk" catalogue report
