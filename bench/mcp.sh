#!/usr/bin/env bash
# The MCP server over stdio with the NativeAOT binary, on the shared 50-repo workspace:
#  1. process start to the answer of the first tools/list (target < 50 ms);
#  2. median round trip of smctl_workspace_status after the first call, against the whole-process time
#     of the CLI's own `workspace status --json` (target: within 1.1x of it).
#
#   bench/mcp.sh [WORKDIR]      (default WORKDIR: /tmp/smctl-bench)
set -euo pipefail
cd "$(dirname "$0")/.."
work=${1:-/tmp/smctl-bench}
smctl=$PWD/artifacts/smctl-linux-x64/smctl
mkws=$(cd ../shared/bench 2>/dev/null && pwd)/mkworkspace.sh
command -v hyperfine >/dev/null || { apt-get update -qq && apt-get install -y -qq hyperfine; }
[[ -x $smctl ]] || ./scripts/package.sh --aot-only
mkdir -p "$work"
[[ -d $work/ws50/ws ]] || "$mkws" "$work/ws50" 50
ws=$work/ws50/ws

python3 bench/mcp_client.py first-list "$smctl" "$ws" 30 | tee "$work/mcp-first-list.json"
python3 bench/mcp_client.py status "$smctl" "$ws" 50 | tee "$work/mcp-status.json"
hyperfine --warmup 3 --runs 30 -N --export-json "$work/cli-status.json" \
  -n "smctl workspace status --json (50 repos)" "$smctl -w $ws workspace status --json"
python3 - "$work" <<'PY'
import json, sys
work = sys.argv[1]
first = json.load(open(f"{work}/mcp-first-list.json"))["median_ms"]
mcp = json.load(open(f"{work}/mcp-status.json"))["median_ms"]
cli = json.load(open(f"{work}/cli-status.json"))["results"][0]["median"] * 1000
print(f"first tools/list: {first:.1f} ms (target < 50 ms)")
print(f"smctl_workspace_status median round trip {mcp:.1f} ms vs CLI workspace status --json {cli:.1f} ms = {mcp / cli:.2f}x (target <= 1.1x)")
PY
