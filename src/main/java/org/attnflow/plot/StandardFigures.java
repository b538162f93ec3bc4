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
import org.attnflow.model.AttentionModel;
import org.attnflow.model.Geometry;
import org.attnflow.model.RescaledCoordinates;
import org.attnflow.model.TimeGrid;
import org.knowm.xchart.internal.chartpart.IChart;

/**
 * The standard set of figures for one saved trajectory ({@code attnflow plot}), each as PNG, SVG and PDF
 * ({@link FigureFiles}), with axes, units and a key for every colour:
 * <ul>
 *   <li>sphere, d = 2: {@code trajectories} (each token's angle θ_i(t) against time, unwrapped, coloured by index:
 *       clusters show as bundles of lines); d = 3: the paths on the sphere in orthographic view;</li>
 *   <li>sphere, d = 2 or 3: {@code renyi} (tokens at t = 0 with the strong and the other ordinary Rényi centres,
 *       c = 4);</li>
 *   <li>sphere: {@code clusters} (union-find and Gram-rank counts over time), {@code energy} (log E_β);</li>
 *   <li>R^d: {@code rescaled} (z_i(t) = e^{−tV} x_i(t): paths against t for d = 1, start and end clouds with
 *       their hulls for d = 2);</li>
 *   <li>every run: {@code attention_first}, {@code attention_last} (heat maps of P, n ≤ 400).</li>
 * </ul>
 */
public final class StandardFigures {
    private static final int MAX_HEATMAP_TOKENS = 400;

    private StandardFigures() {}

