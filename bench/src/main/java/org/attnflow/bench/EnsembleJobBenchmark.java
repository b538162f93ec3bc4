package org.attnflow.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.attnflow.sweep.EnsembleRun;
import org.attnflow.sweep.RunResult;
import org.attnflow.sweep.SweepReader;
import org.attnflow.sweep.SweepSpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A whole sweep job in steady state, in process: the compute of {@code attnflow sweep} without its journal and
 * figure. Per invocation, as {@code LocalSweep} does it: the runs cut into batches
 * ({@code EnsembleRun.batches(spec, all ids, 2, true)}: runs of one shape stepping together as ensembles) and the
 * batches executed on a fixed pool of 2 threads, waiting for all. The sweep file is read once (a {@code @Param},
 * relative to the working directory: run from the repository root); by default the [GLPR-M] Fig. 3 job of
 * bench/ensemble/run.sh, which bench/ensemble/steady.sh compares with NumPy's and PyTorch's best of K repeats.
 * {@code -p sweep=bench/ensemble/fig3-slice-job.json} runs the tenth of the paper-size job.
 *
 * <p>AverageTime after warm-up is the steady state (JIT compiled, caches and allocator warm); SingleShotTime with no
 * warm-up ({@code -bm ss -wi 0 -i 1}) is the first job in a fresh JVM, JIT included.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 8, time = 1) // the first job alone takes seconds (JIT of the sweep and the vector kernels)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx2g"})
public class EnsembleJobBenchmark {
    /** Threads of the pool, as {@code attnflow sweep} uses on the 2-core machine. */
    static final int THREADS = 2;

    @Param({"bench/ensemble/fig3-job.json"})
    public String sweep;

    private SweepSpec spec;
    private List<Integer> ids;

    @Setup(Level.Trial)
    public void setUp() {
        spec = SweepReader.read(Path.of(sweep));
        ids = new ArrayList<>(spec.runCount());
        for (int id = 0; id < spec.runCount(); id++) ids.add(id);
    }

    @Benchmark
    public List<RunResult> job() throws InterruptedException, ExecutionException {
        List<EnsembleRun.Batch> batches = EnsembleRun.batches(spec, ids, THREADS, true);
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(THREADS, batches.size()), r -> {
            Thread t = new Thread(r, "bench-sweep");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<List<RunResult>>> futures = new ArrayList<>(batches.size());
            for (EnsembleRun.Batch b : batches) futures.add(pool.submit(() -> b.execute(spec)));
            List<RunResult> results = new ArrayList<>(ids.size());
            for (Future<List<RunResult>> f : futures) results.addAll(f.get());
            long failed = results.stream().filter(RunResult::failed).count();
            if (results.size() != ids.size() || failed > 0) {
                throw new IllegalStateException(results.size() + " results for " + ids.size() + " runs, " + failed + " failed: not the job benchmarked");
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
