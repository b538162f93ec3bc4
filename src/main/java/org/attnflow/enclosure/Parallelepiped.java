package org.attnflow.enclosure;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;
import java.util.Comparator;
import org.attnflow.enclosure.interval.IntervalSum;
import org.attnflow.enclosure.interval.Interval;
import org.attnflow.enclosure.interval.IntervalArithmetic;

/**
 * Lohner's representation of a set of states: {x̂ + B r : r ∈ R}, with x̂ a point, B a point matrix (null: the
 * identity), R an interval vector holding 0, and an enclosure {@link #box} of the set (the interval hull of
 * x̂ + B·R, intersected with any other proved enclosure). {@link #inverse} encloses B⁻¹.
 *
 * <p><b>Moving the set</b> by a map x ↦ y(x) known as y(x0) ∈ Y + J·(x0 − x̂) (J an interval matrix holding the
 * Jacobian over the box; the mean-value form): with A = J·B, every image lies in
 * Y + A·R (the direct enclosure), and, for a new centre x̂' ∈ Y and any invertible B',
 * <pre>  y(x̂ + B r) ∈ x̂' + B' R',   R' = (B'⁻¹A)·R + B'⁻¹(Y − x̂'),</pre>
 * since y = x̂' + B'(B'⁻¹(Y_val − x̂') + B'⁻¹ M r) for some Y_val ∈ Y, M ∈ A. B' is chosen by Lohner's QR
 * method: the orthogonal factor of mid(A) with its columns sorted by length times the width of R (the most
 * stretched direction first), so that B'⁻¹A is nearly triangular and the wrapping effect is not compounded
 * from step to step. With {@code qr} off B' = I, i.e. the plain mean-value form on boxes.
 *
 * <p><b>B'⁻¹</b> is enclosed without trusting floating point: C = B'ᵀ, E = C·B' − I exactly, δ = ‖E‖∞ &lt; 1; then
 * B'⁻¹ = (I + E)⁻¹C = C + F·C with ‖F‖∞ ≤ δ/(1 − δ) =: ε, hence |(B'⁻¹ − C)_ij| ≤ ε·max_l |C_lj|.
 */
final class Parallelepiped {
    final BigDecimal[] center;
    /** B as point intervals (exact decimals), or null for the identity. */
    final Interval[][] basis;
    final Interval[][] inverse;
    final Interval[] r;
    final Interval[] box;

    private Parallelepiped(BigDecimal[] center, Interval[][] basis, Interval[][] inverse, Interval[] r, Interval[] box) {
        this.center = center;
        this.basis = basis;
        this.inverse = inverse;
        this.r = r;
        this.box = box;
    }

    /** The box x itself: centre its midpoint, B = I. */
    static Parallelepiped of(Interval[] x, IntervalArithmetic ar) {
        BigDecimal[] c = new BigDecimal[x.length];
        Interval[] r = new Interval[x.length];
        for (int i = 0; i < x.length; i++) {
            c[i] = ar.midpoint(x[i]);
            r[i] = ar.subtract(x[i], Interval.point(c[i]));
        }
        return new Parallelepiped(c, null, null, r, x.clone());
    }

    /** The box as an enclosure holding the centre (the domain of the mean-value form). */
    Interval[] domain() {
        Interval[] d = new Interval[box.length];
        for (int i = 0; i < d.length; i++) d[i] = box[i].hull(Interval.point(center[i]));
        return d;
    }

    /**
     * The image under a map known as y(x0) ∈ y + J(x0 − x̂) on this set: values with {@code ar}, the small
     * quantities (R, B⁻¹, A) with {@code aux}.
     */
    Parallelepiped move(Interval[] y, Interval[][] jacobian, boolean qr, IntervalArithmetic ar, IntervalArithmetic aux) {
        int n = y.length;
        Interval[][] a = basis == null ? jacobian : multiply(jacobian, basis, aux);
        Interval[] ar0 = multiply(a, r, aux);
        BigDecimal[] c = new BigDecimal[n];
        Interval[] offset = new Interval[n];
        Interval[] direct = new Interval[n];
        for (int i = 0; i < n; i++) {
            c[i] = ar.midpoint(y[i]);
            offset[i] = ar.subtract(y[i], Interval.point(c[i]));
            direct[i] = ar.add(y[i], ar0[i]);
        }
        Interval[][] b = null;
        Interval[][] inv = null;
        if (qr) {
            b = orthogonalBasis(a, r);
            inv = inverseOfNearlyOrthogonal(b, aux);
        }
        Interval[] r1;
        if (inv == null) {
            b = null;
            r1 = new Interval[n];
            for (int i = 0; i < n; i++) r1[i] = aux.add(ar0[i], offset[i]);
        } else {
            Interval[] first = multiply(multiply(inv, a, aux), r, aux);
            Interval[] second = multiply(inv, offset, aux);
            r1 = new Interval[n];
            for (int i = 0; i < n; i++) r1[i] = aux.add(first[i], second[i]);
        }
        Interval[] spread = b == null ? r1 : multiply(b, r1, ar);
        Interval[] box1 = new Interval[n];
        for (int i = 0; i < n; i++) {
            Interval viaBasis = ar.add(Interval.point(c[i]), spread[i]);
            Interval both = viaBasis.intersect(direct[i]);
            if (both == null) throw new IllegalStateException("two enclosures of the same state are disjoint: " + viaBasis + " and " + direct[i]);
            box1[i] = both;
        }
        return new Parallelepiped(c, b, inv, r1, box1);
    }

