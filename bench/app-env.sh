# Sourced by bench/run.sh, bench/scale.sh and bench/bulk.sh: builds the app when the sources are newer than it, and
# sets what an app on a fresh store needs: free loopback ports, a temporary folder (DATA_DIR, named
# after $1), a random agency token and embedded Bolt password, and the log file.
if [[ ! -f target/quarkus-app/quarkus-run.jar || -n "$(find src -newer target/quarkus-app/quarkus-run.jar -type f | head -1)" ]]; then
  ./mvnw -B -q package -DskipTests
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' 2>/dev/null \
  || echo $((20000 + RANDOM % 20000)); }
HTTP_PORT=$(free_port)
BOLT_PORT=$(free_port)
DATA_DIR=$(mktemp -d -t "liaison-$1-XXXXXX")
TOKEN="$1-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
PASSWORD="$1-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
LOG="$DATA_DIR/app.log"
# The class archive the package step makes (docs/operations/running.md), as the README's command uses it.
CLASS_ARCHIVE="-XX:SharedArchiveFile=target/quarkus-app/liaison.jsa"
CLASSPATH="target/quarkus-app/app/*:target/quarkus-app/lib/main/*:target/quarkus-app/lib/boot/*"
