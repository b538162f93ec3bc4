package org.attnflow.verify;

import org.attnflow.model.AttentionModel;
import org.attnflow.model.Method;

/**
 * Which mask defect, if any, reproduces a token's step from their frame f to f+1 when the causal replay does not:
 * the hypotheses are rows of other extents for that one token ({@link RowExtentField}), tested in double
 * ({@link DoubleInterval}) in this order:
 * <ol>
 *   <li>the row drops its diagonal (tokens 0..i−1, renormalised);</li>
 *   <li>the row keeps its weights but leaves its own term out of the sum (P_ii V x_i dropped);</li>
 *   <li>the row reads later tokens: 0..i+1, 0..i+2, …, 0..n−1 (the smallest look-ahead that explains the step).</li>
 * </ol>
 * A hypothesis explains the step when token i's one-interval defect under it is within the tolerance. The last is
 * a violation of the causal order (spec/math.md I2); the first two are mask defects that read no later token.
 */
final class MaskDiagnosis {
    enum Kind {
        /** Token i reads tokens after it: an I2 finding. */
        LATER_TOKENS,
        /** Its row runs over 0..i−1. */
        DROPS_DIAGONAL,
        /** Its row leaves its own term out of the sum (not out of the normalisation). */
        DROPS_SELF_TERM,
        /** No row of another extent reproduces the step: a local defect of their step. */
        NONE
    }

    /**
     * @param readsUpTo the last token the row reads under the explaining hypothesis (LATER_TOKENS), else −1
     * @param defect    token i's defect under it (NONE: the smallest over the hypotheses)
     */
    record Explanation(Kind kind, int readsUpTo, double defect) {}

    private final AttentionModel model;
    private final int n;
    private final Method method;
    private final double h;
    private final TokenDistance metric;

    MaskDiagnosis(AttentionModel model, int n, Method method, double h, TokenDistance metric) {
        this.model = model;
        this.n = n;
        this.method = method;
        this.h = h;
        this.metric = metric;
    }

    /**
     * Token i's step from {@code before} (directions, radii or null) at t0 over dt, against their {@code after}
     * (directions, radii or null).
     */
    Explanation explain(int i, double[] before, double[] beforeRadius, double t0, double dt, double[] after, double[] afterRadius, double tolerance) {
        double smallest = Double.POSITIVE_INFINITY;
        int d = model.dimension();
        record Row(int length, boolean withoutSelf, Kind kind) {}
        java.util.List<Row> rows = new java.util.ArrayList<>();
        rows.add(new Row(i, false, Kind.DROPS_DIAGONAL));
        rows.add(new Row(i + 1, true, Kind.DROPS_SELF_TERM));
        for (int length = i + 2; length <= n; length++) rows.add(new Row(length, false, Kind.LATER_TOKENS));
        for (Row row : rows) {
            DoubleInterval step = new DoubleInterval(model, n, method, h, m -> new RowExtentField(m, n, i, row.length(), row.withoutSelf()));
            double[] out;
            try {
                out = step.advance(step.dynamics().state(before, beforeRadius), t0, dt);
            } catch (ArithmeticException | IllegalArgumentException e) {
                continue; // a hypothesis the scheme cannot step (e.g. a vanishing attention under peri) explains nothing
            }
            double defect = metric.between(after, out, i, d);
            if (afterRadius != null && out.length > n * d) defect = Math.max(defect, TokenDistance.radial(afterRadius[i], out[n * d + i]));
            if (defect <= tolerance) return new Explanation(row.kind(), row.kind() == Kind.LATER_TOKENS ? row.length() - 1 : -1, defect);
            smallest = Math.min(smallest, defect);
        }
        return new Explanation(Kind.NONE, -1, smallest);
    }
}
