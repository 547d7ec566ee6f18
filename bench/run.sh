#!/usr/bin/env bash
# Liaison's benchmark: starts the packaged app on a fresh embedded store (loopback only), then runs
# src/test/java/bench/Benchmark.java (compiled by ./mvnw verify, never run as a test), which measures
# each case through the HTTP API, through the Neo4j driver running the same Cypher, and in-process
# (a JVM of its own, started by the benchmark with the app's heap flags, running the same repository
# statements on an embedded store of its own, no HTTP), side by side in alternating rounds, and
# writes the table to bench/results/latest.md.
#
#   bench/run.sh [seconds-per-measurement] [clients] [extra-links-for-the-scale-case]
#   bench/run.sh            # 8 s, 16 clients, 1,000,000 extra links (about 5 minutes on 2 cores)
#   bench/run.sh 3 16 0     # a quick look, no scale case
#   BENCH_APP_JAVA_OPTS="-XX:StartFlightRecording=filename=/tmp/app.jfr,settings=profile" bench/run.sh   # profile the app
#   BENCH_RESULTS=bench/results/quick.md bench/run.sh 3 16 0   # the table to another file
#   LIAISON_IN_PROCESS_TRANSACTIONS=false bench/run.sh   # the API's transactions through Bolt, as with a server
#                                                         # (written to bench/results/latest-over-bolt.md)
set -euo pipefail
cd "$(dirname "$0")/.."

SECONDS_PER_CASE=${1:-8}
CLIENTS=${2:-16}
BIG_LINKS=${3:-1000000}
# The app's heap flags; the benchmark starts its in-process baseline's JVM with the same ones.
export BENCH_HEAP=${BENCH_HEAP:--Xmx2g}

source bench/app-env.sh bench

LIAISON_DATA_DIR="$DATA_DIR" LIAISON_EMBEDDED_BOLT_PORT="$BOLT_PORT" LIAISON_EMBEDDED_PASSWORD="$PASSWORD" \
LIAISON_AGENCY_TOKEN="$TOKEN" LIAISON_BOOTSTRAP_DEFAULT_LOCATION=false QUARKUS_HTTP_PORT="$HTTP_PORT" \
  java $BENCH_HEAP $CLASS_ARCHIVE ${BENCH_APP_JAVA_OPTS:-} -jar target/quarkus-app/quarkus-run.jar >"$LOG" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null; wait $APP 2>/dev/null || true; rm -rf "$DATA_DIR"' EXIT

for _ in $(seq 1 120); do
  if curl -fs "http://127.0.0.1:$HTTP_PORT/q/health/ready" >/dev/null 2>&1; then break; fi
  if ! kill -0 $APP 2>/dev/null; then echo "the app did not start:"; tail -50 "$LOG"; exit 1; fi
  sleep 0.5
done
curl -fs "http://127.0.0.1:$HTTP_PORT/q/health/ready" >/dev/null

RESULTS=bench/results/latest.md
if [[ "${LIAISON_IN_PROCESS_TRANSACTIONS:-true}" == false ]]; then RESULTS=bench/results/latest-over-bolt.md; fi
RESULTS=${BENCH_RESULTS:-$RESULTS}
mkdir -p bench/results
# Compiled by Maven with the other bench classes (bench.OutsideQuarkus, ...), on the test class path: outside
# Quarkus the in-process way's lock-conflict retry needs SmallRye Fault Tolerance's standalone module (test scope).
./mvnw -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp
java -Xmx2g -cp "target/classes:target/test-classes:$(cat target/bench.cp)" bench.Benchmark "http://127.0.0.1:$HTTP_PORT" "bolt://127.0.0.1:$BOLT_PORT" "$PASSWORD" "$TOKEN" \
  "$RESULTS" "$SECONDS_PER_CASE" "$CLIENTS" "$BIG_LINKS" "$APP"
echo "Resident memory of the app at the end: $(ps -o rss= -p $APP | awk '{printf "%.0f MB", $1/1024}')"
