#!/usr/bin/env python3
"""Independent high-precision solutions for the enclosure tests, by mpmath's Taylor-series ODE solver (odefun).

Each case is a small attention system (spec/math.md §1) with exact decimal inputs: beta, Q, K (m x d), V (d x d) and
the start points. Matrices and points of the random cases come from Python's random.Random(seed), rounded to a few
decimals, so every input is a short exact decimal that the Java side reads as is. On the sphere the start is
normalised here at working precision (the ODE's start is x_i/|x_i| of the exact decimals); the Euclidean case
(model M4) starts from the decimals themselves. The causal circle case
(Q = K = V = I, d = 2) is integrated in the angle form O6 (the right-hand side of ../reference-vs-mpmath/mpmath_o6.py),
an independent formulation of the same dynamics.

Every case is solved twice, at DIGITS and DIGITS + 12 decimal digits; the stored values are the second run and the
stored error bound is 100 times the largest difference between the runs (and at least 10^-(DIGITS+2)).

    python3 bench/enclosure/mpmath_solutions.py > src/test/resources/org/attnflow/enclosure/mpmath-solutions.json
    python3 bench/enclosure/mpmath_solutions.py --case tiny   # one quick case on stdout (the test's live check)
"""
import argparse
import json
import random
import sys
import time
from pathlib import Path

import mpmath
from mpmath import mp, mpf

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "reference-vs-mpmath"))
from mpmath_o6 import o6_rhs  # noqa: E402  (the O6 right-hand side, one copy for both benches)

DIGITS = 32


def rand_matrix(rng, rows, cols, scale=1.0, decimals=2):
    return [[str(round(rng.uniform(-scale, scale), decimals)) for _ in range(cols)] for _ in range(rows)]


def rand_points(rng, n, d, decimals=6):
    return [[str(round(rng.gauss(0, 1), decimals)) for _ in range(d)] for _ in range(n)]


def identity(d):
    return [["1" if r == c else "0" for c in range(d)] for r in range(d)]


def cases():
    out = []
    # The causal circle goal case: n = 5, d = 2, beta = 4, Q = K = V = I, T = 5; the start is the Java
    # InitialCondition uniform_sphere, seed 7: the exact decimals of its doubles (EnclosureGoalsTest checks they agree).
    circle = [
        ["0.67938654155608013684997104064677841961383819580078125", "0.73378057152834774701233300220337696373462677001953125"],
        ["-0.356707026199729160254037196864373981952667236328125", "0.934216301217092759401339208125136792659759521484375"],
        ["0.814866334287337235053882977808825671672821044921875", "-0.57964890860340412270801380145712755620479583740234375"],
        ["0.44528855144941348331855124342837370932102203369140625", "0.89538712630240746559451281427755020558834075927734375"],
        ["0.9568288097736523667435903917066752910614013671875", "-0.290652075146790866977397627124446444213390350341796875"],
    ]
    out.append(dict(name="causal-circle-n5-beta4", seed=7, geometry="sphere", mask="causal", normalization="softmax",
                    beta="4", q=identity(2), k=identity(2), v=identity(2), points=circle,
                    times=["1", "2", "3", "4", "5"], form="circle"))
    specs = [
        ("full-softmax-n3-d3", 11, "full", "softmax", 3, 3, 2, "1.5", ["0.5", "1", "1.5", "2"]),
        ("causal-mean-n4-d2", 12, "causal", "mean", 4, 2, 3, "2", ["0.5", "1", "1.5", "2"]),
        ("full-mean-n3-d2", 13, "full", "mean", 3, 2, 2, "3", ["0.5", "1", "1.5"]),
        ("causal-softmax-n4-d3", 14, "causal", "softmax", 4, 3, 3, "1", ["0.5", "1", "1.5"]),
        ("full-softmax-n4-d2", 15, "full", "softmax", 4, 2, 2, "2.5", ["0.5", "1", "1.5", "2"]),
        ("euclidean-causal-softmax-n3-d2", 16, "causal", "softmax", 3, 2, 2, "1", ["0.5", "1"]),
    ]
    for name, seed, mask, norm, n, d, m, beta, times in specs:
        rng = random.Random(seed)
        geometry = "euclidean" if name.startswith("euclidean") else "sphere"
        out.append(dict(name=name, seed=seed, geometry=geometry, mask=mask, normalization=norm, beta=beta,
                        q=rand_matrix(rng, m, d), k=rand_matrix(rng, m, d), v=rand_matrix(rng, d, d),
                        points=rand_points(rng, n, d), times=times, form="vector"))
    return out


