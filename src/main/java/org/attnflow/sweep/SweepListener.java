package org.attnflow.sweep;

/** Progress of a sweep, for a progress bar. Called from worker threads: implementations must be thread-safe. */
public interface SweepListener {
    /** The sweep starts: {@code total} runs, {@code done} of them finished earlier (resumed), {@code pending} to run now. */
    void started(int total, int done, int pending);

    /** A run finished and its result is on disk. */
    void finished(RunResult result);

    SweepListener NONE = new SweepListener() {
        @Override
        public void started(int total, int done, int pending) {}

        @Override
        public void finished(RunResult result) {}
    };
}
