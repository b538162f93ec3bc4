package org.attnflow.enclosure;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Random;
import org.apfloat.Apfloat;
import org.attnflow.enclosure.interval.Interval;
import org.attnflow.model.DecimalMatrix;

/** Checks of boxes against independent solutions, and seeded random inputs, for the enclosure tests. */
final class Containment {
    private Containment() {}

    /**
     * Every coordinate of {@code exact} (known to within {@code error}) lies in the frame's box: lo − error ≤ v ≤
     * hi + error. {@code tokens} selects the tokens checked (null: all).
     */
    static void assertEncloses(EnclosureFrame frame, BigDecimal[] exact, BigDecimal error, int[] tokens, String label) {
        int d = frame.dimension();
        int[] which = tokens;
        if (which == null) {
            which = new int[frame.tokens()];
            for (int i = 0; i < which.length; i++) which[i] = i;
        }
        for (int i : which) {
            for (int c = 0; c < d; c++) {
                Interval x = frame.interval(i, c);
                BigDecimal v = exact[i * d + c];
                boolean inside = x.lower().subtract(error).compareTo(v) <= 0 && v.compareTo(x.upper().add(error)) <= 0;
                assertTrue(inside, label + ", t = " + frame.time() + ", token " + i + ", coordinate " + c + ": " + v + " is not in " + x);
            }
        }
    }

    static BigDecimal[] decimals(Apfloat[] x) {
        BigDecimal[] b = new BigDecimal[x.length];
        for (int i = 0; i < x.length; i++) b[i] = new BigDecimal(x[i].toString(true));
        return b;
    }

    /** The widest coordinate of the frame's box must be at most {@code bound}: containment means something. */
    static void assertNarrow(EnclosureFrame frame, double bound, String label) {
        double w = frame.maxWidth().doubleValue();
        assertTrue(w <= bound, label + ", t = " + frame.time() + ": box width " + w + " > " + bound);
    }

    /** A random short decimal in (−scale, scale) with {@code digits} decimals. */
    static BigDecimal decimal(Random rng, double scale, int digits) {
        return new BigDecimal(rng.nextDouble() * 2 * scale - scale).setScale(digits, java.math.RoundingMode.HALF_EVEN);
    }

    static DecimalMatrix matrix(Random rng, int rows, int cols, double scale) {
        BigDecimal[] e = new BigDecimal[rows * cols];
        for (int i = 0; i < e.length; i++) e[i] = decimal(rng, scale, 2);
        return DecimalMatrix.of(rows, cols, e);
    }

    /** Exact decimal time of a double. */
    static BigDecimal time(double t) { return new BigDecimal(t); }

    static final MathContext DOUBLE = MathContext.DECIMAL64;
}
