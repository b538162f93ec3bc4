package org.attnflow.model;

import java.util.Arrays;

/**
 * The times at which a run's state is saved: strictly increasing, from 0 (the initial state is always frame 0)
 * to {@link #end()}. Built from {@code time.end} with {@code time.save_every} or {@code time.save_times}.
 */
public record TimeGrid(double[] times) {

    public TimeGrid {
        times = times.clone();
        if (times.length == 0 || times[0] != 0) throw new IllegalArgumentException("time.save_times: must start at 0");
        for (int i = 1; i < times.length; i++) {
            if (!(times[i] > times[i - 1]) || !Double.isFinite(times[i])) {
                throw new IllegalArgumentException("time.save_times: must be finite and strictly increasing, got " + times[i - 1] + " then " + times[i]);
            }
        }
    }

    /** 0, every, 2·every, …, end (end included even when not a multiple). Multiples are formed as i·every, not summed. */
    public static TimeGrid every(double end, double every) {
        if (!(end >= 0) || !Double.isFinite(end)) throw new IllegalArgumentException("time.end: must be a finite number >= 0, got " + end);
        if (!(every > 0) || !Double.isFinite(every)) throw new IllegalArgumentException("time.save_every: must be > 0, got " + every);
        long count = (long) Math.floor(end / every * (1 + 1e-12));
        if (count > 10_000_000) throw new IllegalArgumentException("time.save_every: gives " + count + " frames; at most 10^7 are allowed");
        double[] t = new double[(int) count + 1];
        for (int i = 0; i <= count; i++) t[i] = Math.min(i * every, end);
        if (t[(int) count] < end) {
            t = Arrays.copyOf(t, t.length + 1);
            t[t.length - 1] = end;
        }
        return new TimeGrid(dedupe(t));
    }

    /** 0 followed by the given times (0 itself may be listed or not). */
    public static TimeGrid of(double[] saveTimes) {
        double[] t = saveTimes.length > 0 && saveTimes[0] == 0 ? saveTimes.clone() : prependZero(saveTimes);
        return new TimeGrid(t);
    }

    /** DBL_DIG: the significant digits of a decimal that a double always keeps. */
    private static final java.math.MathContext DOUBLE_DECIMAL_DIGITS = new java.math.MathContext(15);

    /**
     * The decimal a double time stands for: its value rounded to 15 significant digits (trailing zeros dropped).
     * Every decimal of at most 15 digits survives the trip through a double unchanged (DBL_DIG), so a time written
     * "0.1" is 1/10 here, and grid times formed as i·every in double (3·0.1 = 0.30000000000000004) come back as the
     * intended 0.3. The one rule for times read as decimals (the reference) and written as text (reports, CSV).
     */
    public static java.math.BigDecimal decimal(double t) {
        if (!Double.isFinite(t)) throw new IllegalArgumentException("time " + t + " is not finite");
        if (t == 0) return java.math.BigDecimal.ZERO;
        java.math.BigDecimal b = new java.math.BigDecimal(t).round(DOUBLE_DECIMAL_DIGITS).stripTrailingZeros();
        return b.scale() < 0 ? b.setScale(0) : b; // 20, not 2E+1
    }

    /** {@link #decimal} as text: plain ("0.3", "20") unless the exponent is extreme ("1e-300"). */
    public static String text(double t) {
        java.math.BigDecimal b = decimal(t);
        int exponent = b.precision() - b.scale() - 1;
        return exponent < -6 || exponent > 15 ? b.toString().replace("E+", "e").replace('E', 'e') : b.toPlainString();
    }

    public double end() { return times[times.length - 1]; }

    public int frames() { return times.length; }

    @Override
    public double[] times() { return times.clone(); }

    public double time(int i) { return times[i]; }

    private static double[] prependZero(double[] t) {
        double[] r = new double[t.length + 1];
        System.arraycopy(t, 0, r, 1, t.length);
        return r;
    }

    private static double[] dedupe(double[] t) {
        int k = 1;
        for (int i = 1; i < t.length; i++) if (t[i] > t[k - 1]) t[k++] = t[i];
        return Arrays.copyOf(t, k);
    }

    @Override
    public boolean equals(Object o) { return o instanceof TimeGrid g && Arrays.equals(g.times, times); }

    @Override
    public int hashCode() { return Arrays.hashCode(times); }

    @Override
    public String toString() { return "TimeGrid" + Arrays.toString(times); }
}
