#!/usr/bin/env python3
"""Normalised attention dynamics stepped the way public research code does it: batched NumPy, tokens as rows,
one Euler step per layer on the residual stream, then renormalise.  An *outside* implementation for attnflow's
`validate` to check (spec/math.md §7.4; the README of this directory lists the files it made).

usage: normalized_attention.py SCENARIO.json OUT.npy [--row-convention] [--plant-error STEP]

The scheme is the scenario's `solver.method` on its `model.layer_norm`:
  euler-postln  the paper's layer ("Euler on the stream, then renormalise"):
                  post        theta <- N(theta + h A)
                  pre         x <- x + h A(x/|x|)                       (the file holds the stream x = r theta)
                  peri        x <- x + h A/|A|                           (the stream)
                  ngpt        theta <- N(theta + h alpha (A/|A| - theta))
                  mix         post while t < tau, pre after              (the stream, |x| = r(0) before tau)
                  ln-scaling  theta <- N(theta + h A / sqrt(t + 1))
  pre-public    r <- r + h r sum_c A_c;  theta <- N(theta + h (A - <theta,A> theta)/(r + 1e-9))   (the stream r theta)
  peri-public   Ah = A/(|A| + 1e-9);  r <- r + h r sum_c Ah_c;  theta <- N(theta + h Ah/(r + 1e-9))
  ngpt-public   theta <- N(theta + 0.2 h A/(|A| + 1e-9))
A is the attention output at the directions: per head softmax(beta (X Q^T)(X K^T)^T) (X V^T), masked with -inf
above the diagonal when causal, normalised as model.normalization says, the heads summed or averaged.

--row-convention   multiply by V instead of V^T (X <- X + h (P X) V, as row-vector code often writes it)
--plant-error K    from step K on, token 2's attention output is 0.1 % too large (a planted bug)
"""
import argparse
import json

import numpy as np


def matrix(spec, rows, d):
    if spec is None or spec == "identity":
        return np.eye(d)
    if isinstance(spec, dict) and "scaled_identity" in spec:
        return spec["scaled_identity"] * np.eye(d)
    return np.array(spec, dtype=np.float64)


def heads_of(model, d):
    beta = model.get("beta", 1.0)
    if "heads" in model:
        return [(matrix(h.get("Q"), None, d), matrix(h.get("K"), None, d), matrix(h.get("V"), None, d), h.get("beta", beta))
                for h in model["heads"]]
    return [(matrix(model.get("Q"), None, d), matrix(model.get("K"), None, d), matrix(model.get("V"), None, d), beta)]


def attention(theta, heads, causal, normalization, combine, row_convention):
    n = theta.shape[0]
    out = np.zeros_like(theta)
    counts = np.arange(1, n + 1, dtype=np.float64) if causal else np.full(n, float(n))
    for Q, K, V, beta in heads:
        s = beta * (theta @ Q.T) @ (theta @ K.T).T
        if causal:
            s = np.where(np.tril(np.ones((n, n), dtype=bool)), s, -np.inf)
        m = s.max(axis=1, keepdims=True)
        w = np.exp(s - m)
        if normalization == "softmax":
            w = w / w.sum(axis=1, keepdims=True)
        elif normalization == "mean":
            w = w * np.exp(m) / counts[:, None]
        elif normalization == "count-n":
            w = w * np.exp(m) / n
        else:  # none
            w = w * np.exp(m)
        out += w @ (theta @ V if row_convention else theta @ V.T)
    if combine == "mean":
        out /= len(heads)
    return out


def normalize(y):
    return y / np.linalg.norm(y, axis=1, keepdims=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("scenario")
    ap.add_argument("out")
    ap.add_argument("--row-convention", action="store_true")
    ap.add_argument("--plant-error", type=int, default=None)
    a = ap.parse_args()

    with open(a.scenario) as f:
        sc = json.load(f)
    model, init, time, solver = sc["model"], sc["initial"], sc["time"], sc["solver"]
    theta = normalize(np.array(init["points"], dtype=np.float64))
    n, d = theta.shape
    r0 = init.get("radius", 1.0)
    r = np.full(n, float(r0)) if not isinstance(r0, list) else np.array(r0, dtype=np.float64)
    heads = heads_of(model, d)
    causal = model.get("mask", "full") == "causal"
    normalization = model.get("normalization", "softmax")
    combine = model.get("head_combine", "sum")
    scheme = model.get("layer_norm", "post")
    method = solver["method"]
    alpha = model.get("ngpt_alpha")
    tau = model.get("mix_tau")
    h = solver["step"]
    steps = int(round(time["end"] / h))
    stream = scheme in ("pre", "peri", "mix")

    def A(th, step):
        out = attention(th, heads, causal, normalization, combine, a.row_convention)
        if a.plant_error is not None and step >= a.plant_error:
            out[2] *= 1.001
        return out

    x = r[:, None] * theta  # the stream of the schemes with a radius
    frames = [x.copy() if stream else theta.copy()]
    for step in range(steps):
        t = step * h
        if method == "euler-postln":
            if scheme == "post" or (scheme == "mix" and t < tau):
                theta = normalize(theta + h * A(theta, step))
                x = r[:, None] * theta
            elif scheme in ("pre", "mix"):
                x = x + h * A(normalize(x), step)
            elif scheme == "peri":
                out = A(normalize(x), step)
                x = x + h * out / np.linalg.norm(out, axis=1, keepdims=True)
            elif scheme == "ngpt":
                out = A(theta, step)
                theta = normalize(theta + h * alpha * (out / np.linalg.norm(out, axis=1, keepdims=True) - theta))
            elif scheme == "ln-scaling":
                theta = normalize(theta + h / np.sqrt(t + 1) * A(theta, step))
            else:
                raise SystemExit("unknown layer_norm " + scheme)
            if stream:
                theta = normalize(x)
        elif method == "pre-public":
            out = A(theta, step)
            r = r + h * r * out.sum(-1)
            theta = normalize(theta + h * (out - (theta * out).sum(-1)[:, None] * theta) / (r[:, None] + 1e-9))
            x = r[:, None] * theta
        elif method == "peri-public":
            out = A(theta, step)
            out = out / (np.linalg.norm(out, axis=1, keepdims=True) + 1e-9)
            r = r + h * r * out.sum(-1)
            theta = normalize(theta + h * out / (r[:, None] + 1e-9))
            x = r[:, None] * theta
        elif method == "ngpt-public":
            out = A(theta, step)
            theta = normalize(theta + 0.2 * h * out / (np.linalg.norm(out, axis=1, keepdims=True) + 1e-9))
        else:
            raise SystemExit("unknown method " + method)
        frames.append(x.copy() if stream else theta.copy())
    np.save(a.out, np.stack(frames))


if __name__ == "__main__":
    main()
