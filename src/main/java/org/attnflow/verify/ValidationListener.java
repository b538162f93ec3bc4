package org.attnflow.verify;

/**
 * Receives {@code validate}'s results as they are computed: the set-up, every frame in order, then the summary.
 * The table on stdout and the JSON report are listeners, so neither needs the frames kept in memory.
 */
public interface ValidationListener {
    void start(ValidationSetup setup);

    /** The arbitrary-precision run their frames are compared with is about to start (for estimates and progress). */
    default void reference(org.attnflow.model.Scenario run) { }

    void frame(FrameCheck check);

    void finish(ValidationSummary summary);

    /** Every listener of {@code listeners} (nulls skipped), in order. */
    static ValidationListener all(ValidationListener... listeners) {
        java.util.List<ValidationListener> live = java.util.Arrays.stream(listeners).filter(java.util.Objects::nonNull).toList();
        return new ValidationListener() {
            @Override
            public void start(ValidationSetup setup) { live.forEach(l -> l.start(setup)); }

            @Override
            public void reference(org.attnflow.model.Scenario run) { live.forEach(l -> l.reference(run)); }

            @Override
            public void frame(FrameCheck check) { live.forEach(l -> l.frame(check)); }

            @Override
            public void finish(ValidationSummary summary) { live.forEach(l -> l.finish(summary)); }
        };
    }
}
