#!/usr/bin/env bash
# Short runs end to end (process start to exit, JVM start-up and JIT warm-up included): 20 S1 Euler steps (20 field
# evaluations) of n tokens on the sphere in R^d, full attention, Q = K = V = I, beta = 1, h = 0.05, the end state
# written out, by `./attnflow simulate` (field auto) and by NumPy (short_numpy.py); REPEAT times each (default 3, the
# best kept); prints the machine, its load and the ratio. Results kept in bench/results/short-runs-<date>.txt.
# Usage: bench/short-runs/run.sh [n:d ...]   (default 4096:16 2048:128)   Environment: REPEAT, PYTHON (/usr/bin/python3)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
python="${PYTHON:-/usr/bin/python3}"
repeat="${REPEAT:-3}"
if [ $# -gt 0 ]; then configs=("$@"); else configs=(4096:16 2048:128); fi
out="$root/bench/results/short-runs-$(date +%Y%m%d-%H%M%S).txt"
mkdir -p "$root/bench/results"
. "$root/bench/launcher-ready.sh" # the jar and its AOT cache built, outside the timings
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
seconds() { local t0 t1; t0=$(date +%s.%N); "$@" >/dev/null 2>&1; t1=$(date +%s.%N); echo "$t1 - $t0" | bc -l; }
best() { sort -g | head -n 1; }
{
  echo "# $(date -Is) $(uname -srm); $(nproc) cores: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load $(cut -d' ' -f1-3 /proc/loadavg) (before)"
  echo "# $("$root/attnflow" --version | tr '\n' ' '); $("$python" "$root/bench/peer-blas.py" numpy)"
  echo "# 20 evaluations end to end, best of $repeat, seconds"
  for c in "${configs[@]}"; do
    n="${c%%:*}" d="${c##*:}"
    cat > "$tmp/s.json" <<JSON
{ "model": { "geometry": "sphere", "mask": "full", "normalization": "softmax", "beta": 1 },
  "initial": { "n": $n, "d": $d, "kind": "uniform-sphere", "seed": 1 },
  "time": { "end": 1, "save_times": [1] },
  "solver": { "method": "euler-postln", "step": 0.05 } }
JSON
    : > "$tmp/a"; : > "$tmp/p"
    for r in $(seq "$repeat"); do
      rm -rf "$tmp/run"
      seconds "$root/attnflow" simulate --scenario "$tmp/s.json" --out "$tmp/run" --progress never >> "$tmp/a"
      seconds "$python" "$here/short_numpy.py" "$n" "$d" "$tmp/x.npy" >> "$tmp/p"
    done
    a=$(best < "$tmp/a"); p=$(best < "$tmp/p")
    field=$(sed -n 's/.*"field" *: *"\([A-Za-z]*\)".*/\1/p' "$tmp/run/run.json" | head -n 1)
    printf 'n=%-5s d=%-4s attnflow %7.3f s (%s)   numpy %7.3f s   attnflow faster by %.2fx\n' "$n" "$d" "$a" "$field" "$p" "$(echo "$p / $a" | bc -l)"
  done
  echo "# load $(cut -d' ' -f1-3 /proc/loadavg) (after)"
} | tee "$out"
