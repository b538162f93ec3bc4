package org.attnflow.claims;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * C15 (spec/math.md §7.5): with Q = K = V = I and d ≥ 2, Post-LN, nGPT and LN-scaling synchronise from almost every
 * (uniform) start; Pre-LN, Mix-LN and Peri-LN, from almost every Gaussian start, synchronise or have a stalling radial
 * velocity (min_k liminf ṙ_k = 0).
 *
 * <p>Measure: n = 16, d = 3, β = 1 (full: also β = 4), seeded starts, dopri5 to a horizon per scheme from the C13 rates
 * (post, nGPT α = 1: 30; LN-scaling: 100; ten times these at β = 4; pre, peri, mix τ = 1: 3·10^4, where Pre-LN's diameter
 * ≈ C/t is ~3·10^-4): the diameter at T, the angular speed by
 * difference over the last frame interval, and for the radius schemes the least radial speed over the last tenth. One
 * run holds when it ends in one cluster (diameter &lt; 10^-3); it is violated when it rests (angular speed &lt; 10^-10)
 * with diameter &gt; 10^-2 and, for pre/peri/mix, a radial velocity bounded away from 0 (least late ṙ &gt; 10^-3); else
 * inconclusive (at β = 4, metastable states outlive any horizon of Pre-LN's logarithmic clock).
 */
final class C15ClusteringByScheme implements Claim {
    static final double CLUSTERED = 1e-3;
    static final double STALLED_RADIUS = 1e-3;

    record Case(String scheme, double end, boolean gaussian) {}

    static final List<Case> CASES = List.of(new Case("post", 30, false), new Case("ngpt", 30, false), new Case("ln-scaling", 100, false),
            new Case("pre", 3e4, true), new Case("peri", 3e4, true), new Case("mix", 3e4, true));

    public String id() { return "C15"; }

    public String statement() {
        return "Q = K = V = I, d >= 2: post-LN, nGPT and LN-scaling synchronise from almost every start; pre-LN, mix-LN and peri-LN synchronise "
                + "or their radial velocity stalls.";
    }

    public String source() { return "[KGPR-N] §3, thm: convergence"; }

    public void check(ClaimContext ctx, ClaimReport r) {
        int n = 16, d = 3;
        double[] betas = ctx.quick() ? new double[] {1} : new double[] {1, 4};
        int seeds = ctx.quick() ? 1 : 4;
        ArrayNode runs = r.measured().putArray("runs");
        List<Verdict> verdicts = new ArrayList<>();
        java.util.List<ObjectNode> scenarios = new java.util.ArrayList<>();
        for (double beta : betas) {
            for (Case c : CASES) {
                for (int s = 1; s <= seeds; s++) {
                    long seed = 1500 + s;
                    r.seed(seed);
                    // at beta = 4 the metastable states of the exponential schemes last longer: ten times the horizon
                    double end = c.end() * (beta > 1 && !c.gaussian() ? 10 : 1);
                    ObjectNode sj = ScenarioJson.sphere("C15: " + c.scheme() + ", n = 16, d = 3, beta = " + beta, "full", "softmax", beta, n, d, seed,
                            end, end / 200);
                    if (c.gaussian()) {
                        double[][] start = C14RadialGrowth.gaussianStart(n, d, seed);
                        ScenarioJson.points(sj, start[0], d);
                        ScenarioJson.layerNorm(sj, c.scheme(), 1, 1);
                        ScenarioJson.radius(sj, start[1]);
                    } else {
                        ScenarioJson.layerNorm(sj, c.scheme(), 1, 1);
                    }
                    ScenarioJson.solver(sj, 1e-9, 1e-12);
                    scenarios.add(sj);
                }
            }
        }
        java.util.Iterator<ClaimContext.Run> simulated = ctx.simulateAll(scenarios).iterator();
        for (double beta : betas) {
            for (Case c : CASES) {
                for (int s = 1; s <= seeds; s++) {
                    ClaimContext.Run run = simulated.next();
                    long seed = 1500 + s;
                    double end = run.scenario().time().end();
                    double[] t = run.times();
                    int last = t.length - 1;
                    double diameter = Measures.diameter(run.last(), d);
                    double speed = Measures.angularSpeed(run.frame(last - 1), run.last(), d, t[last] - t[last - 1]);
                    double radial = Double.NaN;
                    if (c.gaussian()) {
                        int from = (int) Math.round(0.9 * last);
                        radial = Double.POSITIVE_INFINITY;
                        for (int k = 0; k < n; k++) {
                            radial = Math.min(radial, (run.trajectory().radius(last)[k] - run.trajectory().radius(from)[k]) / (t[last] - t[from]));
                        }
                    }
                    Verdict v = clusteringVerdict(diameter, speed, radial);
                    ObjectNode o = runs.addObject();
                    o.put("scheme", c.scheme());
                    o.put("beta", beta);
                    o.put("start_seed", seed);
                    o.put("start", c.gaussian() ? "Gaussian (r = |x|)" : "uniform on the sphere");
                    o.put("T", end);
                    o.put("diameter_at_T", diameter);
                    o.put("angular_speed_at_T", speed);
                    if (c.gaussian()) o.put("least_late_radial_speed", radial);
                    o.put("verdict", v.key());
                    verdicts.add(v);
                }
            }
        }
        r.paper().put("reports", "post-LN, nGPT, LN-scaling synchronise almost surely; pre-, mix-, peri-LN synchronise or min_k liminf r_k' = 0");
        r.measured().put("criterion", "diameter at T < " + CLUSTERED);
        r.measured().put("violation_criterion", "at rest (angular speed < " + Measures.REST_SPEED + ") with diameter > " + Measures.AWAY
                + " and (pre, peri, mix) the least late radial speed > " + STALLED_RADIUS);
        Verdict all = Verdict.combine(verdicts);
        long held = verdicts.stream().filter(v -> v == Verdict.HOLDS).count();
        r.verdict(all, all == Verdict.HOLDS ? "all " + held + " runs end in one cluster"
                : all == Verdict.VIOLATED ? "a run rests in several clusters with growing radii" : held + " of " + verdicts.size() + " runs end in one cluster, the rest still move");
    }

    /** One run's verdict (radial: the least late radial speed of a radius scheme, NaN for the others). */
    static Verdict clusteringVerdict(double diameter, double angularSpeed, double radial) {
        if (diameter < CLUSTERED) return Verdict.HOLDS;
        boolean stalledRadius = !Double.isNaN(radial) && radial <= STALLED_RADIUS;
        if (Measures.atRest(angularSpeed) && diameter > Measures.AWAY && !stalledRadius) return Verdict.VIOLATED;
        return Verdict.INCONCLUSIVE;
    }
}
