package org.attnflow.verify;

import java.util.List;

/**
 * The outcome of {@code validate}.
 *
 * @param verdict           pass when every frame's deviation and every invariant value stays within the tolerance
 * @param reasons           one line per reason for a fail
 * @param maxDeviation      the largest deviation over all frames and tokens
 * @param maxDeviationFrame where it occurs
 * @param firstFailingFrame the first frame whose deviation exceeds the tolerance, −1 if none
 * @param maxReferenceError the reference's largest error bound
 * @param invariants        the I1, I2 and I4 findings, in that order
 * @param framesHeld        how many frame buffers validation used (2: the previous and the current frame)
 * @param seconds           wall time
 */
public record ValidationSummary(Verdict verdict, List<String> reasons, double maxDeviation, long maxDeviationFrame, long firstFailingFrame,
                                double maxReferenceError, List<InvariantFinding> invariants, int framesHeld, double seconds) {

    public ValidationSummary {
        reasons = List.copyOf(reasons);
        invariants = List.copyOf(invariants);
    }

    /** The finding of invariant {@code name} ("I1", "I2", "I4"). */
    public InvariantFinding invariant(String name) {
        return invariants.stream().filter(f -> f.invariant().equals(name)).findFirst().orElseThrow();
    }
}
