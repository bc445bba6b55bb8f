#!/usr/bin/env bash
# Builds the JMH jar (profile "bench", not part of the default build) and runs it.
# Arguments go to JMH, e.g.:  bench/jmh/run.sh -f 1 -wi 2 -i 3 -w 2s -r 3s
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
./mvnw -B -q -P bench -pl bench/jmh -am -DskipTests package
java_bin="${BENCH_JAVA:-java}"
for jdk in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/java-21-openjdk-amd64; do
  if [[ -z "${BENCH_JAVA:-}" && -x "$jdk/bin/java" ]]; then java_bin="$jdk/bin/java"; break; fi
done
exec "$java_bin" -jar bench/jmh/target/ownergate-jmh.jar "$@"
