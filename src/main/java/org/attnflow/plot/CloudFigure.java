package org.attnflow.plot;

import java.awt.Color;
import java.util.Arrays;
import java.util.Comparator;

import org.attnflow.analysis.ConvexHull;
import org.knowm.xchart.XYChart;

/** Points in the plane (the rescaled z_i of M4, d = 2) with their convex hull outlined. */
public final class CloudFigure {
    private final XYChart chart;
    private int series;

    private CloudFigure(String title) {
        chart = Charts.xy(title, "z₁", "z₂", 700, 700);
        chart.getStyler().setMarkerSize(6);
    }

    public static CloudFigure of(String title) { return new CloudFigure(title); }

    /** The tokens of x (n×2), coloured by index. */
    public CloudFigure points(double[] x) {
        int n = x.length / 2;
        for (int i = 0; i < n; i++) Charts.points(chart, "p" + series++, new double[] {x[2 * i]}, new double[] {x[2 * i + 1]}, Palette.token(i, n), false);
        Charts.tokenKey(chart, n, true);
        return this;
    }

    /** The hull of x as a closed polygon (vertices ordered by angle about their mean: the hull is convex). */
    public CloudFigure hull(double[] x, ConvexHull h, Color colour, String name) {
        int[] v = h.vertices();
        double cx = 0, cy = 0;
        for (int i : v) {
            cx += x[2 * i] / v.length;
            cy += x[2 * i + 1] / v.length;
        }
        final double mx = cx, my = cy;
        Integer[] order = Arrays.stream(v).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> Math.atan2(x[2 * i + 1] - my, x[2 * i] - mx)));
        double[] px = new double[order.length + 1], py = new double[order.length + 1];
        for (int k = 0; k <= order.length; k++) {
            px[k] = x[2 * order[k % order.length]];
            py[k] = x[2 * order[k % order.length] + 1];
        }
        Charts.line(chart, name, px, py, colour, 1.5f, true);
        return this;
    }

    public XYChart chart() { return chart; }
}
