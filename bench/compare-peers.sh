#!/usr/bin/env bash
# Runs, in one go on this machine, one attention evaluation (n tokens, dimension d, full or causal, Q = K = V = I,
# beta = 1, float64) in our SIMD field (all cores and one thread), in NumPy and in PyTorch (CPU, written the way
# the papers' code is: dense scores, softmax, -inf mask), checks that the peers get our numbers, and prints a
# table of times and ratios. Results are kept in bench/results/peers-<date>/.
#
# Usage: bench/compare-peers.sh [n:d:mask ...]      (default: n = 1024, d in 2 3 16 64 128, full and causal)
# Environment: MIN_SECONDS (timing window per configuration, default 2), PYTHON (default /usr/bin/python3, the
# Debian python3-numpy / python3-torch), SKIP_BUILD=1 to reuse target/benchmarks.jar.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
python="${PYTHON:-/usr/bin/python3}"
min_seconds="${MIN_SECONDS:-2}"
if [ $# -gt 0 ]; then configs=("$@"); else
  configs=()
  for mask in full causal; do for d in 2 3 16 64 128; do configs+=("1024:$d:$mask"); done; done
fi

if [ "${SKIP_BUILD:-0}" != 1 ] || [ ! -f "$root/target/benchmarks.jar" ]; then
  echo "compare-peers: building target/benchmarks.jar (mvn -Pbench package)..." >&2
  mvn -B -q -f "$root/pom.xml" -Pbench -DskipTests package >&2
fi
java_home="$(sed -n 's/^ *java\.home = //p' "$root/target/java-settings.txt" | head -n 1)"
java="${java_home:+$java_home/bin/}java"

out="$root/bench/results/peers-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$out"
results="$out/results.jsonl"
{
  echo "# $(date -Is) $(uname -srm); $(nproc) cores: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "# java: $("$java" -version 2>&1 | head -n 1)"
  echo "# $("$python" "$here/peer-blas.py" numpy 2>&1); $("$python" "$here/peer-blas.py" torch 2>&1)"
} > "$results"

echo "compare-peers: our SIMD field..." >&2
"$java" --add-modules=jdk.incubator.vector -Xmx2g -cp "$root/target/benchmarks.jar" org.attnflow.bench.PeerComparison \
  "$out" simd 0 "$min_seconds" "${configs[@]}" 2>/dev/null | tee -a "$results" >&2
"$java" --add-modules=jdk.incubator.vector -Xmx2g -cp "$root/target/benchmarks.jar" org.attnflow.bench.PeerComparison \
  "$out/one-thread" simd 1 "$min_seconds" "${configs[@]}" 2>/dev/null | tee -a "$results" >&2

echo "compare-peers: NumPy..." >&2
if "$python" -c "import numpy" 2>/dev/null; then
  (cd "$here/peers" && "$python" attention_numpy.py "$out" "$min_seconds" "${configs[@]}") | tee -a "$results" >&2
else
  echo "# numpy: not importable by $python (apt-get install python3-numpy)" | tee -a "$results" >&2
fi
echo "compare-peers: PyTorch..." >&2
if "$python" -c "import torch" 2>/dev/null; then
  (cd "$here/peers" && "$python" attention_torch.py "$out" "$min_seconds" "${configs[@]}") | tee -a "$results" >&2
else
  echo "# torch: not importable by $python (apt-get install python3-torch)" | tee -a "$results" >&2
fi
rm -f "$out"/*.npy "$out"/one-thread/*.npy
rmdir "$out/one-thread" 2>/dev/null || true

echo
grep '^#' "$results"
"$python" "$here/peers/ratio_table.py" "$results" | tee "$out/table.md"
