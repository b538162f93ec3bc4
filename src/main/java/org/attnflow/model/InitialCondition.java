package org.attnflow.model;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The initial tokens: n points in R^d given as exact decimals (an n×d {@link DecimalMatrix}). Generated
 * starts are seeded; {@link java.util.Random} is used because its sequence (including nextGaussian) is
 * specified by the Java SE API, so a seed means the same points on every JDK.
 *
 * <p>The points are stored as made, not normalised: each solver retracts them to the sphere at its own working
 * precision (the reference at its digits, the double solvers in double).
 *
 * <p>The radii r_k(0) of the normalisation schemes that carry one (spec/math.md §7.2, {@code initial.radius}): one
 * positive exact decimal per token, 1 by default. The points give the directions θ_k(0).
 *
 * @param seed   the generator's seed; ignored (and reported as null) for {@code points} and unseeded
 *               {@code orthonormal} starts
 * @param radius n radii, each &gt; 0
 */
public record InitialCondition(InitialKind kind, int n, int d, Long seed, double scale, DecimalMatrix points, List<BigDecimal> radius) {

    public InitialCondition {
        if (n < 1) throw new IllegalArgumentException("initial.n: must be >= 1, got " + n);
        if (d < 1) throw new IllegalArgumentException("initial.d: must be >= 1, got " + d);
        if (points.rows() != n || points.cols() != d) {
            throw new IllegalArgumentException("initial.points: must be n x d = " + n + "x" + d + ", got " + points.rows() + "x" + points.cols());
        }
        radius = List.copyOf(radius);
        if (radius.size() != n) throw new IllegalArgumentException("initial.radius: needs one radius per token, n = " + n + ", got " + radius.size());
        for (int i = 0; i < n; i++) {
            if (radius.get(i).signum() <= 0) {
                throw new IllegalArgumentException("initial.radius" + (allEqual(radius) ? "" : "[" + i + "]") + ": must be > 0, got " + radius.get(i).toPlainString());
            }
        }
    }

    /** The start with every radius 1. */
    public InitialCondition(InitialKind kind, int n, int d, Long seed, double scale, DecimalMatrix points) {
        this(kind, n, d, seed, scale, points, unitRadii(n));
    }

    /** n radii equal to 1. */
    public static List<BigDecimal> unitRadii(int n) { return Collections.nCopies(Math.max(n, 0), BigDecimal.ONE); }

    /** The same start with other radii. */
    public InitialCondition withRadius(List<BigDecimal> radii) { return new InitialCondition(kind, n, d, seed, scale, points, radii); }

    /** True when every radius is 1 (the default). */
    public boolean unitRadius() {
        for (BigDecimal r : radius) if (r.compareTo(BigDecimal.ONE) != 0) return false;
        return true;
    }

    /** The radii as nearest doubles. */
    public double[] radiusDoubles() {
        double[] r = new double[n];
        for (int i = 0; i < n; i++) r[i] = radius.get(i).doubleValue();
        return r;
    }

    private static boolean allEqual(List<BigDecimal> r) {
        for (BigDecimal x : r) if (x.compareTo(r.get(0)) != 0) return false;
        return true;
    }

    /** Listed points. */
    public static InitialCondition of(DecimalMatrix points) {
        return new InitialCondition(InitialKind.POINTS, points.rows(), points.cols(), null, 1.0, points);
    }

    /** A generated start of the given kind (not {@code POINTS}). */
    public static InitialCondition generate(InitialKind kind, int n, int d, Long seed, double scale) {
        return new InitialCondition(kind, n, d, seed, scale, make(kind, n, d, seed, scale));
    }

    /** Row-major nearest doubles of the points. */
    public double[] toDoubleArray() { return points.toDoubleArray(); }

    private static DecimalMatrix make(InitialKind kind, int n, int d, Long seed, double scale) {
        double[] x = new double[n * d];
        switch (kind) {
            case ORTHONORMAL -> {
                if (d < n) throw new IllegalArgumentException("initial: an orthonormal start needs d >= n, got n = " + n + ", d = " + d);
                for (int i = 0; i < n; i++) x[i * d + i] = 1;
            }
            case UNIFORM_SPHERE, GAUSSIAN -> {
                if (seed == null) throw new IllegalArgumentException("initial.seed: is required for kind " + kind.key());
                Random rng = new Random(seed);
                for (int i = 0; i < x.length; i++) x[i] = rng.nextGaussian();
                if (kind == InitialKind.UNIFORM_SPHERE) {
                    for (int i = 0; i < n; i++) {
                        double r = 0;
                        for (int c = 0; c < d; c++) r += x[i * d + c] * x[i * d + c];
                        r = Math.sqrt(r);
                        for (int c = 0; c < d; c++) x[i * d + c] /= r;
                    }
                } else {
                    for (int i = 0; i < x.length; i++) x[i] *= scale;
                }
            }
            case POINTS -> throw new IllegalArgumentException("initial.points: kind points needs the points listed");
        }
        return DecimalMatrix.ofDoubles(n, d, x);
    }
}
