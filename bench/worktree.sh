#!/usr/bin/env bash
# Whole-process time of `smctl -j 2 worktree add x` across 50 clean repos against `git worktree add` for the
# same 50 repos with the same parallelism (xargs -P2). Reuses bench/flow.sh's pristine workspace.
#
#   bench/worktree.sh [WORKDIR] [RUNS]      (defaults: /tmp/smctl-bench-flow, 5)
set -euo pipefail
cd "$(dirname "$0")/.."
work=${1:-/tmp/smctl-bench-flow}
runs=${2:-5}
smctl=$PWD/artifacts/smctl-linux-x64/smctl
[[ -x $smctl ]] || ./scripts/package.sh --aot-only
[[ -d $work/pristine ]] || { CLEAN=1 "$(cd ../shared/bench && pwd)/mkworkspace.sh" "$work/pristine" 50 >/dev/null; "$smctl" -w "$work/pristine/ws" -q flow init >/dev/null; }
fresh() {
  rm -rf "$work/run"; cp -a "$work/pristine" "$work/run"
  sed -i "s|$work/pristine/|$work/run/|g" "$work/run/ws/.smctl/workspace.toml"
}
now() { date +%s.%N; }
sum_smctl=0 sum_git=0
for ((i = 1; i <= runs; i++)); do
  fresh; cd "$work/run/ws"
  t0=$(now); "$smctl" -q -j 2 worktree add x >/dev/null; t1=$(now)
  [[ $(ls .worktrees/feature-x | wc -l) == 50 ]] || { echo "smctl made $(ls .worktrees/feature-x | wc -l) worktrees" >&2; exit 1; }
  sum_smctl=$(awk -v a="$sum_smctl" -v b="$t0" -v c="$t1" 'BEGIN{print a+c-b}')
  cd - >/dev/null
  fresh; cd "$work/run/ws"
  t0=$(now); ls -d repo* | xargs -P2 -I{} git -C {} worktree add -q -b feature/x ../.worktrees/feature-x/{} develop; t1=$(now)
  sum_git=$(awk -v a="$sum_git" -v b="$t0" -v c="$t1" 'BEGIN{print a+c-b}')
  cd - >/dev/null
done
awk -v s="$sum_smctl" -v g="$sum_git" -v r="$runs" 'BEGIN{printf "| worktree add, 50 repos, mean of %d | smctl %.2f s | git worktree add -P2 %.2f s | ratio %.2fx (target <= 1.3x) |\n", r, s/r, g/r, s/g}'
