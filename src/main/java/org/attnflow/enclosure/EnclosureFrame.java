package org.attnflow.enclosure;

import java.math.BigDecimal;
import org.attnflow.enclosure.interval.Interval;

/**
 * The enclosure at one saved time: an interval box holding the exact solution, n tokens × d coordinates
 * (row-major, token i at {@code [i·d, i·d + d)}).
 *
 * @param index frame number (0 is the start)
 * @param time  the saved time (the exact value of this double)
 * @param steps validated steps taken from the start to this time
 */
public record EnclosureFrame(int index, double time, int tokens, int dimension, Interval[] box, long steps) {

    public EnclosureFrame {
        if (box.length != tokens * dimension) throw new IllegalArgumentException("a box of n·d = " + tokens * dimension + " intervals, got " + box.length);
        box = box.clone();
    }

    @Override
    public Interval[] box() { return box.clone(); }

    /** Coordinate c of token i. */
    public Interval interval(int token, int coordinate) { return box[token * dimension + coordinate]; }

    /** The largest width over all coordinates, exactly. */
    public BigDecimal maxWidth() {
        BigDecimal w = BigDecimal.ZERO;
        for (Interval x : box) w = w.max(x.width());
        return w;
    }

    /** The boxes' midpoints as doubles (nearest), row-major: a trajectory frame for the usual writers. */
    public double[] midpoints() {
        double[] m = new double[box.length];
        for (int i = 0; i < m.length; i++) m[i] = box[i].lower().add(box[i].upper()).doubleValue() / 2;
        return m;
    }

    /** True when the exact values of the doubles {@code point} (n·d, row-major) lie in the box. */
    public boolean contains(double[] point) {
        if (point.length != box.length) throw new IllegalArgumentException("a point of n·d = " + box.length + " coordinates, got " + point.length);
        BigDecimal[] exact = new BigDecimal[point.length];
        for (int i = 0; i < point.length; i++) {
            if (!Double.isFinite(point[i])) return false;
            exact[i] = new BigDecimal(point[i]);
        }
        return contains(exact);
    }

    /** True when every coordinate of {@code point} (n·d exact decimals, row-major) lies in its interval. */
    public boolean contains(BigDecimal[] point) {
        if (point.length != box.length) throw new IllegalArgumentException("a point of n·d = " + box.length + " coordinates, got " + point.length);
        for (int i = 0; i < box.length; i++) if (!box[i].contains(point[i])) return false;
        return true;
    }
}
