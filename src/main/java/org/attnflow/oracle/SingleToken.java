package org.attnflow.oracle;

import java.math.BigDecimal;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.attnflow.model.DecimalMatrix;

/**
 * O3, a single token on the sphere: x(t) = e^{tV} x(0) / ‖e^{tV} x(0)‖, the solution of ẋ = P⊥_x(Vx). It is
 * token 1 of the causal model M3 for any V, Q, K (token 1 attends only to itself; [KPR] Lemma 3.1), and the
 * whole of M1/M2 with one token. x(0) need not be a unit vector: the direction is what matters.
 */
public final class SingleToken {
    private final LinearFlow linear;

    public SingleToken(DecimalMatrix v, BigDecimal[] x0) { this.linear = new LinearFlow(v, x0); }

    /** The token from the exact values of the doubles {@code x0}. */
    public static SingleToken of(DecimalMatrix v, double[] x0) { return new SingleToken(v, Apfloats.exactDecimals(x0)); }

    public int dimension() { return linear.dimension(); }

    /**
     * x(t) to {@code digits} digits. Normalising is well conditioned (it keeps relative errors), so two spare
     * digits of e^{tV}x(0) suffice.
     */
    public Apfloat[] stateAt(BigDecimal t, long digits) {
        long work = digits + 4;
        Apfloat[] x = linear.stateAt(t, digits + 2);
        Apfloat[] xw = new Apfloat[x.length];
        for (int i = 0; i < x.length; i++) xw[i] = x[i].precision(work);
        Apfloat norm = ApfloatMath.sqrt(Apfloats.dot(xw, xw));
        if (norm.signum() == 0) throw new ArithmeticException("x(0) = 0 has no direction");
        for (int i = 0; i < xw.length; i++) xw[i] = xw[i].divide(norm);
        return Apfloats.round(xw, digits);
    }

    /** x(t) in double, at the exact time the double {@code t} denotes. */
    public double[] stateAt(double t) {
        return Apfloats.toDoubles(stateAt(Apfloats.exactTime(t), Apfloats.DOUBLE_DIGITS));
    }
}
