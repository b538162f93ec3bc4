package org.attnflow.sweep;

import java.math.BigDecimal;

/**
 * One row of the aggregated table: a statistic at one saved time, summarised over the seeds of one group of runs.
 *
 * @param group     the group's index ({@link SweepSpec#groupOf})
 * @param beta      the group's β (exact decimal)
 * @param n         tokens
 * @param d         dimension
 * @param v         V choice
 * @param statistic which statistic
 * @param timeIndex index of the saved time
 * @param t         the saved time
 * @param runs      completed runs summarised
 * @param failed    runs of the group that broke down (left out of the summaries)
 * @param values    one value per {@link SweepSpec#aggregates()} entry
 */
public record AggregateRow(int group, BigDecimal beta, int n, int d, String v, Statistic statistic, int timeIndex, double t,
                           int runs, int failed, double[] values) implements java.io.Serializable {
    public AggregateRow {
        values = values.clone();
    }

    @Override
    public double[] values() { return values.clone(); }

    public double value(int aggregate) { return values[aggregate]; }
}
