package org.attnflow.verify;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

import org.attnflow.io.InputException;
import org.attnflow.io.Npy;
import org.attnflow.io.NpyReader;

/**
 * One system of a batch file: a [frames, B, n, d] .npy (systems along axis 1) or [B, frames, n, d] (axis 0), read one
 * frame at a time at its position ({@link NpyReader#readAt}): the memory of a system's validation does not grow with
 * B.
 */
final class NpyBatchSource implements TrajectorySource {
    private final NpyReader reader;
    private final int system;
    private final int axis;
    private final long frames;
    private final long systems;
    private final int frameSize;
    private long next;

    private NpyBatchSource(NpyReader reader, int system, int axis, long frames, long systems, int frameSize) {
        this.reader = reader;
        this.system = system;
        this.axis = axis;
        this.frames = frames;
        this.systems = systems;
        this.frameSize = frameSize;
    }

    /** The batch's shape: frames, systems; bad input when the file is not a batch of n tokens in R^d along {@code axis}. */
    record Shape(long frames, long systems, String storedAs) {}

    static Shape shape(Path file, int n, int d, int axis) throws IOException {
        if (axis != 0 && axis != 1) throw new InputException("--batch-axis must be 0 ([B, frames, n, d]) or 1 ([frames, B, n, d]), got " + axis);
        try (NpyReader r = Npy.open(file)) {
            long[] s = r.shape();
            if (s.length != 4 || s[2] != n || s[3] != d) {
                throw new InputException(file + ": shape " + Arrays.toString(s).replace('[', '(').replace(']', ')') + " is not a batch for the scenario: expected "
                        + (axis == 1 ? "(frames, B, " : "(B, frames, ") + n + ", " + d + ") with --batch-axis " + axis);
            }
            long frames = axis == 1 ? s[0] : s[1], systems = axis == 1 ? s[1] : s[0];
            if (systems < 1) throw new InputException(file + ": a batch of 0 systems");
            return new Shape(frames, systems, r.type() == Npy.DType.FLOAT64 ? "float64" : "float32");
        }
    }

    static NpyBatchSource open(Path file, int system, int n, int d, int axis) throws IOException {
        Shape s = shape(file, n, d, axis);
        return new NpyBatchSource(Npy.open(file), system, axis, s.frames(), s.systems(), n * d);
    }

    @Override
    public long frames() { return frames; }

    @Override
    public String storedAs() { return reader.type() == Npy.DType.FLOAT64 ? "float64" : "float32"; }

    @Override
    public double[] times() { return null; }

    @Override
    public boolean next(double[] into) throws IOException {
        if (next == frames) return false;
        long block = axis == 1 ? next * systems + system : system * frames + next;
        reader.readAt(block * frameSize, into);
        next++;
        return true;
    }

    @Override
    public void close() throws IOException { reader.close(); }
}
