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
 * Holds when at most three groups remain, each narrower than 10^{-3}·max|level|.
 */
final class C9Hyperplanes implements Claim {
    public String id() { return "C9"; }

    public String statement() { return "M4, V with a real positive simple top eigenvalue lambda_1 and <Q phi_1, K phi_1> > 0: phi_1*(z_i(t)) -> {0, a, b} (at most three parallel hyperplanes)."; }

    public String source() { return "[GLPR-E] hyperplane theorem"; }

    public void check(ClaimContext ctx, ClaimReport r) {
        double[][][] vs = {{{1, 0.4}, {0, 0.5}}, {{1, 0.4, 0}, {0, 0.5, 0.3}, {0, 0, 0.2}}};
        int seeds = ctx.quick() ? 2 : 5;
        ArrayNode runs = r.measured().putArray("runs");
        int ok = 0, total = 0;
        for (double[][] v : vs) {
            int d = v.length;
            for (int s = 1; s <= seeds; s++) {
                ObjectNode sj = ScenarioJson.euclidean("C9: d = " + d + ", V upper triangular, Q = K = I", 1, 16, d, 1300 + s, 1, 20, 0.1);
                ScenarioJson.matrix(sj, "V", v);
                ClaimContext.Run run = ctx.simulate(sj);
                double[][] z = C8Polytope.rescaled(run, d);
                double[] flat = new double[d * d];
                for (int i = 0; i < d; i++) System.arraycopy(v[i], 0, flat, i * d, d);
                LeftEigenvector phi = LeftEigenvector.of(flat, d);
                double[] levels = phi.levels(z[z.length - 1], d);
                double spread = Measures.maxAbs(levels);
                LevelGroups g = LevelGroups.of(levels, 1e-3 * spread);
                ObjectNode o = runs.addObject();
                o.put("d", d);
                o.put("seed", 1300 + s);
                o.put("lambda_1", phi.lambda());
                o.set("phi_1_left", org.attnflow.io.Json.MAPPER.valueToTree(phi.phi()));
                o.set("level_groups", org.attnflow.io.Json.MAPPER.valueToTree(g.means()));
                o.set("group_sizes", org.attnflow.io.Json.MAPPER.valueToTree(g.sizes()));
                o.put("max_group_width_over_spread", g.maxWidth() / spread);
                boolean good = g.count() <= 3 && g.maxWidth() < 1e-3 * spread;
                if (good) ok++;
                total++;
                if (s == 1) {
                    SeriesFigure f = SeriesFigure.of("C9: levels phi_1*(z_i(t)), d = " + d, "t", "phi_1*(z_i)");
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
        if (ok == total) r.verdict(Verdict.HOLDS, "all " + total + " runs end with at most three level groups, each narrower than 1e-3 of the spread (T = 20)");
        else r.verdict(Verdict.INCONCLUSIVE, (total - ok) + " of " + total + " runs have more than three level groups or wide groups at T = 20");
    }
}
