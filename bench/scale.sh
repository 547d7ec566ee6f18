#!/usr/bin/env bash
# Liaison at scale (issue 20, item 5): loads CONTACTS contacts and LINKS links through the bulk APIs
# (POST /contacts/bulk, POST /associations/relations/bulk; 1,000 items a request, CLIENTS clients) into
# the packaged app on a fresh embedded store, then reports: load time, store size on disk, heap after a
# full GC (jcmd GC.run + GC.heap_info), resident memory, the service's start time to ready on that store
# (it is stopped and started again), and p50/p99 of three reads (relations of a record, a 2-hop
# neighbourhood, a shortest path) at that size vs with 10,000 links. Written to bench/results/scale.md
# (src/test/java/bench/Scale.java does the loading and measuring; its comment says how the reads are
# kept comparable).
#
#   bench/scale.sh [contacts] [links] [max-load-seconds] [clients] [seconds-per-read]
#   bench/scale.sh                          # 1,000,000 contacts, 5,000,000 links, at most 3 h of loading
#   bench/scale.sh 100000 500000 1800       # a tenth of it, at most 30 min of loading
#
# Bounded time: loading stops after max-load-seconds (default 10,800) and the report says how many
# links were in by then; each read is measured for seconds-per-read (default 8) after a warm-up. On
# 2 shared cores the full size takes hours (the bulk link rate decides); the store needs roughly
# 1 GB per million links on disk, in a fresh temporary folder that is removed at the end
# (BENCH_KEEP_STORE=1 keeps it).
set -euo pipefail
cd "$(dirname "$0")/.."

CONTACTS=${1:-1000000}
LINKS=${2:-5000000}
MAX_LOAD_SECONDS=${3:-10800}
CLIENTS=${4:-4}
READ_SECONDS=${5:-8}
HEAP=${BENCH_HEAP:--Xmx2g}
RESULTS=${BENCH_RESULTS:-bench/results/scale.md}

source bench/app-env.sh scale
STATE="$DATA_DIR/scale-state.json"
APP=

start_app() {
  LIAISON_DATA_DIR="$DATA_DIR/store" LIAISON_EMBEDDED_BOLT_PORT="$BOLT_PORT" LIAISON_EMBEDDED_PASSWORD="$PASSWORD" \
  LIAISON_AGENCY_TOKEN="$TOKEN" LIAISON_BOOTSTRAP_DEFAULT_LOCATION=false QUARKUS_HTTP_PORT="$HTTP_PORT" \
    java $HEAP $CLASS_ARCHIVE ${BENCH_APP_JAVA_OPTS:-} -jar target/quarkus-app/quarkus-run.jar >>"$LOG" 2>&1 &
  APP=$!
}
# Seconds from the start of the JVM to the first ready answer, polled every 0.1 s.
wait_ready() {
  local began=$1
  for _ in $(seq 1 3000); do
    if curl -fs "http://127.0.0.1:$HTTP_PORT/q/health/ready" >/dev/null 2>&1; then
      python3 -c "import time; print('%.1f' % (time.time() - $began))"
      return 0
    fi
    if ! kill -0 "$APP" 2>/dev/null; then echo "the app did not start:" >&2; tail -50 "$LOG" >&2; return 1; fi
    sleep 0.1
  done
  echo "the app was not ready within 300 s" >&2
  return 1
}
stop_app() {
  if [[ -n "$APP" ]]; then kill "$APP" 2>/dev/null || true; wait "$APP" 2>/dev/null || true; APP=; fi
}
cleanup() {
  stop_app
  if [[ -z "${BENCH_KEEP_STORE:-}" ]]; then rm -rf "$DATA_DIR"; else echo "store kept in $DATA_DIR"; fi
}
trap cleanup EXIT

LOAD_START=$(cut -d' ' -f1 /proc/loadavg)
start_app
wait_ready "$(date +%s.%N)" >/dev/null
echo "app on port $HTTP_PORT, store in $DATA_DIR/store; loading $CONTACTS contacts and $LINKS links (at most $MAX_LOAD_SECONDS s)"
java $HEAP -cp "$CLASSPATH" src/test/java/bench/Scale.java load "http://127.0.0.1:$HTTP_PORT" "$TOKEN" "$CONTACTS" "$LINKS" \
  "$MAX_LOAD_SECONDS" "$CLIENTS" "$STATE"

# Memory once loaded: the live heap after a full GC, and the resident set of the whole process
# (heap, page cache of the store, metaspace, threads).
jcmd "$APP" GC.run >/dev/null
HEAP_INFO=$(jcmd "$APP" GC.heap_info)
HEAP_USED=$(echo "$HEAP_INFO" | grep -oE 'used [0-9]+K' | head -1 | grep -oE '[0-9]+')
RSS_KB=$(ps -o rss= -p "$APP" | tr -d ' ')
stop_app
STORE_MB=$(du -sm "$DATA_DIR/store" | cut -f1)
# Neo4j keeps its transaction logs beside the store (db.tx_log.rotation.retention_policy); how much of
# the size they are tells the graph's own footprint from the load's history.
TX_LOG_MB=$(du -smc "$DATA_DIR"/store/data/transactions/* 2>/dev/null | tail -1 | cut -f1)

# Start time on the loaded store: JVM start to the first ready answer.
BEGAN=$(date +%s.%N)
start_app
START_SECONDS=$(wait_ready "$BEGAN")
STARTED=$(grep -oE 'started in [0-9.]+s' "$LOG" | tail -1 | grep -oE '[0-9.]+' || echo "?")
echo "ready in $START_SECONDS s on the loaded store (Quarkus: started in $STARTED s)"

java $HEAP -cp "$CLASSPATH" src/test/java/bench/Scale.java measure "http://127.0.0.1:$HTTP_PORT" "$STATE" "$READ_SECONDS" "$CLIENTS" \
  "$RESULTS" "heapFlags=$HEAP" "load=$LOAD_START at the start, $(cut -d' ' -f1 /proc/loadavg) at the end" \
  "store size on disk=${STORE_MB} MB" \
  "of which Neo4j's transaction logs=${TX_LOG_MB:-?} MB" \
  "heap after a full GC (jcmd GC.run, GC.heap_info)=$((HEAP_USED / 1024)) MB" \
  "resident memory (RSS) once loaded=$((RSS_KB / 1024)) MB" \
  "start to ready on the loaded store (JVM start to the first ready answer)=${START_SECONDS} s" \
  "of which Quarkus reports started in=${STARTED} s"
