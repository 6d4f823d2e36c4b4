#!/usr/bin/env bash
# Re-captures the golden session: a fresh Apache ZooKeeper 3.8 (Debian package) on a free loopback port,
# record_proxy.py in front of it, GoldenSession.java driving the real Java client through the proxy.
# Writes session.jsonl into WORK (default /tmp/zknet-golden); label_frames.py turns it into ../*.hex.
# Everything started here is stopped by process id on exit.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
WORK="${1:-/tmp/zknet-golden}"
PY=/usr/bin/python3
CP=/usr/share/java/zookeeper.jar:/usr/share/java/zookeeper-jute.jar
rm -rf "$WORK"; mkdir -p "$WORK/data" "$WORK/classes"
free_port() { "$PY" -c "import socket;s=socket.socket();s.bind(('127.0.0.1',0));print(s.getsockname()[1])"; }
ZKPORT=$(free_port); PXPORT=$(free_port)
cat > "$WORK/zoo.cfg" <<CFG
tickTime=2000
dataDir=$WORK/data
clientPort=$ZKPORT
clientPortAddress=127.0.0.1
4lw.commands.whitelist=*
admin.enableServer=false
extendedTypesEnabled=true
CFG
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
java -Xmx256m -cp "$CP:/usr/share/java/slf4j-simple.jar" org.apache.zookeeper.server.ZooKeeperServerMain "$WORK/zoo.cfg" \
  > "$WORK/zk.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 60); do
  if [ "$("$PY" -c "import socket,sys;s=socket.create_connection(('127.0.0.1',$ZKPORT),1);s.sendall(b'ruok');print(s.recv(4).decode())" 2>/dev/null)" = imok ]; then break; fi
  sleep 0.5
done
"$PY" "$HERE/record_proxy.py" --listen "$PXPORT" --target "127.0.0.1:$ZKPORT" --out "$WORK/session.jsonl" --once &
pids+=($!)
sleep 0.5
javac -d "$WORK/classes" -cp "$CP" "$HERE/GoldenSession.java"
timeout 90 java -cp "$WORK/classes:$CP:/usr/share/java/slf4j-nop.jar" GoldenSession "127.0.0.1:$PXPORT" | tee "$WORK/steps.txt"
sleep 1
echo "captured $(wc -l < "$WORK/session.jsonl") frames into $WORK/session.jsonl"
