package org.attnflow.plot;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;

import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;

/** A matrix with entries in [0, 1] as a heat map: an attention matrix P (row i = query token i, column j = key token j). */
public final class HeatMapFigure {
    private HeatMapFigure() {}

    public static HeatMapChart of(String title, double[][] p) {
        int rows = p.length, cols = p[0].length;
        HeatMapChart c = new HeatMapChartBuilder().width(700).height(640).title(title).xAxisTitle("key token j").yAxisTitle("query token i").build();
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setPlotContentSize(1);
        c.getStyler().setShowValue(false);
        c.getStyler().setMin(0).setMax(1);
        c.getStyler().setRangeColors(new Color[] {Color.WHITE, new Color(255, 200, 80), new Color(200, 30, 30), new Color(60, 0, 0)});
        c.getStyler().setLegendVisible(true);
        // Row 0 on top, as matrices are printed: the k-th y category is row rows − 1 − k.
        List<Number[]> data = new ArrayList<>();
        for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) data.add(new Number[] {j, rows - 1 - i, p[i][j]});
        List<Integer> xs = new ArrayList<>();
        List<String> ys = new ArrayList<>();
        for (int j = 0; j < cols; j++) xs.add(j);
        for (int i = 0; i < rows; i++) ys.add(Integer.toString(rows - 1 - i));
        c.addSeries("P", xs, ys, data);
        return c;
    }
}
