#!/usr/bin/env bash
# One core's roofline in CPU time (robust on a shared machine): the FMA peak, then one evaluation per
# configuration on one thread as GFLOP/s and % of that peak.
# Usage: bench/roofline.sh [simd|scalar] [n:d:mask ...]   (default: simd, n = 1024 and 4096, d in 2 3 16 64 128,
# full and causal). SECONDS_PER_CONFIG (default 3) per configuration; SKIP_BUILD=1 reuses target/benchmarks.jar.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
impl="${1:-simd}"; shift || true
if [ $# -gt 0 ]; then configs=("$@"); else
  configs=()
  for n in 1024 4096; do for mask in full causal; do for d in 2 3 16 64 128; do configs+=("$n:$d:$mask"); done; done; done
fi
if [ "${SKIP_BUILD:-0}" != 1 ] || [ ! -f "$root/target/benchmarks.jar" ]; then
  mvn -B -q -f "$root/pom.xml" -Pbench -DskipTests package >&2
fi
java_home="$(sed -n 's/^ *java\.home = //p' "$root/target/java-settings.txt" | head -n 1)"
echo "# $(date -Is); load $(cut -d' ' -f1-3 /proc/loadavg)"
exec "${java_home:+$java_home/bin/}java" --add-modules=jdk.incubator.vector -Xmx2g -cp "$root/target/benchmarks.jar" \
  org.attnflow.bench.CpuTimeRoofline "$impl" "${SECONDS_PER_CONFIG:-3}" "${configs[@]}" 2> >(grep -v "^WARNING: Using incubator modules" >&2)
