#!/usr/bin/env bash
# Bulk writes through the HTTP API (docs/design/bulk-writes.md): starts the packaged app on a fresh
# embedded store (loopback only), then runs src/test/java/bench/BulkLoad.java: bulk contact upsert,
# bulk link create (4 clients, 1,000 per request, every rule checked), and a CSV import of relations,
# with the app's heap bounded by BULK_APP_HEAP (default 1g) to show the import's memory stays flat.
#
#   bench/bulk.sh [contacts] [seconds-of-bulk-links] [csv-lines]
#   bench/bulk.sh                      # 100,000 contacts, 30 s of bulk links, 1,000,000 CSV lines
#   bench/bulk.sh 20000 10 0           # a quick look, no CSV
set -euo pipefail
cd "$(dirname "$0")/.."

CONTACTS=${1:-100000}
LINK_SECONDS=${2:-30}
CSV_LINES=${3:-1000000}

source bench/app-env.sh bulk

LIAISON_DATA_DIR="$DATA_DIR" LIAISON_EMBEDDED_BOLT_PORT="$BOLT_PORT" LIAISON_EMBEDDED_PASSWORD="$PASSWORD" \
LIAISON_AGENCY_TOKEN="$TOKEN" LIAISON_BOOTSTRAP_DEFAULT_LOCATION=false QUARKUS_HTTP_PORT="$HTTP_PORT" \
  java -Xmx${BULK_APP_HEAP:-1g} $CLASS_ARCHIVE ${BULK_APP_JAVA_OPTS:-} -jar target/quarkus-app/quarkus-run.jar >"$LOG" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null; wait $APP 2>/dev/null || true; rm -rf "$DATA_DIR"' EXIT

for _ in $(seq 1 240); do
  if curl -fs "http://127.0.0.1:$HTTP_PORT/q/health/ready" >/dev/null 2>&1; then break; fi
  if ! kill -0 $APP 2>/dev/null; then echo "the app did not start:"; tail -50 "$LOG"; exit 1; fi
  sleep 0.5
done
curl -fs "http://127.0.0.1:$HTTP_PORT/q/health/ready" >/dev/null

# Compiled first rather than run through the source launcher: JDK 17's launcher, trimming a failure's
# stack trace, throws its own IllegalArgumentException and hides the real exception.
mkdir -p target/bench-classes
javac -nowarn -d target/bench-classes -cp "$CLASSPATH" src/test/java/bench/BulkLoad.java
java -Xmx1g -cp "target/bench-classes:$CLASSPATH" bench.BulkLoad "http://127.0.0.1:$HTTP_PORT" "$TOKEN" "$CONTACTS" "$LINK_SECONDS" \
  "$CSV_LINES" "$APP"
echo "Store on disk: $(du -sh "$DATA_DIR" | cut -f1); app RSS at the end: $(ps -o rss= -p $APP | awk '{printf "%.0f MB", $1/1024}')"
