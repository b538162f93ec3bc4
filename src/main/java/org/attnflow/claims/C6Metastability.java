package org.attnflow.claims;

import java.awt.Color;
import java.util.Arrays;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.attnflow.analysis.ClusterCountSeries;
import org.attnflow.analysis.Clustering;
import org.attnflow.plot.HeatMapFigure;
import org.attnflow.plot.Palette;
import org.attnflow.plot.SeriesFigure;

/**
 * C6: metastability on the circle ([GLPR-M] Fig. 4): n = 32, d = 2, Q = K = V = I, β = 4 and 9. We take M1
 * (softmax; the figure's normalisation is an assumption) and measure the union-find count over t ∈ [3, 30]: its
 * time-weighted mode and the fraction of the window it holds. The band is the paper's count ± 1 (2 at β = 4,
 * 3 at β = 9; the paper says "about"). Per β: holds when the median over seeds of the modal count is in the band
 * and every seed's mode holds at least half the window; violated when the median modal count is outside the band
 * while the modes persist (each holds at least half the window: a different count that persists, not a
 * transient); inconclusive when some seed has no persistent count.
 *
 * <p>The full run adds a small phase diagram in the style of [GLPR-M] Fig. 3: over β × d, the fraction of seeds
 * in one cluster at T = 30.
 */
final class C6Metastability implements Claim {
    static final double WINDOW_FROM = 3, WINDOW_TO = 30;
    public String id() { return "C6"; }

    public String statement() { return "d = 2, n = 32, Q = K = V = I: about 2 clusters persist at beta = 4 and about 3 at beta = 9 over t in [~3, 30]."; }

    public String source() { return "[GLPR-M] Fig. 4 (and Fig. 3 style phase diagram)"; }

    public void check(ClaimContext ctx, ClaimReport r) {
        int seeds = ctx.quick() ? 3 : 10;
        double[] betas = {4, 9};
        int[] paperCounts = {2, 3};
        r.paper().put("beta_4_clusters", 2);
        r.paper().put("beta_9_clusters", 3);
        r.paper().put("window", "t in [~3, 30]");
        ArrayNode out = r.measured().putArray("by_beta");
        java.util.List<Verdict> verdicts = new java.util.ArrayList<>();
        StringBuilder why = new StringBuilder();
        java.util.List<ObjectNode> scenarios = new java.util.ArrayList<>();
        for (double beta : betas) {
            for (int s = 0; s < seeds; s++) scenarios.add(ScenarioJson.sphere("C6: M1, n = 32, d = 2, beta = " + (int) beta, "full", "softmax", beta, 32, 2, 40 + s, 30, 0.1));
        }
        java.util.Iterator<ClaimContext.Run> simulated = ctx.simulateAll(scenarios).iterator();
        for (int b = 0; b < betas.length; b++) {
            SeriesFigure fig = SeriesFigure.of("C6 / [GLPR-M] Fig. 4: clusters, n = 32, d = 2, β = " + (int) betas[b], "time t", "number of clusters (union-find)");
            int[] modes = new int[seeds];
            double[] holds = new double[seeds];
            for (int s = 0; s < seeds; s++) {
                ClaimContext.Run run = simulated.next();
                ClusterCountSeries c = ClusterCountSeries.onSphere(run.times(), run.frames(), 2);
                int[] mode = modalCount(run.times(), c.unionFind(), WINDOW_FROM, WINDOW_TO);
                modes[s] = mode[0];
                holds[s] = (double) mode[1] / mode[2];
                fig.steps("seed " + (40 + s), run.times(), c.unionFind(), Palette.token(s, seeds));
            }
            fig.chart().getStyler().setYAxisMin(0.0);
            fig.chart().getStyler().setLegendVisible(seeds <= 5);
            ctx.figure(fig.chart(), "beta" + (int) betas[b]);
            int[] sorted = modes.clone();
            Arrays.sort(sorted);
            int median = sorted[seeds / 2];
            double minHold = Arrays.stream(holds).min().orElse(0);
            ObjectNode o = out.addObject();
            o.put("beta", betas[b]);
            o.set("modal_count_per_seed", org.attnflow.io.Json.MAPPER.valueToTree(modes));
            o.set("fraction_of_window_held", org.attnflow.io.Json.MAPPER.valueToTree(holds));
            o.put("median_modal_count", median);
            o.put("paper", paperCounts[b]);
            Verdict v = bandVerdict(median, paperCounts[b], minHold);
            o.put("verdict", v.key());
            verdicts.add(v);
            why.append(String.format(java.util.Locale.ROOT, "beta %d: median modal count %d (paper about %d; within 1 required), held >= %.0f%% of [3, 30]; ",
                    (int) betas[b], median, paperCounts[b], 100 * minHold));
        }
        r.measured().put("criterion", "time-weighted modal union-find count over [3, 30]; seeds 40..; holds: median in paper +- 1 and every mode held >= 50% of the window; "
                + "violated: median outside paper +- 1 with every mode held >= 50%");
        if (!ctx.quick()) phaseDiagram(ctx, r);
        r.verdict(Verdict.combine(verdicts), why.toString().trim());
    }

