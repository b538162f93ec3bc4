package org.attnflow.integrate;

import java.util.Arrays;

/**
 * Saved frames of a run: times t_0 = 0 &lt; t_1 &lt; … and, for each, the row-major n×d state (on the sphere the
 * directions θ) and, when the normalisation scheme carries them, the n radii. Immutable: the arrays are copied in
 * and out.
 */
public final class Trajectory {
    private final double[] times;
    private final double[][] frames;
    private final double[][] radii; // null without radii
    private final int n;
    private final int d;

    public Trajectory(double[] times, double[][] frames, int n, int d) {
        this(times, frames, null, n, d);
    }

    /** @param radii per frame the n radii, or null when the run carries none */
    public Trajectory(double[] times, double[][] frames, double[][] radii, int n, int d) {
        this(times, frames, radii, n, d, true);
    }

    /**
     * A trajectory holding the given arrays themselves, checked but not copied: for {@link TrajectoryRecorder}, whose
     * copies of the frames nobody else holds (an ensemble of 18,432 runs copied each twice).
     */
    static Trajectory adopt(double[] times, double[][] frames, double[][] radii, int n, int d) {
        return new Trajectory(times, frames, radii, n, d, false);
    }

    private Trajectory(double[] times, double[][] frames, double[][] radii, int n, int d, boolean copy) {
        if (n < 1 || d < 1) throw new IllegalArgumentException("a trajectory needs n, d >= 1, got n = " + n + ", d = " + d);
        if (times.length != frames.length) {
            throw new IllegalArgumentException(times.length + " times for " + frames.length + " frames");
        }
        this.times = copy ? times.clone() : times;
        this.frames = new double[frames.length][];
        for (int f = 0; f < frames.length; f++) {
            if (frames[f].length != n * d) {
                throw new IllegalArgumentException("frame " + f + " has " + frames[f].length + " entries, expected n*d = " + n * d);
            }
            this.frames[f] = copy ? frames[f].clone() : frames[f];
        }
        this.n = n;
        this.d = d;
        if (radii != null) {
            if (radii.length != frames.length) throw new IllegalArgumentException(radii.length + " radius frames for " + frames.length + " frames");
            this.radii = new double[radii.length][];
            for (int f = 0; f < radii.length; f++) {
                if (radii[f].length != n) throw new IllegalArgumentException("radius frame " + f + " has " + radii[f].length + " entries, expected n = " + n);
                this.radii[f] = copy ? radii[f].clone() : radii[f];
            }
        } else {
            this.radii = null;
        }
    }

    /** True when the frames carry radii. */
    public boolean hasRadius() { return radii != null; }

    /** Copy of the n radii of frame f; null when the run carries none. */
    public double[] radius(int f) { return radii == null ? null : radii[f].clone(); }

    public int n() { return n; }

    public int d() { return d; }

    public int frameCount() { return times.length; }

    public double time(int f) { return times[f]; }

    public double[] times() { return times.clone(); }

    /** Copy of frame f (row-major n×d). */
    public double[] frame(int f) { return frames[f].clone(); }

    /** Frame f copied into {@code into} (length n·d): a caller reading many frames reuses one array. */
    public void copyFrame(int f, double[] into) { System.arraycopy(frames[f], 0, into, 0, frames[f].length); }

    /** Copy of every frame. */
    public double[][] frames() {
        double[][] copy = new double[frames.length][];
        for (int f = 0; f < frames.length; f++) copy[f] = frames[f].clone();
        return copy;
    }

    /** Coordinate c of token i in frame f. */
    public double get(int f, int i, int c) { return frames[f][i * d + c]; }

    /** Copy of token i in frame f. */
    public double[] token(int f, int i) { return Arrays.copyOfRange(frames[f], i * d, i * d + d); }

    /** Copy of the last frame. */
    public double[] last() { return frame(frames.length - 1); }
}
