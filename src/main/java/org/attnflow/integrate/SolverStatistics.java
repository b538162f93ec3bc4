package org.attnflow.integrate;

/**
 * What an integration cost and how well it kept the invariants.
 *
 * @param steps          accepted steps
 * @param rejectedSteps  steps rejected by error control (0 for fixed-step methods)
 * @param evaluations    field evaluations
 * @param maxNormDrift   max over saved frames and tokens of |‖x_i‖ − 1| on the sphere (I1); 0 in R^d
 */
public record SolverStatistics(long steps, long rejectedSteps, long evaluations, double maxNormDrift) {}
