#!/usr/bin/env bash
# Event numbering cost and webhook delivery rate below HTTP (bench.EventPipeline; see bench/README.md).
# Usage: bench/events.sh [events] [per-round] [locations] [deliveries] [stop-backlog]
#        bench/events.sh 20000 1000 10 3000
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp
exec java -Xmx1g ${BENCH_JAVA_OPTS:-} -cp "target/classes:target/test-classes:$(cat target/bench.cp)" bench.EventPipeline "$@"
