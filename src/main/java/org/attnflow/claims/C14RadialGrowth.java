package org.attnflow.claims;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.attnflow.field.Tokens;

/**
 * C14 (spec/math.md §7.5): radial growth under Pre-LN and Peri-LN with Q = K = V = I and n ≤ e^β: from any start every
 * radius grows at a rate ṙ_k ≥ 1/(n e^β) at all times (⟨θ_k, A_k⟩ ≥ (e^β − n + 1)/(n e^β), and ‖A_k‖ ≤ 1 under
 * Peri-LN), so the radial velocity never stalls; and r_k/t → 1 (in a cluster A_k → θ_k, so ṙ_k → 1).
 *
 * <p>Measure: n = 8, d = 3, β = 3 (n ≤ e^β ≈ 20), dopri5 at rtol 1e-10 to T = 200 (full: 1000), frames every T/400,
 * from Gaussian starts x_k(0) (θ_k = x_k/‖x_k‖, r_k = ‖x_k‖) and from cone starts (r_k = 1, ⟨θ_j, θ_k⟩ ≥ 1 − δ, the
 * hypothesis of Theorem 4.3 (i)): the least difference quotient Δr_k/Δt over the run (a lower bound is broken wherever
 * an interval's mean rate is below it), for cone starts also min_k (r_k(T) − r_k(0))/T against 1 − δ, and, once the
 * tokens cluster (diameter &lt; 10^-2), the radial speed over the last tenth. One run holds when the bounds hold and,
 * if it clustered, its late speed is within 10^-2 of 1 (a Gaussian start at β = 3 can rest in metastable clusters far
 * longer than T, Pre-LN's clock being logarithmic: there the bound alone is tested); violated when a bound fails
 * (beyond 10^-6); the claim needs a clustered run of each scheme to hold.
 */
final class C14RadialGrowth implements Claim {
    static final double LATE_SPEED = 1e-2;
    static final double SLACK = 1e-6;

    public String id() { return "C14"; }

    public String statement() {
        return "Pre-LN and peri-LN with Q = K = V = I and n <= e^beta: every radius grows, r_k' >= 1/(n e^beta) at all times, and r_k/t -> 1.";
    }

    public String source() { return "[KGPR-N] Theorem 4.3 (i) and the corollary of thm: convergence (§3)"; }

