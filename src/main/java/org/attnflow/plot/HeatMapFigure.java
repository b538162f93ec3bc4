package org.attnflow.plot;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;

import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;

/**
 * A matrix with entries in [0, 1] as a heat map, row 0 on top as matrices are printed: an attention matrix P (row
 * i = query token i, column j = key token j), or a table such as a phase diagram with labelled rows and columns.
 */
public final class HeatMapFigure {
    private HeatMapFigure() {}

    /** An attention matrix. */
    public static HeatMapChart of(String title, double[][] p) {
        List<String> cols = new ArrayList<>(), rows = new ArrayList<>();
        for (int j = 0; j < p[0].length; j++) cols.add(Integer.toString(j));
        for (int i = 0; i < p.length; i++) rows.add(Integer.toString(i));
        return of(title, p, "key token j", cols, "query token i", rows, false);
    }

    /** A labelled table (rows top to bottom), optionally with each cell's value printed. */
    public static HeatMapChart of(String title, double[][] p, String xTitle, List<String> colLabels, String yTitle, List<String> rowLabels, boolean showValues) {
        int rows = p.length, cols = p[0].length;
        HeatMapChart c = new HeatMapChartBuilder().width(760).height(640).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setPlotContentSize(1);
        c.getStyler().setShowValue(showValues);
        c.getStyler().setValueFontColor(new Color(110, 110, 230)); // readable on white and on dark red
        c.getStyler().setMin(0).setMax(1);
        c.getStyler().setRangeColors(new Color[] {Color.WHITE, new Color(255, 200, 80), new Color(200, 30, 30), new Color(60, 0, 0)});
        c.getStyler().setLegendVisible(true);
        // The k-th y category is drawn k-th from the bottom: list the rows in reverse so that row 0 is on top.
        List<Number[]> data = new ArrayList<>();
        for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) data.add(new Number[] {j, rows - 1 - i, p[i][j]});
        List<String> ys = new ArrayList<>();
        for (int i = 0; i < rows; i++) ys.add(rowLabels.get(rows - 1 - i));
        c.addSeries("values", new ArrayList<>(colLabels), ys, data);
        return c;
    }
}
