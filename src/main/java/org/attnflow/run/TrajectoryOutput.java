package org.attnflow.run;

import org.attnflow.integrate.FrameSink;
import org.attnflow.io.CsvTrajectoryWriter;
import org.attnflow.io.Npy;
import org.attnflow.io.NpyWriter;
import org.attnflow.io.OutputFormat;
import org.attnflow.io.RunDirectory;
import org.attnflow.model.RescaledCoordinates;
import org.attnflow.model.TimeGrid;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The trajectory files of one run, written frame by frame as the integrator saves them (nothing is held in
 * memory), into a {@link RunDirectory}: the {@link FrameSink} of a simulate run, over the io writers.
 * <ul>
 *   <li>npy: {@code trajectory.npy} (float64 [frames, n, d]) and {@code times.npy} (float64 [frames]);</li>
 *   <li>csv: {@code trajectory.csv} ({@code t,token,x1..xd});</li>
 *   <li>Euclidean runs also {@code z.npy} / {@code z.csv}, the rescaled z_i(t) = e^{−tV} x_i(t) of the same
 *       shape ({@link RescaledCoordinates});</li>
 *   <li>runs whose normalisation scheme carries radii (spec/math.md §7.2: pre, peri, mix) also {@code radius.npy}
 *       (float64 [frames, n]) / {@code radius.csv} ({@code t,token,r}); the trajectory then holds the directions θ.</li>
 * </ul>
 * {@link #close()} fails if fewer frames arrived than the time grid has.
 */
public final class TrajectoryOutput implements FrameSink, AutoCloseable {
    public static final String TRAJECTORY = "trajectory";
    public static final String TIMES = "times";
    public static final String RESCALED = "z";
    public static final String RADIUS = "radius";

    private final TimeGrid grid;
    private final List<String> files = new ArrayList<>();
    private final RescaledCoordinates rescaling;
    private final double[] z;
    private NpyWriter trajectoryNpy;
    private NpyWriter zNpy;
    private NpyWriter radiusNpy;
    private CsvTrajectoryWriter trajectoryCsv;
    private CsvTrajectoryWriter zCsv;
    private CsvTrajectoryWriter radiusCsv;
    private int frames;

    /**
     * @param rescaling the z transform for Euclidean runs, null for sphere runs
     */
    public TrajectoryOutput(RunDirectory dir, OutputFormat format, int n, int d, TimeGrid grid, RescaledCoordinates rescaling)
            throws IOException {
        this(dir, format, n, d, grid, rescaling, false);
    }

    /**
     * @param rescaling the z transform for Euclidean runs, null for sphere runs
     * @param radius    whether the run's scheme carries radii (then radius.npy / radius.csv is written)
     */
    public TrajectoryOutput(RunDirectory dir, OutputFormat format, int n, int d, TimeGrid grid, RescaledCoordinates rescaling, boolean radius)
            throws IOException {
        this.grid = grid;
        this.rescaling = rescaling;
        this.z = rescaling == null ? null : new double[n * d];
        long[] shape = {grid.frames(), n, d};
        try {
            if (format == OutputFormat.NPY) {
                trajectoryNpy = Npy.create(dir.resolve(add(format, TRAJECTORY)), shape);
                Npy.write(dir.resolve(add(format, TIMES)), grid.times());
                if (rescaling != null) zNpy = Npy.create(dir.resolve(add(format, RESCALED)), shape);
                if (radius) radiusNpy = Npy.create(dir.resolve(add(format, RADIUS)), new long[] {grid.frames(), n});
            } else {
                trajectoryCsv = new CsvTrajectoryWriter(dir.resolve(add(format, TRAJECTORY)), n, d);
                if (rescaling != null) zCsv = new CsvTrajectoryWriter(dir.resolve(add(format, RESCALED)), n, d, RESCALED);
                if (radius) radiusCsv = CsvTrajectoryWriter.radius(dir.resolve(add(format, RADIUS)), n);
            }
        } catch (IOException | RuntimeException e) {
            closeQuietly();
            throw e;
        }
    }

    /**
     * About how many bytes the trajectory files of a run take: checked against the free disk before a run starts.
     * npy: 8 bytes a number (and as much again for z); csv: the longest shortest-decimal of a double (24 characters)
     * and a comma a number, or {@code digits} + 8 characters for an arbitrary-precision run's decimals (0 digits: double).
     */
    public static double estimatedBytes(OutputFormat format, int frames, int n, int d, boolean rescaled, boolean radius, int digits) {
        double perNumber = format == OutputFormat.NPY ? 8 : digits > 0 ? digits + 8 : 25;
        double lineOverhead = format == OutputFormat.NPY ? 0 : (double) frames * n * 32; // t and token columns
        double trajectory = (double) frames * n * d * perNumber + lineOverhead + frames * 8.0 + 256;
        double radii = radius ? (double) frames * n * perNumber + lineOverhead + 256 : 0;
        return trajectory * (rescaled ? 2 : 1) + radii;
    }

    /** The files written, by name. */
    public List<String> files() { return List.copyOf(files); }

    /** Frames received so far. */
    public int frames() { return frames; }

    @Override
    public void frame(int index, double t, double[] x) {
        write(index, t, x, null, null, null, null);
    }

    @Override
    public void frame(int index, double t, double[] x, double[] radius) {
        write(index, t, x, radius, null, null, null);
    }

    /** An arbitrary-precision frame: the CSV files carry every digit; NPY and z hold the nearest doubles. */
    @Override
    public void exactFrame(int index, double t, double[] x, double[] radius, String time, String[][] decimals, String[] radiusDecimals,
                           double errorEstimate) {
        write(index, t, x, radius, time, decimals, radiusDecimals);
    }

    private void write(int index, double t, double[] x, double[] radius, String time, String[][] decimals, String[] radiusDecimals) {
        if (index != frames) throw new IllegalStateException("frame " + index + " arrived, expected frame " + frames);
        if ((radiusNpy != null || radiusCsv != null) && radius == null) throw new IllegalStateException("frame " + index + " has no radii");
        try {
            if (radiusNpy != null) radiusNpy.writeFrame(radius);
            if (radiusCsv != null) {
                if (radiusDecimals == null) radiusCsv.writeFrame(t, radius);
                else radiusCsv.writeFrame(time, radiusDecimals);
            }
            if (rescaling != null) rescaling.apply(t, x, z);
            if (trajectoryNpy != null) trajectoryNpy.writeFrame(x);
            if (zNpy != null) zNpy.writeFrame(z);
            if (trajectoryCsv != null) {
                if (decimals == null) trajectoryCsv.writeFrame(t, x);
                else trajectoryCsv.writeFrame(time, flatten(decimals));
            }
            if (zCsv != null) zCsv.writeFrame(t, z);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write frame " + index, e);
        }
        frames++;
    }

    private static String[] flatten(String[][] rows) {
        int d = rows[0].length;
        String[] flat = new String[rows.length * d];
        for (int i = 0; i < rows.length; i++) System.arraycopy(rows[i], 0, flat, i * d, d);
        return flat;
    }

    @Override
    public void close() throws IOException {
        Exception first = null;
        for (AutoCloseable c : new AutoCloseable[] {trajectoryNpy, zNpy, radiusNpy, trajectoryCsv, zCsv, radiusCsv}) {
            try {
                if (c != null) c.close();
            } catch (Exception e) {
                if (first == null) first = e;
            }
        }
        if (first instanceof IOException e) throw e;
        if (first instanceof RuntimeException e) throw e;
        if (frames != grid.frames()) throw new IllegalStateException("run ended after " + frames + " of " + grid.frames() + " frames");
    }

    private String add(OutputFormat format, String name) {
        String file = format.fileName(name);
        files.add(file);
        return file;
    }

    private void closeQuietly() {
        for (AutoCloseable c : new AutoCloseable[] {trajectoryNpy, zNpy, radiusNpy, trajectoryCsv, zCsv, radiusCsv}) {
            try {
                if (c != null) c.close();
            } catch (Exception ignored) {
                // already failing: the run directory is discarded
            }
        }
    }
}
