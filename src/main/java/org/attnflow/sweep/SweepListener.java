package org.attnflow.sweep;

/** Progress of a sweep, for a progress bar. Called from worker threads: implementations must be thread-safe. */
public interface SweepListener {
    /** The sweep starts: {@code total} runs, {@code done} of them finished earlier (resumed), {@code pending} to run now. */
    void started(int total, int done, int pending);

    /** A run finished ({@code failed}: its integration broke down) and its result is on disk. */
    void finished(int id, boolean failed);

    SweepListener NONE = new SweepListener() {
        @Override
        public void started(int total, int done, int pending) {}

        @Override
        public void finished(int id, boolean failed) {}
    };
}
