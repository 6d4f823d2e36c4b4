#!/usr/bin/env bash
# Runs every test tier that fits in CI. Installs the Debian packages the interop and differential tests need
# (the real Apache ZooKeeper 3.8 server, its C and Java clients, kazoo, Curator with its discovery extension; openssl,
# keytool and the netty jars for the TLS tests; the Prometheus client library whose text parser reads /metrics,
# chromium for the console tests, tmux for the interactive shell's terminal tests) when they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
for pkg in zookeeper zookeeper-bin python3-kazoo libcurator-framework-java libcurator-recipes-java libcurator-discovery-java openjdk-17-jdk-headless openssl libnetty-java python3-prometheus-client chromium tmux; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if ((${#need[@]})); then
  echo "installing: ${need[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q "${need[@]}"
fi

dotnet build ZkNet.slnx -c Release -nologo -v q
# One test project at a time keeps the 2-core CI machine from overcommitting; the interop suite starts real
# server processes of its own.
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
status=0
dotnet test ZkNet.slnx -c Release --no-build -nologo -v q -m:1 --logger "console;verbosity=minimal" "$@" 2>&1 | tee "$log" || status=$?
# One plain closing line over every test project.
passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
echo "$passed passed, $failed failed"
if [ "$status" -eq 0 ] && [ "$failed" -ne 0 ]; then status=1; fi
exit "$status"
