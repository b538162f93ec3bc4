package org.attnflow.plot;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * A matrix as a heat map, row 0 on top as matrices are printed: an attention matrix P (row i = query token i,
 * column j = key token j), or a table such as a phase diagram with labelled rows and columns. The colour bar is
 * labelled ({@link Captioned}) and its ticks are short decimals (0.75, not 0.7499999999999999).
 */
public final class HeatMapFigure {
    /** White through yellow and red to dark red: weights in [0, 1]. */
    public static final Color[] WEIGHTS = {Color.WHITE, new Color(255, 200, 80), new Color(200, 30, 30), new Color(60, 0, 0)};

    private HeatMapFigure() {}

    /** An attention matrix (tokens numbered from 1, as in the papers). */
    public static Captioned of(String title, double[][] p) {
        List<String> cols = new ArrayList<>(), rows = new ArrayList<>();
        for (int j = 0; j < p[0].length; j++) cols.add(Integer.toString(j + 1));
        for (int i = 0; i < p.length; i++) rows.add(Integer.toString(i + 1));
        return of(title, p, "key token j", cols, "query token i", rows, false, 0, 1, WEIGHTS, "attention weight P_ij (row sums 1)");
    }

    /** A labelled table of values in [0, 1] (rows top to bottom), optionally with each cell's value printed. */
    public static Captioned of(String title, double[][] p, String xTitle, List<String> colLabels, String yTitle, List<String> rowLabels,
                               boolean showValues, String caption) {
        return of(title, p, xTitle, colLabels, yTitle, rowLabels, showValues, 0, 1, WEIGHTS, caption);
    }

    /** The general form: values coloured over [min, max] through {@code colours}, the colour bar labelled {@code caption}. */
    public static Captioned of(String title, double[][] p, String xTitle, List<String> colLabels, String yTitle, List<String> rowLabels,
                               boolean showValues, double min, double max, Color[] colours, String caption) {
        int rows = p.length, cols = p[0].length;
        HeatMapChart c = new HeatMapChartBuilder().width(760).height(640).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        style(c, min, max, colours);
        c.getStyler().setShowValue(showValues);
        c.getStyler().setValueFontColor(new Color(110, 110, 230)); // readable on white and on dark red
        // The k-th y category is drawn k-th from the bottom: list the rows in reverse so that row 0 is on top.
        List<Number[]> data = new ArrayList<>();
        for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) data.add(new Number[] {j, rows - 1 - i, p[i][j]});
        List<String> ys = new ArrayList<>();
        for (int i = 0; i < rows; i++) ys.add(rowLabels.get(rows - 1 - i));
        c.addSeries(caption, new ArrayList<>(colLabels), ys, data);
        return new Captioned(c, caption);
    }

    /** The one heat-map style: white background, colours over [min, max], the colour bar outside, short ticks. */
    public static void style(HeatMapChart c, double min, double max, Color[] colours) {
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setPlotContentSize(1);
        c.getStyler().setMin(min).setMax(max);
        c.getStyler().setRangeColors(colours);
        c.getStyler().setLegendVisible(true);
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        c.getStyler().setHeatMapDecimalValueFormatter(HeatMapFigure::tick);
        c.getStyler().setPlotGridLinesVisible(false);
        c.getStyler().setDrawBorder(false);
    }

    /** A colour-bar tick: three significant digits, no trailing zeros (7.27, 0.5, 12). */
    static String tick(Double v) {
        if (v == null || !Double.isFinite(v)) return String.valueOf(v);
        String s = String.format(Locale.ROOT, "%.3g", v);
        if (s.contains("e")) return s;
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }
}
