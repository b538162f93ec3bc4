#!/usr/bin/env python3
"""The papers' S1 scheme ("post-LN Euler") written the way the public code around them does it:
dense scores, a softmax over each row (masked with -inf above the diagonal for causal attention),
x <- normalize(x + h * attention(x)).  This is an *outside* implementation: attnflow's
`validate` command checks its trajectory against the same scheme replayed in arbitrary precision.

usage: s1_euler.py SCENARIO.json OUT.npy [--dtype float64|float32] [--bug-unnormalized-from STEP]

--bug-unnormalized-from K plants a deliberate bug for the shipped failing example: from step K on,
the softmax forgets its row normalisation (weights e^{s_ij - max_j s_ij} are not divided by their sum).
"""
import argparse
import json

import numpy as np


def matrix(spec, d, dtype):
    if spec == "identity":
        return np.eye(d, dtype=dtype)
    return np.array(spec, dtype=dtype)


def attention(x, Q, K, V, beta, causal, normalize_rows):
    scores = beta * (x @ Q.T) @ (x @ K.T).T
    if causal:
        scores = np.where(np.tril(np.ones_like(scores, dtype=bool)), scores, -np.inf)
    w = np.exp(scores - scores.max(axis=1, keepdims=True))
    if normalize_rows:
        w = w / w.sum(axis=1, keepdims=True)
    return w @ (x @ V.T)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("scenario")
    ap.add_argument("out")
    ap.add_argument("--dtype", default="float64", choices=["float64", "float32"])
    ap.add_argument("--bug-unnormalized-from", type=int, default=None)
    a = ap.parse_args()
    dtype = np.dtype(a.dtype)

    with open(a.scenario) as f:
        sc = json.load(f)
    model, init, time, solver = sc["model"], sc["initial"], sc["time"], sc["solver"]
    assert model["geometry"] == "sphere" and solver["method"] == "euler-postln"
    x = np.array(init["points"], dtype=dtype)
    d = x.shape[1]
    Q, K, V = (matrix(model.get(k, "identity"), d, dtype) for k in ("Q", "K", "V"))
    beta = dtype.type(model["beta"])
    h = dtype.type(solver["step"])
    causal = model.get("mask", "full") == "causal"
    steps = int(round(time["end"] / solver["step"]))
    save = int(round(time["save_every"] / solver["step"]))

    x = x / np.linalg.norm(x, axis=1, keepdims=True)
    frames = [x.copy()]
    for step in range(1, steps + 1):
        bug = a.bug_unnormalized_from is not None and step >= a.bug_unnormalized_from
        v = attention(x, Q, K, V, beta, causal, normalize_rows=not bug)
        x = x + h * v
        x = x / np.linalg.norm(x, axis=1, keepdims=True)
        if step % save == 0:
            frames.append(x.copy())
    np.save(a.out, np.stack(frames).astype(dtype))


if __name__ == "__main__":
    main()
