package org.attnflow.verify;

import java.io.IOException;

/**
 * Another program's trajectory, read one frame at a time into the caller's buffer: a source never hands out
 * arrays of its own, so the caller decides how many frames are in memory ({@code validate} holds two).
 */
public interface TrajectorySource extends AutoCloseable {

    /** Frames in the file (known before reading them). */
    long frames();

    /** The element type as stored: "float64", "float32" or "csv". */
    String storedAs();

    /** The times the file carries for its frames, or null when it carries none (then --times or the scenario). */
    double[] times();

    /** Reads the next frame (row-major n×d) into {@code into}; false after the last frame. */
    boolean next(double[] into) throws IOException;

    @Override
    void close() throws IOException;
}
