#!/bin/bash
# The standard bench of docs/performance.md in one step: starts the built server from target/server/ (CDS archive,
# -Xmx1g) on an empty data folder, times start to ready (first 200 from GET /fhir/metadata, polled every 100 ms),
# reads the idle RSS 60 s later, runs the bench's standard workload, reads the RSS again and stops the server.
# usage: bench/standard.sh [output file]   (run from the project folder after mvn package; port 8080 free)
set -euo pipefail
out=${1:-/dev/stdout}
bench=$(dirname "$(realpath "$0")")
server_dir=$(realpath "$bench/../target/server")
work=$(mktemp -d)
start=$(date +%s.%N)
KETAMINE_DATA_DIR="$work/data" java -Xmx1g -XX:SharedArchiveFile="$server_dir/ketamine-fhir-server.jsa" \
    -jar "$server_dir/ketamine-fhir-server.jar" > "$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true; rm -rf "$work"' EXIT
until curl -sf -o /dev/null http://localhost:8080/fhir/metadata; do
    kill -0 $server 2>/dev/null || { cat "$work/server.log"; exit 1; }
    sleep 0.1
done
ready=$(echo "$(date +%s.%N) - $start" | bc)
sleep 60
idle=$(( $(ps -o rss= -p $server) / 1024 ))
{
    echo "$(date -u +%FT%TZ) commit $(git -C "$bench/.." rev-parse --short HEAD)"
    echo "ready $ready s"
    echo "idle RSS $idle MB (60 s after ready)"
    mvn -q -f "$bench/pom.xml" compile exec:java \
        -Dexec.args="--url http://localhost:8080/fhir --patients 40 --warmup 10 --searches 200" 2>&1
    echo "end RSS $(( $(ps -o rss= -p $server) / 1024 )) MB"
} > "$out"
