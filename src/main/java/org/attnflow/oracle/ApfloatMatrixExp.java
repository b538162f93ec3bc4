package org.attnflow.oracle;

import java.math.BigDecimal;
import org.apfloat.Apfloat;
import org.attnflow.model.DecimalMatrix;

/**
 * The matrix exponential e^{tV} of a small square matrix to any number of digits: scaling and squaring with a
 * Taylor series. With A = tV and s halvings such that ‖A/2^s‖_∞ ≤ 1/2, the series of e^{A/2^s} is summed until
 * a term drops below 10^{-work}, then squared s times. Rounding in the squarings, and cancellation in entries
 * much smaller than e^{‖A‖} (negative or non-normal parts of V), cost digits; the guard covers the bound
 * 2·‖A‖·log10(e) and the result is certified by recomputation at a higher precision
 * ({@link PrecisionLadder}). tV is formed exactly in decimal, so every precision starts from the same matrix.
 */
public final class ApfloatMatrixExp {
    private ApfloatMatrixExp() {}

    /**
     * e^{tV} as a row-major d×d array, certified to {@code digits} digits relative to its largest entry.
     */
    public static Apfloat[] exp(DecimalMatrix v, BigDecimal t, long digits) {
        requireSquare(v);
        BigDecimal[] a = scaled(v, t);
        Apfloat[] e = PrecisionLadder.certify(p -> series(a, v.rows(), p), digits, guard(a, v.rows()), "e^{tV}");
        return Apfloats.round(e, digits);
    }

    /** Guard digits for the squarings and the cancellation the norm of A allows. */
    static long guard(BigDecimal[] a, int d) {
        double norm = infinityNorm(a, d);
        return 5 + (long) Math.ceil(2 * norm * 0.4342944819032518) + (long) Math.ceil(0.302 * halvings(norm));
    }

    /** tV, exactly. */
    static BigDecimal[] scaled(DecimalMatrix v, BigDecimal t) {
        BigDecimal[] a = v.toArray();
        for (int i = 0; i < a.length; i++) a[i] = a[i].multiply(t);
        return a;
    }

    /** e^A at working precision {@code work} (not certified; the caller checks). */
    static Apfloat[] series(BigDecimal[] exactA, int d, long work) {
        int s = halvings(infinityNorm(exactA, d));
        Apfloat divisor = new Apfloat(1L << s);
        Apfloat[] b = new Apfloat[d * d];
        for (int i = 0; i < b.length; i++) b[i] = Apfloats.of(exactA[i], work).divide(divisor);
        Apfloat[] sum = identity(d, work);
        Apfloat[] term = identity(d, work);
        Apfloat threshold = Apfloats.tenToMinus(work + 1);
        for (long k = 1; ; k++) {
            term = multiply(term, b, d);
            Apfloat kk = new Apfloat(k);
            for (int i = 0; i < term.length; i++) {
                term[i] = term[i].divide(kk);
                sum[i] = sum[i].add(term[i]);
            }
            // ‖sum‖ ≥ 1/2 here (‖B‖ ≤ 1/2), so an absolute threshold is a relative one.
            if (Apfloats.maxAbs(term).compareTo(threshold) <= 0) break;
            if (k > 10 * work) throw new ArithmeticException("matrix exponential series did not converge");
        }
        for (int i = 0; i < s; i++) sum = multiply(sum, sum, d);
        return sum;
    }

    /** Row-major product of two d×d matrices. */
    static Apfloat[] multiply(Apfloat[] x, Apfloat[] y, int d) {
        Apfloat[] r = new Apfloat[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                Apfloat s = Apfloat.ZERO;
                for (int k = 0; k < d; k++) s = s.add(x[i * d + k].multiply(y[k * d + j]));
                r[i * d + j] = s;
            }
        }
        return r;
    }

    /** Row-major matrix times vector. */
    static Apfloat[] apply(Apfloat[] m, Apfloat[] x) {
        int d = x.length;
        Apfloat[] r = new Apfloat[d];
        for (int i = 0; i < d; i++) {
            Apfloat s = Apfloat.ZERO;
            for (int k = 0; k < d; k++) s = s.add(m[i * d + k].multiply(x[k]));
            r[i] = s;
        }
        return r;
    }

    private static Apfloat[] identity(int d, long work) {
        Apfloat[] r = new Apfloat[d * d];
        for (int i = 0; i < r.length; i++) r[i] = Apfloat.ZERO;
        for (int i = 0; i < d; i++) r[i * d + i] = new Apfloat(1, work);
        return r;
    }

    /** Halvings s with ‖A‖/2^s ≤ 1/2. */
    private static int halvings(double norm) {
        if (norm <= 0.5) return 0;
        int s = (int) Math.ceil(Math.log(norm / 0.5) / Math.log(2));
        if (s > 60) throw new ArithmeticException("‖tV‖ = " + norm + " is too large for the matrix exponential");
        return s;
    }

    private static double infinityNorm(BigDecimal[] a, int d) {
        double m = 0;
        for (int i = 0; i < d; i++) {
            double r = 0;
            for (int j = 0; j < d; j++) r += Math.abs(a[i * d + j].doubleValue());
            m = Math.max(m, r);
        }
        return m * (1 + 1e-12);
    }

    private static void requireSquare(DecimalMatrix v) {
        if (v.rows() != v.cols()) throw new IllegalArgumentException("V must be square, got " + v.rows() + "x" + v.cols());
    }
}
