package org.attnflow.reference;

import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.attnflow.model.HeadCombine;
import org.attnflow.model.Mask;
import org.attnflow.model.Normalization;

/**
 * The attention field of a {@link ReferenceModel} over n tokens at working precision: the KeY-proved kernel
 * {@link ReferenceAttention#attend} called as it is, once per head and token, with the runtime checks of I2 and I4.
 * States are n×d arrays {@code x[i][c]} (longer rows are read in their first d entries only, so a row may carry a
 * radius after the direction).
 *
 * <p><b>Heads and normalisations</b> (spec/math.md §8.1, §8.2): each head's output is the kernel's, with the head's
 * own β, Q, K, V, the same mask and the normalisation's divisor ({@link Normalization#divisor}: 0 for softmax, whose
 * factor is 1/Z, else e^μ/divisor); the outputs are added in head order and, under {@code mean} combination, divided
 * by H.
 *
 * <p><b>I2, the causal order</b> (spec/math.md I2), three ways. (1) The kernel's contract, proved by KeY, says that
 * the output of token k is computed from the rows 0..len−1 it is handed, through data and control flow. (2) The field
 * hands it arrays of exactly those rows, {@link Mask#rowLength} of them, and a workspace of exactly len entries, so
 * that nothing else is reachable. (3) What neither covers is the field's own mask: on its first evaluation under the
 * causal mask the field evaluates again with the tokens after a cut replaced by others (the last token; every token
 * but the first) and requires the rows before the cut to be unchanged to the last digit. A mask off by one reads a
 * token it may not and is stopped there, at the first step ({@code FieldInvariantViolationTest}).
 *
 * <p><b>I4, checked on what is applied.</b> The kernel leaves the row's weights e^{s_j − μ} in the workspace and
 * returns the factor it applied them with; every weight and the factor must be positive, and under softmax the row
 * factor·w_j must sum to 1 within its rounding: 4(len + 1) units of the last digit the row's numbers carry
 * (10^{1−q}, q the fewest digits among the weights, the factor and the working precision; a weight e^x carries as
 * many digits as x has after the point, fewer than p once the scores differ by 10 or more). A sum of len terms,
 * a quotient and len products, each rounded once at q digits, is off by at most 2len + 1 such units.
 *
 * <p>Tests plant faults through a {@link Fault} (a mask off by one, a kernel that applied another factor, a push off
 * the sphere), so that the checks are seen to fire; the solver's fields have none.
 *
 * <p>Not thread-safe (it owns its workspace). Outside this package the field is reached through the solver, or
 * through {@link AttentionOutput} for one evaluation of a double state.
 */
final class ReferenceField {
    /** A fault planted in the field, for the tests that show the runtime checks fire. */
    interface Fault {
        /** The field as it is. */
        Fault NONE = new Fault() {};

        /** The row length handed to the kernel for token k: the mask's, unless a test plants another. */
        default int rowLength(int k, int maskLength) { return maskLength; }

        /**
         * The factor the kernel returned with its output {@code out}: as it is, unless a test plants a kernel that
         * applied another factor (scaling {@code out} and the factor alike).
         */
        default Apfloat kernelFactor(Apfloat factor, Apfloat[] out) { return factor; }

        /** The velocity of the directions x (n×d, in place), unless a test pushes it (off the sphere). */
        default void velocity(Apfloat[][] x, Apfloat[][] v) {}
    }

    private final ReferenceModel model;
    private final int n;
    private final int d;
    private final Mask mask;
    private final Normalization normalization;
    private final boolean meanOfHeads;
    private final long p;
    private final Apfloat one;
    private final Exponential exp;
    private final Apfloat[][] qx;
    private final Apfloat[][] kx;
    private final Apfloat[][] vx;
    private final Apfloat[][] workspaces; // workspaces[len - 1]: exactly len entries, made on first use
    private final Apfloat[] row;
    private final Apfloat[] perturbation; // the affine map y_c = a + b·x_c + c·step of the I2 probe
    private final Fault fault;
    private long evaluations;
    private boolean probed;

    ReferenceField(ReferenceModel model, int tokens) {
        this(model, tokens, Fault.NONE);
    }

    ReferenceField(ReferenceModel model, int tokens, Fault fault) {
        this.fault = fault;
        if (tokens < 1) throw new IllegalArgumentException("need at least one token, got " + tokens);
        this.model = model;
        this.n = tokens;
        this.d = model.dimension();
        this.mask = model.model().mask();
        this.normalization = model.model().normalization();
        this.meanOfHeads = model.model().combine() == HeadCombine.MEAN && model.heads() > 1;
        WorkingPrecision precision = model.precision();
        this.p = precision.precision();
        this.one = precision.of(1);
        this.exp = new WorkingExp(precision);
        int m = model.queryDimension();
        this.qx = new Apfloat[n][m];
        this.kx = new Apfloat[n][m];
        this.vx = new Apfloat[n][d];
        this.workspaces = new Apfloat[n][];
        this.row = new Apfloat[d];
        this.perturbation = new Apfloat[] {precision.of("0.5"), precision.of("-1.25"), precision.of("0.125")};
    }

    ReferenceModel model() { return model; }

    int tokens() { return n; }

    int dimension() { return d; }

    /** Field evaluations so far (each {@link #attend} or {@link #velocity} counts one, and so does each I2 probe). */
    long evaluations() { return evaluations; }

