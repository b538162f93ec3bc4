package org.attnflow.reference;

import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.attnflow.model.HeadCombine;
import org.attnflow.model.Mask;
import org.attnflow.model.Normalization;

/**
 * The attention field of a {@link ReferenceModel} over n tokens at working precision, built on the kernel
 * {@link ReferenceAttention}, with the runtime checks of I2 and I4 at every evaluation. States are n×d arrays
 * {@code x[i][c]} (longer rows are read in their first d entries only, so a row may carry a radius after the
 * direction).
 *
 * <p><b>Heads and normalisations</b> (spec/math.md §8.1, §8.2), composed from the kernel's steps: each head's output
 * is computed as below, with the head's own β, Q, K, V and the same mask; the outputs are added in head order and,
 * under {@code mean} combination, divided by H. The factor handed to {@code combine} is 1/Z under softmax and
 * e^μ/Z otherwise, Z = the row's count (mean), n (count-n) or 1 (none).
 *
 * <p><b>I2, enforced by construction.</b> Under the causal mask, token k is projected (Q x_k, K x_k, V x_k) only
 * when its turn comes, and the kernel is handed arrays holding exactly the rows 0..k: a read of a later token
 * is an index out of bounds, reported as an {@link InvariantViolation}, not a silent dependency.
 *
 * <p><b>I4, checked on what is applied.</b> The field runs the kernel's steps itself ({@link ReferenceAttention#scores},
 * {@link ReferenceAttention#max}, {@link ReferenceAttention#exponentiate}, {@link ReferenceAttention#combine}, the
 * same composition as {@link ReferenceAttention#attend}), so that the row of P it checks is the one the output is
 * made of: the weights w_j = e^{s_j − max s} left by {@code exponentiate} and the factor then handed to
 * {@code combine}. Every w_j must be positive, the factor too, and under softmax the applied row factor·w_j must
 * sum to 1 within the rounding of the sum. (Re-deriving the factor from the weights, as 1/Σw, would check
 * Σ w_j/Σw = 1, true whatever the kernel applied.)
 *
 * <p>Tests plant faults through a {@link Fault} (a read past the row, a wrong factor), so that the checks are
 * seen to fire; the solver's fields have none.
 *
 * <p>Not thread-safe (it owns its workspace). Outside this package the field is reached through the solver, or
 * through {@link AttentionOutput} for one evaluation of a double state.
 */
final class ReferenceField {
    /** A fault planted in one step of an attention row, for the tests that show the runtime checks fire. */
    interface Fault {
        /** The kernel's own steps. */
        Fault NONE = new Fault() {};

        /** How many keys the score loop reads for a row of {@code len}: len, unless a test makes it read past them. */
        default int keysRead(int len) { return len; }

        /** The factor handed to {@code combine}: the kernel's 1/Z (or e^μ/len), unless a test plants another. */
        default Apfloat factor(Apfloat kernelFactor) { return kernelFactor; }
    }

    private final ReferenceModel model;
    private final int n;
    private final int d;
    private final boolean causal;
    private final Normalization normalization;
    private final boolean meanOfHeads;
    private final long p;
    private final Apfloat one;
    private final Apfloat rowSumTolerance;
    private final Exponential exp;
    private final Apfloat[][] qx;
    private final Apfloat[][] kx;
    private final Apfloat[][] vx;
    private final Apfloat[] weights;
    private final Apfloat[] row;
    private final Fault fault;
    private long evaluations;

    ReferenceField(ReferenceModel model, int tokens) {
        this(model, tokens, Fault.NONE);
    }

