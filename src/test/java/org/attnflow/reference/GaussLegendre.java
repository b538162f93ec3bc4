package org.attnflow.reference;

import java.util.function.UnaryOperator;

import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;

/**
 * Gauss–Legendre quadrature in Apfloat with ApfloatMath's functions only, for the tests' oracles: independent
 * of the code under test (no FastExp, no ODE solver). Nodes by Newton's method on the three-term recurrence of
 * P_n; a composite rule over equal panels.
 */
final class GaussLegendre {
    private final long precision;
    private final Apfloat[] nodes;   // on [-1, 1]
    private final Apfloat[] weights;

    GaussLegendre(int n, long precision) {
        this.precision = precision;
        this.nodes = new Apfloat[n];
        this.weights = new Apfloat[n];
        Apfloat one = new Apfloat(1, precision);
        Apfloat two = new Apfloat(2, precision);
        Apfloat halfway = new Apfloat("1e-" + precision / 2, precision);
        for (int i = 0; i < (n + 1) / 2; i++) {
            Apfloat x = new Apfloat(new java.math.BigDecimal(Math.cos(Math.PI * (i + 0.75) / (n + 0.5))), precision);
            Apfloat derivative;
            // Newton converges quadratically: once |dx| < 10^{-P/2}, two more steps reach the rounding level
            for (int extra = 2, iteration = 0; extra > 0; iteration++) {
                if (iteration > 100) throw new IllegalStateException("Newton on P_" + n + " did not converge");
                Apfloat[] p = legendre(n, x, one);
                derivative = new Apfloat(n, precision).multiply(x.multiply(p[0]).subtract(p[1])).divide(x.multiply(x).subtract(one));
                Apfloat dx = p[0].divide(derivative);
                x = x.subtract(dx).precision(precision);
                if (ApfloatMath.abs(dx).compareTo(halfway) < 0) extra--;
            }
            Apfloat[] p = legendre(n, x, one);
            derivative = new Apfloat(n, precision).multiply(x.multiply(p[0]).subtract(p[1])).divide(x.multiply(x).subtract(one));
            Apfloat w = two.divide(one.subtract(x.multiply(x)).multiply(derivative).multiply(derivative));
            nodes[i] = x;
            weights[i] = w;
            nodes[n - 1 - i] = x.negate();
            weights[n - 1 - i] = w;
        }
    }

    /** {P_n(x), P_{n−1}(x)}. */
    private static Apfloat[] legendre(int n, Apfloat x, Apfloat one) {
        Apfloat previous = one;
        Apfloat current = x;
        for (int k = 2; k <= n; k++) {
            Apfloat next = new Apfloat(2 * k - 1).multiply(x).multiply(current).subtract(new Apfloat(k - 1).multiply(previous))
                    .divide(new Apfloat(k)).precision(x.precision());
            previous = current;
            current = next;
        }
        return new Apfloat[]{current, previous};
    }

    /** ∫_a^b f over {@code panels} equal panels. */
    Apfloat integrate(UnaryOperator<Apfloat> f, Apfloat a, Apfloat b, int panels) {
        Apfloat width = b.subtract(a).divide(new Apfloat(panels, precision));
        Apfloat half = width.divide(new Apfloat(2, precision));
        Apfloat sum = new Apfloat(0, precision);
        for (int k = 0; k < panels; k++) {
            Apfloat mid = a.add(width.multiply(new Apfloat(k, precision))).add(half);
            for (int i = 0; i < nodes.length; i++) sum = sum.add(weights[i].multiply(f.apply(mid.add(half.multiply(nodes[i])))));
        }
        return sum.multiply(half);
    }
}
