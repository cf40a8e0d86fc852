#!/usr/bin/env bash
# Whole-process time of `smctl spec validate --all --json` (NativeAOT) against the openspec CLI's own
# `openspec validate --all --json` (npm @fission-ai/openspec 1.13.2, from tests/peers) on a generated tree of
# 1,000 changes and 300 specs in one OpenSpec root (a workspace of one repo holding it).
#
#   bench/spec.sh [WORKDIR]      (default WORKDIR: /tmp/smctl-bench)
#
# Needs hyperfine (installed from Debian when missing), python3, the npm peers (installed when missing)
# and the NativeAOT build (built when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
work=${1:-/tmp/smctl-bench}
smctl=$PWD/artifacts/smctl-linux-x64/smctl
openspec=$PWD/tests/peers/node_modules/.bin/openspec
command -v hyperfine >/dev/null || { apt-get update -qq && apt-get install -y -qq hyperfine; }
[[ -x $openspec ]] || npm install --prefix tests/peers --no-audit --no-fund --loglevel=error
[[ -x $smctl ]] || ./scripts/package.sh --aot-only
ws=$work/spec-ws
if [[ ! -d $ws/specs-home/openspec ]]; then
  rm -rf "$ws" && mkdir -p "$ws/.smctl" "$ws/specs-home"
  git -C "$ws/specs-home" init -q
  printf '[workspace]\nname = "spec-bench"\n\n[[repos]]\nname = "specs-home"\nsmctl_home = true\n' > "$ws/.smctl/workspace.toml"
  python3 - "$ws/specs-home/openspec" <<'PY'
import os, random, sys
root = sys.argv[1]
random.seed(7)
def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f: f.write(text)
scenario = "#### Scenario: {n}\n- **WHEN** {n} happens\n- **THEN** the system reacts to {n}\n"
def requirement(name, body, scenarios):
    return f"### Requirement: {name}\n{body}\n\n" + "\n".join(scenario.format(n=s) for s in scenarios)
specs = []
for i in range(300):
    cap = f"area-{i % 12}/capability-{i}" if i % 3 == 0 else f"capability-{i}"
    reqs = [(f"Rule {j}", [f"case {j}.{k}" for k in range(2)]) for j in range(4)]
    specs.append((cap, reqs))
    text = f"# {cap} Specification\n\n## Purpose\nWhat capability {i} does for the platform, in a sentence or two.\n\n## Requirements\n\n"
    text += "\n".join(requirement(n, f"The system SHALL follow {n.lower()} of capability {i}.", s) for n, s in reqs)
    write(f"{root}/specs/{cap}/spec.md", text)
for c in range(1000):
    cap, reqs = random.choice(specs)
    name, scen = random.choice(reqs)
    d = f"{root}/changes/change-{c:04d}"
    write(f"{d}/.openspec.yaml", "schema: spec-driven\ncreated: 2026-12-01\n")
    write(f"{d}/proposal.md", f"# Proposal\n\n## Why\n\nChange {c} is needed because capability {cap} must grow.\n\n## What Changes\n\n- More of {cap}.\n")
    write(f"{d}/tasks.md", "# Tasks\n\n## 1. Work\n\n" + "".join(f"- [{'x' if t % 2 else ' '}] 1.{t} step {t} @dev\n" for t in range(1, 6)))
    delta = "## ADDED Requirements\n\n" + requirement(f"New rule {c}", f"The system SHALL do new thing {c}.", [f"new {c}"])
    # Every fifth change drops a scenario (an error); every seventh has no SHALL (a warning).
    kept = scen[:1] if c % 5 == 0 else scen
    body = f"The system {'does' if c % 7 == 0 else 'SHALL do'} {name.lower()} better."
    delta += "\n## MODIFIED Requirements\n\n" + requirement(name, body, kept)
    write(f"{d}/specs/{cap}/spec.md", delta)
PY
fi
hyperfine --warmup 1 --runs 5 -i --export-markdown "$work/spec-validate.md" \
  -n "smctl spec validate --all --json (1,000 changes, 300 specs)" "$smctl -w $ws spec validate --all --json" \
  -n "openspec validate --all --json (1,000 changes, 300 specs)" "bash -c 'cd $ws/specs-home && OPENSPEC_TELEMETRY=0 $openspec validate --all --json >/dev/null'"
cat "$work/spec-validate.md"
