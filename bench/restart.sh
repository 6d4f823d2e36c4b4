#!/usr/bin/env bash
# Restart time and resident memory with many znodes, Apache ZooKeeper 3.8 and ZkNet one after the other: each is
# started empty, filled (1,000,000 znodes of 100 bytes by default, fsync on), killed with SIGKILL, started again on
# its dataDir and timed until it accepts a session; its node count must survive and its RSS is read.
# Builds ZkNet and the load generator in Release (SKIP_BUILD=1 skips that), then runs `ZkNet.LoadGen restart` with
# the arguments given; `bench/restart.sh --help` lists them. Every server is killed by pid when it ends or fails.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  dotnet build -c Release -v quiet -nologo src/ZkNet.Cli/ZkNet.Cli.csproj
  dotnet build -c Release -v quiet -nologo bench/ZkNet.LoadGen/ZkNet.LoadGen.csproj
fi
exec dotnet bench/ZkNet.LoadGen/bin/Release/net10.0/ZkNet.LoadGen.dll restart "$@"
