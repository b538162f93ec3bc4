package org.attnflow.sweep;

import org.attnflow.plot.Captioned;
import org.attnflow.plot.HeatMapFigure;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;

import java.awt.Color;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Phase diagrams in the manner of [GLPR-M] Fig. 3: β across, saved time t upwards, the colour one aggregate of
 * one statistic over the seeds. One figure per combination of the other axes (V, d, n).
 */
public final class PhaseDiagram {
    private PhaseDiagram() {}

    /** Every phase diagram of {@code rows}, by file name ({@code phase[-V<v>]-d<d>-n<n>.png}); none for {@code "figure": false}. */
    public static Map<String, Captioned> charts(SweepSpec spec, List<AggregateRow> rows) {
        if (spec.figureStatistic() == null) return Map.of();
        int a = spec.aggregates().indexOf(spec.figureAggregate());
        Map<String, List<AggregateRow>> panels = new LinkedHashMap<>();
        for (AggregateRow r : rows) {
            if (r.statistic() != spec.figureStatistic()) continue;
            panels.computeIfAbsent(fileName(spec, r), k -> new ArrayList<>()).add(r);
        }
        Map<String, Captioned> charts = new LinkedHashMap<>();
        for (Map.Entry<String, List<AggregateRow>> e : panels.entrySet()) {
            AggregateRow first = e.getValue().get(0);
            String title = String.format(Locale.ROOT, "%s, %s over %d seed%s: n = %d, d = %d%s", spec.figureStatistic().key(),
                    spec.figureAggregate().key(), spec.seeds().size(), spec.seeds().size() == 1 ? "" : "s", first.n(), first.d(),
                    spec.vChoices().containsKey(SweepSpec.BASE_V) ? "" : ", V = " + first.v());
            charts.put(e.getKey(), chart(title, spec, e.getValue(), a));
        }
        return charts;
    }

    static Captioned chart(String title, SweepSpec spec, List<AggregateRow> panel, int aggregate) {
        List<BigDecimal> betas = panel.stream().map(AggregateRow::beta).distinct().sorted(Comparator.naturalOrder()).toList();
        double[] times = spec.times();
        List<Number[]> data = new ArrayList<>();
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (AggregateRow r : panel) {
            double v = r.value(aggregate);
            if (!Double.isFinite(v)) continue;
            data.add(new Number[] {betas.indexOf(r.beta()), r.timeIndex(), v});
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        if (!(min <= max)) {
            min = 0;
            max = 1;
        } else if (min == max) {
            max = min + 1;
        }
        if (spec.figureStatistic() == Statistic.PAIR_CLUSTERED_FRACTION) {
            min = 0;
            max = 1;
        }
        HeatMapChart c = new HeatMapChartBuilder().width(900).height(640).title(title).xAxisTitle("inverse temperature β").yAxisTitle("time t").build();
        HeatMapFigure.style(c, min, max, new Color[] {new Color(20, 30, 110), new Color(40, 150, 160), new Color(250, 220, 60), new Color(180, 20, 20)});
        c.getStyler().setShowValue(false);
        List<String> xs = new ArrayList<>();
        for (int i = 0; i < betas.size(); i++) xs.add(betas.get(i).stripTrailingZeros().toPlainString());
        List<String> ys = new ArrayList<>();
        for (int i = 0; i < times.length; i++) ys.add(new BigDecimal(String.format(Locale.ROOT, "%.6g", times[i])).stripTrailingZeros().toPlainString());
        String caption = spec.figureStatistic().key() + ", " + spec.figureAggregate().key() + " over the seeds";
        c.addSeries(caption, xs, ys, data);
        return new Captioned(c, caption);
    }

    private static String fileName(SweepSpec spec, AggregateRow r) {
        String v = spec.vChoices().containsKey(SweepSpec.BASE_V) ? "" : "-V" + r.v();
        return "phase" + v + "-d" + r.d() + "-n" + r.n() + ".png";
    }
}
