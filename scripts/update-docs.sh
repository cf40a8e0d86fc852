#!/usr/bin/env bash
# Regenerates docs/cli.md and docs/man/*.1 from the command tree (the docs test then passes).
set -euo pipefail
cd "$(dirname "$0")/.."
UPDATE_SMCTL_DOCS=1 dotnet test --project tests/Smctl.Tests -- --filter-class Smctl.Tests.Cli.DocsTests
