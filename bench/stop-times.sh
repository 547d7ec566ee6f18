#!/usr/bin/env bash
# Stop times of the packaged service (issue 22): from SIGTERM to the process's exit, in three states:
# idle, with event streams open, and right after a large import left a backlog of events to number.
# Usage: bench/stop-times.sh [lines]   (needs target/quarkus-app from ./mvnw package; default 20000 lines)
# Prints one line per state, with the load average when the signal was sent. Timings on a shared
# machine are noisy: read them against the load average printed with them.
set -euo pipefail
cd "$(dirname "$0")/.."
LINES=${1:-20000}
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
    java -Xmx512m -jar "$JAR" >>"$DATA/app.log" 2>&1 &
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
if grep -qiE 'recovery (required|completed)' "$DATA/logs/debug.log" 2>/dev/null; then echo "a start ran log recovery" >&2; fi