    public void check(ClaimContext ctx, ClaimReport r) {
        int n = 8, d = 3;
        double beta = 3;
        double end = ctx.quick() ? 200 : 1000;
        int seeds = ctx.quick() ? 1 : 4;
        double bound = 1 / (n * Math.exp(beta));
        ArrayNode runs = r.measured().putArray("runs");
        List<Verdict> verdicts = new ArrayList<>();
        boolean[] clusteredRun = new boolean[2];
        for (String scheme : new String[] {"pre", "peri"}) {
            for (int s = 1; s <= 2 * seeds; s++) {
                long seed = 1400 + s;
                boolean cone = s > seeds;
                r.seed(seed);
                double[][] start = cone ? coneStart(n, d, seed, 0.1) : gaussianStart(n, d, seed);
                double delta = 1 - leastInnerProduct(start[0], d);
                ObjectNode sj = ScenarioJson.sphere("C14: " + scheme + "-LN from a " + (cone ? "cone" : "Gaussian") + " start, n = 8, d = 3, beta = 3",
                        "full", "softmax", beta, n, d, 0, end, end / 400);
                ScenarioJson.points(sj, start[0], d);
                ScenarioJson.layerNorm(sj, scheme, 1, 1);
                ScenarioJson.radius(sj, start[1]);
                ScenarioJson.solver(sj, 1e-10, 1e-12);
                ClaimContext.Run run = ctx.simulate(sj);
                double[] t = run.times();
                double minRate = Double.POSITIVE_INFINITY;
                for (int f = 1; f < t.length; f++) {
                    double[] a = run.trajectory().radius(f - 1), b = run.trajectory().radius(f);
                    for (int k = 0; k < n; k++) minRate = Math.min(minRate, (b[k] - a[k]) / (t[f] - t[f - 1]));
                }
                int last = t.length - 1, from = (int) Math.round(0.9 * last);
                double lateSpeed = Double.POSITIVE_INFINITY, lateMax = 0;
                for (int k = 0; k < n; k++) {
                    double v = (run.trajectory().radius(last)[k] - run.trajectory().radius(from)[k]) / (t[last] - t[from]);
                    lateSpeed = Math.min(lateSpeed, v);
                    lateMax = Math.max(lateMax, v);
                }
                double diameter = Measures.diameter(run.last(), d);
                double growth = Double.POSITIVE_INFINITY;
                for (int k = 0; k < n; k++) growth = Math.min(growth, (run.trajectory().radius(last)[k] - run.trajectory().radius(0)[k]) / end);
                Verdict v = radialVerdict(minRate, bound, diameter, lateSpeed, lateMax);
                if (cone && growth < 1 - delta - SLACK) v = Verdict.VIOLATED;
                if (diameter < 1e-2) clusteredRun[scheme.equals("pre") ? 0 : 1] = true;
                ObjectNode o = runs.addObject();
                o.put("scheme", scheme);
                o.put("start", cone ? "cone, delta = " + delta : "Gaussian (r = |x|)");
                if (cone) o.put("least_growth_over_T", growth);
                o.put("start_seed", seed);
                o.put("T", end);
                o.put("bound", bound);
                o.put("least_radial_rate", minRate);
                o.put("diameter_at_T", diameter);
                o.put("late_radial_speed_min", lateSpeed);
                o.put("late_radial_speed_max", lateMax);
                o.put("r_over_T", Measures.maxAbs(run.trajectory().radius(last)) / end);
                o.put("verdict", v.key());
                verdicts.add(v);
            }
        }
        r.paper().put("reports", "r_k(t) >= r_k(0) + (1 - delta) t in a cone; with Q = K = I and n <= e^beta, r_k' >= 1/(n e^beta) from any start; r/t -> 1");
        r.measured().put("criterion", "least Delta r/Delta t over the frames >= 1/(n e^beta) = " + String.format("%.4g", bound)
                + ", and once clustered (diameter < 1e-2) the radial speed over the last tenth within " + LATE_SPEED + " of 1");
        r.measured().put("violation_criterion", "some Delta r/Delta t below the bound by more than " + SLACK);
        Verdict all = Verdict.combine(verdicts);
        if (all == Verdict.HOLDS && !(clusteredRun[0] && clusteredRun[1])) all = Verdict.INCONCLUSIVE;
        r.verdict(all, all == Verdict.HOLDS ? "every radius grows faster than the bound, cone starts by (1 - delta) t, and at speed 1 once clustered ("
                        + verdicts.size() + " runs)"
                : all == Verdict.VIOLATED ? "a radius grew slower than its bound" : "a clustered run's radial speed is not 1, or a scheme did not cluster by T = " + end);
    }

    /**
     * One run's verdict: the least radial rate observed against the bound; once clustered, the late radial speeds
     * (least and largest over the tokens) against 1.
     */
    static Verdict radialVerdict(double minRate, double bound, double diameter, double lateMin, double lateMax) {
        if (minRate < bound - SLACK) return Verdict.VIOLATED;
        boolean clustered = diameter < 1e-2;
        if (!clustered) return Verdict.HOLDS; // the bound is what this run tests
        return Math.abs(lateMin - 1) <= LATE_SPEED && Math.abs(lateMax - 1) <= LATE_SPEED ? Verdict.HOLDS : Verdict.INCONCLUSIVE;
    }

    /** Seeded directions N(e_1 + spread·g) with Gaussian g, radii 1: a cone around e_1. */
    static double[][] coneStart(int n, int d, long seed, double spread) {
        Random rng = new Random(seed);
        double[] x = new double[n * d], radii = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int c = 0; c < d; c++) {
                x[i * d + c] = (c == 0 ? 1 : 0) + spread * rng.nextGaussian();
                s += x[i * d + c] * x[i * d + c];
            }
            for (int c = 0; c < d; c++) x[i * d + c] /= Math.sqrt(s);
            radii[i] = 1;
        }
        return new double[][] {x, radii};
    }

    static double leastInnerProduct(double[] x, int d) {
        int n = x.length / d;
        double m = 1;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                m = Math.min(m, Tokens.dot(x, i, x, j, d));
            }
        }
        return m;
    }

    /** Seeded Gaussian points in R^d: their directions (row-major) and norms. */
    static double[][] gaussianStart(int n, int d, long seed) {
        Random rng = new Random(seed);
        double[] x = new double[n * d], norms = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int c = 0; c < d; c++) {
                x[i * d + c] = rng.nextGaussian();
                s += x[i * d + c] * x[i * d + c];
            }
            norms[i] = Math.sqrt(s);
            for (int c = 0; c < d; c++) x[i * d + c] /= norms[i];
        }
        return new double[][] {x, norms};
    }
}
