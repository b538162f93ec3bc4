package org.attnflow.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a sweep on this machine: the runs not yet in the results journal, spread over a fixed pool of threads (one
 * task per thread at a time, each single-threaded), each result appended to the journal as its task finishes. A
 * task is one run, or, with batching on, up to {@link EnsembleRun#MAX_ENSEMBLE} runs of one shape stepping together as one
 * ensemble ({@link EnsembleRun}: the same numbers, bit for bit, in a fraction of the time); the runs of a shape are
 * cut into at least as many ensembles as there are threads.
 * When every run is in the journal, the aggregated table and the phase diagrams are written from the journal's
 * rows, so that they are the same whether the sweep ran in one go or was resumed.
 */
public final class LocalSweep {
    private LocalSweep() {}

    /** {@link #run(SweepDirectory, int, int, boolean, SweepListener)} with batching on. */
    public static SweepOutcome run(SweepDirectory dir, int threads, int limit, SweepListener listener) throws InterruptedException {
        return run(dir, threads, limit, true, listener);
    }

    /**
     * @param threads worker threads (≥ 1)
     * @param limit   run at most this many pending runs and stop (0: no limit); the sweep can be resumed later
     * @param batch   step runs of one shape together as ensembles (off: every run alone; the results are the same)
     */
    public static SweepOutcome run(SweepDirectory dir, int threads, int limit, boolean batch, SweepListener listener) throws InterruptedException {
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        if (limit < 0) throw new IllegalArgumentException("limit must be >= 0, got " + limit);
        long t0 = System.nanoTime();
        SweepSpec spec = dir.spec();
        try (ResultJournal journal = ResultJournal.open(dir.resolve(SweepDirectory.RESULTS_CSV), spec)) {
            int resumed = journal.size();
            List<Integer> pending = new ArrayList<>();
            for (int id = 0; id < spec.runCount() && (limit == 0 || pending.size() < limit); id++) {
                if (!journal.done(id)) pending.add(id);
            }
            listener.started(spec.runCount(), resumed, pending.size());
            runAll(spec, journal, EnsembleRun.batches(spec, pending, threads, batch), threads, listener);
            boolean complete = journal.size() == spec.runCount();
            List<String> files = List.of();
            int failed = (int) journal.results().values().stream().filter(RunResult::failed).count();
            if (complete) files = dir.finish(Aggregation.of(spec, journal.results().values()));
            return new SweepOutcome(spec.runCount(), resumed, pending.size(), failed, complete, files, (System.nanoTime() - t0) * 1e-9);
        }
    }

    private static void runAll(SweepSpec spec, ResultJournal journal, List<EnsembleRun.Batch> tasks, int threads, SweepListener listener)
            throws InterruptedException {
        if (tasks.isEmpty()) return;
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "attnflow-sweep-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, tasks.size()), factory);
        try {
            List<Future<?>> futures = new ArrayList<>(tasks.size());
            for (EnsembleRun.Batch task : tasks) {
                futures.add(pool.submit(() -> {
                    List<RunResult> done = task.execute(spec);
                    journal.appendAll(done);
                    for (RunResult r : done) listener.finished(r.id(), r.failed());
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    // a run that cannot even be set up is a bug or an I/O error, not a numerical breakdown: stop
                    // the sweep; every finished run is already on disk, and --resume continues from there
                    Throwable cause = e.getCause();
                    if (cause instanceof RuntimeException re) throw re;
                    if (cause instanceof Error err) throw err;
                    throw new IllegalStateException(cause);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