    /**
     * out[k] = the unprojected attention output of token k, Σ_h w_h (1/Z_k) Σ_j e^{s_kj} V x_j (the S1 scheme steps
     * with it); out's rows have d entries.
     */
    void attend(Apfloat[][] x, Apfloat[][] out) {
        evaluations++;
        compute(x, out);
        if (mask == Mask.CAUSAL && !probed) {
            probed = true;
            probeCausalOrder(x, out);
        }
    }

    /**
     * The velocity P⊥_x a = a − ⟨x, a⟩ x of the attention output a on the sphere (the kernel's
     * {@link ReferenceAttention#projectTangent}), a itself in R^d: what the double fields compute, for
     * {@link AttentionOutput}. (The solver's dynamics form the velocity of each scheme themselves: {@link ReferenceDynamics}.)
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

    /** The planted push of a test on a velocity (nothing in a solver's field). */
    void planted(Apfloat[][] x, Apfloat[][] v) { fault.velocity(x, v); }

    private void compute(Apfloat[][] x, Apfloat[][] out) {
        for (int h = 0; h < model.heads(); h++) {
            // every token's Q x_j, K x_j, V x_j: each reads token j alone (project's contract)
            for (int j = 0; j < n; j++) {
                ReferenceAttention.project(model.q(h), x[j], qx[j]);
                ReferenceAttention.project(model.k(h), x[j], kx[j]);
                ReferenceAttention.project(model.v(h), x[j], vx[j]);
            }
            for (int k = 0; k < n; k++) {
                attendRow(h, k, fault.rowLength(k, mask.rowLength(k, n)), h == 0 ? out[k] : row);
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

    /** Row k of head h by the kernel, over the first len tokens, into out; then I4 on the row as applied. */
    private void attendRow(int h, int k, int len, Apfloat[] out) {
        if (len > n) {
            throw new InvariantViolation("I2", -1, k, "a row of " + len + " tokens", "the attention of token " + k + " would read past the " + n + " tokens there are");
        }
        Apfloat[] weights = workspace(len);
        Apfloat factor = ReferenceAttention.attend(model.beta(h), qx, prefix(kx, len), prefix(vx, len), k, len,
                normalization.divisor(len, n), exp, weights, out);
        checkRow(k, len, weights, fault.kernelFactor(factor, out));
    }

    /**
     * I2 on the field's mask: the rows before a cut must not change, to the last digit, when every token from the cut
     * on is replaced (by an affine image of itself). Cuts: the last token, and every token but the first.
     */
    private void probeCausalOrder(Apfloat[][] x, Apfloat[][] out) {
        for (int cut : n > 2 ? new int[] {n - 1, 1} : new int[] {n - 1}) {
            if (cut < 1) continue;
            Apfloat[][] y = new Apfloat[n][];
            for (int i = 0; i < n; i++) y[i] = i < cut ? x[i] : perturbed(x[i]);
            Apfloat[][] o = new Apfloat[n][d];
            evaluations++;
            compute(y, o);
            for (int i = 0; i < cut; i++) {
                for (int c = 0; c < d; c++) {
                    if (o[i][c].compareTo(out[i][c]) != 0) {
                        throw new InvariantViolation("I2", -1, i, o[i][c].subtract(out[i][c]).precision(5).toString(true),
                                "the attention of token " + i + " changed when tokens " + cut + ".." + (n - 1) + " were replaced: it reads a later token (the change is the value)");
                    }
                }
            }
        }
    }

    private Apfloat[] perturbed(Apfloat[] token) {
        Apfloat[] y = new Apfloat[d];
        for (int c = 0; c < d; c++) {
            y[c] = perturbation[0].add(perturbation[1].multiply(token[c])).add(perturbation[2].multiply(new Apfloat(c))).precision(p);
        }
        return y;
    }

    /** I4 on row k as applied: positive weights and factor; under softmax Σ_j factor·w_j = 1 within its rounding. */
    private void checkRow(int k, int len, Apfloat[] weights, Apfloat factor) {
        long digits = Math.min(p, factor.precision());
        for (int j = 0; j < len; j++) {
            if (weights[j].signum() <= 0) {
                throw new InvariantViolation("I4", -1, k, weights[j].toString(true), "attention weight of token " + j + " is not positive");
            }
            digits = Math.min(digits, weights[j].precision());
        }
        if (factor.signum() <= 0) throw new InvariantViolation("I4", -1, k, factor.toString(true), "the attention row's normalising factor is not positive");
        if (normalization != Normalization.SOFTMAX) return;
        Apfloat rowSum = weights[0].multiply(factor);
        for (int j = 1; j < len; j++) rowSum = rowSum.add(weights[j].multiply(factor));
        Apfloat deviation = rowSum.subtract(one);
        if (deviation.signum() == 0) return;
        Apfloat tolerance = new Apfloat(4L * (len + 1), 5).multiply(new Apfloat("1e" + (1 - digits), 5));
        if (ApfloatMath.abs(deviation).compareTo(tolerance) > 0) {
            throw new InvariantViolation("I4", -1, k, rowSum.toString(true), "attention row does not sum to 1 within " + tolerance.toString(true) + " (its rounding at "
                    + digits + " digits)");
        }
    }

    /** The workspace of a row of len tokens: exactly len entries (the kernel's contract). */
    private Apfloat[] workspace(int len) {
        Apfloat[] w = workspaces[len - 1];
        if (w == null) workspaces[len - 1] = w = new Apfloat[len];
        return w;
    }

    /** The first {@code len} rows of {@code rows}: the only ones the kernel may see. */
    private static Apfloat[][] prefix(Apfloat[][] rows, int len) {
        if (len == rows.length) return rows;
        Apfloat[][] p = new Apfloat[len][];
        System.arraycopy(rows, 0, p, 0, len);
        return p;
    }
}
