package org.attnflow.analysis;

import java.util.ArrayList;
import java.util.List;

/** Metastable plateaus: maximal intervals over which a count is constant. */
public final class Plateaus {
    private Plateaus() {}

    /**
     * Every maximal run of equal consecutive counts whose duration (time of its last frame minus time of its first)
     * is at least {@code minDuration}, in time order.
     */
    public static List<Plateau> find(double[] times, int[] counts, double minDuration) {
        if (times.length != counts.length) throw new IllegalArgumentException(times.length + " times but " + counts.length + " counts");
        if (!(minDuration >= 0)) throw new IllegalArgumentException("minimum plateau duration must be >= 0, got " + minDuration);
        List<Plateau> out = new ArrayList<>();
        int first = 0;
        for (int f = 1; f <= counts.length; f++) {
            if (f == counts.length || counts[f] != counts[first]) {
                Plateau p = new Plateau(counts[first], times[first], times[f - 1], first, f - 1);
                if (p.duration() >= minDuration) out.add(p);
                first = f;
            }
        }
        return out;
    }

    /** The longest of {@link #find} with minimum duration 0 (the earliest on ties), or null for no frames. */
    public static Plateau longest(double[] times, int[] counts) {
        Plateau best = null;
        for (Plateau p : find(times, counts, 0)) if (best == null || p.duration() > best.duration()) best = p;
        return best;
    }
}