    /** The verdict at one β: the median modal count against the paper's ± 1, given how long the modes persist. */
    static Verdict bandVerdict(int medianModalCount, int paper, double minFractionHeld) {
        if (minFractionHeld < 0.5) return Verdict.INCONCLUSIVE;
        return Math.abs(medianModalCount - paper) <= 1 ? Verdict.HOLDS : Verdict.VIOLATED;
    }

    /**
     * {mode, frames it holds, frames in the window} over frames with t in [from, to] (uniform save times, so frames
     * weigh time).
     */
    static int[] modalCount(double[] t, int[] count, double from, double to) {
        int max = Arrays.stream(count).max().orElse(0);
        int[] hist = new int[max + 1];
        int inWindow = 0;
        for (int k = 0; k < t.length; k++) {
            if (t[k] >= from && t[k] <= to) {
                hist[count[k]]++;
                inWindow++;
            }
        }
        int mode = 0;
        for (int c = 0; c <= max; c++) if (hist[c] > hist[mode]) mode = c;
        return new int[] {mode, hist[mode], inWindow};
    }

    private void phaseDiagram(ClaimContext ctx, ClaimReport r) {
        double[] betas = {1, 4, 9, 16};
        int[] dims = {2, 3, 4};
        int seeds = 5;
        double[][] frac = new double[dims.length][betas.length];
        java.util.List<ObjectNode> scenarios = new java.util.ArrayList<>();
        for (int i = 0; i < dims.length; i++) {
            for (int j = 0; j < betas.length; j++) {
                for (int s = 0; s < seeds; s++) {
                    scenarios.add(ScenarioJson.sphere("C6 phase diagram", "full", "softmax", betas[j], 32, dims[i], 3000 + 100 * i + 10 * j + s, 30, 30));
                }
            }
        }
        java.util.Iterator<ClaimContext.Run> simulated = ctx.simulateAll(scenarios).iterator();
        for (int i = 0; i < dims.length; i++) {
            for (int j = 0; j < betas.length; j++) {
                int one = 0;
                for (int s = 0; s < seeds; s++) {
                    ClaimContext.Run run = simulated.next();
                    if (Clustering.onSphere(run.last(), dims[i]).count() == 1) one++;
                }
                frac[i][j] = (double) one / seeds;
            }
        }
        ObjectNode p = r.measured().putObject("phase_diagram");
        p.put("what", "fraction of 5 seeds in one union-find cluster at T = 30, M1, n = 32, Q = K = V = I");
        p.set("beta", org.attnflow.io.Json.MAPPER.valueToTree(betas));
        p.set("d", org.attnflow.io.Json.MAPPER.valueToTree(dims));
        p.set("fraction_one_cluster", org.attnflow.io.Json.MAPPER.valueToTree(frac));
        ctx.figure(HeatMapFigure.of("C6 phase diagram: fraction of seeds in one cluster at T = 30", frac, "inverse temperature β",
                Arrays.stream(betas).mapToObj(v -> Integer.toString((int) v)).toList(), "dimension d",
                Arrays.stream(dims).mapToObj(Integer::toString).toList(), true, "fraction of seeds in one cluster"), "phase-diagram");
        SeriesFigure s = SeriesFigure.of("C6 phase diagram: fraction in one cluster at T = 30", "inverse temperature β", "fraction of seeds in one cluster");
        for (int i = 0; i < dims.length; i++) s.line("d = " + dims[i], betas, frac[i], new Color[] {Palette.PAPER, Color.RED, Color.BLACK}[i]);
        ctx.figure(s.chart(), "phase-lines");
    }
}
