#!/usr/bin/env bash
# The [GLPR-M] Fig. 3 job (fig3-job.json: circle, n = 32, beta = 1, 5, 9, 64 seeds each, S1 Euler h = 0.1, T = 20,
# fraction of clustered pairs) run in one go by attnflow (`./attnflow sweep`, batched), batched NumPy
# (fig3_numpy.py, written like the authors' phase-diagrams.py) and PyTorch CPU (fig3_torch.py), REPEAT times each
# (default 3, the best kept), and the ratios printed two ways: end to end (process start to exit: what a user
# waits for; JVM start-up and JIT warm-up included) and in-process (the job alone: attnflow's own sweep time, the
# scripts' time after their imports). The machine and its load go with the numbers; results are kept in
# bench/results/ensemble-<date>.txt.
#
# Usage: bench/ensemble/run.sh [SWEEP_FILE]     Environment: REPEAT (3), PYTHON (/usr/bin/python3: Debian's numpy, torch)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
python="${PYTHON:-/usr/bin/python3}"
repeat="${REPEAT:-3}"
spec="${1:-$here/fig3-job.json}"
out="$root/bench/results/ensemble-$(date +%Y%m%d-%H%M%S).txt"
mkdir -p "$root/bench/results"
. "$root/bench/launcher-ready.sh" # the jar and its AOT cache built, outside the timings
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

now() { date +%s.%N; }
best() { sort -g | head -n 1; }

# attnflow: end to end, and its own report "... , 1.23 s; wrote ..."
for r in $(seq "$repeat"); do
  rm -rf "$tmp/sweep"
  t0=$(now)
  line="$("$root/attnflow" sweep --spec "$spec" --out "$tmp/sweep" --progress never)"
  t1=$(now)
  echo "$t1 - $t0" | bc -l >> "$tmp/attnflow.e2e"
  sed -n 's/.*failed), \([0-9.e+-]*\) s.*/\1/p' <<<"$line" >> "$tmp/attnflow.job"
done
runs="$(tail -n +2 "$tmp/sweep/results.csv" | wc -l)"

# the same job for the peers: the sweep file's beta values, seeds per beta and end time
job_args=($("$python" "$here/job_args.py" "$spec"))

peer() { # name script
  if ! "$python" -c "import ${1}" 2>/dev/null; then echo "# ${1}: not importable by $python (apt-get install python3-${1})"; return 1; fi
  for r in $(seq "$repeat"); do
    t0=$(now)
    "$python" "$here/$2" "${job_args[@]}" 2>/dev/null | head -n 1 >> "$tmp/${1}.job"
    t1=$(now)
    echo "$t1 - $t0" | bc -l >> "$tmp/${1}.e2e"
  done
}
peer numpy fig3_numpy.py || true
peer torch fig3_torch.py || true

{
  echo "# $(date -Is) $(uname -srm); $(nproc) cores: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load $(cut -d' ' -f1-3 /proc/loadavg) (after the runs)"
  echo "# $("$root/attnflow" --version | tr '\n' ' '); torch threads $(cd "$here" && "$python" -c 'import fig3_harness; print(fig3_harness.PEER_THREADS)')"
  echo "# $("$python" "$root/bench/peer-blas.py" numpy); $("$python" "$root/bench/peer-blas.py" torch)"
  echo "# job: $(basename "$spec"), $runs runs; best of $repeat; seconds"
  printf '%-10s %12s %12s\n' "" "end-to-end" "in-process"
  a_e=$(best < "$tmp/attnflow.e2e"); a_j=$(best < "$tmp/attnflow.job")
  printf '%-10s %12.3f %12.3f\n' attnflow "$a_e" "$a_j"
  for p in numpy torch; do
    [ -f "$tmp/$p.e2e" ] || continue
    p_e=$(best < "$tmp/$p.e2e"); p_j=$(best < "$tmp/$p.job")
    printf '%-10s %12.3f %12.3f   attnflow faster by %.2fx end to end, %.2fx in-process\n' "$p" "$p_e" "$p_j" \
      "$(echo "$p_e / $a_e" | bc -l)" "$(echo "$p_j / $a_j" | bc -l)"
  done
} | tee "$out"
