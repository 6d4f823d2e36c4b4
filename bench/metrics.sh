#!/usr/bin/env bash
# The cost of metrics on request throughput: one ZkNet server (Prometheus endpoint on, AdminServer off) driven by
# `ZkNet.LoadGen run`, alternately with nobody reading the metrics and with a scraper fetching /metrics every
# SCRAPE_INTERVAL seconds (default 0.1: 150 times a real 15 s Prometheus scrape, to make the cost visible). Each
# scrape reads the gauges on the request processor, between batches, as mntr and the AdminServer do. The scraper is
# one python process on a kept-alive connection (a curl per scrape would cost more CPU than the scrape itself). Both
# throughput and the server's CPU per request are reported, with the medians of the rounds: on a shared, noisy
# machine the CPU per request is the steadier of the two.
# Usage: bench/metrics.sh [ROUNDS (default 3)] [extra ZkNet.LoadGen run options, e.g. --workload get --duration 10s]
# SKIP_BUILD=1 skips the builds; ZOO_EXTRA='key=value' adds zoo.cfg lines (e.g. digest.enabled=false, to price
# the tree digest behind the hash command). The server and the scraper are killed by pid when it ends or fails.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
rounds="${1:-3}"
shift || true
interval="${SCRAPE_INTERVAL:-0.1}"
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  dotnet build -c Release -v quiet -nologo src/ZkNet.Cli/ZkNet.Cli.csproj
  dotnet build -c Release -v quiet -nologo bench/ZkNet.LoadGen/ZkNet.LoadGen.csproj
fi
work="$(mktemp -d)"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
client_port="$(free_port)"
metrics_port="$(free_port)"
cat > "$work/zoo.cfg" <<CFG
tickTime=2000
dataDir=$work/data
clientPort=$client_port
clientPortAddress=127.0.0.1
admin.enableServer=false
metricsProvider.className=org.apache.zookeeper.metrics.prometheus.PrometheusMetricsProvider
metricsProvider.httpHost=127.0.0.1
metricsProvider.httpPort=$metrics_port
${ZOO_EXTRA:-}
CFG
server_pid=""
scraper_pid=""
cleanup() {
  [[ -n "$scraper_pid" ]] && kill "$scraper_pid" 2>/dev/null || true
  [[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT INT TERM
dotnet src/ZkNet.Cli/bin/Release/net10.0/zknet.dll server --config "$work/zoo.cfg" > "$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do
  curl -sf "http://127.0.0.1:$metrics_port/metrics" > /dev/null && break
  sleep 0.1
done
curl -sf "http://127.0.0.1:$metrics_port/metrics" > /dev/null || { echo "server did not start:"; cat "$work/server.log"; exit 1; }

run() { # label [options] -> "ops/s cpu-us-per-op"
  local label="$1"
  shift
  dotnet bench/ZkNet.LoadGen/bin/Release/net10.0/ZkNet.LoadGen.dll run --server "127.0.0.1:$client_port" --pid "$server_pid" \
    --label "$label" --json-out "$work/$label.json" "$@" > /dev/null
  python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(r["opsPerSecond"], r["server"]["cpuMicrosPerOp"])' "$work/$label.json"
}
# One unmeasured run first, so the JITs of the server and the load generator have settled before either arm.
run prime "$@" > /dev/null
scrapes=0
echo "workload: ${*:-mixed (LoadGen defaults)}; scrape interval ${interval}s; $rounds rounds, alternating"
for round in $(seq 1 "$rounds"); do
  read -r off off_cpu <<< "$(run "off-$round" "$@")"
  python3 - "$metrics_port" "$interval" "$work/scrapes" <<'PY' &
import http.client, sys, time
port, interval, out = int(sys.argv[1]), float(sys.argv[2]), sys.argv[3]
conn, n = http.client.HTTPConnection("127.0.0.1", port, timeout=10), 0
while True:
    conn.request("GET", "/metrics")
    conn.getresponse().read()
    n += 1
    with open(out, "w") as f:
        f.write(str(n))
    time.sleep(interval)
PY
  scraper_pid=$!
  read -r on on_cpu <<< "$(run "on-$round" "$@")"
  kill "$scraper_pid" 2>/dev/null || true
  wait "$scraper_pid" 2>/dev/null || true
  scraper_pid=""
  scrapes=$((scrapes + $(cat "$work/scrapes" 2>/dev/null || echo 0)))
  echo "$off $off_cpu $on $on_cpu" >> "$work/rounds"
  printf 'round %d: not scraped %9.0f ops/s %6.1f us/op   scraped %9.0f ops/s %6.1f us/op   throughput ratio %.3f\n' \
    "$round" "$off" "$off_cpu" "$on" "$on_cpu" "$(python3 -c "print($on / $off)")"
done
python3 - "$work/rounds" <<'PY'
import statistics, sys
rows = [list(map(float, line.split())) for line in open(sys.argv[1])]
m = [statistics.median(c) for c in zip(*rows)]
print(f"median:  not scraped {m[0]:9.0f} ops/s {m[1]:6.1f} us/op   scraped {m[2]:9.0f} ops/s {m[3]:6.1f} us/op"
      f"   throughput ratio {m[2] / m[0]:.3f}, CPU per request ratio {m[3] / m[1]:.3f}")
PY
echo "scrapes served: $scrapes; size of one scrape: $(curl -sf "http://127.0.0.1:$metrics_port/metrics" | wc -c) bytes"
# The server's CPU for one scrape on its own: 200 back to back with no load, from /proc/PID/stat (utime + stime).
python3 - "$metrics_port" "$server_pid" <<'PY'
import http.client, os, sys, time
port, pid = int(sys.argv[1]), sys.argv[2]
def cpu():
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
before, start = cpu(), time.monotonic()
for _ in range(200):
    conn.request("GET", "/metrics")
    conn.getresponse().read()
print(f"one scrape, idle server: {(cpu() - before) / 200 * 1000:.2f} ms of server CPU, {(time.monotonic() - start) / 200 * 1000:.2f} ms wall")
PY
