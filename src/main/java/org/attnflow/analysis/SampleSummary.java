package org.attnflow.analysis;

/**
 * Mean and spread of a sample.
 *
 * @param count             sample size
 * @param mean              sample mean
 * @param standardDeviation sample standard deviation (n − 1 denominator; 0 for one value)
 * @param standardError     standardDeviation / √count
 * @param min               smallest value
 * @param max               largest value
 */
public record SampleSummary(int count, double mean, double standardDeviation, double standardError, double min, double max) {

    /** Summary by Welford's update (no cancellation for large means). */
    public static SampleSummary of(double[] values) {
        if (values.length == 0) throw new IllegalArgumentException("empty sample");
        double mean = 0, m2 = 0, min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < values.length; i++) {
            double delta = values[i] - mean;
            mean += delta / (i + 1);
            m2 += delta * (values[i] - mean);
            min = Math.min(min, values[i]);
            max = Math.max(max, values[i]);
        }
        double sd = values.length > 1 ? Math.sqrt(m2 / (values.length - 1)) : 0;
        return new SampleSummary(values.length, mean, sd, sd / Math.sqrt(values.length), min, max);
    }

    /** The p-quantile (0 ≤ p ≤ 1) by linear interpolation between order statistics (NumPy's default). */
    public static double quantile(double[] values, double p) {
        if (values.length == 0) throw new IllegalArgumentException("empty sample");
        double[] s = values.clone();
        java.util.Arrays.sort(s);
        double pos = p * (s.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, s.length - 1);
        return s[lo] + (pos - lo) * (s[hi] - s[lo]);
    }
}
