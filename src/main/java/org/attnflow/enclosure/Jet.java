package org.attnflow.enclosure;

import java.math.BigDecimal;
import java.util.Arrays;
import org.attnflow.enclosure.interval.IntervalSum;
import org.attnflow.enclosure.interval.Interval;
import org.attnflow.enclosure.interval.IntervalArithmetic;

/**
 * A first-order jet: an interval value and intervals for its partial derivatives with respect to the N
 * coordinates of the start (forward-mode automatic differentiation in interval arithmetic). Over a box X, the jet
 * of a computed quantity encloses its value and its gradient at every point of X, because each rule
 * ((uv)' = u'v + uv', (u/v)' = (u' − (u/v)v')/v, (e^u)' = e^u u') is itself evaluated in interval arithmetic.
 * A jet without partials is a plain interval. Structural zeros stay the exact interval [0, 0] and are skipped.
 */
final class Jet {
    final Interval value;
    final Interval[] partials;
    /** The value rounded outward to the derivatives' digits, for the products of the chain rule (lazily). */
    private Interval shortValue;

    private Jet(Interval value, Interval[] partials) {
        this.value = value;
        this.partials = partials;
    }

    private Interval shortValue(IntervalArithmetic derivatives) {
        if (shortValue == null) shortValue = derivatives.round(value);
        return shortValue;
    }

    /**
     * Jets with {@code partials} partial derivatives (0: values only), values rounded by {@code values} and
     * partials by {@code derivatives} (which may carry fewer digits: derivatives only ever multiply widths).
     */
    static final class Arithmetic {
        final IntervalArithmetic values;
        final IntervalArithmetic derivatives;
        final int partials;
        private final Interval[] zeros;

        Arithmetic(IntervalArithmetic values, IntervalArithmetic derivatives, int partials) {
            this.values = values;
            this.derivatives = derivatives;
            this.partials = partials;
            this.zeros = new Interval[partials];
            Arrays.fill(zeros, Interval.ZERO);
        }

        /** Values only (no partials): the same value arithmetic. */
        Arithmetic valuesOnly() { return partials == 0 ? this : new Arithmetic(values, derivatives, 0); }

        /** A constant (zero gradient). */
        Jet constant(Interval v) { return new Jet(v, zeros); }

        /** Coordinate m of the start, with value v: gradient e_m. */
        Jet variable(Interval v, int m) {
            Interval[] d = zeros.clone();
            d[m] = Interval.ONE;
            return new Jet(v, d);
        }

        Sum sum() { return new Sum(this); }

        /** a/k for a positive integer k. */
        Jet divide(Jet a, int k) {
            Interval[] d = zeros;
            if (partials > 0) {
                d = new Interval[partials];
                for (int m = 0; m < partials; m++) d[m] = a.partials[m].isZero() ? Interval.ZERO : derivatives.divide(a.partials[m], k);
            }
            return new Jet(values.divide(a.value, k), d);
        }

        /** a/b. */
        Jet divide(Jet a, Jet b) {
            Interval q = values.divide(a.value, b.value);
            Interval[] d = zeros;
            if (partials > 0) {
                d = new Interval[partials];
                for (int m = 0; m < partials; m++) {
                    Interval p = a.partials[m], r = b.partials[m];
                    if (p.isZero() && r.isZero()) {
                        d[m] = Interval.ZERO;
                    } else {
                        Interval top = r.isZero() ? p : derivatives.subtract(p, derivatives.multiply(q, r));
                        d[m] = derivatives.divide(top, b.value);
                    }
                }
            }
            return new Jet(q, d);
        }

        /** e^a. */
        Jet exp(Jet a) {
            Interval e = values.exp(a.value);
            Interval[] d = zeros;
            if (partials > 0) {
                d = new Interval[partials];
                for (int m = 0; m < partials; m++) d[m] = a.partials[m].isZero() ? Interval.ZERO : derivatives.multiply(e, a.partials[m]);
            }
            return new Jet(e, d);
        }
    }

    /** A sum of jets and products of jets, rounded outward once per term at a wide precision ({@link IntervalSum}). */
    static final class Sum {
        private final Arithmetic ar;
        private final IntervalSum value;
        private final IntervalSum[] partials;

        private Sum(Arithmetic ar) {
            this.ar = ar;
            this.value = new IntervalSum(ar.values);
            this.partials = new IntervalSum[ar.partials];
        }

        private IntervalSum partial(int m) {
            if (partials[m] == null) partials[m] = new IntervalSum(ar.derivatives);
            return partials[m];
        }

        Sum add(Jet a) {
            value.add(a.value);
            for (int m = 0; m < partials.length; m++) if (!a.partials[m].isZero()) partial(m).add(a.partials[m]);
            return this;
        }

        Sum subtract(Jet a) {
            value.subtract(a.value);
            for (int m = 0; m < partials.length; m++) if (!a.partials[m].isZero()) partial(m).subtract(a.partials[m]);
            return this;
        }

        /** Adds w·a·b (w ≥ 1 an integer weight). */
        Sum addProduct(Jet a, Jet b, long w) {
            value.addProduct(a.value, b.value, w);
            if (partials.length == 0) return this;
            Interval av = a.shortValue(ar.derivatives), bv = b.shortValue(ar.derivatives);
            for (int m = 0; m < partials.length; m++) {
                if (!a.partials[m].isZero()) partial(m).addProduct(a.partials[m], bv, w);
                if (!b.partials[m].isZero()) partial(m).addProduct(av, b.partials[m], w);
            }
            return this;
        }

        Sum addProduct(Jet a, Jet b) { return addProduct(a, b, 1); }

        /** Subtracts a·b. */
        Sum subtractProduct(Jet a, Jet b) {
            value.addProduct(a.value.negate(), b.value);
            if (partials.length == 0) return this;
            Interval av = a.shortValue(ar.derivatives).negate(), bv = b.shortValue(ar.derivatives);
            for (int m = 0; m < partials.length; m++) {
                if (!a.partials[m].isZero()) partial(m).addProduct(a.partials[m].negate(), bv);
                if (!b.partials[m].isZero()) partial(m).addProduct(av, b.partials[m]);
            }
            return this;
        }

        /** Adds a·c for an exact constant c. */
        Sum addProduct(Jet a, BigDecimal c) {
            value.addProduct(a.value, c);
            for (int m = 0; m < partials.length; m++) if (!a.partials[m].isZero()) partial(m).addProduct(a.partials[m], c);
            return this;
        }

        /** The sum, rounded outward. */
        Jet round() {
            Interval[] d = ar.zeros;
            if (partials.length > 0) {
                d = new Interval[partials.length];
                for (int m = 0; m < d.length; m++) d[m] = partials[m] == null ? Interval.ZERO : partials[m].round();
            }
            return new Jet(value.round(), d);
        }
    }
}