    ReferenceField(ReferenceModel model, int tokens, Fault fault) {
        this.fault = fault;
        if (tokens < 1) throw new IllegalArgumentException("need at least one token, got " + tokens);
        this.model = model;
        this.n = tokens;
        this.d = model.dimension();
        this.causal = model.model().mask() == Mask.CAUSAL;
        this.normalization = model.model().normalization();
        this.meanOfHeads = model.model().combine() == HeadCombine.MEAN && model.heads() > 1;
        WorkingPrecision precision = model.precision();
        this.p = precision.precision();
        this.one = precision.of(1);
        // a sum of n terms each rounded at p significant decimal digits is off by at most n units of 10^-(p-1) relative
        // (a decimal unit in the last place is 10^-p to 10^-(p-1) of the number, by its leading digit), plus the rounding
        // of the factor; a margin of 10 on top (measured: a softmax row of 4 weights at p = 35 sums to 1 - 5e-34)
        this.rowSumTolerance = precision.tenToMinus(precision.precision() - 2).multiply(precision.of(tokens));
        // e^0 must be exactly 1 at working precision (not Apfloat's infinite-precision 1, which would make 1/Z
        // an infinite expansion when every weight is 1, e.g. at β = 0); a weight e^{s−max} with s − max tiny
        // carries working precision, not the fewer digits of s − max itself
        long digits = p;
        Apfloat unit = one;
        this.exp = x -> x.signum() == 0 ? unit : FastExp.exp(x, digits);
        int m = model.queryDimension();
        this.qx = new Apfloat[n][m];
        this.kx = new Apfloat[n][m];
        this.vx = new Apfloat[n][d];
        this.weights = new Apfloat[n];
        this.row = new Apfloat[d];
    }

    ReferenceModel model() { return model; }

    int tokens() { return n; }

    int dimension() { return d; }

    /** Field evaluations so far (each {@link #attend}, {@link #velocity} or {@link #tangentExtension} counts one). */
    long evaluations() { return evaluations; }

    /**
     * out[k] = the unprojected attention output of token k, Σ_h w_h (1/Z_k) Σ_j e^{s_kj} V x_j (the S1 scheme steps
     * with it); out's rows have d entries.
     */
    void attend(Apfloat[][] x, Apfloat[][] out) {
        evaluations++;
        for (int h = 0; h < model.heads(); h++) {
            if (!causal) {
                for (int j = 0; j < n; j++) projectToken(h, x, j);
            }
            for (int k = 0; k < n; k++) {
                int len = causal ? k + 1 : n;
                if (causal) projectToken(h, x, k);
                attendRow(h, k, len, h == 0 ? out[k] : row);
                if (h > 0) {
                    for (int c = 0; c < d; c++) out[k][c] = out[k][c].add(row[c]);
                }
            }
        }
        if (meanOfHeads) {
            Apfloat heads = new Apfloat(model.heads(), p);
            for (Apfloat[] token : out) {
                for (int c = 0; c < d; c++) token[c] = token[c].divide(heads);
            }
        }
        States.fix(out, p);
    }

    /**
     * The model's velocity as the double fields compute it: on the sphere the tangent projection
     * P⊥_x a = a − ⟨x, a⟩ x of the attention output a (the kernel's {@link ReferenceAttention#projectTangent}),
     * in R^d a itself. The fixed-step replays use it, so that they are the double schemes' algorithm.
     */
    void velocity(Apfloat[][] x, Apfloat[][] out) {
        attend(x, out);
        if (!model.onSphere()) return;
        Apfloat[] projected = new Apfloat[d];
        for (int i = 0; i < n; i++) {
            ReferenceAttention.projectTangent(x[i], out[i], projected);
            System.arraycopy(projected, 0, out[i], 0, d);
        }
        States.fix(out, p);
    }

