package org.attnflow.verify;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** How verify and validate write numbers in their tables, reasons and reports. */
final class Format {
    private Format() {}

    /** A deviation or error: three significant digits in scientific notation, "-" for NaN. */
    static String e(double x) { return Double.isNaN(x) ? "-" : String.format(Locale.ROOT, "%.3e", x); }

    /** A time or step with at most 6 significant digits and no trailing zeros (0.1, 2, 1E-10). */
    static String g(double x) {
        if (!Double.isFinite(x)) return Double.toString(x);
        BigDecimal b = BigDecimal.valueOf(x).round(new MathContext(6)).stripTrailingZeros();
        double a = Math.abs(x);
        return a == 0 || (a >= 1e-4 && a < 1e7) ? b.toPlainString() : b.toString();
    }

    /** The largest entry (0 for none), NaN as soon as one entry is NaN: a NaN deviation must not read as small. */
    static double max(double[] a) {
        double m = 0;
        for (double x : a) if (x > m || Double.isNaN(x)) m = x;
        return m;
    }
}
