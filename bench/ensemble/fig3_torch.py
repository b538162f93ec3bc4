"""The [GLPR-M] Fig. 3 job in PyTorch (CPU, float64), written as a PyTorch user writes the authors' batched NumPy
(fig3_numpy.py): every seed of one beta in one (B, n, d) tensor, torch.bmm scores, torch.softmax, x <- normalise(x +
h P x) (S1), and the fraction of pairs with <x_i, x_j> > 1 - 1e-3 at every unit time. Arguments and output:
fig3_harness.py ([BETAS [BATCH [T]]] [--repeat K]; the seconds of each job, one a line, imports excluded).
PyTorch gets fig3_harness.PEER_THREADS threads (which is faster here, that or one, is within the noise:
bench/README.md section 12)."""
import time
import fig3_harness
import torch

torch.set_num_threads(fig3_harness.PEER_THREADS)

t0 = time.perf_counter()
betas, batch, T, repeat = fig3_harness.arguments()
n, d, h = 32, 2, 0.1
steps_per_unit = int(round(1 / h))


def job():
    gen = torch.Generator().manual_seed(0)
    table = {}
    with torch.no_grad():
        for beta in betas:
            x = torch.randn(batch, n, d, generator=gen, dtype=torch.float64)
            x = x / x.norm(dim=2, keepdim=True)
            fractions = []
            for k in range(int(T) + 1):
                if k > 0:
                    for _ in range(steps_per_unit):
                        p = torch.softmax(beta * torch.bmm(x, x.transpose(1, 2)), dim=2)
                        x = x + h * torch.bmm(p, x)
                        x = x / x.norm(dim=2, keepdim=True)
                g = torch.bmm(x, x.transpose(1, 2))
                paired = (torch.triu(g, 1) > 1 - 1e-3).sum(dim=(1, 2)).to(torch.float64)
                fractions.append(float((paired / (n * (n - 1) / 2)).mean()))
            table[beta] = fractions
    return table


fig3_harness.run(job, repeat, t0)
