#!/usr/bin/env bash
# Builds zknet as one self-contained executable (no .NET runtime needed on the target) and packs the .NET tool.
#   scripts/publish.sh [RID]     RID defaults to linux-x64 (also: linux-arm64, linux-musl-x64, osx-arm64, win-x64)
# Output: artifacts/zknet-RID/zknet (the single file; copy it to /usr/local/bin) and artifacts/nupkg/zknet.*.nupkg
# (dotnet tool install --global --add-source artifacts/nupkg zknet). docs/install.md says what to do with each.
set -euo pipefail
cd "$(dirname "$0")/.."
rid="${1:-linux-x64}"
out="artifacts/zknet-$rid"

# Single file: the managed assemblies in the executable; native libraries extracted on first start to
# DOTNET_BUNDLE_EXTRACT_BASE_DIR (default ~/.net); InvariantGlobalization (Directory.Build.props) spares libicu.
dotnet publish src/ZkNet.Cli/ZkNet.Cli.csproj -c Release -r "$rid" --self-contained true -nologo -v q \
  -p:PublishSingleFile=true -p:IncludeNativeLibrariesForSelfExtract=true -p:EnableCompressionInSingleFile=true \
  -p:DebugType=embedded -o "$out"
rm -f "$out"/*.pdb "$out"/*.xml   # symbols are embedded; the XML docs are for IDEs
dotnet pack src/ZkNet.Cli/ZkNet.Cli.csproj -c Release -nologo -v q -o artifacts/nupkg

ls -l "$out"
"$out/zknet" --version
