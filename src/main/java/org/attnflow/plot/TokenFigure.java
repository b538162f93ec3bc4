package org.attnflow.plot;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/**
 * Tokens on the circle (d = 2) or on the sphere in orthographic view (d = 3): the unit outline, each token's path
 * (coloured by index; the far side of the sphere faded), positions at a frame and marked subsets (Rényi centres).
 */
public final class TokenFigure {
    private final XYChart chart;
    private final OrthographicView view;
    private int series;

    /** Width beside the plot for the key. */
    private static final int KEY_WIDTH = 300;

    private TokenFigure(String title, OrthographicView view, int size, boolean key) {
        this.view = view;
        boolean plane = view.dimension() == 2;
        this.chart = Charts.xy(title, plane ? "x₁" : "projection on e₁", plane ? "x₂" : "projection on e₂", size + (key ? KEY_WIDTH : 0), size);
        Charts.square(chart, 1.12);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
        chart.getStyler().setLegendLayout(org.knowm.xchart.style.Styler.LegendLayout.Vertical);
        chart.getStyler().setMarkerSize(6);
        chart.getStyler().setLegendVisible(false); // shown once a key or a named mark is added
        Charts.line(chart, plane ? "unit circle" : "unit sphere (outline)", Charts.circleX(360, 1), Charts.circleY(360, 1), Palette.OUTLINE, 1f, false);
    }

    /**
     * Tokens on the circle (d = 2, axes x₁, x₂) or on the sphere seen orthographically (d = 3, axes the projections
     * on the view's e₁, e₂; the far side faded).
     */
    public static TokenFigure of(int d, String title) { return new TokenFigure(title, OrthographicView.forDimension(d), 640, true); }

    /** The same picture without room for a key (an animation's frames): square, the circle round. */
    public static TokenFigure withoutKey(int d, String title) { return new TokenFigure(title, OrthographicView.forDimension(d), 640, false); }

    /** The key of the token colours (first, middle, last token), as markers. */
    public TokenFigure tokenKey(int n) {
        Charts.tokenKey(chart, n, true);
        return this;
    }

    /** Paths of every token over frames [from, to]. */
    public TokenFigure paths(double[][] frames, int from, int to) {
        int n = frames[from].length / view.dimension();
        for (int i = 0; i < n; i++) {
            Color colour = Palette.token(i, n);
            List<Double> xs = new ArrayList<>(), ys = new ArrayList<>();
            boolean near = view.near(frames[from], i);
            for (int f = from; f <= to; f++) {
                boolean nowNear = view.near(frames[f], i);
                if (nowNear != near) {
                    addPath(xs, ys, near ? colour : Palette.faded(colour, 0.25f));
                    xs = new ArrayList<>(List.of(xs.isEmpty() ? view.x(frames[f], i) : xs.get(xs.size() - 1)));
                    ys = new ArrayList<>(List.of(ys.isEmpty() ? view.y(frames[f], i) : ys.get(ys.size() - 1)));
                    near = nowNear;
                }
                xs.add(view.x(frames[f], i));
                ys.add(view.y(frames[f], i));
            }
            addPath(xs, ys, near ? colour : Palette.faded(colour, 0.25f));
        }
        return this;
    }

    private void addPath(List<Double> xs, List<Double> ys, Color colour) {
        if (xs.size() < 2) return;
        Charts.line(chart, "path" + series++, unbox(xs), unbox(ys), colour, 1.2f, false);
    }

    /** Every token's position in x, coloured by index (far side faded). */
    public TokenFigure tokens(double[] x) {
        int n = x.length / view.dimension();
        for (int i = 0; i < n; i++) {
            Color c = Palette.token(i, n);
            Charts.points(chart, "token" + series++, new double[] {view.x(x, i)}, new double[] {view.y(x, i)},
                    view.near(x, i) ? c : Palette.faded(c, 0.3f), false);
        }
        return this;
    }

    /**
     * The given tokens of x as larger marks of one colour, shown in the legend under {@code name}; nothing (and no
     * legend entry) when there are none.
     */
    public TokenFigure mark(double[] x, int[] indices, Color colour, String name) {
        if (indices.length == 0) return this;
        double[] px = new double[indices.length], py = new double[indices.length];
        for (int k = 0; k < indices.length; k++) {
            px[k] = view.x(x, indices[k]);
            py[k] = view.y(x, indices[k]);
        }
        chart.getStyler().setLegendVisible(true);
        XYSeries s = Charts.points(chart, name, px, py, colour, true);
        s.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.DIAMOND);
        return this;
    }

    /**
     * The chart, its x range widened so that one data unit is as long across as up: the circle drawn round whatever
     * room the key takes beside it. XChart does not report its plot area, so it is estimated from the chart's size,
     * the key's longest entry and the axes' margins (within a few pixels).
     */
    public XYChart chart() {
        int longest = 0;
        boolean key = chart.getStyler().isLegendVisible();
        if (key) {
            for (XYSeries s : chart.getSeriesCollection()) {
                if (!s.isShowInLegend()) continue;
                for (String line : s.getName().split("\n")) longest = Math.max(longest, line.length());
            }
        }
        double legend = key ? 7.2 * longest + 48 : 0;
        double plotWidth = chart.getWidth() - legend - 78, plotHeight = chart.getHeight() - 112;
        double r = 1.12 * Math.max(1, plotWidth / plotHeight);
        chart.getStyler().setXAxisMin(-r).setXAxisMax(r);
        return chart;
    }

    private static double[] unbox(List<Double> l) { return l.stream().mapToDouble(Double::doubleValue).toArray(); }
}
