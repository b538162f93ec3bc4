package org.attnflow.integrate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A {@link FrameHandler} that keeps a copy of every frame, for a {@link Trajectory} at the end. */
public final class TrajectoryRecorder implements FrameHandler {
    private final int n;
    private final int d;
    private final List<double[]> frames = new ArrayList<>();
    private final List<double[]> radii = new ArrayList<>();
    private double[] times = new double[16];

    public TrajectoryRecorder(int n, int d) {
        if (n < 1 || d < 1) throw new IllegalArgumentException("need n, d >= 1, got n = " + n + ", d = " + d);
        this.n = n;
        this.d = d;
    }

    @Override
    public void frame(int index, double t, double[] x, double[] radius) {
        if (radius != null) {
            if (radii.size() != frames.size()) throw new IllegalStateException("frame " + index + " has radii, earlier frames had none");
            radii.add(radius.clone());
        }
        frame(index, t, x);
    }

    @Override
    public void frame(int index, double t, double[] x) {
        if (index != frames.size()) throw new IllegalStateException("frame " + index + " arrived after " + frames.size() + " frames");
        if (x.length != n * d) throw new IllegalArgumentException("frame has " + x.length + " entries, expected n*d = " + n * d);
        if (index == times.length) times = Arrays.copyOf(times, 2 * times.length);
        times[index] = t;
        frames.add(x.clone());
    }

    /** The frames recorded so far. */
    public Trajectory trajectory() {
        double[][] r = radii.isEmpty() ? null : radii.toArray(new double[0][]);
        return Trajectory.adopt(Arrays.copyOf(times, frames.size()), frames.toArray(new double[0][]), r, n, d);
    }
}
