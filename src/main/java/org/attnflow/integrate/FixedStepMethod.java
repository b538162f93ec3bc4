package org.attnflow.integrate;

import org.attnflow.model.Method;
/**
 * One step of a one-step method with a step size chosen by the caller. Implementations are bound to their
 * field at construction and own their workspaces (no allocation per step), so an instance is not thread-safe.
 *
 * <p>Every implementation treats tokens independently outside the field evaluation, in the same order, so that
 * under a causal mask tokens 0..k of the result are bit-identical whatever tokens k+1..n−1 are (spec/math.md I2).
 */
public interface FixedStepMethod {

    /**
     * Advances the state {@code x} at time {@code t} by {@code h} into {@code out}. {@code out} may be {@code x}
     * itself; {@code x} is otherwise left unchanged.
     */
    void step(double t, double[] x, double h, double[] out);

    /** The method this step implements. */
    Method method();

    /** Field evaluations per step. */
    int evaluationsPerStep();
}