def tiny_case():
    rng = random.Random(99)
    return dict(name="tiny", seed=99, geometry="sphere", mask="full", normalization="softmax", beta="2",
                q=rand_matrix(rng, 2, 2), k=rand_matrix(rng, 2, 2), v=rand_matrix(rng, 2, 2),
                points=rand_points(rng, 2, 2), times=["0.25"], form="vector")


def mat(a):
    return [[mpf(x) for x in row] for row in a]


def vector_rhs(case):
    q, k, v = mat(case["q"]), mat(case["k"]), mat(case["v"])
    beta = mpf(case["beta"])
    n, d, m = len(case["points"]), len(case["v"]), len(case["q"])
    causal = case["mask"] == "causal"
    softmax = case["normalization"] == "softmax"
    sphere = case["geometry"] == "sphere"

    def f(t, y):
        x = [y[i * d:(i + 1) * d] for i in range(n)]
        qx = [[mpmath.fsum(q[r][c] * x[i][c] for c in range(d)) for r in range(m)] for i in range(n)]
        kx = [[mpmath.fsum(k[r][c] * x[i][c] for c in range(d)) for r in range(m)] for i in range(n)]
        vx = [[mpmath.fsum(v[r][c] * x[i][c] for c in range(d)) for r in range(d)] for i in range(n)]
        out = []
        for i in range(n):
            row = range(i + 1) if causal else range(n)
            w = [mpmath.exp(beta * mpmath.fsum(qx[i][r] * kx[j][r] for r in range(m))) for j in row]
            z = mpmath.fsum(w) if softmax else mpf(len(w))
            a = [mpmath.fsum(w[jj] * vx[j][c] for jj, j in enumerate(row)) / z for c in range(d)]
            p = mpmath.fsum(x[i][c] * a[c] for c in range(d)) if sphere else 0
            out.extend(a[c] - p * x[i][c] for c in range(d))
        return out

    return f


def solve(case, digits):
    mp.dps = digits
    pts = [[mpf(c) for c in row] for row in case["points"]]
    unit = [[c / mpmath.sqrt(mpmath.fsum(e * e for e in row)) for c in row] for row in pts] if case["geometry"] == "sphere" else pts
    times = [mpf(t) for t in case["times"]]
    if case["form"] == "circle":
        beta = mpf(case["beta"])
        phi0 = [mpmath.atan2(row[1], row[0]) for row in pts]
        sol = mpmath.odefun(o6_rhs(beta, len(phi0)), 0, phi0)
        frames = []
        for t in times:
            phi = sol(t)
            frames.append([c for a in phi for c in (mpmath.cos(a), mpmath.sin(a))])
        return frames
    sol = mpmath.odefun(vector_rhs(case), 0, [c for row in unit for c in row])
    return [list(sol(t)) for t in times]


def run(case):
    start = time.process_time()
    low = solve(case, DIGITS)
    high = solve(case, DIGITS + 12)
    mp.dps = DIGITS + 12
    diff = max(abs(a - b) for fa, fb in zip(low, high) for a, b in zip(fa, fb))
    error = max(100 * diff, mpf(10) ** (-(DIGITS + 2)))
    out = dict(case)
    out["solution"] = [[mpmath.nstr(c, DIGITS + 10, strip_zeros=False) for c in frame] for frame in high]
    out["error_bound"] = mpmath.nstr(error, 3)
    out["cpu_seconds"] = round(time.process_time() - start, 1)
    return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--case", default=None, help="'tiny' for the quick live check, else a case name")
    args = parser.parse_args()
    if args.case == "tiny":
        print(json.dumps(run(tiny_case())))
        return
    chosen = [c for c in cases() if args.case is None or c["name"] == args.case]
    results = []
    for c in chosen:
        results.append(run(c))
        print(f"{c['name']}: {results[-1]['cpu_seconds']} s CPU, error bound {results[-1]['error_bound']}", file=sys.stderr)
    print(json.dumps(dict(generator="bench/enclosure/mpmath_solutions.py", mpmath=mpmath.__version__, digits=DIGITS,
                          cases=results), indent=1))


if __name__ == "__main__":
    main()
