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
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        c.getStyler().setAntiAlias(true);
        return c;
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
