package org.attnflow.oracle;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;

/**
 * Tanh-sinh (double exponential) quadrature of ∫_a^b f to a working precision, for integrands analytic inside
 * the interval and bounded near its ends. With x = tanh((π/2) sinh τ) the integral becomes a sum over
 * τ = jh whose error falls like e^{−c/h}: halving h roughly doubles the correct digits, and every level reuses
 * the nodes of the previous ones. The sum stops when two successive levels agree to the working precision;
 * their difference is returned as the error estimate, which overstates the error of the finer level (that
 * one is about the square of it).
 *
 * <p>Nodes are kept as the distance δ = 1 − |x| from the nearer end (δ = 2q/(1+q), q = e^{−2u}), so that
 * points within 10^{-P} of an end are still told apart from it. Node tables are cached per precision and
 * shared between threads.
 */
public final class TanhSinhQuadrature {
    /** Node tables by node precision, shared by every quadrature at that precision or below. */
    private static final ConcurrentHashMap<Long, NodeTable> TABLES = new ConcurrentHashMap<>();
    /** Below this level two agreeing sums may still be a coincidence of coarse grids. */
    private static final int MIN_LEVEL = 3;
    private static final int MAX_LEVEL = 12;

    /** The result: the integral, an estimate of its absolute error, and what it cost. */
    public record Result(Apfloat value, Apfloat error, int level, int evaluations) {}

    /** Nodes of one level: the τ values added by it (all j ≥ 0 for level 0, odd multiples of h after). */
    private record Level(Apfloat[] delta, Apfloat[] weight, boolean hasCentre) {}

    private final long precision;
    private final NodeTable nodes;

    private TanhSinhQuadrature(long precision, NodeTable nodes) {
        this.precision = precision;
        this.nodes = nodes;
    }

    /**
     * A quadrature working at {@code precision} digits. Its nodes carry at least 5 more digits; node
     * precisions are rounded up to a multiple of 10 so that nearby precisions share one cached table.
     */
    public static TanhSinhQuadrature atPrecision(long precision) {
        if (precision < 5) throw new IllegalArgumentException("precision must be >= 5 digits, got " + precision);
        long nodePrecision = (precision + 5 + 9) / 10 * 10;
        return new TanhSinhQuadrature(precision, TABLES.computeIfAbsent(nodePrecision, NodeTable::new));
    }

    public long precision() { return precision; }

    /**
     * ∫_a^b f(x) dx to a relative accuracy of about 10^{-(precision − 5)}; f is called with arguments at
     * working precision strictly inside (a, b).
     *
     * @throws ArithmeticException if the levels do not converge by h = 2^-12
     */
    public Result integrate(UnaryOperator<Apfloat> f, Apfloat a, Apfloat b) { return integrate(f, a, b, Apfloat.ZERO); }

    /**
     * ∫_a^b f(x) dx to an accuracy of about 10^{-(precision − 5)} · max(|∫|, |scale|): the scale is the size of
     * the sum the integral will be added to, so that a tiny integral (a short interval) is not pushed to a
     * relative accuracy nobody needs and rounding in the node positions cannot give.
     */
    public Result integrate(UnaryOperator<Apfloat> f, Apfloat a, Apfloat b, Apfloat scale) {
        Apfloat lo = a.precision(precision), hi = b.precision(precision);
        Apfloat halfWidth = hi.subtract(lo).divide(new Apfloat(2));
        if (halfWidth.signum() == 0) return new Result(Apfloat.ZERO, Apfloat.ZERO, 0, 0);
        Apfloat raw = Apfloat.ZERO;
        Apfloat previous = null;
        int evaluations = 0;
        for (int k = 0; k <= MAX_LEVEL; k++) {
            Level level = nodes.level(k);
            for (int j = 0; j < level.delta.length; j++) {
                Apfloat offset = halfWidth.multiply(level.delta[j]);
                if (level.hasCentre && j == 0) {
                    raw = raw.add(level.weight[j].multiply(f.apply(lo.add(halfWidth))));
                    evaluations++;
                } else {
                    raw = raw.add(level.weight[j].multiply(f.apply(lo.add(offset)).add(f.apply(hi.subtract(offset)))));
                    evaluations += 2;
                }
            }
            Apfloat h = new Apfloat(1).divide(new Apfloat(1L << k));
            Apfloat sum = halfWidth.multiply(h).multiply(raw);
            if (previous != null && k >= MIN_LEVEL) {
                Apfloat change = ApfloatMath.abs(sum.subtract(previous));
                Apfloat size = ApfloatMath.abs(sum).compareTo(ApfloatMath.abs(scale)) >= 0 ? sum : scale;
                if (Apfloats.isBelow(change, precision - 5, size)) {
                    return new Result(sum, change, k, evaluations);
                }
            }
            previous = sum;
        }
        throw new ArithmeticException("tanh-sinh quadrature did not converge to " + (precision - 5) + " digits by level " + MAX_LEVEL
                + " on [" + a.toString(true) + ", " + b.toString(true) + "]");
    }

    /** The nodes and weights of every level computed so far, at one precision (lazily extended). */
    private static final class NodeTable {
        private final long nodePrecision;
        private final double tauMax;
        private final List<Level> levels = new ArrayList<>();

        NodeTable(long nodePrecision) {
            this.nodePrecision = nodePrecision;
            this.tauMax = tauMax(nodePrecision);
        }

        private synchronized Level level(int k) {
            while (levels.size() <= k) levels.add(makeLevel(levels.size()));
            return levels.get(k);
        }

        private Level makeLevel(int k) {
            long p = nodePrecision;
            Apfloat h = new Apfloat(1, p).divide(new Apfloat(1L << k));
            Apfloat halfPi = ApfloatMath.pi(p).divide(new Apfloat(2));
            List<Apfloat> deltas = new ArrayList<>();
            List<Apfloat> weights = new ArrayList<>();
            long first = k == 0 ? 0 : 1, stride = k == 0 ? 1 : 2;
            for (long j = first; j * Math.pow(2, -k) <= tauMax; j += stride) {
                Apfloat tau = h.multiply(new Apfloat(j));
                // sinh τ and cosh τ − 1 from expm1 without cancellation
                Apfloat ep = ExpSeries.expm1(tau, p), em = ExpSeries.expm1(tau.negate(), p);
                Apfloat sinh = ep.subtract(em).divide(new Apfloat(2));
                Apfloat cosh = new Apfloat(1, p).add(ep.add(em).divide(new Apfloat(2)));
                Apfloat u = halfPi.multiply(sinh);
                Apfloat q = ExpSeries.exp(u.multiply(new Apfloat(-2)), p);
                Apfloat onePlusQ = new Apfloat(1, p).add(q);
                deltas.add(q.multiply(new Apfloat(2)).divide(onePlusQ));
                weights.add(halfPi.multiply(cosh).multiply(q).multiply(new Apfloat(4)).divide(onePlusQ.multiply(onePlusQ)));
            }
            return new Level(deltas.toArray(new Apfloat[0]), weights.toArray(new Apfloat[0]), k == 0);
        }
    }

    /** τ beyond which weights fall below 10^{-P} (P the node precision, ≥ working precision + 5): log10 w(τ) ≈ log10(2π cosh τ) − π sinh τ · log10 e. */
    private static double tauMax(long precision) {
        double tau = 0;
        while (Math.log10(2 * Math.PI * Math.cosh(tau)) - Math.PI * Math.sinh(tau) * 0.4342944819032518 > -precision) tau += 1.0 / 64;
        return tau;
    }
}
