package org.attnflow.plot;

import java.awt.BasicStroke;
import java.awt.Color;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Shared chart set-up: white background, no clutter, and helpers to add lines and point sets. */
final class Charts {
    private Charts() {}

    static XYChart xy(String title, String xLabel, String yLabel, int width, int height) {
        XYChart c = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setPlotBorderVisible(false);
        // the key sits outside the data, never over a curve
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        c.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        c.getStyler().setAntiAlias(true);
        c.getStyler().setAxisTitlesVisible(true);
        return c;
    }

    /**
     * A legend entry only: a line of {@code colour} named {@code name}, for keys of colours that the figure draws in
     * many unnamed series (tokens coloured by index). It has no points, so it draws nothing in the plot.
     */
    static XYSeries key(XYChart c, String name, Color colour, boolean marker) {
        XYSeries s = c.addSeries(name, new double[] {Double.NaN}, new double[] {Double.NaN});
        s.setXYSeriesRenderStyle(marker ? XYSeries.XYSeriesRenderStyle.Scatter : XYSeries.XYSeriesRenderStyle.Line);
        s.setMarker(marker ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        s.setMarkerColor(colour);
        s.setLineColor(colour);
        s.setLineStyle(new BasicStroke(3f));
        s.setShowInLegend(true);
        return s;
    }

    /** The colour key of n tokens coloured by index: the first, middle and last token's colours. */
    static void tokenKey(XYChart c, int n, boolean marker) {
        c.getStyler().setLegendVisible(true);
        key(c, "token 1", Palette.token(0, n), marker);
        if (n > 2) key(c, "token " + (n / 2 + 1), Palette.token(n / 2, n), marker);
        if (n > 1) key(c, "token " + n + " (colour: token index)", Palette.token(n - 1, n), marker);
    }

    /** A plain line without markers. */
    static XYSeries line(XYChart c, String name, double[] x, double[] y, Color colour, float width, boolean legend) {
        XYSeries s = c.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(colour);
        s.setLineStyle(new BasicStroke(width));
        s.setShowInLegend(legend);
        return s;
    }

    /** Points without a line. */
    static XYSeries points(XYChart c, String name, double[] x, double[] y, Color colour, boolean legend) {
        XYSeries s = c.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setMarkerColor(colour);
        s.setShowInLegend(legend);
        return s;
    }

    /** Square axes [−r, r]² for pictures of the circle or a projected sphere. */
    static void square(XYChart c, double r) {
        c.getStyler().setXAxisMin(-r).setXAxisMax(r).setYAxisMin(-r).setYAxisMax(r);
        c.getStyler().setPlotGridLinesVisible(false);
    }

    static double[] circleX(int m, double r) {
        double[] x = new double[m + 1];
        for (int i = 0; i <= m; i++) x[i] = r * Math.cos(2 * Math.PI * i / m);
        return x;
    }

    static double[] circleY(int m, double r) {
        double[] y = new double[m + 1];
        for (int i = 0; i <= m; i++) y[i] = r * Math.sin(2 * Math.PI * i / m);
        return y;
    }
}
