#!/usr/bin/env bash
# The first requests after a restart on an existing store (issue 22): a contact's create, a link and a
# record's relations, each timed by curl, once the restarted service has been ready for WAIT seconds
# (default 10: the plan warm-up runs in the background after ready; WAIT=0 asks at once).
# Usage: bench/first-requests.sh   (needs target/quarkus-app from ./mvnw -B -q package -DskipTests)
# Environment: JAR (another build's quarkus-run.jar), WAIT. Prints the load average with the times:
# on a shared machine compare builds side by side, not against another day's numbers.
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=${JAR:-target/quarkus-app/quarkus-run.jar}
WAIT=${WAIT:-10}
TOKEN=first-requests-agency-token
[ -f "$JAR" ] || { echo "build first: ./mvnw -B -q package -DskipTests" >&2; exit 1; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
DATA=$(mktemp -d /tmp/liaison-first-requests.XXXXXX)
HTTP=$(free_port); BOLT=$(free_port)
BASE=http://127.0.0.1:$HTTP
APP_PID=
cleanup() { [ -n "$APP_PID" ] && kill -9 "$APP_PID" 2>/dev/null || true; rm -rf "$DATA"; }
trap cleanup EXIT
start() {
  LIAISON_DATA_DIR=$DATA LIAISON_EMBEDDED_BOLT_PORT=$BOLT LIAISON_EMBEDDED_PASSWORD=first-requests-password \
  LIAISON_AGENCY_TOKEN=$TOKEN LIAISON_BOOTSTRAP_DEFAULT_LOCATION=false QUARKUS_HTTP_PORT=$HTTP \
    java -Xmx512m -XX:SharedArchiveFile="$(dirname "$JAR")/liaison.jsa" -jar "$JAR" >>"$DATA/app.log" 2>&1 &
  APP_PID=$!
  until curl -sf "$BASE/q/health/ready" >/dev/null; do sleep 0.1; done
}
stop() { kill -TERM "$APP_PID"; wait "$APP_PID" || true; APP_PID=; }
json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }
api() { curl -sf -H "Authorization: Bearer $KEY" -H 'Version: 2021-07-28' -H 'Content-Type: application/json' "$@"; }

start
LOCATION=$(curl -sf -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d '{"name":"First requests"}' "$BASE/locations/" | json '["id"]')
KEY=$(curl -sf -X POST -H "Authorization: Bearer $TOKEN" "$BASE/locations/$LOCATION/api-keys" | json '["apiKey"]')
contact() { api -d "{\"locationId\":\"$LOCATION\",\"firstName\":\"$1\"}" "$BASE/contacts/" | json '["contact"]["id"]'; }
A=$(contact Ann); B=$(contact Bob)
LABEL=$(api -d "{\"locationId\":\"$LOCATION\",\"key\":\"knows\",\"firstObjectKey\":\"contact\",\"firstObjectLabel\":\"Knows\",\"secondObjectKey\":\"contact\",\"secondObjectLabel\":\"Known by\"}" "$BASE/associations/" | json '["id"]')
api -d "{\"locationId\":\"$LOCATION\",\"associationId\":\"$LABEL\",\"firstRecordId\":\"$A\",\"secondRecordId\":\"$B\"}" "$BASE/associations/relations" >/dev/null
stop

start
sleep "$WAIT"
load=$(cut -d' ' -f1-3 /proc/loadavg)
t() { curl -s -o "$DATA/out" -w '%{time_total}' -H "Authorization: Bearer $KEY" -H 'Version: 2021-07-28' -H 'Content-Type: application/json' "$@"; }
c=$(t -d "{\"locationId\":\"$LOCATION\",\"firstName\":\"Cid\"}" "$BASE/contacts/"); C=$(json '["contact"]["id"]' <"$DATA/out")
l=$(t -d "{\"locationId\":\"$LOCATION\",\"associationId\":\"$LABEL\",\"firstRecordId\":\"$A\",\"secondRecordId\":\"$C\"}" "$BASE/associations/relations")
r=$(t "$BASE/associations/relations/$A?locationId=$LOCATION")
echo "first requests after a restart ($WAIT s after ready, load $load): contact create ${c}s, link ${l}s, relations read ${r}s"
stop
