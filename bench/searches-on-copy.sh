#!/bin/bash
# Starts a server jar on a fresh copy of a data folder and runs the search mix against it at once, while housekeeping
# still works on the copied file; prints the figures and the housekeeping passes the server logged. Compares builds
# on the same data: run it for each jar in turn, alternating (docs/performance.md, Session 22).
# A fourth argument replaces the bench's arguments, e.g. "--only trickle --ticks 150 --interval 5000" (Session 23).
# usage: bench/searches-on-copy.sh <server jar> <data folder to copy> <label> [bench arguments]   (port 8080 free)
set -euo pipefail
jar=$(realpath "$1"); base=$(realpath "$2"); label=$3
workload=${4:-"--only searches --searches 200"}
bench=$(dirname "$(realpath "$0")")
work=$(mktemp -d)
cp -r "$base" "$work/data" && sync
KETAMINE_DATA_DIR="$work/data" java -Xmx1g -jar "$jar" \
    --logging.level.org.ketaminefhir.server.H2FileHousekeeping=DEBUG > "$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 180); do
    grep -q "Started KetamineFhirApplication" "$work/server.log" && break
    sleep 1
done
sleep 5
mvn -q -f "$bench/pom.xml" compile exec:java \
    -Dexec.args="--url http://localhost:8080/fhir $workload" > "$work/bench.txt" 2>&1
echo "== $label $(date +%H:%M)"
grep "conn\|trickle\|ticks to" "$work/bench.txt"
grep -o "\(idle\|busy\) pass in [0-9]* ms" "$work/server.log" | awk '{k=$1; s[k]+=$4; n[k]++; if ($4 > m[k]) m[k]=$4}
    END {for (k in n) printf "%s passes that moved or rewrote: %d, mean %.1f ms, longest %d ms\n", k, n[k], s[k]/n[k], m[k]}'
grep -o "steps, the longest [0-9]* ms" "$work/server.log" | awk '{if ($4 > m) m=$4} END {if (NR) print "longest rewriting step:", m, "ms"}'
echo "file at the end: $(stat -c %s "$work"/data/*.mv.db) bytes"
