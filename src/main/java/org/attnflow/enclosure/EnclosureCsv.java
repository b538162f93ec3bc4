package org.attnflow.enclosure;

import java.io.IOException;
import java.io.Writer;
import org.attnflow.enclosure.interval.Interval;

/**
 * The box file: a header {@code t,token,x1_lo,x1_hi,…,xd_lo,xd_hi}, then one line per saved time and token
 * (tokens 0-based, like the trajectory CSV). The time is {@link Double#toString(double)} (the shortest decimal
 * that reads back as the same double, whose exact value is the time enclosed); each end is the interval's
 * endpoint written exactly by {@link java.math.BigDecimal#toString()}: the endpoints are the outward-rounded
 * results themselves, so no digit is dropped and no further rounding happens on the way to the file.
 */
public final class EnclosureCsv {
    private EnclosureCsv() {}

    /** {@code t,token,x1_lo,x1_hi,…,xd_lo,xd_hi}. */
    public static String header(int d) {
        if (d < 1) throw new IllegalArgumentException("d must be >= 1, got " + d);
        StringBuilder h = new StringBuilder("t,token");
        for (int c = 1; c <= d; c++) h.append(",x").append(c).append("_lo,x").append(c).append("_hi");
        return h.toString();
    }

    /** Writes the header line. */
    public static void writeHeader(Writer out, int d) throws IOException {
        out.write(header(d));
        out.write('\n');
    }

    /**
     * Reads a box file back, frame by frame (n lines each, tokens 0..n−1 in order): what {@code validate --against
     * FILE} compares with. A file that is not such a file is an IllegalArgumentException naming the line.
     */
    public static final class Reader implements AutoCloseable {
        private final java.io.BufferedReader in;
        private final int n;
        private final int d;
        private long line = 1;
        private int index;

        public Reader(java.io.BufferedReader in, int n, int d) throws IOException {
            this.in = in;
            this.n = n;
            this.d = d;
            String first = in.readLine();
            if (first == null || !first.strip().equals(header(d))) {
                throw new IllegalArgumentException("line 1: expected the header " + header(d) + " (d = " + d + "), got " + first);
            }
        }

        /** The next frame, or null at the end of the file. */
        public EnclosureFrame next() throws IOException {
            Interval[] box = new Interval[n * d];
            double time = Double.NaN;
            for (int i = 0; i < n; i++) {
                String s = in.readLine();
                line++;
                if (s == null) {
                    if (i == 0) return null;
                    throw new IllegalArgumentException("line " + line + ": the file ends inside a frame (" + i + " of " + n + " tokens)");
                }
                String[] f = s.strip().split(",", -1);
                if (f.length != 2 + 2 * d) throw new IllegalArgumentException("line " + line + ": " + f.length + " columns, expected " + (2 + 2 * d));
                try {
                    double t = Double.parseDouble(f[0]);
                    if (i == 0) time = t;
                    else if (t != time) throw new IllegalArgumentException("line " + line + ": time " + f[0] + " differs from the frame's " + time);
                    if (Integer.parseInt(f[1]) != i) throw new IllegalArgumentException("line " + line + ": token " + f[1] + " where token " + i + " was expected");
                    for (int c = 0; c < d; c++) {
                        java.math.BigDecimal lo = new java.math.BigDecimal(f[2 + 2 * c]), hi = new java.math.BigDecimal(f[3 + 2 * c]);
                        if (lo.compareTo(hi) > 0) throw new IllegalArgumentException("line " + line + ": interval [" + lo + ", " + hi + "] is empty");
                        box[i * d + c] = new Interval(lo, hi);
                    }
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("line " + line + ": not a number (" + e.getMessage() + ")");
                }
            }
            return new EnclosureFrame(index++, time, n, d, box, -1);
        }

        @Override
        public void close() throws IOException { in.close(); }
    }

    /** Writes one line per token of the frame. */
    public static void writeFrame(Writer out, EnclosureFrame frame) throws IOException {
        String time = Double.toString(frame.time());
        for (int i = 0; i < frame.tokens(); i++) {
            StringBuilder line = new StringBuilder(time).append(',').append(i);
            for (int c = 0; c < frame.dimension(); c++) {
                Interval x = frame.interval(i, c);
                line.append(',').append(x.lower().toString()).append(',').append(x.upper().toString());
            }
            out.write(line.append('\n').toString());
        }
    }
}
