#!/usr/bin/env bash
# Runs every test of smctl, installing what the tests need first. CI runs this same script (.ci/run).
set -euo pipefail
cd "$(dirname "$0")"

need_apt=()
command -v git >/dev/null || need_apt+=(git)
# AVH git-flow: the compatibility tests run it side by side with smctl.
command -v git-flow >/dev/null || need_apt+=(git-flow)
# spin checks the Promela models of formal/ (it compiles its verifier with the same C compiler).
command -v spin >/dev/null || need_apt+=(spin)
# NativeAOT links with the system C toolchain and zlib.
{ command -v clang >/dev/null || command -v gcc >/dev/null; } || need_apt+=(clang)
[[ -e /usr/include/zlib.h ]] || need_apt+=(zlib1g-dev)
# Node runs the npm peers (the MCP TypeScript client; the conformance suite brings its own Node 22).
command -v node >/dev/null || need_apt+=(nodejs)
command -v npm >/dev/null || need_apt+=(npm)
if ((${#need_apt[@]})); then
  echo "test.sh: installing ${need_apt[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}"
fi

# Real peers from npm, pinned by tests/peers/package-lock.json: the official MCP TypeScript client,
# the MCP conformance suite, Node 22 for the suite, and git-cliff. 'npm install' rather than 'npm ci': the
# registry here serves only this platform's build of git-cliff, so the lock cannot list the others and 'ci' refuses.
npm install --prefix tests/peers --no-audit --no-fund --loglevel=error

# The NativeAOT build: zero trim/AOT warnings, and the tests run the published binary too.
./scripts/package.sh --aot-only
export AOT_SMCTL_BINARY="$PWD/artifacts/smctl-linux-x64/smctl"

log=$(mktemp)
status=0
set +e
# The code's shape (.editorconfig): formatting, using order and unused usings, as 'dotnet format' would leave them.
if dotnet format Smctl.slnx --verify-no-changes; then
  echo "format: every file as .editorconfig has it"
else
  echo "format: files above differ from .editorconfig (run 'dotnet format Smctl.slnx')"
  status=1
fi
for project in tests/Smctl.Tests tests/ModelGate.Tests; do
  dotnet test --project "$project" -c Release 2>&1 | tee -a "$log"
  code=${PIPESTATUS[0]}
  ((code == 0)) || status=$code
done
set -e
# The plain closing line CI reads, summed over the projects' own summaries.
sum() { sed -n "s/^ *$1: *\([0-9]*\).*/\1/p" "$log" | awk '{ s += $1 } END { print s + 0 }'; }
echo "$(sum succeeded) passed, $(sum failed) failed, $(sum skipped) skipped"
exit "$status"
