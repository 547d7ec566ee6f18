#!/usr/bin/env bash
# Stop times of the packaged service (issue 22): from SIGTERM to the process's exit, in four states:
# idle, with event streams open, right after a large import left a backlog of events to number, and
# while the dispatcher numbers and delivers a backlog of BACKLOG (100,000) events, with a webhook whose
# host accepts and never answers.
# Usage: bench/stop-times.sh [lines] [backlog]   (needs target/quarkus-app from ./mvnw package; default 20000 lines,
# 100000 events; backlog 0 skips that state)
# Prints one line per state, with the load average when the signal was sent. Timings on a shared
# machine are noisy: read them against the load average printed with them.
set -euo pipefail
cd "$(dirname "$0")/.."
LINES=${1:-20000}
BACKLOG=${2:-100000}
EXTRA_ENV=()
JAR=target/quarkus-app/quarkus-run.jar
TOKEN=stop-times-agency-token
[ -f "$JAR" ] || { echo "build first: ./mvnw -B -q package -DskipTests" >&2; exit 1; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
DATA=$(mktemp -d /tmp/liaison-stop-times.XXXXXX)
HTTP=$(free_port); BOLT=$(free_port)
APP_PID=
cleanup() { [ -n "$APP_PID" ] && kill -9 "$APP_PID" 2>/dev/null || true; rm -rf "$DATA"; }
trap cleanup EXIT
BASE=http://127.0.0.1:$HTTP

start() {
  LIAISON_DATA_DIR=$DATA LIAISON_EMBEDDED_BOLT_PORT=$BOLT LIAISON_EMBEDDED_PASSWORD=stop-times-password \
  LIAISON_AGENCY_TOKEN=$TOKEN LIAISON_BOOTSTRAP_DEFAULT_LOCATION=false QUARKUS_HTTP_PORT=$HTTP \
    env "${EXTRA_ENV[@]}" java -Xmx512m -XX:SharedArchiveFile="$(dirname "$JAR")/liaison.jsa" -jar "$JAR" >>"$DATA/app.log" 2>&1 &
  APP_PID=$!
  local began=$(date +%s%N)
  until curl -sf "$BASE/q/health/ready" >/dev/null; do sleep 0.1; done
  echo "start to ready: $(( ($(date +%s%N) - began) / 1000000 )) ms (load $(cut -d' ' -f1-3 /proc/loadavg))"
}

stop() {
  local what=$1 load began
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  began=$(date +%s%N)
  kill -TERM "$APP_PID"
  wait "$APP_PID" || true
  APP_PID=
  echo "stop $what: $(( ($(date +%s%N) - began) / 1000000 )) ms (load $load)"
  if grep -qiE 'critical error|shutdown failed|ClosedByInterruptException|panic' "$DATA/app.log"; then
    echo "  the log shows a database panic" >&2
  fi
}

start
LOCATION=$(curl -sf -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d '{"name":"Stop times"}' "$BASE/locations/" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
KEY=$(curl -sf -X POST -H "Authorization: Bearer $TOKEN" "$BASE/locations/$LOCATION/api-keys" | python3 -c 'import json,sys; print(json.load(sys.stdin)["apiKey"])')
sleep 2
stop idle

start
for i in 1 2 3; do curl -sN -H "Authorization: Bearer $KEY" "$BASE/events/stream" >/dev/null 2>&1 & done
sleep 2
stop "with 3 event streams open"

start
python3 - "$LINES" >"$DATA/import.csv" <<'PY'
import sys
print("firstName,lastName,email")
for i in range(int(sys.argv[1])):
    print(f"First{i},Last{i},stop-{i}@times.test")
PY
JOB=$(curl -sf -H "Authorization: Bearer $KEY" -H 'Content-Type: text/csv' --data-binary @"$DATA/import.csv" "$BASE/contacts/import" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
until curl -sf -H "Authorization: Bearer $KEY" "$BASE/imports/$JOB" | grep -qE '"status":"(SUCCEEDED|COMPLETED_WITH_ERRORS|FAILED)"'; do sleep 1; done
stop "right after a $LINES-line import (its events still being numbered)"
start
stop "idle again, after the restart"

if [ "$BACKLOG" -gt 0 ]; then
  # A host that accepts connections and never answers: the kernel completes the handshake for a listening
  # socket that is never accepted from.
  HANG_PORT=$(free_port)
  python3 -c 'import socket,sys,time; s=socket.socket(); s.bind(("127.0.0.1",int(sys.argv[1]))); s.listen(512); time.sleep(86400)' "$HANG_PORT" &
  HANG_PID=$!
  trap 'kill $HANG_PID 2>/dev/null; cleanup' EXIT
  # The backlog is written while this instance numbers nothing (its dispatcher looks once at start, then
  # every hour), so that it is all there when the normal instance starts.
  EXTRA_ENV=(LIAISON_WEBHOOKS_POLL_INTERVAL=1h LIAISON_WEBHOOKS_ALLOW_PRIVATE_TARGETS=true)
  start
  curl -sf -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' \
    -d "{\"url\":\"http://127.0.0.1:$HANG_PORT/hook\",\"events\":[\"ContactCreate\"]}" "$BASE/webhooks" >/dev/null
  written=0
  while [ "$written" -lt "$BACKLOG" ]; do
    python3 - "$LOCATION" "$written" >"$DATA/bulk.json" <<'PY'
import json, sys
location, start = sys.argv[1], int(sys.argv[2])
print(json.dumps({"locationId": location, "contacts": [
    {"firstName": f"Backlog{i}", "email": f"backlog-{i}@stop.test"} for i in range(start, start + 1000)]}))
PY
    curl -sf -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' --data-binary @"$DATA/bulk.json" \
      "$BASE/contacts/bulk" >/dev/null
    written=$((written + 1000))
  done
  echo "backlog: $written events written (load $(cut -d' ' -f1-3 /proc/loadavg))"
  stop "after writing the backlog, nothing numbered"
  EXTRA_ENV=(LIAISON_WEBHOOKS_ALLOW_PRIVATE_TARGETS=true)
  start
  sleep 5
  stop "5 s into numbering and delivering a $BACKLOG-event backlog, a webhook host that never answers"
  start
  stop "idle again, after the restart"
fi
if grep -qiE 'recovery (required|completed)' "$DATA/logs/debug.log" 2>/dev/null; then echo "a start ran log recovery" >&2; fi
