package org.attnflow.sweep;

import org.attnflow.analysis.SampleSummary;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One column of the aggregated table: a summary over the seeds of a group of runs (sweep key {@code aggregate}).
 * {@code mean}, {@code sd} (sample standard deviation), {@code min}, {@code max}, or a percentile {@code pX} with
 * 0 ≤ X ≤ 100 ({@code p10}, {@code p50}, {@code p97.5}) by linear interpolation between order statistics
 * (NumPy's default). The summaries are the analysis package's {@link SampleSummary}.
 *
 * @param key        the name as written ("mean", "p10")
 * @param percentile X/100 for a percentile, NaN otherwise
 */
public record Aggregate(String key, double percentile) implements java.io.Serializable {
    private static final Pattern PERCENTILE = Pattern.compile("p(\\d+(\\.\\d+)?)");

    /** The aggregate named {@code key}; IllegalArgumentException with the valid names otherwise. */
    public static Aggregate of(String key) {
        switch (key) {
            case "mean", "sd", "min", "max" -> {
                return new Aggregate(key, Double.NaN);
            }
            default -> {
                Matcher m = PERCENTILE.matcher(key);
                if (m.matches()) {
                    BigDecimal p = new BigDecimal(m.group(1));
                    if (p.compareTo(BigDecimal.valueOf(100)) <= 0) return new Aggregate(key, p.doubleValue() / 100);
                }
                throw new IllegalArgumentException("'" + key + "' is not an aggregate (mean, sd, min, max, or a percentile p0..p100 such as p10)");
            }
        }
    }

    /**
     * The aggregate of {@code values}, which are in a fixed order (by run id) so that the result does not depend
     * on the order in which runs finished. NaN for an empty sample.
     */
    public double apply(double[] values) {
        if (values.length == 0) return Double.NaN;
        return switch (key) {
            case "mean" -> SampleSummary.of(values).mean();
            case "sd" -> SampleSummary.of(values).standardDeviation();
            case "min" -> SampleSummary.of(values).min();
            case "max" -> SampleSummary.of(values).max();
            default -> SampleSummary.quantile(values, percentile);
        };
    }
}
