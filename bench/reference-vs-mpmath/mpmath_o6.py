#!/usr/bin/env python3
"""O6, the causal circle model (M3 with Q = K = V = I, d = 2), integrated by mpmath's odefun (a Taylor method).

    phi_k' = (1/Z_k) sum_{j<k} e^{beta(cos(phi_j - phi_k) - 1)} sin(phi_j - phi_k),
    Z_k    = sum_{j<=k} e^{beta(cos(phi_k - phi_j) - 1)}

Prints one JSON line: the settings, the final angles (every digit) and the time odefun took to reach T.
"""
import argparse
import json
import time

import mpmath
from mpmath import mp


def o6_rhs(beta, n):
    """The right-hand side phi' of O6 for n tokens at inverse temperature beta (mpmath numbers), as odefun takes it."""
    def rhs(t, phi):
        out = []
        for k in range(n):
            z = mpmath.mpf(0)
            s = mpmath.mpf(0)
            for j in range(k + 1):
                w = mpmath.exp(beta * (mpmath.cos(phi[j] - phi[k]) - 1))
                z += w
                if j < k:
                    s += w * mpmath.sin(phi[j] - phi[k])
            out.append(s / z)
        return out

    return rhs


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--digits", type=int, default=30)
    parser.add_argument("--beta", default="4")
    parser.add_argument("--end", default="2")
    parser.add_argument("--angles", default="0.3,1.1,2.0,2.9")
    args = parser.parse_args()

    mp.dps = args.digits
    beta = mpmath.mpf(args.beta)
    phi0 = [mpmath.mpf(a) for a in args.angles.split(",")]
    n = len(phi0)

    rhs = o6_rhs(beta, n)

    start = time.perf_counter()
    cpu = time.process_time()
    solution = mpmath.odefun(rhs, 0, phi0)
    final = solution(mpmath.mpf(args.end))
    seconds = time.perf_counter() - start
    cpu_seconds = time.process_time() - cpu
    print(json.dumps({
        "solver": "mpmath.odefun", "mpmath": mpmath.__version__, "digits": args.digits, "beta": args.beta,
        "end": args.end, "n": n, "seconds": seconds, "cpu_seconds": cpu_seconds,
        "angles": [mpmath.nstr(a, args.digits) for a in final],
    }))


if __name__ == "__main__":
    main()
