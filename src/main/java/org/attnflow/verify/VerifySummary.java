package org.attnflow.verify;

import java.util.List;

/**
 * The verdict {@link Verification#decide} reaches on {@link VerifyMeasurements}, with what it rests on.
 *
 * @param verdict         pass or fail
 * @param reasons         why fail (empty on pass)
 * @param order           the observed order (fixed-step methods), or null
 * @param promise         dopri5's promise, or null
 * @param proportionality dopri5's rerun at tightened tolerances, or null
 */
record VerifySummary(Verdict verdict, List<String> reasons, ConvergenceOrder order, Dopri5Promise promise, ToleranceProportionality proportionality) {
    VerifySummary {
        reasons = List.copyOf(reasons);
    }
}
