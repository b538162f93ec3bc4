"""The [GLPR-M] Fig. 3 job in batched NumPy, written the way the authors' phase-diagrams.py writes it: every seed
of one beta in one (B, n, d) array, dense scores, a row softmax, x <- normalise(x + h P x) (S1), and the fraction
of pairs with <x_i, x_j> > 1 - 1e-3 at every unit time. float64, CPU. Arguments and output: fig3_harness.py
([BETAS [BATCH [T]]] [--repeat K]; the seconds of each job, one a line, imports excluded)."""
import time
import fig3_harness
import numpy as np

t0 = time.perf_counter()
betas, batch, T, repeat = fig3_harness.arguments()
n, d, h = 32, 2, 0.1
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


fig3_harness.run(job, repeat, t0)
