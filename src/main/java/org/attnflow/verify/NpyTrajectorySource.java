package org.attnflow.verify;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

import org.attnflow.io.InputException;
import org.attnflow.io.Npy;
import org.attnflow.io.NpyReader;

/**
 * A [frames, n, d] .npy file (or, for d = 1, a [frames, n] file of radii) (float64 or float32) read frame by frame with
 * {@link NpyReader}. A NaN or infinity in it is their run's breakdown, which validate reports as a finding.
 */
final class NpyTrajectorySource implements TrajectorySource {
    private final NpyReader reader;

    NpyTrajectorySource(Path file, int n, int d) throws IOException {
        this.reader = Npy.open(file);
        long[] shape = reader.shape();
        boolean radii = d == 1 && shape.length == 2 && shape[1] == n; // a [frames, n] file of radii (simulate's radius.npy)
        if (!radii && (shape.length != 3 || shape[1] != n || shape[2] != d)) {
            reader.close();
            throw new InputException(file + ": shape " + Arrays.toString(shape).replace('[', '(').replace(']', ')')
                    + " does not match the scenario: expected (frames, n, d) = (frames, " + n + ", " + d + ")");
        }
    }

    @Override
    public long frames() { return reader.frames(); }

    @Override
    public String storedAs() { return reader.type() == Npy.DType.FLOAT64 ? "float64" : "float32"; }

    @Override
    public double[] times() { return null; }

    @Override
    public boolean next(double[] into) throws IOException { return reader.readFrame(into); }

    @Override
    public void close() throws IOException { reader.close(); }
}
