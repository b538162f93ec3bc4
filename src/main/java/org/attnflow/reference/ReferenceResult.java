package org.attnflow.reference;

import java.util.List;

import org.attnflow.model.Method;

import org.apfloat.Apfloat;

/**
 * What a reference run did, for run.json.
 *
 * @param method              {@link Method#REFERENCE} (extrapolation) or the replayed scheme
 * @param digits              the digits asked for
 * @param guard               guard digits
 * @param precision           decimal digits carried by the reported solution (31 in double-double)
 * @param steps               accepted steps of the reported solution
 * @param rejectedSteps       its rejected attempts
 * @param evaluations         its field evaluations
 * @param companionSteps      accepted steps of the companion solution that the error estimate compares with
 * @param companionEvaluations its field evaluations
 * @param errorEstimates      per frame, the estimate of max_{i,c} |x_ic − exact_ic|
 * @param arithmetic          "double-double" or "apfloat" ({@link ReferenceSolver.Arithmetic})
 * @param arithmeticReason    why that arithmetic
 */
public record ReferenceResult(Method method, int digits, int guard, long precision, long steps, long rejectedSteps,
                              long evaluations, long companionSteps, long companionEvaluations, List<Apfloat> errorEstimates,
                              String arithmetic, String arithmeticReason) {

    public ReferenceResult {
        errorEstimates = List.copyOf(errorEstimates);
    }

    /** The largest per-frame error estimate. */
    public Apfloat maxErrorEstimate() {
        Apfloat max = Apfloat.ZERO;
        for (Apfloat e : errorEstimates) if (e.compareTo(max) > 0) max = e;
        return max;
    }

    /** Per-frame estimates as doubles (they are small numbers of a few meaningful digits). */
    public double[] errorEstimatesDouble() {
        double[] e = new double[errorEstimates.size()];
        for (int i = 0; i < e.length; i++) e[i] = errorEstimates.get(i).doubleValue();
        return e;
    }
}
