#!/usr/bin/env python3
"""Attention dynamics stepped the way research code in the wild does it, for attnflow's `identify` and `validate` to
recognise: batched NumPy, tokens as rows, scores beta (X Q^T)(X K^T)^T, a row softmax masked with -inf above the
diagonal for causal attention.  An *outside* implementation, written from the papers' formulas (spec/math.md §2,
§8.5, §8.6), not from attnflow's code.  The README of this directory lists the files it made.

usage: peer_schemes.py SCENARIO.json OUT.npy --scheme S [--rows] [--mask M] [--normalization N] [--dt H] [--dtype T]
                      [--bug B] [--bug-from K] [--batch B --seed S [--matrices M.npz] [--bug-system b]]

--scheme  s1          x <- N(x + h A)                      (the papers' post-LN Euler; on R^d: S3, x <- x + h A)
          s2          x <- N(x + h P(A))                   (projected Euler, P(A) = A - <x, A> x)
          rk4         classical RK4 on the projected field, then N    (R^d: on A)
          frozen-rk4  the same four stages, but every stage evaluated at x (k1 = k2 = k3 = k4): Euler in disguise
          rk45        scipy's adaptive RK45 (solve_ivp) on the projected field at --rtol, --atol (default 1e-7, 1e-9)
          glpr-z      the [GLPR-E] authors' Euclidean code: z = e^{-tV} x stepped by an "RK4" whose stages add token i's
                      increment to every token (so they all equal k1); scores <A e^{tV} z_i, A e^{tV} z_j> (Q = K = A);
                      clock t_l = l T/(N-1), N = int(T/h) + 1; the file holds z
--rows    the row convention X <- X + h (P X) V (V acts as V^T in attnflow's notation, spec/math.md §8.5)
--mask, --normalization  override the scenario's (softmax, mean, none, count-n: spec/math.md §8.2)
--dt H    the step (default: the scenario's solver.step)
--save-every K  a frame every K steps (default 1)
--bug     lookahead     token i reads tokens 0..i+1 (the causal mask shifted by one)
          drop-self     the diagonal weight is zeroed after the softmax (P_ii V x_i left out, rows not renormalised)
          nan           token 3 becomes NaN (a division by a vanishing norm)
          scale         token 2's attention output is 1.001 times too large
--bug-from K  the bug acts from step K on (default 0)
--batch B --seed S   B systems [frames, B, n, d], starts drawn with the seed; --matrices FILE.npz: per-system Q, K, V
"""
import argparse
import json

import numpy as np
from scipy.linalg import expm


def matrix(spec, d):
    if spec is None or spec == "identity":
        return np.eye(d)
    return np.array(spec, dtype=np.float64)


def attention(x, Q, K, V, beta, causal, normalization, rows, bug=None):
    n = x.shape[0]
    s = beta * (x @ Q.T) @ (x @ K.T).T
    if causal:
        allowed = np.tril(np.ones((n, n), dtype=bool), k=1 if bug == "lookahead" else 0)
        s = np.where(allowed, s, -np.inf)
    m = s.max(axis=1, keepdims=True)
    w = np.exp(s - m)
    counts = np.arange(1, n + 1, dtype=np.float64)[:, None] if causal else np.full((n, 1), float(n))
    if normalization == "softmax":
        w = w / w.sum(axis=1, keepdims=True)
    elif normalization == "mean":
        w = w * np.exp(m) / counts
    elif normalization == "count-n":
        w = w * np.exp(m) / n
    else:
        w = w * np.exp(m)
    if bug == "drop-self":
        np.fill_diagonal(w, 0.0)
    out = w @ (x @ V if rows else x @ V.T)
    if bug == "scale":
        out[2] *= 1.001
    return out


