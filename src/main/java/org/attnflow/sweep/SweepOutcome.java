package org.attnflow.sweep;

import java.util.List;

/**
 * What a sweep invocation did.
 *
 * @param total        runs in the sweep
 * @param resumed      runs found finished on disk when it started
 * @param ran          runs done by this invocation
 * @param failed       runs (of all finished) whose integration broke down
 * @param complete     every run is finished, and the aggregated table and figures are written
 * @param files        the files written at the end (aggregate.csv, phase-*.png); empty unless complete
 * @param wallSeconds  wall-clock time of this invocation
 */
public record SweepOutcome(int total, int resumed, int ran, int failed, boolean complete, List<String> files, double wallSeconds) {
    public SweepOutcome {
        files = List.copyOf(files);
    }
}
