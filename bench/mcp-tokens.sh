#!/usr/bin/env bash
# smctl's MCP tools/list as a host receives it, from the NativeAOT binary over stdio:
#  1. bytes and o200k tokens (gpt-tokenizer from npm), in all and per part, for the default toolsets and for all;
#  2. the client CPU one listTools costs the official TypeScript client (it compiles a validator per output schema),
#     median of 15 fresh clients, side by side with the reference server-filesystem (npm, installed into WORKDIR).
#
#   bench/mcp-tokens.sh [WORKDIR]      (default WORKDIR: /tmp/smctl-bench)
set -euo pipefail
cd "$(dirname "$0")/.."
work=${1:-/tmp/smctl-bench}
smctl=$PWD/artifacts/smctl-linux-x64/smctl
[[ -x $smctl ]] || ./scripts/package.sh --aot-only
[[ -d tests/peers/node_modules/gpt-tokenizer ]] || npm install --prefix tests/peers --no-audit --no-fund --loglevel=error
mkdir -p "$work/fs-server"
[[ -x $work/fs-server/node_modules/.bin/mcp-server-filesystem ]] ||
  npm install --prefix "$work/fs-server" --no-audit --no-fund --loglevel=error @modelcontextprotocol/server-filesystem@2026.8.31
# The default toolsets (what a session lists at its start) and all of them.
for toolsets in default all; do
  echo "== --toolsets $toolsets"
  node tests/peers/tools-tokens.mjs "$smctl" serve --mcp --stdio --toolsets "$toolsets"
done
theirs=$(node tests/peers/listtools-cpu.mjs 15 "$work/fs-server/node_modules/.bin/mcp-server-filesystem" "$work" 2>/dev/null)
for toolsets in default all; do
  mine=$(node tests/peers/listtools-cpu.mjs 15 "$smctl" serve --mcp --stdio --toolsets "$toolsets" 2>/dev/null)
  python3 - "$toolsets" "$mine" "$theirs" <<'PY'
import json, sys
toolsets = sys.argv[1]
mine, theirs = (json.loads(a)["median_ms"] for a in sys.argv[2:])
print(f"TypeScript client CPU per listTools (--toolsets {toolsets}): smctl {mine:.1f} ms, server-filesystem {theirs:.1f} ms = {mine / theirs:.1f}x (goal <= 2x)")
PY
done
