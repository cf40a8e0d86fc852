#!/usr/bin/env bash
# workspace sync against remotes that answer slowly (each fetch's upload-pack waits LATENCY seconds, as a far
# forge does): the default parallelism (core.network_jobs) against -j 2, the core count here and the old default.
# Usage: bench/sync-latency.sh [REPOS] [LATENCY]   (uses the JIT build in /tmp/smctl-bench-jit)
set -euo pipefail
cd "$(dirname "$0")/.."
repos=${1:-10}
latency=${2:-2}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
dotnet build src/Smctl.Cli -c Release -o /tmp/smctl-bench-jit >/dev/null
../shared/bench/mkworkspace.sh "$dir/w" "$repos" >/dev/null
ws=$(dirname "$(find "$dir/w" -path '*/.smctl/workspace.toml' | head -1)")/..
printf '#!/bin/sh\nsleep %s\nexec git-upload-pack "$@"\n' "$latency" > "$dir/slow-upload-pack"
chmod +x "$dir/slow-upload-pack"
for repo in $(/tmp/smctl-bench-jit/smctl -w "$ws" workspace list --json | python3 -c 'import json,sys; print(" ".join(r["path"] for r in json.load(sys.stdin)["repos"]))'); do
  git -C "$ws/$repo" config remote.origin.uploadpack "$dir/slow-upload-pack"
done
command -v hyperfine >/dev/null || { apt-get update -qq && apt-get install -y -qq hyperfine; }
hyperfine --runs 3 \
  -n "sync (default: core.network_jobs)" "/tmp/smctl-bench-jit/smctl -w $ws workspace sync" \
  -n "sync -j 2 (the core count; the old default)" "/tmp/smctl-bench-jit/smctl -w $ws -j 2 workspace sync"
