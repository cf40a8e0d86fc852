#!/usr/bin/env bash
# 1. A synthetic DAG of 30 repos whose builds sleep for different times, built with -j 4: wall time against
#    the lower bound max(critical path, total work / 4) and against level-by-level scheduling of the graph.
# 2. A no-op build of 200 repos where everything is cached (NativeAOT, whole process).
#
#   bench/build.sh [WORKDIR]      (default /tmp/smctl-bench-build)
set -euo pipefail
cd "$(dirname "$0")/.."
work=${1:-/tmp/smctl-bench-build}
smctl=$PWD/artifacts/smctl-linux-x64/smctl
[[ -x $smctl ]] || ./scripts/package.sh --aot-only
command -v hyperfine >/dev/null || { apt-get update -qq && apt-get install -y -qq hyperfine; }
export GIT_CONFIG_NOSYSTEM=1 GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=b@x.invalid GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=b@x.invalid
rm -rf "$work"; mkdir -p "$work/dag/.smctl"

# --- 1. DAG: repo k depends on a pseudo-random earlier repo; sleeps of 0.1 to 0.8 s.
python3 - "$work/dag" <<'PY'
import sys, random, subprocess, os
root = sys.argv[1]; random.seed(7); n = 30
sleep = [round(random.choice([0.1, 0.2, 0.3, 0.5, 0.8]), 1) for _ in range(n)]
deps = [[] if k < 3 else sorted(set(random.sample(range(k), random.choice([1, 1, 2])))) for k in range(n)]
lines = ['[workspace]\nname = "dag"\n']
for k in range(n):
    os.makedirs(f"{root}/r{k}"); subprocess.run(["git", "init", "-q", f"{root}/r{k}"], check=True)
    open(f"{root}/r{k}/f", "w").write(str(k)); subprocess.run(["git", "-C", f"{root}/r{k}", "add", "f"], check=True)
    subprocess.run(["git", "-C", f"{root}/r{k}", "commit", "-qm", "x"], check=True)
    d = ", ".join(f'"r{j}"' for j in deps[k])
    lines.append(f'[[repos]]\nname = "r{k}"\nbuild_cmd = "sleep {sleep[k]}"\ndepends_on = [{d}]\n')
open(f"{root}/.smctl/workspace.toml", "w").write("\n".join(lines))
# lower bounds and level-by-level (each level waits for its slowest repo; 4 at a time within a level)
finish = []
for k in range(n): finish.append(sleep[k] + max([finish[j] for j in deps[k]], default=0))
critical = max(finish); total = sum(sleep)
level = []
for k in range(n): level.append(1 + max([level[j] for j in deps[k]], default=-1))
import heapq
levels = 0.0
for l in range(max(level) + 1):
    jobs = sorted([sleep[k] for k in range(n) if level[k] == l], reverse=True)
    workers = [0.0] * 4
    for s in jobs: w = heapq.heappop(workers) if False else None; workers.sort(); workers[0] += s
    levels += max(workers)
open(f"{root}/bounds.txt", "w").write(f"{critical:.2f} {total/4:.2f} {levels:.2f}\n")
PY
read -r critical work4 levels < "$work/dag/bounds.txt"
bound=$(awk -v a="$critical" -v b="$work4" 'BEGIN{print (a>b)?a:b}')
# The first build knows no build times (every repo weighs alike); the second orders by the first one's times.
for run in "first build" "with last times"; do
  t0=$(date +%s.%N); "$smctl" -w "$work/dag" -q build -j 4 --no-cache >/dev/null; t1=$(date +%s.%N)
  wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.2f", b-a}')
  echo "| DAG of 30, -j 4, $run | smctl $wall s | lower bound $bound s (critical path $critical, work/4 $work4) | level-by-level $levels s | ratio to bound $(awk -v w="$wall" -v b="$bound" 'BEGIN{printf "%.2f", w/b}')x (target <= 1.1x) |"
done

# --- 2. No-op build of 200 cached repos (the shared synthetic workspace).
[[ -d $work/ws200/ws ]] || CLEAN=1 "$(cd ../shared/bench && pwd)/mkworkspace.sh" "$work/ws200" 200 >/dev/null
"$smctl" -w "$work/ws200/ws" -q build --parallel >/dev/null
hyperfine -N --warmup 3 --runs 20 --export-markdown "$work/noop.md" "$smctl -w $work/ws200/ws build --parallel --json" >/dev/null
cat "$work/noop.md"
