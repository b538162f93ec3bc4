package org.attnflow.sweep;

import java.math.BigDecimal;

/**
 * One run of a sweep: its id and its coordinates on the axes.
 *
 * @param id    the run's index in the sweep's fixed enumeration order ({@link SweepSpec#run(int)}); the key of its
 *              result row, stable across restarts because a resumed sweep must have the same spec
 * @param beta  inverse temperature, the exact decimal of the sweep file
 * @param n     tokens
 * @param d     dimension
 * @param v     name of the V choice ({@link SweepSpec#BASE_V} when the sweep has no V axis)
 * @param seed  the initial condition's seed ({@code initial.seed}), or null for a start that is not random
 */
public record RunPoint(int id, BigDecimal beta, int n, int d, String v, Long seed) implements java.io.Serializable {

    /** Short description for messages: {@code beta=4, n=32, d=2, V=identity, seed=7}. */
    public String describe() {
        return "beta=" + beta.toPlainString() + ", n=" + n + ", d=" + d + ", V=" + v + (seed == null ? "" : ", seed=" + seed);
    }
}
