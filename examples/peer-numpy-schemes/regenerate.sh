#!/usr/bin/env bash
# Remakes every trajectory of this directory from its scenario with the NumPy peer (see README.md).
set -euo pipefail
cd "$(dirname "$0")"
for s in post pre peri ngpt mix ln-scaling pre-public peri-public ngpt-public heads; do
  python3 normalized_attention.py "$s.json" "$s.npy"
done
python3 normalized_attention.py pre.json pre-planted.npy --plant-error 7
python3 normalized_attention.py heads.json heads-rows.npy --row-convention
