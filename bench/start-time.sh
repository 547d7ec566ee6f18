#!/usr/bin/env bash
# Start to ready of the packaged service on a fresh embedded store (issue 22: <= 8 s on 2 cores), and
# where the time goes: the service logs one "Start step" line per step (StartClock) with its wall time
# and the CPU time the process spent in it. Prints, per run: start to ready (wall), the process's CPU
# time at ready, the load average before and at ready, then the steps.
# Usage: bench/start-time.sh [runs]   (default 1; needs target/quarkus-app from ./mvnw -B -q package -DskipTests)
# Environment: JAVA_OPTS (extra JVM options, e.g. -XX:SharedArchiveFile=...), JAR (another build's quarkus-run.jar),
# START_JFR=1 (also record a JFR file per run and print where its CPU samples were, by package).
# On a shared machine read the wall times against the load average; CPU time is the steadier figure.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-1}
JAR=${JAR:-target/quarkus-app/quarkus-run.jar}
# The class archive next to the jar, as the README's command uses it; CLASS_ARCHIVE=none starts without one.
ARCHIVE_OPTS=()
[ "${CLASS_ARCHIVE:-}" != none ] && [ -f "$(dirname "$JAR")/liaison.jsa" ] && ARCHIVE_OPTS=(-XX:SharedArchiveFile="$(dirname "$JAR")/liaison.jsa")
[ -f "$JAR" ] || { echo "build first: ./mvnw -B -q package -DskipTests" >&2; exit 1; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
TICKS=$(getconf CLK_TCK)
APP_PID=
DATA=
cleanup() { [ -n "$APP_PID" ] && kill -9 "$APP_PID" 2>/dev/null || true; [ -n "$DATA" ] && rm -rf "$DATA"; }
trap cleanup EXIT

for run in $(seq 1 "$RUNS"); do
  DATA=$(mktemp -d /tmp/liaison-start-time.XXXXXX)
  HTTP=$(free_port); BOLT=$(free_port)
  JFR_OPTS=()
  [ "${START_JFR:-0}" = 1 ] && JFR_OPTS=(-XX:StartFlightRecording=filename=$DATA/start.jfr,settings=profile)
  load_before=$(cut -d' ' -f1-3 /proc/loadavg)
  began=$(date +%s%N)
  # shellcheck disable=SC2086
  LIAISON_DATA_DIR=$DATA/store LIAISON_EMBEDDED_BOLT_PORT=$BOLT LIAISON_EMBEDDED_PASSWORD=start-time-password \
  LIAISON_AGENCY_TOKEN=start-time-agency-token LIAISON_BOOTSTRAP_DEFAULT_LOCATION=false QUARKUS_HTTP_PORT=$HTTP \
    java -Xmx512m "${ARCHIVE_OPTS[@]}" ${JAVA_OPTS:-} "${JFR_OPTS[@]}" -jar "$JAR" >"$DATA/app.log" 2>&1 &
  APP_PID=$!
  until curl -sf "http://127.0.0.1:$HTTP/q/health/ready" >/dev/null; do
    kill -0 "$APP_PID" 2>/dev/null || { echo "the service ended before it was ready:" >&2; grep -m5 -E "ERROR|Exception" "$DATA/app.log" >&2; cp "$DATA/app.log" /tmp/liaison-start-time-failed.log; exit 1; }
    sleep 0.05
  done
  ready_ms=$(( ($(date +%s%N) - began) / 1000000 ))
  cpu_ms=$(awk -v t="$TICKS" '{print int(($14 + $15) * 1000 / t)}' "/proc/$APP_PID/stat")
  echo "run $run: start to ready $ready_ms ms, process CPU $cpu_ms ms (load before $load_before, at ready $(cut -d' ' -f1-3 /proc/loadavg))"
  grep -o 'Start step .*' "$DATA/app.log" | sed 's/^/  /' || echo "  (no Start step lines: a build from before StartClock)"
  # CPU time by thread at ready (threads that ended before are not counted): JIT compilers and GC are not in JFR's samples.
  for task in /proc/$APP_PID/task/*; do
    printf '%s\t%s\n' "$(cat "$task/comm")" "$(awk '{print $14 + $15}' "$task/stat")"
  done | python3 -c '
import sys, collections, re
ticks = int(sys.argv[1])
by = collections.Counter()
for line in sys.stdin:
    name, t = line.rstrip("\n").split("\t")
    group = ("JIT compiler (C2)" if name.startswith("C2 Compiler") else "JIT compiler (C1)" if name.startswith("C1 Compiler")
             else "garbage collector" if re.match(r"(GC |G1 |VM Thread|Parallel GC)", name) else "main" if name in ("java", "main")
             else re.sub(r"[-_ ]?[0-9]+$", "", name))
    by[group] += int(t)
total = sum(by.values()) or 1
print("  CPU by thread at ready (%d ms in live threads):" % (total * 1000 // ticks))
for name, t in by.most_common(8):
    print("    %6d ms  %s" % (t * 1000 // ticks, name))
' "$TICKS"
  kill -TERM "$APP_PID"; wait "$APP_PID" || true; APP_PID=
  if [ "${START_JFR:-0}" = 1 ]; then
    jfr print --json --stack-depth 64 --events jdk.ExecutionSample "$DATA/start.jfr" | python3 -c '
import json, sys, collections
events = json.load(sys.stdin)["recording"]["events"]
def where(frames):
    # From the top of the stack: class loading wherever it was asked for, else the first library frame.
    for f in frames:
        t = f["method"]["type"]["name"]
        if f["method"]["name"] in ("loadClass", "defineClass", "defineClass1", "findClass") or t.endswith("RunnerClassLoader"):
            return "class loading"
        for prefix, name in (("org.neo4j.cypher", "Cypher (parse, plan, compile)"), ("org.neo4j", "Neo4j kernel and stores"),
                             ("io.liaison", "Liaison"), ("io.quarkus", "Quarkus"), ("io.smallrye", "SmallRye (config, OpenAPI)"),
                             ("io.vertx", "Vert.x"), ("io.netty", "Netty"), ("org.jboss", "JBoss (logging, RESTEasy)")):
            if t.startswith(prefix):
                return name
    return "JDK only (reflection, collections, other)"
by = collections.Counter(where(e["values"]["stackTrace"]["frames"]) for e in events if e["values"].get("stackTrace"))
total = sum(by.values()) or 1
print("  JFR CPU samples of Java threads (%d), by what they were doing:" % total)
for name, n in by.most_common():
    print("    %5.1f%%  %s" % (100.0 * n / total, name))
'
  fi
  rm -rf "$DATA"; DATA=
done
