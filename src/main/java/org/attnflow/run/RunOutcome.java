package org.attnflow.run;

import org.attnflow.integrate.SolverStatistics;
import org.attnflow.reference.ReferenceResult;

/**
 * What a run cost and which arithmetic computed it.
 *
 * @param statistics steps, rejections, evaluations and norm drift, whichever the solver
 * @param arithmetic the implementation that computed the frames: the double field's class name, or
 *                   {@code apfloat-<digits>} for the reference
 * @param reference  the arbitrary-precision run's details (digits, per-frame error estimates); null for double runs
 */
public record RunOutcome(SolverStatistics statistics, String arithmetic, ReferenceResult reference) {}
