"""Shared driver of the peer scripts: reads the tokens our run wrote, times a peer's attention function on them
the same way PeerComparison times ours (warm-up >= 1 s and 5 calls, then >= MIN_SECONDS and 5 calls, median wall
time), checks the peer's output against ours, and prints one JSON line per configuration."""
import json
import sys
import time

import numpy as np


def run(name, threads, attend, prepare=lambda a: a, to_numpy=lambda a: a):
    """attend(x, causal) -> n×d output; prepare converts a NumPy array to the peer's type."""
    if len(sys.argv) < 4:
        sys.exit("usage: %s DATA_DIR MIN_SECONDS n:d:mask ..." % sys.argv[0])
    data, min_seconds = sys.argv[1], float(sys.argv[2])
    for config in sys.argv[3:]:
        n, d, mask = config.split(":")
        n, d = int(n), int(d)
        stem = "%s/n%d_d%d_%s" % (data, n, d, mask)
        x = prepare(np.load(stem + "_x.npy").reshape(n, d))
        causal = mask == "causal"
        warm_end = time.perf_counter() + 1.0
        calls = 0
        while calls < 5 or time.perf_counter() < warm_end:
            out = attend(x, causal)
            calls += 1
        times = []
        end = time.perf_counter() + min_seconds
        while len(times) < 5 or time.perf_counter() < end:
            t0 = time.perf_counter()
            out = attend(x, causal)
            times.append(time.perf_counter() - t0)
        times.sort()
        ours = np.load(stem + "_out_simd.npy").reshape(n, d)
        diff = np.max(np.abs(to_numpy(out) - ours)) / np.max(np.abs(ours))
        print(json.dumps({"impl": name, "threads": threads, "n": n, "d": d, "mask": mask,
                          "seconds": times[len(times) // 2], "min": times[0], "max": times[-1],
                          "reps": len(times), "max_rel_diff_vs_simd": float(diff)}), flush=True)
