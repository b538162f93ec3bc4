"""The [GLPR-M] Fig. 3 job in batched NumPy, written the way the authors' phase-diagrams.py writes it: every seed
of one beta in one (B, n, d) array, dense scores, a row softmax, x <- normalise(x + h P x) (S1), and the fraction
of pairs with <x_i, x_j> > 1 - 1e-3 at every unit time. float64, CPU. Prints the seconds the job took (imports
excluded); with --repeat K, runs the same job K times in this process and prints the seconds of each, one a line
(the first line is always one whole job, as without --repeat; the best is the steady state).

Usage: fig3_numpy.py [BETAS [BATCH [T]]] [--repeat K]"""
import sys, time
import numpy as np

t0 = time.perf_counter()

args = sys.argv[1:]
repeat = 1
if "--repeat" in args:
    i = args.index("--repeat")
    repeat = int(args[i + 1])
    del args[i:i + 2]
    if repeat < 1:
        sys.exit("fig3_numpy.py: --repeat must be >= 1")
n, d, h = 32, 2, 0.1
# arguments (run.sh and steady.sh read them from the sweep file they time): betas, batch (seeds per beta), T
betas = [float(b) for b in args[0].split(",")] if len(args) > 0 else [1.0, 5.0, 9.0]
batch = int(args[1]) if len(args) > 1 else 64
T = float(args[2]) if len(args) > 2 else 20.0
steps_per_unit = int(round(1 / h))


def job():
    rng = np.random.default_rng(0)
    table = {}
    for beta in betas:
        x = rng.standard_normal((batch, n, d))
        x /= np.linalg.norm(x, axis=2, keepdims=True)
        fractions = []
        for k in range(int(T) + 1):
            if k > 0:
                for _ in range(steps_per_unit):
                    scores = beta * (x @ x.transpose(0, 2, 1))
                    scores -= scores.max(axis=2, keepdims=True)
                    p = np.exp(scores)
                    p /= p.sum(axis=2, keepdims=True)
                    x = x + h * (p @ x)
                    x /= np.linalg.norm(x, axis=2, keepdims=True)
            g = x @ x.transpose(0, 2, 1)
            paired = (np.triu(g, 1) > 1 - 1e-3).sum(axis=(1, 2))
            fractions.append(float(np.mean(paired / (n * (n - 1) / 2))))
        table[beta] = fractions
    return table


for r in range(repeat):
    if r > 0:
        t0 = time.perf_counter()
    table = job()
    print(f"{time.perf_counter() - t0:.4f}", flush=True)
for beta, f in table.items():
    print(f"# beta={beta}: final clustered fraction {f[-1]:.3f}", file=sys.stderr)
