#!/usr/bin/env bash
# The [GLPR-M] Fig. 3 job in steady state, like with like: attnflow's EnsembleJobBenchmark (JMH, one fork: the job's
# batches on a 2-thread pool, in process, after warm-up; the compute of `attnflow sweep` without journal and figure)
# against the best of REPEAT jobs of batched NumPy and PyTorch in one process each (fig3_numpy.py / fig3_torch.py
# --repeat: imports and first-call costs paid once, as attnflow's JIT is by the warm-up). Prints a table of the
# three times in ms and the two ratios, with the machine (CPU model, family, cores, the Vector API's preferred species
# length), the load before and after, and the versions; saves it to bench/results/ensemble-steady-<date>.txt.
# For the cold job, end to end, see run.sh.
#
# Usage: bench/ensemble/steady.sh [SWEEP_FILE]   (default bench/ensemble/fig3-job.json; relative to the repository root)
# Environment: REPEAT (5) jobs per peer; WI (8) and I (5) JMH warm-up and measured iterations of W and R (1) seconds;
#   PYTHON (/usr/bin/python3: Debian's numpy, torch); SKIP_BUILD=1 reuses target/benchmarks.jar.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"
python="${PYTHON:-/usr/bin/python3}"
repeat="${REPEAT:-5}"
spec="${1:-bench/ensemble/fig3-job.json}"
[ -f "$spec" ] || { echo "steady.sh: no sweep file $spec" >&2; exit 2; }
out="$root/bench/results/ensemble-steady-$(date +%Y%m%d-%H%M%S).txt"
mkdir -p "$root/bench/results"
job_args=($("$python" "$here/job_args.py" "$spec"))
if [ "${SKIP_BUILD:-0}" != 1 ] || [ ! -f target/benchmarks.jar ]; then
  mvn -B -q -Pbench -DskipTests package >&2
fi
java_home="$(sed -n 's/^ *java\.home = //p' target/java-settings.txt | head -n 1)"
java="${java_home:+$java_home/bin/}java"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

load_before="$(cut -d' ' -f1-3 /proc/loadavg)"

# attnflow: JMH AverageTime, ms per job
"$java" -jar target/benchmarks.jar 'EnsembleJobBenchmark.job' -p sweep="$spec" -f 1 \
  -wi "${WI:-8}" -w "${W:-1}" -i "${I:-5}" -r "${R:-1}" -rf json -rff "$tmp/jmh.json" > "$tmp/jmh.log" 2>&1 \
  || { tail -n 30 "$tmp/jmh.log" >&2; echo "steady.sh: the JMH run failed" >&2; exit 1; }
read -r a_ms a_err a_n <<<"$("$python" -c '
import json, sys
r = json.load(open(sys.argv[1]))[0]["primaryMetric"]
print(r["score"], r["scoreError"], len(r["rawData"][0]))' "$tmp/jmh.json")"

# the peers: REPEAT jobs in one process each, every job's seconds on its own line; the best is the steady state
peer() { # name script
  if ! "$python" -c "import $1" 2>/dev/null; then echo "# $1: not importable by $python (apt-get install python3-$1)" >> "$tmp/notes"; return 0; fi
  "$python" "$here/$2" "${job_args[@]}" --repeat "$repeat" 2>/dev/null > "$tmp/$1.s"
}
peer numpy fig3_numpy.py
peer torch fig3_torch.py

load_after="$(cut -d' ' -f1-3 /proc/loadavg)"
cat > "$tmp/Species.java" <<'EOF'
public class Species {
    public static void main(String[] a) {
        System.out.println(jdk.incubator.vector.DoubleVector.SPECIES_PREFERRED.length());
    }
}
EOF
lanes="$("$java" --add-modules=jdk.incubator.vector "$tmp/Species.java" 2>/dev/null || echo '?')"
cpu="$(lscpu | sed -n 's/^Model name: *//p' | head -n 1)"
family="$(lscpu | sed -n 's/^CPU family: *//p' | head -n 1)"
model="$(lscpu | sed -n 's/^Model: *//p' | head -n 1)"
avx512="$(grep -qw avx512f /proc/cpuinfo && echo AVX-512 || (grep -qw avx2 /proc/cpuinfo && echo AVX2 || echo 'no AVX2'))"

{
  echo "# $(date -Is) $(uname -srm); $cpu (family $family, model $model), $(nproc) cores, $avx512, DoubleVector.SPECIES_PREFERRED = $lanes doubles"
  echo "# load before $load_before, after $load_after"
  echo "# $("$java" -version 2>&1 | head -n 1); JMH EnsembleJobBenchmark.job: 1 fork, ${WI:-8} x ${W:-1} s warm-up, $a_n x ${R:-1} s measured, 2 threads"
  echo "# $("$python" "$root/bench/peer-blas.py" numpy); $("$python" "$root/bench/peer-blas.py" torch); torch threads $(cd "$here" && "$python" -c 'import fig3_harness; print(fig3_harness.PEER_THREADS)'); $("$python" --version 2>&1)"
  echo "# job: $spec (peers: ${job_args[*]}); peers: best of $repeat jobs in one process"
  if [ -f "$tmp/notes" ]; then cat "$tmp/notes"; fi
  for p in numpy torch; do
    if [ -s "$tmp/$p.s" ]; then echo "# $p seconds per job: $(tr '\n' ' ' < "$tmp/$p.s")"; fi
  done
  "$python" - "$a_ms" "$a_err" "$tmp/numpy.s" "$tmp/torch.s" <<'PY'
import os, sys
a, err = float(sys.argv[1]), float(sys.argv[2])
best = {}
for name, path in (("numpy", sys.argv[3]), ("torch", sys.argv[4])):
    if os.path.exists(path) and os.path.getsize(path) > 0:
        best[name] = 1000 * min(float(l) for l in open(path) if l.strip())
cell = lambda v, f: "-" if v is None else f.format(v)
# the JMH score's 99.9 % confidence interval (NaN, left out, with fewer than 3 measured iterations)
print("| attnflow steady ms | numpy best ms | torch best ms | numpy / attnflow | torch / attnflow |")
print("|---|---|---|---|---|")
print(f"| {a:.1f}{f' ± {err:.1f}' if err == err else ''} | {cell(best.get('numpy'), '{:.1f}')} | {cell(best.get('torch'), '{:.1f}')} | "
      f"{cell(best['numpy'] / a if 'numpy' in best else None, '{:.2f}x')} | {cell(best['torch'] / a if 'torch' in best else None, '{:.2f}x')} |")
PY
} > "$out"
cat "$out"
echo "# saved $out"
