#!/usr/bin/env bash
# The ceiling experiment of docs/performance.md (session 9): how fast HAPI's JPA layer alone stores the bench's
# bundles on this machine, with our interceptors switched off and, last, with (almost) no search indexing.
# Builds a patched copy of the server in a scratch folder; the product itself has no such switches.
# Usage: bench/ceiling/run.sh [ehr|ketamine] [patients]
set -euo pipefail
only=${1:-ehr}
patients=${2:-40}
repo=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
git clone -q "$repo" "$work/server"
cd "$work/server"
git apply bench/ceiling/bare-server.patch
mvn -q -B -o package -DskipTests
(cd bench && mvn -q -B -o compile)

run() { # label, then JVM options
    local label=$1; shift
    rm -rf "$work/data"
    KETAMINE_DATA_DIR="$work/data" java -Xmx1g -XX:SharedArchiveFile=target/server/ketamine-fhir-server.jsa "$@" \
        -jar target/server/ketamine-fhir-server.jar > "$work/$label.log" 2>&1 &
    local pid=$!
    until curl -sf -o /dev/null localhost:8080/fhir/metadata; do sleep 0.5; done
    sleep 60 # samples loaded; with -Dbare.nosp, the search parameters retired
    echo "== $label"
    mvn -q -o -f bench/pom.xml exec:java \
        -Dexec.args="--patients $patients --warmup 10 --searches 50 --only $only" | grep -E 'resources/s|failed'
    kill "$pid"; wait "$pid" || true
}

run full -Dbare=none
run no-audit -Dbare=AuditTrail
run bare -Dbare=all
BARE_NOSEARCH=1 run bare-no-search-index -Dbare=all -Dbare.nosp=1
echo "logs in $work"
