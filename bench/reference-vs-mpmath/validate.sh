#!/usr/bin/env bash
# validate --scheme ode on n = 32 (issue 11's 10 s goal): a dopri5 trajectory of M1 (full) and of M3 (causal), n = 32,
# d = 3, beta = 4, 50 frames to T = 5, checked against the reference at the default tolerance 1e-10 (12 digits: the
# double-double tier). Prints each validate's wall time and the arithmetic its reference used.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$here/../.."
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
for model in m1 m3; do
  "$root/attnflow" simulate --scenario "$here/validate-$model.json" --out "$out/$model" >/dev/null
  start=$(date +%s.%N)
  "$root/attnflow" validate --scenario "$here/validate-$model.json" --trajectory "$out/$model/trajectory.npy" --scheme ode \
    --report "$out/$model/validate.json" >/dev/null || true
  end=$(date +%s.%N)
  arithmetic=$(grep -o '"arithmetic" *: *"[a-z-]*"' "$out/$model/validate.json" || echo '"arithmetic": ?')
  verdict=$(grep -o '"verdict" *: *"[a-z]*"' "$out/$model/validate.json" || echo '"verdict": ?')
  printf '%s: validate --scheme ode %.1f s wall (%s, %s), load %s\n' "$model" "$(echo "$end - $start" | bc)" "$arithmetic" "$verdict" \
    "$(cut -d' ' -f1-3 /proc/loadavg)"
done
