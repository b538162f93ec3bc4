package org.attnflow.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.attnflow.model.TimeGrid;

/**
 * Writes a trajectory as CSV: a header {@code t,token,x1,...,xd}, then one line per saved time and token (tokens
 * 0-based) with every digit the arithmetic carries. Coordinates are written by {@link Double#toString(double)},
 * which (since JDK 19) is the shortest decimal that parses back to the same double, so reading the file loses
 * nothing; times as the decimal they stand for ({@link TimeGrid#text}: 0.3, not 3·0.1 = 0.30000000000000004); the
 * arbitrary-precision reference passes its decimal strings through unchanged.
 */
public final class CsvTrajectoryWriter implements AutoCloseable {
    private final Path file;
    private final int n;
    private final int d;
    private final BufferedWriter out;

    public CsvTrajectoryWriter(Path file, int n, int d) throws IOException {
        this(file, n, d, "x", false);
    }

    /** Coordinates named {@code name}1..{@code name}d in the header ("x", or "z" for the rescaled tokens). */
    public CsvTrajectoryWriter(Path file, int n, int d, String name) throws IOException {
        this(file, n, d, name, false);
    }

    /** @param single one value column named {@code name} (d = 1: the radii), else {@code name}1..{@code name}d */
    private CsvTrajectoryWriter(Path file, int n, int d, String name, boolean single) throws IOException {
        if (n < 1 || d < 1) throw new IllegalArgumentException("need n, d >= 1, got n = " + n + ", d = " + d);
        this.file = file;
        this.n = n;
        this.d = d;
        this.out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        StringBuilder header = new StringBuilder("t,token");
        if (single) header.append(',').append(name);
        else for (int c = 1; c <= d; c++) header.append(',').append(name).append(c);
        out.write(header.append('\n').toString());
    }

    /** The radii of a run (spec/math.md §7.2): header {@code t,token,r}, one line per saved time and token. */
    public static CsvTrajectoryWriter radius(Path file, int n) throws IOException {
        return new CsvTrajectoryWriter(file, n, 1, "r", true);
    }

    /** One saved state: n·d doubles, row-major (token i at {@code [i*d, i*d+d)}). */
    public void writeFrame(double t, double[] x) throws IOException {
        checkLength(x.length);
        String time = TimeGrid.text(t);
        for (int i = 0; i < n; i++) {
            out.write(time);
            out.write(',');
            out.write(Integer.toString(i));
            for (int c = 0; c < d; c++) {
                out.write(',');
                out.write(Double.toString(x[i * d + c]));
            }
            out.write('\n');
        }
    }

    /** One saved state as decimal strings (arbitrary precision), n·d of them, row-major; written as given. */
    public void writeFrame(CharSequence t, CharSequence[] x) throws IOException {
        checkLength(x.length);
        for (int i = 0; i < n; i++) {
            out.append(t).append(',').append(Integer.toString(i));
            for (int c = 0; c < d; c++) out.append(',').append(x[i * d + c]);
            out.write('\n');
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    private void checkLength(int length) {
        if (length != n * d) throw new IllegalArgumentException(file + ": a frame has n·d = " + n * d + " numbers, got " + length);
    }
}
