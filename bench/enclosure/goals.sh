#!/usr/bin/env bash
# The rigorous enclosures' width goals, timed (CPU time of the solving thread and wall time), with and without
# Lohner's QR coordinates. Usage: bench/enclosure/goals.sh [repeats]   (SKIP_BUILD=1 reuses target/benchmarks.jar)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$(dirname "$here")")"
if [ "${SKIP_BUILD:-0}" != 1 ] || [ ! -f "$root/target/benchmarks.jar" ]; then
  mvn -B -q -f "$root/pom.xml" -Pbench -DskipTests package >&2
fi
java_home="$(sed -n 's/^ *java\.home = //p' "$root/target/java-settings.txt" | head -n 1)"
echo "# $(date -Is); load $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores"
exec "${java_home:+$java_home/bin/}java" --add-modules=jdk.incubator.vector -cp "$root/target/benchmarks.jar" \
  org.attnflow.bench.EnclosureGoals "${1:-2}" 2> >(grep -v "^WARNING: Using incubator modules" >&2)
