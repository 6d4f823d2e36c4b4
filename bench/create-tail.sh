#!/bin/bash
# Tail latency of sustained creates on a growing tree: a fresh ZkNet (default zoo.cfg settings: forceSync=yes,
# snapCount 100000, its data in a temp folder), then ROUNDS create runs one after another, the tree growing by each.
# Prints each run's throughput and latency lines. The server is killed by pid at the end.
#   usage: bench/create-tail.sh [ZKNET_DLL] [LABEL] [ROUNDS] [DURATION]
# Build first: dotnet build -c Release src/ZkNet.Cli && dotnet build -c Release bench/ZkNet.LoadGen
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
dll=${1:-$repo/src/ZkNet.Cli/bin/Release/net10.0/zknet.dll}
label=${2:-zknet}
rounds=${3:-3}
duration=${4:-15s}
loadgen=$repo/bench/ZkNet.LoadGen/bin/Release/net10.0/ZkNet.LoadGen.dll
dir=$(mktemp -d /tmp/zknet-create-tail-XXXX)
port=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
printf 'tickTime=2000\ndataDir=%s/data\nclientPort=%s\nclientPortAddress=127.0.0.1\n' "$dir" "$port" > "$dir/zoo.cfg"
dotnet "$dll" server --config "$dir/zoo.cfg" > "$dir/server.log" 2>&1 &
spid=$!
trap 'kill $spid 2>/dev/null || true; wait $spid 2>/dev/null || true; rm -rf "$dir"' EXIT
for _ in $(seq 150); do ss -ltnH "sport = :$port" | grep -q LISTEN && break; sleep 0.2; done
for r in $(seq "$rounds"); do
  dotnet "$loadgen" run --server "127.0.0.1:$port" --pid "$spid" --workload create --duration "$duration" --warmup 1s \
    --no-cleanup 2>&1 | grep -E "throughput|latency ms" | sed "s/^/$label round $r: /"
done
