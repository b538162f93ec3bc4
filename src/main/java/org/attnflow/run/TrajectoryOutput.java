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
 *       shape ({@link RescaledCoordinates}).</li>
 * </ul>
 * {@link #close()} fails if fewer frames arrived than the time grid has.
 */
public final class TrajectoryOutput implements FrameSink, AutoCloseable {
    public static final String TRAJECTORY = "trajectory";
    public static final String TIMES = "times";
    public static final String RESCALED = "z";

    private final TimeGrid grid;
    private final List<String> files = new ArrayList<>();
    private final RescaledCoordinates rescaling;
    private final double[] z;
    private NpyWriter trajectoryNpy;
    private NpyWriter zNpy;
    private CsvTrajectoryWriter trajectoryCsv;
    private CsvTrajectoryWriter zCsv;
    private int frames;

    /**
     * @param rescaling the z transform for Euclidean runs, null for sphere runs
     */
    public TrajectoryOutput(RunDirectory dir, OutputFormat format, int n, int d, TimeGrid grid, RescaledCoordinates rescaling)
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
            } else {
                trajectoryCsv = new CsvTrajectoryWriter(dir.resolve(add(format, TRAJECTORY)), n, d);
                if (rescaling != null) zCsv = new CsvTrajectoryWriter(dir.resolve(add(format, RESCALED)), n, d, RESCALED);
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
    public static double estimatedBytes(OutputFormat format, int frames, int n, int d, boolean rescaled, int digits) {
        double numbers = (double) frames * n * d;
        double perNumber = format == OutputFormat.NPY ? 8 : digits > 0 ? digits + 8 : 25;
        double lineOverhead = format == OutputFormat.NPY ? 0 : (double) frames * n * 32; // t and token columns
        return (numbers * perNumber + lineOverhead + frames * 8.0 + 256) * (rescaled ? 2 : 1);
    }

    /** The files written, by name. */
    public List<String> files() { return List.copyOf(files); }

    /** Frames received so far. */
    public int frames() { return frames; }

    @Override
    public void frame(int index, double t, double[] x) {
        write(index, t, x, null, null);
    }

    /** An arbitrary-precision frame: the CSV trajectory carries every digit; NPY and z hold the nearest doubles. */
    @Override
    public void exactFrame(int index, double t, double[] x, String time, String[][] decimals, double errorEstimate) {
        write(index, t, x, time, decimals);
    }

    private void write(int index, double t, double[] x, String time, String[][] decimals) {
        if (index != frames) throw new IllegalStateException("frame " + index + " arrived, expected frame " + frames);
        try {
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
        for (AutoCloseable c : new AutoCloseable[] {trajectoryNpy, zNpy, trajectoryCsv, zCsv}) {
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
        for (AutoCloseable c : new AutoCloseable[] {trajectoryNpy, zNpy, trajectoryCsv, zCsv}) {
            try {
                if (c != null) c.close();
            } catch (Exception ignored) {
                // already failing: the run directory is discarded
            }
        }
    }
}
