#!/usr/bin/env bash
# Three-member ensembles of ZkNet and of Apache ZooKeeper 3.8 on this machine, one after the other, each driven by
# ZkNet.LoadGen through a follower (so writes take the forward-propose-ack-commit path) and through the leader.
# Loopback only; every process started is killed by pid when the script ends, fails or is interrupted.
#   bench/ensemble.sh [workload options passed to ZkNet.LoadGen run, e.g. --workload set --duration 10s]
# SKIP_BUILD=1 skips the builds; FAILOVER_ONLY=1 measures only the failover; KEEP_LOGS=DIR copies the members' logs
# there, with each member's mntr after each load run; KINDS="zknet" (or "apache") runs one kind only.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  dotnet build -c Release -v quiet -nologo src/ZkNet.Cli/ZkNet.Cli.csproj
  dotnet build -c Release -v quiet -nologo bench/ZkNet.LoadGen/ZkNet.LoadGen.csproj
fi
loadgen=(dotnet bench/ZkNet.LoadGen/bin/Release/net10.0/ZkNet.LoadGen.dll run)
zknet_dll="$root/src/ZkNet.Cli/bin/Release/net10.0/zknet.dll"
classpath="/usr/share/java/zookeeper.jar:/usr/share/java/slf4j-simple.jar"
work="$(mktemp -d)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

mode_of() { # the Mode line of srvr, or nothing
  python3 - "$1" <<'EOF' 2>/dev/null || true
import socket, sys
try:
    s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=2)
    s.sendall(b"srvr"); data = b""
    while True:
        chunk = s.recv(4096)
        if not chunk: break
        data += chunk
    for line in data.decode().splitlines():
        if line.startswith("Mode: "): print(line[6:])
except OSError:
    pass
EOF
}

four_letter() { # port word: the answer, or nothing
  python3 - "$1" "$2" <<'EOF' 2>/dev/null || true
import socket, sys
try:
    s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=2)
    s.sendall(sys.argv[2].encode()); data = b""
    while True:
        chunk = s.recv(65536)
        if not chunk: break
        data += chunk
    print(data.decode(), end="")
except OSError:
    pass
EOF
}

cpu_ticks() { # the user+system CPU ticks of each pid given, space-separated
  local pid out=""
  for pid in "$@"; do out+="$(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0) "; done
  echo "$out"
}

print_cpu() { # label ticks-before ticks-after: each member's CPU seconds over a run
  local label=$1 line="" i
  local -a before=($2) after=($3)
  for i in 0 1 2; do line+=" member $((i + 1)) $(awk -v a="${before[$i]}" -v b="${after[$i]}" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.1f", (b - a) / hz }') s,"; done
  echo "  server cpu ($label):${line%,}"
}

keep_mntr() { # kind phase: each member's mntr into KEEP_LOGS, when set (uses run_kind's ports)
  [[ -n "${KEEP_LOGS:-}" ]] || return 0
  mkdir -p "$KEEP_LOGS/$1"
  for id in 1 2 3; do four_letter "${ports[$((id - 1))]}" mntr > "$KEEP_LOGS/$1/$id.$2.mntr"; done
}

run_kind() { # kind: zknet | apache
  local kind=$1; shift
  local dir="$work/$kind" servers="" ports=()
  for id in 1 2 3; do
    ports+=("$(free_port)")
    servers+="server.$id=127.0.0.1:$(free_port):$(free_port)"$'\n'
  done
  pids=()
  for id in 1 2 3; do
    mkdir -p "$dir/$id/data"
    echo "$id" > "$dir/$id/data/myid"
    printf 'tickTime=2000\ninitLimit=10\nsyncLimit=5\ndataDir=%s\nclientPort=%s\nclientPortAddress=127.0.0.1\n4lw.commands.whitelist=*\nadmin.enableServer=false\n%s' \
      "$dir/$id/data" "${ports[$((id - 1))]}" "$servers" > "$dir/$id/zoo.cfg"
    if [[ $kind == zknet ]]; then
      dotnet "$zknet_dll" server --config "$dir/$id/zoo.cfg" > "$dir/$id/out.log" 2>&1 &
    else
      java -Xmx512m -Dzookeeper.admin.enableServer=false -cp "$classpath" org.apache.zookeeper.server.quorum.QuorumPeerMain "$dir/$id/zoo.cfg" > "$dir/$id/out.log" 2>&1 &
    fi
    pids+=($!)
    disown $!
  done
  local leader="" follower="" deadline=$((SECONDS + 90))
  while [[ -z $leader || -z $follower ]]; do
    (( SECONDS < deadline )) || { echo "$kind: no quorum within 90 s" >&2; exit 1; }
    leader="" follower=""
    for id in 1 2 3; do
      case "$(mode_of "${ports[$((id - 1))]}")" in
        leader) leader=$id ;;
        follower) follower=$id ;;
      esac
    done
    sleep 0.5
  done
  if [[ "${FAILOVER_ONLY:-0}" != 1 ]]; then
    echo "== $kind ensemble: leader $leader, measuring through follower $follower"
    local cpu_before
    cpu_before="$(cpu_ticks "${pids[@]}")"
    "${loadgen[@]}" --server "127.0.0.1:${ports[$((follower - 1))]}" --label "$kind via follower" "$@"
    print_cpu "$kind via follower" "$cpu_before" "$(cpu_ticks "${pids[@]}")"
    keep_mntr "$kind" via-follower
    echo "== $kind ensemble: through leader $leader"
    cpu_before="$(cpu_ticks "${pids[@]}")"
    "${loadgen[@]}" --server "127.0.0.1:${ports[$((leader - 1))]}" --label "$kind via leader" "$@"
    print_cpu "$kind via leader" "$cpu_before" "$(cpu_ticks "${pids[@]}")"
    keep_mntr "$kind" via-leader
  fi
  # Failover: a kazoo client on the two other members writes; the leader is killed (SIGKILL); the time until the
  # next write is acknowledged is the ensemble's write outage as a client sees it.
  local others=""
  for id in 1 2 3; do
    [[ $id == "$leader" ]] || others+="127.0.0.1:${ports[$((id - 1))]},"
  done
  /usr/bin/python3 - "${others%,}" "${pids[$((leader - 1))]}" "$kind" <<'PROBE'
import os, signal, sys, time
from kazoo.client import KazooClient
from kazoo.exceptions import KazooException
hosts, leader_pid, kind = sys.argv[1], int(sys.argv[2]), sys.argv[3]
zk = KazooClient(hosts=hosts, timeout=20.0)
zk.start(timeout=30)
zk.create("/failover-probe", b"", makepath=True)
os.kill(leader_pid, signal.SIGKILL)
killed = time.monotonic()
deadline = killed + 120
while time.monotonic() < deadline:
    try:
        zk.set("/failover-probe", b"x")
        break
    except KazooException:
        time.sleep(0.02)
print(f"== {kind}: first write acknowledged {1000 * (time.monotonic() - killed):.0f} ms after the leader was killed")
zk.stop()
PROBE
  for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  pids=()
  if [[ -n "${KEEP_LOGS:-}" ]]; then
    for id in 1 2 3; do mkdir -p "$KEEP_LOGS/$kind"; cp "$dir/$id/out.log" "$KEEP_LOGS/$kind/$id.log"; done
  fi
}

for kind in ${KINDS:-zknet apache}; do
  run_kind "$kind" "$@"
done
