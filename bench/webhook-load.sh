#!/usr/bin/env bash
# Webhook load benchmark: the real server against the in-process fake GitHub, on loopback.
# Usage: bench/webhook-load.sh [deliveries=20000] [rate=2500] [pullRequests=500] [inFlight=64]
# Targets: >= 2,000 deliveries/s, p99 ack < 50 ms, evaluation p50 < 10 ms.
# BENCH_JAVA_OPTS="-Dbench.maxEvaluations=N" sets OWNERGATE_MAX_EVALUATIONS (default 32); see bench/README.md.
# BENCH_MAIN runs another main on the same classpath instead (bench/ack-cost.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

find_jdk() {
  for candidate in "${OWNERGATE_JAVA_HOME:-}" "${JAVA_HOME:-}" /usr/lib/jvm/* /opt/java/*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -f "$candidate/release" ] || continue
    version="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$candidate/release")"
    if [ "${version:-0}" -ge 21 ]; then echo "$candidate"; return 0; fi
  done
  return 1
}
jdk="$(find_jdk)" || { echo "webhook-load: needs a JDK 21 or newer" >&2; exit 2; }

mvn_java="${MAVEN_JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}"
JAVA_HOME="$mvn_java" ./mvnw -B -q -pl app -am test-compile dependency:build-classpath -DskipTests \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
cp="app/target/classes:app/target/test-classes:owners-compiler/target/classes:$(cat app/target/bench.classpath)"
exec "$jdk/bin/java" ${BENCH_JAVA_OPTS:-} -Xms${BENCH_HEAP:-512m} -Xmx${BENCH_HEAP:-1g} -XX:+UseParallelGC -Dlogback.configurationFile=app/src/test/resources/logback-test.xml \
  -cp "$cp" "${BENCH_MAIN:-dev.ownergate.app.bench.WebhookLoad}" "$@"