def normalize(y):
    return y / np.linalg.norm(y, axis=1, keepdims=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("scenario")
    ap.add_argument("out")
    ap.add_argument("--scheme", required=True, choices=["s1", "s2", "rk4", "frozen-rk4", "glpr-z", "rk45"])
    ap.add_argument("--mask", choices=["full", "causal"], default=None)
    ap.add_argument("--normalization", choices=["softmax", "mean", "none", "count-n"], default=None)
    ap.add_argument("--dtype", choices=["float64", "float32"], default="float64")
    ap.add_argument("--rtol", type=float, default=1e-7)
    ap.add_argument("--atol", type=float, default=1e-9)
    ap.add_argument("--rows", action="store_true")
    ap.add_argument("--dt", type=float, default=None)
    ap.add_argument("--save-every", type=int, default=1)
    ap.add_argument("--bug", choices=["lookahead", "drop-self", "nan", "scale"], default=None)
    ap.add_argument("--bug-from", type=int, default=0)
    ap.add_argument("--batch", type=int, default=None)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--matrices", default=None)
    ap.add_argument("--bug-system", type=int, default=None)
    a = ap.parse_args()

    with open(a.scenario) as f:
        sc = json.load(f)
    model, init, time, solver = sc["model"], sc["initial"], sc["time"], sc["solver"]
    x0 = np.array(init["points"], dtype=np.float64)
    n, d = x0.shape
    sphere = model.get("geometry", "sphere") == "sphere"
    Q, K, V = (matrix(model.get(k), d) for k in ("Q", "K", "V"))
    beta = float(model.get("beta", 1.0))
    causal = (a.mask or model.get("mask", "full")) == "causal"
    normalization = a.normalization or model.get("normalization", "softmax")
    h = a.dt if a.dt is not None else solver["step"]
    T = time["end"]
    steps = int(round(T / h))

    def tangent(x, y):
        return y - (x * y).sum(axis=1, keepdims=True) * x if sphere else y

    def run(x, q, k, v, bugged):
        def att(y, step):
            return attention(y, q, k, v, beta, causal, normalization, a.rows, a.bug if bugged and step >= a.bug_from else None)
        if sphere:
            x = normalize(x)
        frames = [x.copy()]
        if a.scheme == "glpr-z":
            N = int(T / h) + 1
            clock = np.linspace(0, T, N)
            z = x.copy()
            frames = [z.copy()]
            for l in range(N - 1):
                y = z @ expm(clock[l] * v).T  # x = e^{tV} z
                s = beta * (y @ q.T) @ (y @ k.T).T
                if causal:
                    s = np.where(np.tril(np.ones((n, n), dtype=bool)), s, -np.inf)
                P = np.exp(s - s.max(axis=1, keepdims=True))
                P = P / P.sum(axis=1, keepdims=True)  # the attention of the step, computed once at its start

                def velocity(state, i):
                    # z_i' = sum_j P_ij V (z_j - z_i), V on column vectors
                    return P[i] @ ((state - state[i]) @ v.T)
                zn = np.empty_like(z)
                for i in range(n):
                    # four "RK4" stages; each adds token i's d-vector increment to the whole n x d state, which cancels
                    # in z_j - z_i: every stage equals the first
                    k1 = h * velocity(z, i)
                    k2 = h * velocity(z + k1 / 2, i)
                    k3 = h * velocity(z + k2 / 2, i)
                    k4 = h * velocity(z + k3, i)
                    zn[i] = z[i] + (k1 + 2 * k2 + 2 * k3 + k4) / 6
                z = zn
                if (l + 1) % a.save_every == 0:
                    frames.append(z.copy())
            return frames
        if a.scheme == "rk45":
            from scipy.integrate import solve_ivp

            def rhs(t, y):
                xs = y.reshape(n, d)
                if sphere:
                    xs = normalize(xs)
                return tangent(xs, att(xs, 0)).ravel()
            ts = np.linspace(0, T, steps + 1)
            sol = solve_ivp(rhs, (0, T), x.ravel(), method="RK45", rtol=a.rtol, atol=a.atol, t_eval=ts)
            out = [y.reshape(n, d) for y in sol.y.T]
            return [normalize(y) if sphere else y for y in out]
        for step in range(steps):
            if a.scheme == "s1":
                x = x + h * att(x, step)
            elif a.scheme == "s2":
                x = x + h * tangent(x, att(x, step))
            elif a.scheme == "rk4":
                f = lambda y: tangent(y, att(y, step))
                k1 = f(x)
                k2 = f(x + h / 2 * k1)
                k3 = f(x + h / 2 * k2)
                k4 = f(x + h * k3)
                x = x + h / 6 * (k1 + 2 * k2 + 2 * k3 + k4)
            elif a.scheme == "frozen-rk4":
                k1 = tangent(x, att(x, step))
                k2 = k3 = k4 = k1  # the bug of public code: every stage at the start of the step
                x = x + h / 6 * (k1 + 2 * k2 + 2 * k3 + k4)
            if sphere:
                x = normalize(x)
            if bugged and a.bug == "nan" and step >= a.bug_from:
                with np.errstate(invalid="ignore"):
                    x[3] = x[3] * np.nan  # e.g. a division by a norm that vanished
            if (step + 1) % a.save_every == 0:
                frames.append(x.copy())
        return frames

    if a.batch is None:
        np.save(a.out, np.stack(run(x0, Q, K, V, True)).astype(a.dtype))
        return
    rng = np.random.default_rng(a.seed)
    systems = []
    mats = np.load(a.matrices) if a.matrices else None
    for b in range(a.batch):
        x = rng.standard_normal((n, d))
        q, k, v = (mats["Q"][b], mats["K"][b], mats["V"][b]) if mats is not None else (Q, K, V)
        systems.append(np.stack(run(x, q, k, v, b == a.bug_system)))
    np.save(a.out, np.stack(systems, axis=1))  # [frames, B, n, d]


if __name__ == "__main__":
    main()
