package org.attnflow.claims;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.attnflow.analysis.LeftEigenvector;
import org.attnflow.analysis.LevelGroups;
import org.attnflow.plot.Palette;
import org.attnflow.plot.SeriesFigure;

/**
 * C9: V with a real, positive, simple top eigenvalue and ⟨Qφ_1, Kφ_1⟩ &gt; 0: the levels φ_1*(z_i(t)) tend to at most
 * three values {0, a, b}. We use V = [[1, 0.4], [0, 0.5]] (d = 2) and V = [[1, 0.4, 0], [0, 0.5, 0.3], [0, 0, 0.2]]
 * (d = 3), Q = K = I (so ⟨Qφ_1, Kφ_1⟩ = ‖φ_1‖² &gt; 0). The levels at T are grouped with gap 10^{-3}·max|level|.
 * Holds when at most three groups remain, each narrower than 10^{-3}·max|level|, and the levels have stopped
 * (moved less than 10^{-4}·max|level| over the last time unit). Violated when the levels are at rest and more than
 * three groups remain; inconclusive otherwise (still moving).
 */
final class C9Hyperplanes implements Claim {
    public String id() { return "C9"; }

    public String statement() { return "M4, V with a real positive simple top eigenvalue lambda_1 and <Q phi_1, K phi_1> > 0: phi_1*(z_i(t)) -> {0, a, b} (at most three parallel hyperplanes)."; }

    public String source() { return "[GLPR-E] hyperplane theorem"; }

    public void check(ClaimContext ctx, ClaimReport r) {
        double[][][] vs = {{{1, 0.4}, {0, 0.5}}, {{1, 0.4, 0}, {0, 0.5, 0.3}, {0, 0, 0.2}}};
        int seeds = ctx.quick() ? 2 : 5;
        ArrayNode runs = r.measured().putArray("runs");
        java.util.List<Verdict> verdicts = new java.util.ArrayList<>();
        java.util.List<ObjectNode> scenarios = new java.util.ArrayList<>();
        for (double[][] v : vs) {
            int d = v.length;
            for (int s = 1; s <= seeds; s++) {
                ObjectNode sj = ScenarioJson.euclidean("C9: d = " + d + ", V upper triangular, Q = K = I", 1, 16, d, 1300 + s, 1, 20, 0.1);
                ScenarioJson.matrix(sj, "V", v);
                scenarios.add(sj);
            }
        }
        java.util.Iterator<ClaimContext.Run> simulated = ctx.simulateAll(scenarios).iterator();
        for (double[][] v : vs) {
            int d = v.length;
            for (int s = 1; s <= seeds; s++) {
                ClaimContext.Run run = simulated.next();
                double[][] z = C8Polytope.rescaled(run, d);
                double[] flat = new double[d * d];
                for (int i = 0; i < d; i++) System.arraycopy(v[i], 0, flat, i * d, d);
                LeftEigenvector phi = LeftEigenvector.of(flat, d);
                double[] levels = phi.levels(z[z.length - 1], d);
                double spread = Measures.maxAbs(levels);
                int back = Math.max(0, z.length - 1 - (int) Math.round(1 / (run.times()[1] - run.times()[0])));
                double[] earlier = phi.levels(z[back], d);
                double moved = 0;
                for (int i = 0; i < levels.length; i++) moved = Math.max(moved, Math.abs(levels[i] - earlier[i]));
                LevelGroups g = LevelGroups.of(levels, 1e-3 * spread);
                ObjectNode o = runs.addObject();
                o.put("d", d);
                o.put("seed", 1300 + s);
                o.put("lambda_1", phi.lambda());
                o.set("phi_1_left", org.attnflow.io.Json.MAPPER.valueToTree(phi.phi()));
                o.set("level_groups", org.attnflow.io.Json.MAPPER.valueToTree(g.means()));
                o.set("group_sizes", org.attnflow.io.Json.MAPPER.valueToTree(g.sizes()));
                o.put("max_group_width_over_spread", g.maxWidth() / spread);
                o.put("level_movement_over_last_unit_over_spread", moved / spread);
                Verdict verdict = levelsVerdict(g.count(), g.maxWidth() / spread, moved / spread);
                o.put("verdict", verdict.key());
                verdicts.add(verdict);
                if (s == 1) {
                    SeriesFigure f = SeriesFigure.of("C9: levels φ₁*(z_i(t)), d = " + d, "time t", "level φ₁*(z_i)");
                    int n = run.scenario().tokens();
                    for (int i = 0; i < n; i++) {
                        double[] li = new double[z.length];
                        for (int k = 0; k < z.length; k++) li[k] = phi.levels(z[k], d)[i];
                        f.line("token " + i, run.times(), li, Palette.token(i, n));
                    }
                    f.chart().getStyler().setLegendVisible(false);
                    ctx.figure(f.chart(), "levels-d" + d);
                }
            }
        }
        r.paper().put("reports", "phi_1*(z_i(t)) -> one of {0, a, b}: the z_i approach at most three parallel hyperplanes");
        r.measured().put("criterion", "levels grouped with gap 1e-3 * spread; holds: <= 3 groups narrower than 1e-3 * spread, levels moved < 1e-4 * spread over the last unit; "
                + "violated: levels at rest with more than 3 groups");
        Verdict all = Verdict.combine(verdicts);
        int total = verdicts.size();
        if (all == Verdict.VIOLATED) r.verdict(all, "levels at rest in more than three groups (see runs)");
        else if (all == Verdict.HOLDS) r.verdict(Verdict.HOLDS, "all " + total + " runs end with at most three level groups, each narrower than 1e-3 of the spread (T = 20)");
        else r.verdict(Verdict.INCONCLUSIVE, verdicts.stream().filter(v -> v != Verdict.HOLDS).count() + " of " + total + " runs have more than three level groups or wide groups at T = 20");
    }

    /** One run: level groups at T, the widest group and the movement over the last unit (both over the spread). */
    static Verdict levelsVerdict(int groups, double widthOverSpread, double movedOverSpread) {
        boolean atRest = movedOverSpread < 1e-4;
        if (atRest && groups > 3) return Verdict.VIOLATED;
        return atRest && groups <= 3 && widthOverSpread < 1e-3 ? Verdict.HOLDS : Verdict.INCONCLUSIVE;
    }
}
