#!/usr/bin/env bash
# Whole-process time of `smctl workspace status --json` (NativeAOT) against `git status --porcelain=v2
# --branch` in every repo with the same parallelism, on the shared synthetic workspaces of 50 and 200
# repos; and `smctl --version` against `git --version`.
#
#   bench/status.sh [WORKDIR]      (default WORKDIR: /tmp/smctl-bench)
#
# Needs hyperfine (installed from Debian when missing) and the NativeAOT build (built when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
work=${1:-/tmp/smctl-bench}
jobs=${JOBS:-2}
smctl=$PWD/artifacts/smctl-linux-x64/smctl
mkws=$(cd ../shared/bench 2>/dev/null && pwd)/mkworkspace.sh
command -v hyperfine >/dev/null || { apt-get update -qq && apt-get install -y -qq hyperfine; }
[[ -x $smctl ]] || ./scripts/package.sh --aot-only
mkdir -p "$work"
for n in 50 200; do
  [[ -d $work/ws$n/ws ]] || JOBS=$jobs "$mkws" "$work/ws$n" "$n"
done

for n in 50 200; do
  ws=$work/ws$n/ws
  hyperfine --warmup 3 --runs 20 -N --export-markdown "$work/status-$n.md" \
    -n "smctl workspace status --json ($n repos, -j $jobs)" "$smctl -w $ws -j $jobs workspace status --json" \
    -n "git status in each repo, xargs -P$jobs ($n repos)" \
       "bash -c 'ls -d $ws/repo* | xargs -P$jobs -I{} git -C {} status --porcelain=v2 --branch >/dev/null'"
done
hyperfine --warmup 5 --runs 50 -N --export-markdown "$work/version.md" \
  -n "smctl --version" "$smctl --version" -n "git --version" "git --version"
cat "$work"/status-50.md "$work"/status-200.md "$work"/version.md
