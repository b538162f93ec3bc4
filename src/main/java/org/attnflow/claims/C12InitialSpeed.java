package org.attnflow.claims;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * C12 (spec/math.md §7.5): at the orthonormal start (Q = K = V = I, softmax, equal radii r_0) every normalisation
 * scheme leaves at the speed of §7.3: γ̇(0) = 2/(e^β + n − 1) for post, mix and ln-scaling, that divided by r_0 for
 * pre, 2/(r_0 √(e^{2β} + n − 1)) for peri, 2α/√(e^{2β} + n − 1) for nGPT. Peri-LN and nGPT (α = 1) leave faster than
 * Post-LN by (e^β + n − 1)/√(e^{2β} + n − 1) ∈ [1, √n], Pre-LN slower by r_0.
 *
 * <p>Measure: γ(t) = the mean off-diagonal Gram entry of a dopri5 run (rtol 1e-12) at t = h and 2h, h = 10^-3;
 * γ̇(0) ≈ (4γ(h) − γ(2h))/(2h) (Richardson: error O(h²) ≈ 10^-6 relative). Holds: every scheme within 10^-3 relative of
 * its prediction (then the predicted order is observed: the factors compared are ≥ 1 + 10^-2 apart or exactly equal);
 * violated: one off by more than 10^-2.
 */
final class C12InitialSpeed implements Claim {
    static final double HOLDS = 1e-3;
    static final double VIOLATED = 1e-2;
    static final double H = 1e-3;

    public String id() { return "C12"; }

    public String statement() {
        return "At the orthonormal start (Q = K = V = I, softmax, radii r0) each normalisation scheme leaves at gamma'(0) = (1/s_i + 1/s_j)/(e^beta + n - 1): "
                + "peri-LN and nGPT faster than post-LN, pre-LN slower by r0.";
    }

    public String source() { return "[KGPR-N] §4.1, thm: symmetric (post, pre); spec/math.md §7.3 (d) for the others"; }

    public void check(ClaimContext ctx, ClaimReport r) {
        int[] ns = ctx.quick() ? new int[] {4} : new int[] {4, 16};
        double[] betas = ctx.quick() ? new double[] {1, 4} : new double[] {0, 1, 4};
        double[] radii = {1, 3};
        double[] alphas = ctx.quick() ? new double[] {1} : new double[] {0.5, 1};
        ArrayNode runs = r.measured().putArray("runs");
        double worst = 0;
        for (int n : ns) {
            for (double beta : betas) {
                for (double r0 : radii) {
                    List<String> schemes = new ArrayList<>(List.of("post", "pre", "peri", "mix", "ln-scaling"));
                    for (double alpha : alphas) schemes.add("ngpt:" + alpha);
                    for (String entry : schemes) {
                        String scheme = entry.startsWith("ngpt") ? "ngpt" : entry;
                        double alpha = entry.startsWith("ngpt") ? Double.parseDouble(entry.substring(5)) : 1;
                        double predicted = predicted(scheme, n, beta, r0, alpha);
                        double measured = measure(ctx, scheme, n, beta, r0, alpha);
                        double error = Math.abs(measured / predicted - 1);
                        worst = Math.max(worst, error);
                        ObjectNode o = runs.addObject();
                        o.put("scheme", scheme);
                        if (scheme.equals("ngpt")) o.put("alpha", alpha);
                        o.put("n", n);
                        o.put("beta", beta);
                        o.put("r0", r0);
                        o.put("predicted_gamma_dot_0", predicted);
                        o.put("measured_gamma_dot_0", measured);
                        o.put("relative_error", error);
                        o.put("speed_over_post", measured / predicted("post", n, beta, r0, 1));
                    }
                }
            }
        }
        r.paper().put("reports", "gamma'(0) = (1/s_i + 1/s_j)/(e^beta + n - 1) at the orthonormal start (Post-LN and Pre-LN rows of thm: symmetric)");
        r.measured().put("criterion", "(4 gamma(h) - gamma(2h))/(2h), h = 1e-3, of a dopri5 run at rtol 1e-12; holds: every scheme within "
                + HOLDS + " relative of its prediction");
        r.measured().put("violation_criterion", "some scheme off its prediction by more than " + VIOLATED + " relative");
        r.measured().put("largest_relative_error", worst);
        Verdict v = speedVerdict(worst);
        r.verdict(v, v == Verdict.HOLDS ? "all " + runs.size() + " initial speeds within " + String.format("%.1e", worst) + " of their prediction"
                : v == Verdict.VIOLATED ? "a scheme leaves at a speed " + String.format("%.2e", worst) + " off its prediction"
                : "an initial speed is off its prediction by " + String.format("%.2e", worst) + ", between the thresholds");
    }

    /** γ̇(0) of §7.3 under softmax. */
    static double predicted(String scheme, int n, double beta, double r0, double alpha) {
        double post = 2 / (Math.exp(beta) + n - 1);
        double m = Math.sqrt(Math.exp(2 * beta) + n - 1);
        return switch (scheme) {
            case "pre" -> post / r0;
            case "peri" -> 2 / (r0 * m);
            case "ngpt" -> 2 * alpha / m;
            default -> post; // post, mix (tau > 0), ln-scaling (sqrt(0 + 1) = 1)
        };
    }

    private static double measure(ClaimContext ctx, String scheme, int n, double beta, double r0, double alpha) {
        ObjectNode sj = ScenarioJson.sphere("C12: " + scheme + " at the orthonormal start, n = " + n + ", beta = " + beta + ", r0 = " + r0,
                "full", "softmax", beta, n, n, 0, 2 * H, H);
        ScenarioJson.orthonormal(sj, n, n, r0, ScenarioJson.carriesRadius(scheme));
        ScenarioJson.layerNorm(sj, scheme, alpha, 0.5);
        ScenarioJson.solver(sj, 1e-12, 1e-15);
        ClaimContext.Run run = ctx.simulate(sj);
        double g1 = Measures.meanGram(run.frame(1), n), g2 = Measures.meanGram(run.frame(2), n);
        return (4 * g1 - g2) / (2 * H);
    }

    /** The verdict on the largest relative error of a measured initial speed. */
    static Verdict speedVerdict(double largestRelativeError) {
        if (!(largestRelativeError <= VIOLATED)) return Verdict.VIOLATED;
        return largestRelativeError <= HOLDS ? Verdict.HOLDS : Verdict.INCONCLUSIVE;
    }
}
