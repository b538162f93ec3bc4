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
