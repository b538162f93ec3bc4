package org.attnflow.field.simd;

import java.util.Arrays;
import org.attnflow.field.AttentionField;
import org.attnflow.model.AttentionModel;

/**
 * B independent systems of the same n and d evaluated in one go, read member by member: the caller {@link #load}s
 * every live member's state, {@link #evaluate}s once, and each member's integrator then reads its own output
 * through its {@link #member} view, exactly as it would read its own single-system field. How the batch is computed
 * is the subclass's ({@link EnsembleField}: each system the SIMD field's way; {@link SymmetricEnsembleField}:
 * systems in vector lanes, each the symmetric field's way); the lock-step contract is here, once.
 *
 * <p>A member whose evaluation breaks down (an ArithmeticException: a score that is not finite, an overflow) does
 * not stop the others: its view throws that exception when it is read, as its own field would have thrown it.
 */
public abstract class BatchedField {
    protected final AttentionModel[] models;
    protected final int n;
    protected final int d;
    protected final double[] staged;  // the states of the next evaluation, B·n·d
    protected final double[] result;  // the outputs of the last evaluation, B·n·d
    private final boolean[] evaluated; // which members the last evaluation computed
    private final boolean[] unreadable; // members of the evaluation in progress whose output the subclass did not write out
    protected final ArithmeticException[] failures; // a member's breakdown in the last evaluation, or null

    protected BatchedField(AttentionModel[] models, int tokens) {
        if (models.length == 0) throw new IllegalArgumentException("an ensemble needs at least one system");
        this.models = models.clone();
        this.n = tokens;
        this.d = models[0].dimension();
        for (int b = 1; b < models.length; b++) {
            if (models[b].dimension() != d) throw new IllegalArgumentException("system " + b + " has d = " + models[b].dimension() + ", system 0 has d = " + d);
        }
        this.staged = new double[models.length * n * d];
        this.result = new double[staged.length];
        this.evaluated = new boolean[models.length];
        this.unreadable = new boolean[models.length];
        this.failures = new ArithmeticException[models.length];
    }

    public final int systems() { return models.length; }

    public final int tokens() { return n; }

    public final int dimension() { return d; }

    public final AttentionModel model(int system) { return models[system]; }

    /** Stages member b's state (its first n·d entries: the directions) for the next {@link #evaluate}. */
    public final void load(int b, double[] x) {
        System.arraycopy(x, 0, staged, b * n * d, n * d);
    }

    /**
     * The attention output of the staged states of the members marked {@code live} (the others are skipped and their
     * views may not be read until a later evaluation computes them).
     */
    public final void evaluate(boolean[] live) {
        if (live.length != models.length) throw new IllegalArgumentException("live must have one flag per system");
        int count = 0;
        for (int b = 0; b < live.length; b++) {
            evaluated[b] = false; // set once the outputs are complete: an evaluation that throws leaves nothing readable
            unreadable[b] = false;
            failures[b] = null;
            if (live[b]) count++;
        }
        if (count > 0) compute(live);
        for (int b = 0; b < live.length; b++) evaluated[b] = live[b] && !unreadable[b];
    }

    /**
     * For {@link #compute}: member b's output of this evaluation is not written to {@code result} (the subclass used
     * it otherwise: {@link SymmetricEnsembleField#stepOnSphere} steps the member itself), so its view refuses to be
     * read until a later evaluation computes it.
     */
    protected final void unreadable(int b) { unreadable[b] = true; }

    /**
     * Fills {@code result} with the attention output of every live member's staged state; a member's breakdown goes
     * to {@code failures[b]} (its output is then never read).
     */
    protected abstract void compute(boolean[] live);

    /**
     * Member b as an {@link AttentionField}: its {@code attend(x, out)} hands out b's part of the last
     * {@link #evaluate}, which must have been of this very x (checked: a caller that steps out of lock step gets an
     * IllegalStateException, never another state's output). Its velocity is the interface's, as the single-system
     * fields' is, so a member's numbers are that field's bit for bit.
     */
    public final AttentionField member(int b) {
        AttentionModel model = models[b];
        int stride = n * d;
        return new AttentionField() {
            @Override
            public AttentionModel model() { return model; }

            @Override
            public int tokens() { return n; }

            @Override
            public void attend(double[] x, double[] out) {
                AttentionField.checkState(x, out, stride);
                if (!evaluated[b] || !Arrays.equals(x, 0, stride, staged, b * stride, (b + 1) * stride)) {
                    throw new IllegalStateException("ensemble member " + b + " read at a state the ensemble did not evaluate");
                }
                if (failures[b] != null) throw failures[b];
                System.arraycopy(result, b * stride, out, 0, stride);
            }
        };
    }
}
