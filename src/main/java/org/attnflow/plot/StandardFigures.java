package org.attnflow.plot;

import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.attnflow.analysis.ClusterCountSeries;
import org.attnflow.analysis.ConvexHulls;
import org.attnflow.analysis.Energy;
import org.attnflow.analysis.RenyiCentres;
import org.attnflow.field.ScalarAttentionField;
import org.attnflow.model.RescaledCoordinates;
import org.attnflow.model.AttentionModel;
import org.attnflow.model.Geometry;

/**
 * The standard set of figures for one saved trajectory ({@code attnflow plot}):
 * <ul>
 *   <li>sphere, d = 2 or 3: {@code trajectories.png} (paths, final positions), {@code renyi.png} (tokens at t = 0
 *       with ordinary and strong Rényi centres, c = 4);</li>
 *   <li>sphere: {@code clusters.png} (union-find and Gram-rank counts over time), {@code energy.png} (log E_β);</li>
 *   <li>R^d: {@code rescaled.png} (z_i(t) = e^{−tV} x_i(t): paths against t for d = 1, start and end clouds
 *       with their hulls for d = 2);</li>
 *   <li>every run: {@code attention_first.png}, {@code attention_last.png} (heat maps of P, n ≤ 400).</li>
 * </ul>
 */
public final class StandardFigures {
    private static final int MAX_HEATMAP_TOKENS = 400;

    private StandardFigures() {}

    /** Draws the set into {@code dir} and returns the file names written, in order. */
    public static List<String> draw(AttentionModel model, double[] times, double[][] frames, Path dir) {
        int d = model.dimension();
        int n = frames[0].length / d;
        int last = frames.length - 1;
        double beta = model.betaDouble();
        String label = model.paperName() + ", n = " + n + ", d = " + d + ", β = " + model.beta().toPlainString();
        List<String> out = new ArrayList<>();
        if (model.geometry() == Geometry.SPHERE) {
            if (d == 2 || d == 3) {
                save(TokenFigure.of(d, label + ", t ∈ [0, " + fmt(times[last]) + "]").paths(frames, 0, last).tokens(frames[last]).chart(),
                        dir, "trajectories.png", out);
                if (beta > 0) {
                    double delta = RenyiCentres.delta(beta, RenyiCentres.DEFAULT_C);
                    save(TokenFigure.of(d, "Rényi centres at t = 0, δ = 4β^-1/2 = " + fmt(delta)).tokens(frames[0])
                            .mark(frames[0], RenyiCentres.ordinary(frames[0], d, delta), Palette.ORDINARY_CENTRE, "Rényi centres")
                            .mark(frames[0], RenyiCentres.strong(frames[0], d, delta), Palette.STRONG_CENTRE, "strong Rényi centres").chart(),
                            dir, "renyi.png", out);
                }
            }
            ClusterCountSeries counts = ClusterCountSeries.onSphere(times, frames, d);
            save(SeriesFigure.of("clusters, " + label, "t", "clusters")
                    .steps("union-find, <x_i,x_j> > 1 - 1e-3", times, counts.unionFind(), new Color(30, 90, 200))
                    .steps("Gram rank, threshold 1 - 1e-4", times, counts.gramRank(), new Color(220, 120, 20)).chart(),
                    dir, "clusters.png", out);
            if (beta > 0) {
                double[] logE = new double[frames.length];
                for (int k = 0; k < frames.length; k++) logE[k] = Energy.logEnergy(frames[k], d, beta);
                save(SeriesFigure.of("energy, " + label, "t", "log E_β").line("log E_β", times, logE, new Color(30, 140, 60)).chart(),
                        dir, "energy.png", out);
            }
        } else if (d <= 2 && model.singleConstantHead()) {
            RescaledCoordinates rescaling = new RescaledCoordinates(model.v().toDoubleArray(), d);
            double[][] z = new double[frames.length][];
            for (int k = 0; k < frames.length; k++) {
                z[k] = new double[frames[k].length];
                rescaling.apply(times[k], frames[k], z[k]);
            }
            if (d == 1) {
                SeriesFigure s = SeriesFigure.of("z_i(t) = e^{-tV} x_i(t), " + label, "t", "z_i");
                for (int i = 0; i < n; i++) {
                    double[] zi = new double[frames.length];
                    for (int k = 0; k < frames.length; k++) zi[k] = z[k][i];
                    s.line("token " + i, times, zi, Palette.token(i, n));
                }
                s.chart().getStyler().setLegendVisible(false);
                save(s.chart(), dir, "rescaled.png", out);
            } else {
                save(CloudFigure.of("z at t = 0 (grey hull) and t = " + fmt(times[last]) + ", " + label).points(z[last])
                        .hull(z[0], ConvexHulls.of(z[0], 2), Palette.OUTLINE, "hull at t = 0")
                        .hull(z[last], ConvexHulls.of(z[last], 2), Color.BLACK, "hull at t = " + fmt(times[last])).chart(),
                        dir, "rescaled.png", out);
            }
        }
        if (n <= MAX_HEATMAP_TOKENS) {
            try {
                save(HeatMapFigure.of("attention P at t = 0", new ScalarAttentionField(model.pieceAt(0), n).attentionMatrix(frames[0])), dir,
                        "attention_first.png", out);
                save(HeatMapFigure.of("attention P at t = " + fmt(times[last]), new ScalarAttentionField(model.pieceAt(times[last]), n)
                        .attentionMatrix(frames[last])), dir, "attention_last.png", out);
            } catch (ArithmeticException e) {
                // mean normalisation beyond double range: no heat map rather than a wrong one
            }
        }
        return out;
    }

    private static void save(org.knowm.xchart.internal.chartpart.IChart chart, Path dir, String name, List<String> out) {
        Png.save(chart, dir.resolve(name));
        out.add(name);
    }

    static String fmt(double v) { return String.format(java.util.Locale.ROOT, "%.4g", v); }
}
