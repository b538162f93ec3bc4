package org.attnflow.verify;

import java.util.List;

/**
 * What {@code verify} found: the {@link VerifyMeasurements} and the {@link VerifySummary} decided on them. Written
 * as a table by {@link VerifyTable} and as JSON by {@link VerifyJsonReport} (schema in README.md, "verify"), as
 * validate's summary is by its table and JSON report.
 */
public final class VerifyReport {
    private final VerifyMeasurements measured;
    private final VerifySummary summary;

    VerifyReport(VerifyMeasurements measured, VerifySummary summary) {
        this.measured = measured;
        this.summary = summary;
    }

    VerifyMeasurements measured() { return measured; }

    VerifySummary summary() { return summary; }

    public Verdict verdict() { return summary.verdict(); }

    /** Why the verdict is fail (empty on pass). */
    public List<String> reasons() { return summary.reasons(); }

    /** The largest distance of the scenario's own double run from the reference over all frames. */
    public double maxDistance() { return Format.max(measured.distance()[0]); }

    /** Per-frame distances of the scenario's own double run. */
    public double[] distances() { return measured.distance()[0].clone(); }

    /** The reference's error bound per frame (in the same distance). */
    public double[] referenceErrors() { return measured.referenceError().clone(); }

    /** The dopri5 promise per frame, or null for fixed-step methods. */
    public double[] promises() {
        Dopri5Promise promise = summary.promise();
        if (promise == null) return null;
        double[] times = measured.times();
        double[] p = new double[times.length];
        for (int f = 0; f < p.length; f++) p[f] = promise.at(times[f]);
        return p;
    }

    /** dopri5's rerun at rtol/10, atol/10 (null for fixed-step methods). */
    public ToleranceProportionality proportionality() { return summary.proportionality(); }

    /** The observed order (fixed-step methods), or null. */
    public ConvergenceOrder order() { return summary.order(); }

    /** The largest deviation of the double run at h from its arbitrary-precision replay, NaN when there is none. */
    public double replayMaxDeviation() { return measured.replay() == null ? Double.NaN : Format.max(measured.replay().deviation()); }
}
