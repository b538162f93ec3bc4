package org.attnflow.plot;

import java.awt.BasicStroke;
import java.awt.Color;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Quantities over time (cluster counts, energy, displacement, consumed fraction): lines and step lines. */
public final class SeriesFigure {
    private final XYChart chart;
    private int paths;

    private SeriesFigure(String title, String xLabel, String yLabel) {
        chart = Charts.xy(title, xLabel, yLabel, 800, 500);
        chart.getStyler().setLegendVisible(true);
    }

    public static SeriesFigure of(String title, String xLabel, String yLabel) { return new SeriesFigure(title, xLabel, yLabel); }

    public SeriesFigure line(String name, double[] x, double[] y, Color colour) {
        Charts.line(chart, name, x, y, colour, 2f, true);
        return this;
    }

    /** An unnamed line (one of many coloured by token), not in the legend. */
    public SeriesFigure path(double[] x, double[] y, Color colour) {
        Charts.line(chart, "path " + paths++, x, y, colour, 1.2f, false);
        return this;
    }

    /** The key of the token colours (first, middle, last token). */
    public SeriesFigure tokenKey(int n) {
        Charts.tokenKey(chart, n, false);
        return this;
    }

    public SeriesFigure dashed(String name, double[] x, double[] y, Color colour) {
        XYSeries s = Charts.line(chart, name, x, y, colour, 1.5f, true);
        s.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        return this;
    }

    /** A piecewise-constant count drawn as steps (the value holds until the next save time). */
    public SeriesFigure steps(String name, double[] t, int[] count, Color colour) {
        int m = t.length;
        double[] x = new double[2 * m - 1], y = new double[2 * m - 1];
        for (int k = 0; k < m; k++) {
            x[2 * k] = t[k];
            y[2 * k] = count[k];
            if (k + 1 < m) {
                x[2 * k + 1] = t[k + 1];
                y[2 * k + 1] = count[k];
            }
        }
        Charts.line(chart, name, x, y, colour, 2f, true);
        return this;
    }

    public SeriesFigure points(String name, double[] x, double[] y, Color colour) {
        XYSeries s = Charts.points(chart, name, x, y, colour, true);
        s.setMarker(SeriesMarkers.CIRCLE);
        return this;
    }

    public SeriesFigure logY() {
        chart.getStyler().setYAxisLogarithmic(true);
        return this;
    }

    public SeriesFigure logX() {
        chart.getStyler().setXAxisLogarithmic(true);
        return this;
    }

    public XYChart chart() { return chart; }
}
