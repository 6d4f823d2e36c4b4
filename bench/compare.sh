#!/usr/bin/env bash
# Side-by-side comparison of Apache ZooKeeper 3.8 and ZkNet on this machine (loopback only, bounded in time).
# Builds ZkNet and the load generator in Release, then runs `ZkNet.LoadGen compare` with the arguments given;
# `bench/compare.sh --help` lists them. Both servers are killed by pid when it ends, fails or is interrupted.
# SKIP_BUILD=1 skips the builds.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

needs_zknet=1
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  if [[ "${args[$i]}" == "--servers" && $((i + 1)) -lt ${#args[@]} && "${args[$((i + 1))]}" != *zknet* ]]; then
    needs_zknet=0
  fi
  if [[ "${args[$i]}" == "--zknet-dll" ]]; then
    needs_zknet=0
  fi
done

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  if [[ $needs_zknet == 1 ]]; then
    dotnet build -c Release -v quiet -nologo src/ZkNet.Cli/ZkNet.Cli.csproj
  fi
  dotnet build -c Release -v quiet -nologo bench/ZkNet.LoadGen/ZkNet.LoadGen.csproj
fi

# exec: Ctrl-C and SIGTERM reach the load generator itself, which stops both servers by pid before exiting.
exec dotnet bench/ZkNet.LoadGen/bin/Release/net10.0/ZkNet.LoadGen.dll compare "$@"
