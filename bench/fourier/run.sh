#!/usr/bin/env bash
# The Fourier–Bessel field: (1) where it beats the direct fields (Crossover.java: CPU time per evaluation, one
# thread, after warm-up), (2) n = 10^6 tokens for 100 Euler steps end to end (million.json, beta = 4; BETA=64 for a
# sharper kernel). Prints the machine and its load; results kept in bench/results/fourier-<date>.txt.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$root/bench/results/fourier-$(date +%Y%m%d-%H%M%S).txt"
mkdir -p "$root/bench/results"
. "$root/bench/launcher-ready.sh" # the jar and its AOT cache built, outside the timings
java_home="$(sed -n 's/^ *java\.home = //p' "$root/target/java-settings.txt" | head -n 1)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
{
  echo "# $(date -Is) $(uname -srm); $(nproc) cores: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load $(cut -d' ' -f1-3 /proc/loadavg) (before)"
  "$java_home/bin/java" --add-modules=jdk.incubator.vector -cp "$root/target/attnflow.jar" "$here/Crossover.java" 2>/dev/null
  sed "s/\"beta\": 4/\"beta\": ${BETA:-4}/" "$here/million.json" > "$tmp/million.json"
  t0=$(date +%s.%N)
  line="$("$root/attnflow" simulate --scenario "$tmp/million.json" --out "$tmp/run" --progress never)"
  t1=$(date +%s.%N)
  echo "# n = 10^6, beta = ${BETA:-4}, 100 steps: $(echo "$t1 - $t0" | bc -l | cut -c1-6) s end to end; ${line##*, }"
  echo "# load $(cut -d' ' -f1-3 /proc/loadavg) (after)"
} | tee "$out"