    /** Draws the set into {@code dir} and returns the file names written, in order (each figure's PNG, SVG, PDF). */
    public static List<String> draw(AttentionModel model, double[] times, double[][] frames, Path dir) {
        int d = model.dimension();
        int n = frames[0].length / d;
        int last = frames.length - 1;
        double beta = model.betaDouble();
        String label = label(model, n);
        List<String> out = new ArrayList<>();
        if (model.geometry() == Geometry.SPHERE) {
            if (d == 2) {
                save(angles(label, times, frames, n), dir, "trajectories.png", out);
            } else if (d == 3) {
                save(TokenFigure.of(d, label + ", paths for t ∈ [0, " + fmt(times[last]) + "]").paths(frames, 0, last).tokens(frames[last])
                        .tokenKey(n).chart(), dir, "trajectories.png", out);
            }
            if ((d == 2 || d == 3) && beta > 0) {
                double delta = RenyiCentres.delta(beta, RenyiCentres.DEFAULT_C);
                int[] strong = RenyiCentres.strong(frames[0], d, delta);
                int[] ordinaryOnly = minus(RenyiCentres.ordinary(frames[0], d, delta), strong);
                save(TokenFigure.of(d, "Rényi centres at t = 0, δ = 4/√β = " + fmt(delta) + " rad; " + label).tokens(frames[0]).tokenKey(n)
                        .mark(frames[0], ordinaryOnly, Palette.ORDINARY_CENTRE, "ordinary centre only:\nno earlier centre within δ")
                        .mark(frames[0], strong, Palette.STRONG_CENTRE, "strong (and ordinary) centre:\nno earlier token within δ").chart(),
                        dir, "renyi.png", out);
            }
            ClusterCountSeries counts = ClusterCountSeries.onSphere(times, frames, d);
            save(SeriesFigure.of("Clusters over time; " + label, "time t", "number of clusters")
                    .steps("union-find: x_i · x_j > 1 − 10⁻³", times, counts.unionFind(), new Color(30, 90, 200))
                    .steps("rank of the Gram matrix thresholded at 1 − 10⁻⁴", times, counts.gramRank(), new Color(220, 120, 20)).chart(),
                    dir, "clusters.png", out);
            if (beta > 0) {
                double[] logE = new double[frames.length];
                for (int k = 0; k < frames.length; k++) logE[k] = Energy.logEnergy(frames[k], d, beta);
                save(SeriesFigure.of("Interaction energy; " + label, "time t", "log E_β")
                        .line("log E_β, E_β = (1/(2βn²)) Σ_ij exp(β x_i · x_j)", times, logE, new Color(30, 140, 60)).chart(),
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
                SeriesFigure s = SeriesFigure.of("Rescaled tokens z_i(t) = e^(−tV) x_i(t); " + label, "time t", "z_i");
                for (int i = 0; i < n; i++) {
                    double[] zi = new double[frames.length];
                    for (int k = 0; k < frames.length; k++) zi[k] = z[k][i];
                    s.path(times, zi, Palette.token(i, n));
                }
                save(s.tokenKey(n).chart(), dir, "rescaled.png", out);
            } else {
                save(CloudFigure.of("Rescaled z at t = " + fmt(times[last]) + " (points) and hulls; " + label).points(z[last])
                        .hull(z[0], ConvexHulls.of(z[0], 2), Palette.OUTLINE, "convex hull at t = 0")
                        .hull(z[last], ConvexHulls.of(z[last], 2), Color.BLACK, "convex hull at t = " + fmt(times[last])).chart(),
                        dir, "rescaled.png", out);
            }
        }
        if (n <= MAX_HEATMAP_TOKENS) {
            try {
                save(HeatMapFigure.of("Attention matrix P at t = 0; " + label, new ScalarAttentionField(model.pieceAt(0), n).attentionMatrix(frames[0])),
                        dir, "attention_first.png", out);
                save(HeatMapFigure.of("Attention matrix P at t = " + fmt(times[last]) + "; " + label,
                        new ScalarAttentionField(model.pieceAt(times[last]), n).attentionMatrix(frames[last])), dir, "attention_last.png", out);
            } catch (ArithmeticException e) {
                // mean normalisation beyond double range: no heat map rather than a wrong one
            }
        }
        return out;
    }

    /** "M3 (causal), n = 32 on S^1, β = 9". */
    static String label(AttentionModel model, int n) {
        int d = model.dimension();
        String space = model.geometry() == Geometry.SPHERE ? "S" + superscript(d - 1) : "ℝ" + superscript(d);
        return model.paperName() + ", n = " + n + " on " + space + ", β = " + model.beta().stripTrailingZeros().toPlainString();
    }

    /**
     * Each token's angle on the circle over time, unwrapped (a token crossing ±π continues above π instead of
     * jumping), coloured by index: the papers' way of showing clusters forming on S¹.
     */
    private static IChart angles(String label, double[] times, double[][] frames, int n) {
        SeriesFigure s = SeriesFigure.of("Token angles θ_i(t) = atan2(x_i2, x_i1), unwrapped; " + label, "time t", "angle θ_i (rad)");
        for (int i = 0; i < n; i++) {
            double[] theta = new double[frames.length];
            for (int k = 0; k < frames.length; k++) {
                double a = Math.atan2(frames[k][2 * i + 1], frames[k][2 * i]);
                if (k > 0) a += 2 * Math.PI * Math.rint((theta[k - 1] - a) / (2 * Math.PI));
                theta[k] = a;
            }
            s.path(times, theta, Palette.token(i, n));
        }
        return s.tokenKey(n).chart();
    }

    private static int[] minus(int[] all, int[] some) {
        java.util.Set<Integer> drop = new java.util.HashSet<>();
        for (int i : some) drop.add(i);
        return java.util.Arrays.stream(all).filter(i -> !drop.contains(i)).toArray();
    }

    private static String superscript(int k) {
        String digits = "⁰¹²³⁴⁵⁶⁷⁸⁹";
        StringBuilder b = new StringBuilder();
        for (char c : Integer.toString(k).toCharArray()) b.append(digits.charAt(c - '0'));
        return b.toString();
    }

    private static void save(IChart chart, Path dir, String name, List<String> out) {
        FigureFiles.save(chart, dir.resolve(name));
        out.addAll(FigureFiles.names(name));
    }

    /** A time or length for a title: the decimal it stands for, at most 4 significant digits (20, 0.3, 1.333). */
    static String fmt(double v) {
        java.math.BigDecimal b = TimeGrid.decimal(v).round(new java.math.MathContext(4)).stripTrailingZeros();
        return b.scale() < 0 ? b.setScale(0).toPlainString() : b.toPlainString();
    }
}
