#!/usr/bin/env bash
# ZkNet.Recipes against Curator on the same ZkNet server (docs/benchmarks.md, "Recipes"): lock acquire+release per
# second and atomic increments per second under contention, and IDs per second.
#   bench/recipes.sh [CLIENTS] [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
clients="${1:-4}"; seconds="${2:-5}"
dotnet build -c Release -nologo -v q src/ZkNet.Cli >/dev/null
dotnet build -c Release -nologo -v q bench/ZkNet.RecipeBench >/dev/null
work="$(mktemp -d)"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
printf 'tickTime=2000\ndataDir=%s/data\nclientPort=%s\nclientPortAddress=127.0.0.1\n' "$work" "$port" > "$work/zoo.cfg"
dotnet src/ZkNet.Cli/bin/Release/net10.0/zknet.dll server --config "$work/zoo.cfg" > "$work/server.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 100); do (echo srvr | timeout 1 bash -c "cat > /dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
cp="/usr/share/java/zookeeper.jar:/usr/share/java/zookeeper-jute.jar:/usr/share/java/curator-client.jar:/usr/share/java/curator-framework.jar:/usr/share/java/curator-recipes.jar:/usr/share/java/slf4j-nop.jar"
javac -nowarn -d "$work/classes" -cp "$cp" bench/ZkNet.RecipeBench/Java/CuratorBench.java
dotnet bench/ZkNet.RecipeBench/bin/Release/net10.0/ZkNet.RecipeBench.dll "127.0.0.1:$port" "$clients" "$seconds"
java -cp "$work/classes:$cp" CuratorBench "127.0.0.1:$port" "$clients" "$seconds"
