"""The attention output v_i = sum_j softmax_j(beta <Q x_i, K x_j>) V x_j in NumPy (float64, CPU), written the
way the papers' code writes it: the dense n×n score matrix, masked with -inf above the diagonal when causal,
a row softmax (max subtracted), then a matrix product. Q = K = V = I and beta = 1, as in bench's Workload.

Usage: attention_numpy.py DATA_DIR MIN_SECONDS n:d:mask ...   (see compare-peers.sh)
"""
import os

import numpy as np

import peer_timing

BETA = 1.0


def attend(x, causal):
    q, k, v = x, x, x  # Q = K = V = I
    scores = BETA * (q @ k.T)
    if causal:
        n = x.shape[0]
        scores = np.where(np.tril(np.ones((n, n), dtype=bool)), scores, -np.inf)
    scores = scores - scores.max(axis=1, keepdims=True)
    weights = np.exp(scores)
    weights /= weights.sum(axis=1, keepdims=True)
    return weights @ v


if __name__ == "__main__":
    peer_timing.run("numpy " + np.__version__, os.cpu_count(), attend)
