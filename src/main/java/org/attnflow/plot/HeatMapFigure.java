package org.attnflow.plot;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;

import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;

/** An attention matrix P as a heat map (row i = query token i, column j = key token j), values in [0, 1]. */
public final class HeatMapFigure {
    private HeatMapFigure() {}

    public static HeatMapChart of(String title, double[][] p) {
        int n = p.length;
        HeatMapChart c = new HeatMapChartBuilder().width(700).height(640).title(title).xAxisTitle("key token j").yAxisTitle("query token i").build();
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setPlotContentSize(1);
        c.getStyler().setShowValue(false);
        c.getStyler().setMin(0).setMax(1);
        c.getStyler().setRangeColors(new Color[] {Color.WHITE, new Color(255, 200, 80), new Color(200, 30, 30), new Color(60, 0, 0)});
        c.getStyler().setLegendVisible(true);
        // Row 0 on top, as matrices are printed: the k-th y category is token n − 1 − k.
        List<Number[]> data = new ArrayList<>();
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) data.add(new Number[] {j, n - 1 - i, p[i][j]});
        List<Integer> xs = new ArrayList<>();
        List<String> ys = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            xs.add(i);
            ys.add(Integer.toString(n - 1 - i));
        }
        c.addSeries("P", xs, ys, data);
        return c;
    }
}
