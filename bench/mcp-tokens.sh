#!/usr/bin/env bash
# The size of smctl's MCP tools/list as a model receives it: bytes and o200k tokens (gpt-tokenizer from npm), in all
# and per part, from the NativeAOT binary over stdio (the tools do not depend on the workspace).
#
#   bench/mcp-tokens.sh
set -euo pipefail
cd "$(dirname "$0")/.."
smctl=$PWD/artifacts/smctl-linux-x64/smctl
[[ -x $smctl ]] || ./scripts/package.sh --aot-only
[[ -d tests/peers/node_modules/gpt-tokenizer ]] || npm install --prefix tests/peers --no-audit --no-fund --loglevel=error
node tests/peers/tools-tokens.mjs "$smctl" serve --mcp --stdio
