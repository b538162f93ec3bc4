package org.attnflow.oracle;

import java.math.BigDecimal;
import org.apfloat.Apfloat;
import org.attnflow.model.DecimalMatrix;

/**
 * O4, one Euclidean token: x(t) = e^{tV} x(0), the solution of ẋ = Vx (a single token of M4 attends only to
 * itself). V and x(0) are exact decimals; results are certified to the requested digits relative to the
 * largest entry of x(t), by recomputation at a higher precision.
 */
public final class LinearFlow {
    private final DecimalMatrix v;
    private final BigDecimal[] x0;

    public LinearFlow(DecimalMatrix v, BigDecimal[] x0) {
        if (v.rows() != v.cols()) throw new IllegalArgumentException("V must be square, got " + v.rows() + "x" + v.cols());
        if (x0.length != v.rows()) throw new IllegalArgumentException("x(0) has " + x0.length + " entries, V is " + v.rows() + "x" + v.rows());
        this.v = v;
        this.x0 = x0.clone();
    }

    /** The flow from the exact values of the doubles {@code x0}. */
    public static LinearFlow of(DecimalMatrix v, double[] x0) { return new LinearFlow(v, Apfloats.exactDecimals(x0)); }

    public int dimension() { return x0.length; }

    /** x(t) = e^{tV} x(0) to {@code digits} digits (relative to its largest entry). */
    public Apfloat[] stateAt(BigDecimal t, long digits) {
        BigDecimal[] a = ApfloatMatrixExp.scaled(v, t);
        int d = dimension();
        Apfloat[] x = PrecisionLadder.certify(
                p -> ApfloatMatrixExp.apply(ApfloatMatrixExp.series(a, d, p), Apfloats.of(x0, p)),
                digits, ApfloatMatrixExp.guard(a, d), "e^{tV}x(0)");
        return Apfloats.round(x, digits);
    }

    /** x(t) in double, at the exact time the double {@code t} denotes. */
    public double[] stateAt(double t) {
        return Apfloats.toDoubles(stateAt(Apfloats.exactTime(t), Apfloats.DOUBLE_DIGITS));
    }
}
