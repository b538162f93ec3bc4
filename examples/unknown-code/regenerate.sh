#!/usr/bin/env bash
# Remakes every file of this directory with the NumPy peer (see README.md; NumPy and SciPy from Debian's python3-numpy,
# python3-scipy).
set -euo pipefail
cd "$(dirname "$0")"
p() { python3 peer_schemes.py "$@"; }
# what identify must recognise (sphere.json: causal softmax as written; the flags change the conventions)
p sphere.json s1.npy --scheme s1
p sphere.json s1-rows.npy --scheme s1 --rows
p sphere.json s1-rows-full.npy --scheme s1 --rows --mask full
p sphere.json s1-none.npy --scheme s1 --normalization none
p sphere.json s1-half-step.npy --scheme s1 --dt 0.05 --save-every 2
p sphere.json s2-rows.npy --scheme s2 --rows
p sphere.json s2-full-mean.npy --scheme s2 --mask full --normalization mean
p sphere.json rk4-full.npy --scheme rk4 --mask full
p sphere.json rk4-rows-count-n.npy --scheme rk4 --rows --normalization count-n
p sphere.json frozen-rk4.npy --scheme frozen-rk4
p euclidean.json s3.npy --scheme s1
p euclidean.json s3-rows-causal.npy --scheme s1 --rows --mask causal
p euclidean.json rk4-euclidean-causal.npy --scheme rk4 --mask causal
p euclidean.json glpr-z.npy --scheme glpr-z
p euclidean.json glpr-z-causal.npy --scheme glpr-z --mask causal
p euclidean.json glpr-z-half.npy --scheme glpr-z --dt 0.05 --save-every 2
# what validate must diagnose
p sphere.json s1-lookahead.npy --scheme s1 --bug lookahead
p sphere.json s1-drop-self.npy --scheme s1 --bug drop-self
p sphere.json s1-nan.npy --scheme s1 --bug nan --bug-from 5
p sphere.json s1-float32.npy --scheme s1 --dtype float32
p sphere.json rk45.npy --scheme rk45 --rtol 1e-7 --atol 1e-9
p batch.json batch.npy --scheme s1 --batch 16 --seed 5 --matrices batch-matrices.npz --bug scale --bug-from 6 --bug-system 5
