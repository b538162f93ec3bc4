"""The attention output in PyTorch (float64, CPU), the way the papers' code writes it: dense scores,
masked_fill(-inf) above the diagonal when causal, torch.softmax over the rows, then a matrix product.
Q = K = V = I and beta = 1, as in bench's Workload. Uses all cores (torch.set_num_threads).

Usage: attention_torch.py DATA_DIR MIN_SECONDS n:d:mask ...   (see compare-peers.sh)
"""
import os

import torch

import peer_timing

BETA = 1.0


def attend(x, causal):
    with torch.no_grad():
        scores = BETA * (x @ x.T)  # Q = K = I
        if causal:
            n = x.shape[0]
            upper = torch.triu(torch.ones(n, n, dtype=torch.bool), diagonal=1)
            scores = scores.masked_fill(upper, float("-inf"))
        return torch.softmax(scores, dim=-1) @ x  # V = I


if __name__ == "__main__":
    torch.set_num_threads(os.cpu_count())
    peer_timing.run("torch " + torch.__version__, torch.get_num_threads(), attend,
                    prepare=lambda a: torch.from_numpy(a).to(torch.float64), to_numpy=lambda t: t.numpy())
