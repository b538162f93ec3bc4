package org.attnflow.sweep;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The aggregated table: for each group of runs (every axis but the seed), each statistic and each saved time, the
 * sweep's aggregates over the group's completed runs. Inside a group the runs are taken in id (= seed) order,
 * so the numbers do not depend on which thread or executor finished first: a sweep run with 1 thread, with 8, on
 * Spark, or resumed after an interruption gives the same table to the last bit.
 */
public final class Aggregation {
    private Aggregation() {}

    /** The rows of one group, from its runs (any order; every run of the group must be there). */
    public static List<AggregateRow> group(SweepSpec spec, int group, Collection<RunResult> runs) {
        List<RunResult> sorted = new ArrayList<>(runs);
        sorted.sort(Comparator.comparingInt(RunResult::id));
        if (sorted.size() != spec.seeds().size()) {
            throw new IllegalStateException("group " + group + " has " + sorted.size() + " results, expected " + spec.seeds().size());
        }
        for (RunResult r : sorted) {
            if (spec.groupOf(r.id()) != group) throw new IllegalArgumentException("run " + r.id() + " is not in group " + group);
        }
        List<RunResult> ok = sorted.stream().filter(r -> !r.failed()).toList();
        int failed = sorted.size() - ok.size();
        RunPoint p = sorted.get(0).point();
        List<AggregateRow> rows = new ArrayList<>();
        double[] sample = new double[ok.size()];
        for (int s = 0; s < spec.statistics().size(); s++) {
            for (int t = 0; t < spec.times().length; t++) {
                for (int k = 0; k < sample.length; k++) sample[k] = ok.get(k).value(s, t);
                double[] values = new double[spec.aggregates().size()];
                for (int a = 0; a < values.length; a++) values[a] = spec.aggregates().get(a).apply(sample);
                rows.add(new AggregateRow(group, p.beta(), p.n(), p.d(), p.v(), spec.statistics().get(s), t, spec.times()[t], ok.size(), failed, values));
            }
        }
        return rows;
    }

    /** The whole table from every run's result, in group, statistic, time order. */
    public static List<AggregateRow> of(SweepSpec spec, Collection<RunResult> results) {
        List<List<RunResult>> byGroup = new ArrayList<>();
        for (int g = 0; g < spec.groupCount(); g++) byGroup.add(new ArrayList<>());
        for (RunResult r : results) byGroup.get(spec.groupOf(r.id())).add(r);
        List<AggregateRow> rows = new ArrayList<>();
        for (int g = 0; g < byGroup.size(); g++) rows.addAll(group(spec, g, byGroup.get(g)));
        return rows;
    }

    /** Table order: group, then statistic (as listed in the spec), then time. */
    public static Comparator<AggregateRow> order(SweepSpec spec) {
        return Comparator.comparingInt(AggregateRow::group)
                .thenComparingInt(r -> spec.statistics().indexOf(r.statistic()))
                .thenComparingInt(AggregateRow::timeIndex);
    }
}