    /**
     * Lohner's choice of B': the orthogonal factor (Householder, in double) of mid(A) with columns ordered by
     * decreasing |column j|·width(R_j). Rounded to 17 digits, it is exact decimals; only its inverse needs a proof.
     */
    private static Interval[][] orthogonalBasis(Interval[][] a, Interval[] r) {
        int n = a.length;
        double[] weight = new double[n];
        double maxWidth = 0;
        for (int j = 0; j < n; j++) maxWidth = Math.max(maxWidth, r[j].width().doubleValue());
        double[][] m = new double[n][n];
        for (int j = 0; j < n; j++) {
            double w = maxWidth == 0 ? 1 : r[j].width().doubleValue() / maxWidth;
            double norm = 0;
            for (int i = 0; i < n; i++) {
                m[i][j] = a[i][j].lower().add(a[i][j].upper()).doubleValue() / 2;
                norm += m[i][j] * m[i][j];
            }
            weight[j] = Math.sqrt(norm) * w;
        }
        Integer[] order = new Integer[n];
        for (int j = 0; j < n; j++) order[j] = j;
        Arrays.sort(order, Comparator.comparingDouble((Integer j) -> -weight[j]));
        double[][] sorted = new double[n][n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) sorted[i][j] = m[i][order[j]];
        double[][] q = householderQ(sorted);
        Interval[][] b = new Interval[n][n];
        MathContext seventeen = new MathContext(17);
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) b[i][j] = Interval.point(new BigDecimal(q[i][j]).round(seventeen));
        return b;
    }

    /** Q of A = QR by Householder reflections (Q = H_0 H_1 …), in double. */
    static double[][] householderQ(double[][] a) {
        int n = a.length;
        double[][] r = new double[n][];
        for (int i = 0; i < n; i++) r[i] = a[i].clone();
        double[][] q = new double[n][n];
        for (int i = 0; i < n; i++) q[i][i] = 1;
        for (int k = 0; k < n - 1; k++) {
            double scale = 0;
            for (int i = k; i < n; i++) scale = Math.max(scale, Math.abs(r[i][k]));
            if (scale == 0) continue;
            double norm = 0;
            for (int i = k; i < n; i++) norm += (r[i][k] / scale) * (r[i][k] / scale);
            norm = Math.sqrt(norm) * scale;
            double alpha = r[k][k] > 0 ? -norm : norm;
            double[] v = new double[n - k];
            for (int i = k; i < n; i++) v[i - k] = r[i][k];
            v[0] -= alpha;
            double vv = 0;
            for (double e : v) vv += e * e;
            if (vv == 0) continue;
            for (int j = k; j < n; j++) {
                double s = 0;
                for (int i = k; i < n; i++) s += v[i - k] * r[i][j];
                double f = 2 * s / vv;
                for (int i = k; i < n; i++) r[i][j] -= f * v[i - k];
            }
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int l = k; l < n; l++) s += q[i][l] * v[l - k];
                double f = 2 * s / vv;
                for (int l = k; l < n; l++) q[i][l] -= f * v[l - k];
            }
        }
        return q;
    }

    /** An enclosure of B⁻¹ for a nearly orthogonal B (see the class comment), or null when ‖BᵀB − I‖∞ ≥ 1/2. */
    static Interval[][] inverseOfNearlyOrthogonal(Interval[][] basis, IntervalArithmetic aux) {
        int n = basis.length;
        BigDecimal[][] b = new BigDecimal[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (basis[i][j].width().signum() != 0) throw new IllegalArgumentException("the basis must be a point matrix");
                b[i][j] = basis[i][j].lower();
            }
        }
        BigDecimal delta = BigDecimal.ZERO;
        for (int i = 0; i < n; i++) {
            BigDecimal row = BigDecimal.ZERO;
            for (int j = 0; j < n; j++) {
                BigDecimal e = i == j ? BigDecimal.ONE.negate() : BigDecimal.ZERO;
                for (int l = 0; l < n; l++) e = e.add(b[l][i].multiply(b[l][j])); // (BᵀB)_ij exactly
                row = row.add(e.abs());
            }
            delta = delta.max(row);
        }
        if (delta.compareTo(new BigDecimal("0.5")) >= 0) return null;
        Interval eps = aux.divide(Interval.point(delta), aux.subtract(Interval.ONE, Interval.point(delta)));
        Interval[][] inv = new Interval[n][n];
        for (int j = 0; j < n; j++) {
            BigDecimal colMax = BigDecimal.ZERO;
            for (int l = 0; l < n; l++) colMax = colMax.max(b[j][l].abs()); // column j of C = Bᵀ is row j of B
            BigDecimal spread = aux.multiply(Interval.point(colMax), eps.upper()).upper();
            for (int i = 0; i < n; i++) {
                BigDecimal cij = b[j][i];
                inv[i][j] = aux.round(new Interval(cij.subtract(spread), cij.add(spread)));
            }
        }
        return inv;
    }

    static Interval[][] multiply(Interval[][] a, Interval[][] b, IntervalArithmetic ar) {
        int n = a.length, m = b[0].length;
        Interval[][] c = new Interval[n][m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                IntervalSum s = new IntervalSum(ar);
                for (int l = 0; l < b.length; l++) s.addProduct(a[i][l], b[l][j]);
                c[i][j] = s.round();
            }
        }
        return c;
    }

    static Interval[] multiply(Interval[][] a, Interval[] x, IntervalArithmetic ar) {
        Interval[] y = new Interval[a.length];
        for (int i = 0; i < a.length; i++) {
            IntervalSum s = new IntervalSum(ar);
            for (int l = 0; l < x.length; l++) s.addProduct(a[i][l], x[l]);
            y[i] = s.round();
        }
        return y;
    }
}
