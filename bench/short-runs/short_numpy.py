"""A short run in NumPy, end to end as a user runs it: n tokens on the sphere in R^d (seeded Gaussian, normalised),
20 steps of S1 Euler x <- normalise(x + h softmax(beta x x^T) x) with h = 0.05, beta = 1 (Q = K = V = I, float64),
the end state written to OUT.npy. Usage: short_numpy.py n d OUT"""
import sys
import numpy as np

n, d, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
rng = np.random.default_rng(1)
x = rng.standard_normal((n, d))
x /= np.linalg.norm(x, axis=1, keepdims=True)
h, beta = 0.05, 1.0
for _ in range(20):
    s = beta * (x @ x.T)
    s -= s.max(axis=1, keepdims=True)
    p = np.exp(s)
    p /= p.sum(axis=1, keepdims=True)
    x = x + h * (p @ x)
    x /= np.linalg.norm(x, axis=1, keepdims=True)
np.save(out, x)
