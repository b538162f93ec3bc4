"""The harness around the peers' Fig. 3 job (fig3_numpy.py, fig3_torch.py): their arguments and their timing, so
that both are timed the same way; the job itself is each script's own code.

Arguments: [BETAS [BATCH [T]]] [--repeat K] (run.sh and steady.sh read BETAS, BATCH and T from the sweep file they
time, job_args.py). Output: the seconds of one job on the first line (imports excluded); with --repeat K, the job
run K times in the same process and the seconds of each on its own line (the best is the steady state); on stderr,
each beta's final clustered fraction."""
import os, sys, time

# Threads a peer may use: as many as the process may use cores, as attnflow does (Debian's PyTorch starts with one on
# this 2-core guest: OpenMP's omp_get_max_threads() is 1 there). fig3_torch.py sets it; run.sh and steady.sh print it.
PEER_THREADS = len(os.sched_getaffinity(0))


def arguments():
    """(betas, batch, T, repeat) from sys.argv."""
    args = sys.argv[1:]
    repeat = 1
    if "--repeat" in args:
        i = args.index("--repeat")
        repeat = int(args[i + 1])
        del args[i:i + 2]
        if repeat < 1:
            sys.exit(f"{sys.argv[0]}: --repeat must be >= 1")
    betas = [float(b) for b in args[0].split(",")] if len(args) > 0 else [1.0, 5.0, 9.0]
    batch = int(args[1]) if len(args) > 1 else 64
    T = float(args[2]) if len(args) > 2 else 20.0
    return betas, batch, T, repeat


def run(job, repeat, t0):
    """Runs job() repeat times, printing each run's seconds (the first counted from t0, after the imports)."""
    for r in range(repeat):
        if r > 0:
            t0 = time.perf_counter()
        table = job()
        print(f"{time.perf_counter() - t0:.4f}", flush=True)
    for beta, f in table.items():
        print(f"# beta={beta}: final clustered fraction {f[-1]:.3f}", file=sys.stderr)