    /**
     * The velocity continued off the sphere as f(x) = ‖x‖² a − ⟨x, a⟩ x (a the attention output); in R^d, a.
     * The extrapolation solver integrates this field.
     *
     * <p>On the unit sphere f is P⊥_x a. Off it, f is tangent to the sphere through x
     * (⟨x, f⟩ = ‖x‖²⟨x, a⟩ − ⟨x, a⟩‖x‖² = 0), so the exact flow keeps every norm, and the extrapolation's
     * intermediate stages, slightly off the sphere, see a field that does not push them further off. It also
     * makes a fixed point exact: where a = λx (token 1 of M3 with V = λI) both terms are the same products, so f
     * is exactly 0 and the token's digits never change (I3), whereas a − ⟨x, a⟩x leaves a residue (1 − ‖x‖²)λx
     * of the size of the rounding of ‖x‖².
     */
    void tangentExtension(Apfloat[][] x, Apfloat[][] out) {
        attend(x, out);
        if (!model.onSphere()) return;
        for (int i = 0; i < n; i++) {
            Apfloat xx = ReferenceAttention.dot(x[i], x[i]);
            Apfloat xa = ReferenceAttention.dot(x[i], out[i]);
            for (int c = 0; c < d; c++) out[i][c] = xx.multiply(out[i][c]).subtract(xa.multiply(x[i][c]));
        }
        States.fix(out, p);
    }

    /** Q x_j, K x_j, V x_j of token j under head h. */
    private void projectToken(int h, Apfloat[][] x, int j) {
        ReferenceAttention.project(model.q(h), x[j], qx[j]);
        ReferenceAttention.project(model.k(h), x[j], kx[j]);
        ReferenceAttention.project(model.v(h), x[j], vx[j]);
    }

    /**
     * Row k of the attention, {@link ReferenceAttention#attend} step by step, with I4 checked on the weights and the
     * factor that {@code combine} receives, and I2 on every read: the key and value arrays hold rows 0..len−1 only.
     */
    private void attendRow(int h, int k, int len, Apfloat[] out) {
        Apfloat[][] keys = prefix(kx, len);
        Apfloat[][] values = prefix(vx, len);
        try {
            ReferenceAttention.scores(model.beta(h), qx[k], keys, fault.keysRead(len), weights);
            Apfloat shift = ReferenceAttention.max(weights, len);
            Apfloat sum = ReferenceAttention.exponentiate(weights, len, shift, exp);
            // the factor as ReferenceAttention#attend forms it: 1/Z under softmax, e^μ/len under mean normalisation;
            // e^μ/n (count-n) and e^μ (none) the same way
            Apfloat factor = fault.factor(normalization == Normalization.SOFTMAX ? new Apfloat(1L).divide(sum)
                    : exp.exp(shift).divide(new Apfloat((long) normalization.divisor(len, n))));
            checkRow(k, len, factor);
            ReferenceAttention.combine(weights, values, len, factor, out);
        } catch (ArrayIndexOutOfBoundsException e) {
            // the JIT may throw a hot implicit exception without its message: the value says what is known either way
            String value = "a read past the " + len + " rows it may see" + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")");
            throw new InvariantViolation("I2", -1, k, value, "the attention of token " + k + " read past the " + len + " tokens it may see");
        }
    }

    /** I4 on row k as applied: positive weights and factor; under softmax Σ_j factor·w_j = 1 within rounding. */
    private void checkRow(int k, int len, Apfloat factor) {
        for (int j = 0; j < len; j++) {
            if (weights[j].signum() <= 0) {
                throw new InvariantViolation("I4", -1, k, weights[j].toString(true), "attention weight of token " + j + " is not positive");
            }
        }
        if (factor.signum() <= 0) throw new InvariantViolation("I4", -1, k, factor.toString(true), "the attention row's normalising factor is not positive");
        if (normalization != Normalization.SOFTMAX) return;
        Apfloat rowSum = weights[0].multiply(factor);
        for (int j = 1; j < len; j++) rowSum = rowSum.add(weights[j].multiply(factor));
        Apfloat deviation = rowSum.subtract(one);
        if (deviation.signum() != 0 && ApfloatMath.abs(deviation).compareTo(rowSumTolerance) > 0) {
            throw new InvariantViolation("I4", -1, k, rowSum.toString(true), "attention row does not sum to 1");
        }
    }

    /** The first {@code len} rows of {@code rows}: the only ones the kernel may see. */
    private static Apfloat[][] prefix(Apfloat[][] rows, int len) {
        if (len == rows.length) return rows;
        Apfloat[][] p = new Apfloat[len][];
        System.arraycopy(rows, 0, p, 0, len);
        return p;
    }
}
