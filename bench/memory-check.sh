#!/usr/bin/env bash
# Issue 6's memory requirement, as a script (too slow for a unit test on 2 shared cores): the SIMD field on
# n = 65536 tokens, d = 16, causal (M3), two RK4 steps (8 evaluations), in a 2 GB heap. A dense n×n double
# matrix alone would need 34 GB. Prints the time per step and the peak heap use.
# Usage: bench/memory-check.sh [n] [d] [steps] [threads]     (SKIP_BUILD=1 reuses target/benchmarks.jar)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
if [ "${SKIP_BUILD:-0}" != 1 ] || [ ! -f "$root/target/benchmarks.jar" ]; then
  mvn -B -q -f "$root/pom.xml" -Pbench -DskipTests package >&2
fi
java_home="$(sed -n 's/^ *java\.home = //p' "$root/target/java-settings.txt" | head -n 1)"
exec "${java_home:+$java_home/bin/}java" --add-modules=jdk.incubator.vector -Xmx2g -cp "$root/target/benchmarks.jar" \
  org.attnflow.bench.MemoryCheck "$@" 2> >(grep -v "^WARNING: Using incubator modules" >&2)
