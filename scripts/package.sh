#!/usr/bin/env bash
# Builds the distributables into artifacts/:
#   smctl-<version>-linux-x64.tar.gz  NativeAOT smctl, its smctl-mcp-http companion (MCP over HTTP) and
#                                      libgit2's shared library, in one folder
#   nupkg/smctl.<version>.nupkg        'dotnet tool' package for every other platform with .NET 10
#   modelgate-<version>-linux-x64.tar.gz  the ModelGate gateway (needs the ASP.NET Core 10 runtime) with ONNX Runtime
# Fails on any trim/AOT warning.
set -euo pipefail
cd "$(dirname "$0")/.."
out=artifacts/smctl-linux-x64
rm -rf "$out"
log=$(mktemp)
dotnet publish src/Smctl.Cli -c Release -r linux-x64 -p:PublishAot=true -o "$out" 2>&1 | tee "$log"
dotnet publish src/Smctl.Mcp.Http -c Release -r linux-x64 -p:PublishAot=true -o "$out" 2>&1 | tee -a "$log"
if grep -E "warning (IL|AOT|CS)[0-9]+" "$log"; then
  echo "package: the NativeAOT publish has warnings (above); it must have none" >&2
  exit 1
fi
rm -f "$out"/*.pdb "$out"/*.dbg
version=$("$out/smctl" --version | cut -d+ -f1)
tar -C artifacts -czf "artifacts/smctl-$version-linux-x64.tar.gz" smctl-linux-x64
if [[ "${1:-}" != "--aot-only" ]]; then
  dotnet pack src/Smctl.Cli -c Release -o artifacts/nupkg
  rm -rf artifacts/modelgate-linux-x64
  dotnet publish src/ModelGate -c Release -r linux-x64 --self-contained false -o artifacts/modelgate-linux-x64
  tar -C artifacts -czf "artifacts/modelgate-$version-linux-x64.tar.gz" modelgate-linux-x64
fi
echo "package: artifacts/smctl-$version-linux-x64.tar.gz"
