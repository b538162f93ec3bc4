"""The [GLPR-M] Fig. 3 job in PyTorch (CPU, float64), written as a PyTorch user writes the authors' batched NumPy
(fig3_numpy.py): every seed of one beta in one (B, n, d) tensor, torch.bmm scores, torch.softmax, x <- normalise(x +
h P x) (S1), and the fraction of pairs with <x_i, x_j> > 1 - 1e-3 at every unit time. Prints the seconds it took
(imports excluded)."""
import sys, time
import torch

t0 = time.perf_counter()
n, d, h = 32, 2, 0.1
# arguments (run.sh reads them from the sweep file it times): betas, batch (seeds per beta), T
betas = [float(b) for b in sys.argv[1].split(",")] if len(sys.argv) > 1 else [1.0, 5.0, 9.0]
batch = int(sys.argv[2]) if len(sys.argv) > 2 else 64
T = float(sys.argv[3]) if len(sys.argv) > 3 else 20.0
steps_per_unit = int(round(1 / h))
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
print(f"{time.perf_counter() - t0:.4f}", flush=True)
for beta, f in table.items():
    print(f"# beta={beta}: final clustered fraction {f[-1]:.3f}", file=sys.stderr)
