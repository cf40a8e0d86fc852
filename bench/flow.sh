#!/usr/bin/env bash
# Whole-process time of `smctl flow feature start x` and `smctl flow feature finish x` across 50 clean repos
# with local bare remotes, against (a) AVH `git flow feature start/finish` repo by repo plus the same pushes,
# (AVH's finish deletes the remote branch itself; --no-ff so it makes the merge commit smctl makes),
# and (b) a minimal script doing only the necessary git commands with the same parallelism (2). Also measured:
# smctl --no-fetch, AVH with -F (fetching first, as smctl does), and (c) the git commands of smctl's plan alone.
#
#   bench/flow.sh [WORKDIR] [RUNS]      (defaults: /tmp/smctl-bench-flow, 3)
#
# Each run works on a fresh copy of one pristine workspace; between start and finish every repo gets one
# commit on the feature branch (not timed), so finish makes a real merge commit everywhere.
set -euo pipefail
cd "$(dirname "$0")/.."
work=${1:-/tmp/smctl-bench-flow}
runs=${2:-3}
n=50
smctl=$PWD/artifacts/smctl-linux-x64/smctl
mkws=$(cd ../shared/bench && pwd)/mkworkspace.sh
command -v git-flow >/dev/null || { apt-get update -qq && apt-get install -y -qq git-flow; }
[[ -x $smctl ]] || ./scripts/package.sh --aot-only
export GIT_CONFIG_NOSYSTEM=1 GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@example.invalid GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@example.invalid
export GIT_MERGE_AUTOEDIT=no

if [[ ! -d $work/pristine ]]; then
  CLEAN=1 "$mkws" "$work/pristine" "$n" >/dev/null
  "$smctl" -w "$work/pristine/ws" -q flow init >/dev/null
fi

now() { date +%s.%N; }
fresh() {
  rm -rf "$work/run"
  cp -a "$work/pristine" "$work/run"
  for d in "$work"/run/ws/repo*; do git -C "$d" remote set-url origin "file://$work/run/remotes/$(basename "$d").git"; done
  sed -i "s|$work/pristine/|$work/run/|g" "$work/run/ws/.smctl/workspace.toml"
}
commit_all() {
  for d in "$work"/run/ws/repo*; do
    echo work > "$d/feature.txt"; git -C "$d" add feature.txt; git -C "$d" commit -qm "feature work"
  done
}

declare -A total
declare -A start_cmd finish_cmd
tools=()
tool() { tools+=("$1"); start_cmd[$1]=$2; finish_cmd[$1]=$3; }
measure() { # name: one run of its start and finish on a fresh copy
  local name=$1 s f t0 t1
  fresh
  cd "$work/run/ws"
  t0=$(now); eval "${start_cmd[$name]}" >/dev/null 2>&1; t1=$(now)
  s=$(awk -v a="$t0" -v b="$t1" 'BEGIN{print b-a}')
  # every repo must be on feature/x (checked out or at least created) before the commit
  for d in repo*; do git -C "$d" switch -q feature/x; done
  commit_all
  t0=$(now); eval "${finish_cmd[$name]}" >/dev/null 2>&1; t1=$(now)
  f=$(awk -v a="$t0" -v b="$t1" 'BEGIN{print b-a}')
  # sanity: the feature is merged into develop with a merge commit and gone, locally and on the remote
  for d in repo*; do
    if git -C "$d" rev-parse -q --verify refs/heads/feature/x >/dev/null; then echo "$name: feature/x left in $d" >&2; exit 1; fi
    if git -C "$d" ls-remote --exit-code origin refs/heads/feature/x >/dev/null; then echo "$name: feature/x left on $d's remote" >&2; exit 1; fi
    if [[ $(git -C "$d" rev-list --parents -n1 origin/develop | wc -w) != 3 ]]; then echo "$name: no merge commit pushed in $d" >&2; exit 1; fi
  done
  total[$name,start]=$(awk -v a="${total[$name,start]:-0}" -v b="$s" 'BEGIN{print a+b}')
  total[$name,finish]=$(awk -v a="${total[$name,finish]:-0}" -v b="$f" 'BEGIN{print a+b}')
  cd - >/dev/null
}

tool smctl "$smctl -j 2 flow feature start x" "$smctl -j 2 flow feature finish x"
tool smctl-no-fetch "$smctl -j 2 flow feature start --no-fetch x" "$smctl -j 2 flow feature finish --no-fetch x"
tool avh 'for r in repo*; do (cd $r && git flow feature start x && git push -q -u origin feature/x); done' \
         'for r in repo*; do (cd $r && git flow feature finish --no-ff x && git push -q origin develop); done'
# AVH fetching first (-F), as smctl does unless --no-fetch: the same work as smctl's default
tool avh-fetch 'for r in repo*; do (cd $r && git flow feature start -F x && git push -q -u origin feature/x); done' \
               'for r in repo*; do (cd $r && git flow feature finish -F --no-ff x && git push -q origin develop); done'
tool minimal "ls -d repo* | xargs -P2 -I{} sh -c 'git -C {} branch feature/x develop && git -C {} push -q -u origin feature/x'" \
             "ls -d repo* | xargs -P2 -I{} sh -c 'git -C {} checkout -q develop && git -C {} merge -q --no-ff -m merge feature/x && git -C {} push -q origin develop && git -C {} branch -q -D feature/x && git -C {} push -q origin --delete feature/x'"
# (c) the git commands smctl's plan runs, without its validation or run state: the floor for smctl's default
tool same-git "ls -d repo* | xargs -P2 -I{} sh -c 'git -C {} fetch -q --prune --no-auto-maintenance origin && git -C {} switch -q -c feature/x develop && git -C {} push -q -u origin feature/x'" \
              "ls -d repo* | xargs -P2 -I{} sh -c 'git -C {} fetch -q --prune --no-auto-maintenance origin && git -C {} switch -q develop && git -C {} merge -q --no-ff -m merge feature/x && git -C {} branch -q -D feature/x && git -C {} push -q --atomic origin develop :feature/x'"

# Runs interleave the tools, so a slow spell of the machine weighs on all of them alike.
for ((i = 1; i <= runs; i++)); do
  for name in "${tools[@]}"; do measure "$name"; done
done

printf '| %s | %s | %s |\n' "measurement ($n repos, mean of $runs)" "start (s)" "finish (s)"
printf '| --- | ---: | ---: |\n'
for name in "${tools[@]}"; do
  printf '| %s | %.2f | %.2f |\n' "$name" "$(awk -v t="${total[$name,start]}" -v r="$runs" 'BEGIN{print t/r}')" "$(awk -v t="${total[$name,finish]}" -v r="$runs" 'BEGIN{print t/r}')"
done
ratio() { # ours other
  printf '%s / %s: start %.2fx, finish %.2fx, both %.2fx\n' "$1" "$2" \
    "$(awk -v a="${total[$1,start]}" -v b="${total[$2,start]}" 'BEGIN{print a/b}')" \
    "$(awk -v a="${total[$1,finish]}" -v b="${total[$2,finish]}" 'BEGIN{print a/b}')" \
    "$(awk -v a="${total[$1,start]}" -v b="${total[$2,start]}" -v c="${total[$1,finish]}" -v d="${total[$2,finish]}" 'BEGIN{print (a+c)/(b+d)}')"
}
ratio smctl avh; ratio smctl avh-fetch; ratio smctl-no-fetch avh; ratio smctl minimal; ratio smctl-no-fetch minimal; ratio smctl same-git; ratio same-git avh
