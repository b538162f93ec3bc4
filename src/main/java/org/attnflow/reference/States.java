package org.attnflow.reference;

import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;

/** Whole-state operations on n×d Apfloat states {@code x[i][c]}, token by token and in token order. */
final class States {
    private States() {}

    static Apfloat[][] copy(Apfloat[][] x) {
        Apfloat[][] y = new Apfloat[x.length][];
        for (int i = 0; i < x.length; i++) y[i] = x[i].clone();
        return y;
    }

    static Apfloat[][] like(Apfloat[][] x) { return new Apfloat[x.length][x[0].length]; }

    /** out = x + h·v at precision p (out may be x). */
    static void axpy(Apfloat[][] x, Apfloat h, Apfloat[][] v, Apfloat[][] out, long p) {
        for (int i = 0; i < x.length; i++) {
            for (int c = 0; c < x[i].length; c++) out[i][c] = x[i][c].add(h.multiply(v[i][c])).precision(p);
        }
    }

    /**
     * Every entry back to precision p. Apfloat does significance arithmetic: a cancellation (a − b with a ≈ b)
     * lowers the precision of the result, and so of everything computed from it, step after step. The reference
     * works in fixed precision instead, like floating point: the digits a cancellation lost are taken as zeros
     * (their error is the rounding of a and b, which the error analysis of fixed precision already counts).
     */
    static void fix(Apfloat[][] x, long p) {
        for (Apfloat[] row : x) {
            for (int c = 0; c < row.length; c++) row[c] = row[c].precision(p);
        }
    }

    /** max_{i,c} |a − b|. */
    static Apfloat maxDifference(Apfloat[][] a, Apfloat[][] b) {
        Apfloat max = Apfloat.ZERO;
        for (int i = 0; i < a.length; i++) {
            for (int c = 0; c < a[i].length; c++) {
                Apfloat diff = ApfloatMath.abs(a[i][c].subtract(b[i][c]));
                if (diff.compareTo(max) > 0) max = diff;
            }
        }
        return max;
    }

    /** max_{i,c} |x|. */
    static Apfloat maxAbs(Apfloat[][] x) {
        Apfloat max = Apfloat.ZERO;
        for (Apfloat[] row : x) {
            for (Apfloat e : row) if (ApfloatMath.abs(e).compareTo(max) > 0) max = ApfloatMath.abs(e);
        }
        return max;
    }

    /** Every entry's full decimal form: n rows of d strings (CSV output carries every digit). */
    static String[][] decimals(Apfloat[][] x) {
        String[][] s = new String[x.length][];
        for (int i = 0; i < x.length; i++) {
            s[i] = new String[x[i].length];
            for (int c = 0; c < x[i].length; c++) s[i][c] = x[i][c].toString(true);
        }
        return s;
    }
}
