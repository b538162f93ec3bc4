package org.attnflow.verify;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

import org.attnflow.io.InputException;
import org.attnflow.io.InputFiles;

/**
 * A trajectory in CSV, in either of two layouts (README, "validate"):
 * <ul>
 *   <li><b>long</b>: {@code t,token,x1,...,xd}, one line per token and frame, tokens 0..n−1 in order within a frame
 *       (what {@code attnflow simulate --format csv} writes);</li>
 *   <li><b>wide</b>: one line per frame of n·d numbers, token 0's d coordinates first, optionally preceded by the
 *       time ({@code t,...}: n·d + 1 columns).</li>
 * </ul>
 * A first line that is not all numbers is a header; a header starting {@code t,token} means long, a header whose
 * first name is {@code t} or {@code time} means wide with times. Without a header the column count decides
 * (d + 2: long; n·d: wide; n·d + 1: wide with times) and a count that fits two layouts is an error asking for a
 * header. Blank lines and lines starting with {@code #} are skipped.
 *
 * <p>Opening reads the file once to count frames, check the layout and that every field is a number (NaN and
 * infinities are numbers: validate reports them as findings) and collect the times (8 bytes per frame); the frames
 * are then read while streaming, one at a time.
 */
final class CsvTrajectorySource implements TrajectorySource {
    private enum Layout { LONG, WIDE, WIDE_WITH_TIME }

    private final Path file;
    private final int n;
    private final int d;
    private final Layout layout;
    private final boolean header;
    private final long frames;
    private final double[] times;
    private final InputFiles.Lines in;
    private long line;

    CsvTrajectorySource(Path file, int n, int d) throws IOException {
        this.file = file;
        this.n = n;
        this.d = d;
        Scan scan = scan(file);
        this.layout = scan.layout;
        this.header = scan.header;
        this.frames = scan.frames;
        this.times = scan.times;
        this.in = InputFiles.lines(file, "trajectory");
        this.line = 0;
        if (header) nextRecord(in);
    }

    @Override
    public long frames() { return frames; }

    @Override
    public String storedAs() { return "csv"; }

    @Override
    public double[] times() { return times == null ? null : times.clone(); }

    @Override
    public boolean next(double[] into) throws IOException {
        if (layout == Layout.LONG) {
            for (int i = 0; i < n; i++) {
                String[] fields = nextRecord(in);
                if (fields == null) return false;
                for (int c = 0; c < d; c++) into[i * d + c] = number(fields[2 + c], c + 3);
            }
            return true;
        }
        String[] fields = nextRecord(in);
        if (fields == null) return false;
        int skip = layout == Layout.WIDE_WITH_TIME ? 1 : 0;
        for (int k = 0; k < n * d; k++) into[k] = number(fields[skip + k], skip + k + 1);
        return true;
    }

    @Override
    public void close() throws IOException { in.close(); }

    // ------------------------------------------------------------------ reading

    /** The next non-blank, non-comment line split at commas (fields trimmed), or null at the end. */
    private String[] nextRecord(InputFiles.Lines r) throws IOException {
        String s;
        while ((s = r.next()) != null) {
            line = r.line();
            String t = s.strip();
            if (t.isEmpty() || t.startsWith("#")) continue;
            String[] f = t.split(",", -1);
            for (int i = 0; i < f.length; i++) f[i] = f[i].strip();
            return f;
        }
        return null;
    }

    private double number(String field, int column) {
        try {
            return parse(field);
        } catch (NumberFormatException e) {
            throw new InputException(file + ": line " + line + ", column " + column + ": not a number: '" + field + "'");
        }
    }

    /**
     * A number as Java or NumPy writes it: NaN and infinities are numbers here ({@code nan}, {@code inf}, {@code -inf}
     * as well as {@code NaN}, {@code Infinity}): a non-finite value in their trajectory is a finding of validate, not bad
     * input.
     */
    static double parse(String field) {
        switch (field.toLowerCase(java.util.Locale.ROOT)) {
            case "nan", "+nan", "-nan" -> { return Double.NaN; }
            case "inf", "+inf", "infinity", "+infinity" -> { return Double.POSITIVE_INFINITY; }
            case "-inf", "-infinity" -> { return Double.NEGATIVE_INFINITY; }
            default -> { return Double.parseDouble(field); }
        }
    }

    private static boolean numeric(String[] fields) {
        for (String f : fields) {
            try {
                parse(f);
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return true;
    }

    private record Scan(Layout layout, boolean header, long frames, double[] times) {}

    /** The first pass: layout, frame count, times; every line's column count and (long layout) token order. */
    private Scan scan(Path file) throws IOException {
        try (InputFiles.Lines r = InputFiles.lines(file, "trajectory")) {
            line = 0;
            String[] first = nextRecord(r);
            if (first == null) throw new InputException(file + ": empty CSV file");
            boolean hasHeader = !numeric(first);
            Layout layout = hasHeader ? fromHeader(first) : fromColumns(first.length);
            int columns = switch (layout) {
                case LONG -> d + 2;
                case WIDE -> n * d;
                case WIDE_WITH_TIME -> n * d + 1;
            };
            double[] times = layout == Layout.WIDE ? null : new double[16];
            long count = 0;
            long records = 0;
            String[] f = hasHeader ? nextRecord(r) : first;
            for (; f != null; f = nextRecord(r)) {
                if (f.length != columns) {
                    throw new InputException(file + ": line " + line + " has " + f.length + " columns; the " + layout.name().toLowerCase().replace('_', ' ')
                            + " layout for n = " + n + ", d = " + d + " needs " + columns);
                }
                if (layout == Layout.LONG) {
                    int expected = (int) (records % n);
                    if (!f[1].equals(Integer.toString(expected))) {
                        throw new InputException(file + ": line " + line + ": token " + f[1] + " where token " + expected
                                + " was expected (tokens 0.." + (n - 1) + " in order within each frame)");
                    }
                    for (int c = 0; c < d; c++) number(f[2 + c], c + 3);
                    double t = number(f[0], 1);
                    if (expected == 0) {
                        times = put(times, count++, t);
                    } else if (Double.compare(t, times[(int) count - 1]) != 0) {
                        throw new InputException(file + ": line " + line + ": time " + f[0] + " differs from the time of token 0 of the same frame");
                    }
                    records++;
                } else {
                    int skip = layout == Layout.WIDE_WITH_TIME ? 1 : 0;
                    for (int k = 0; k < n * d; k++) number(f[skip + k], skip + k + 1);
                    if (times != null) times = put(times, count, number(f[0], 1));
                    count++;
                }
            }
            if (layout == Layout.LONG && records % n != 0) {
                throw new InputException(file + ": the last frame has " + records % n + " of its " + n + " tokens");
            }
            return new Scan(layout, hasHeader, count, times == null ? null : Arrays.copyOf(times, (int) count));
        }
    }

    private Layout fromHeader(String[] names) {
        String a = names[0].toLowerCase(), b = names.length > 1 ? names[1].toLowerCase() : "";
        if ((a.equals("t") || a.equals("time")) && b.equals("token")) return Layout.LONG;
        if (a.equals("t") || a.equals("time")) return Layout.WIDE_WITH_TIME;
        return Layout.WIDE;
    }

    private Layout fromColumns(int columns) {
        boolean isLong = columns == d + 2, wide = columns == n * d, wideWithTime = columns == n * d + 1;
        int fits = (isLong ? 1 : 0) + (wide ? 1 : 0) + (wideWithTime ? 1 : 0);
        if (fits > 1) {
            throw new InputException(file + ": " + columns + " columns fit more than one CSV layout for n = " + n + ", d = " + d
                    + ": add a header line (t,token,x1,... or t,x... or x...)");
        }
        if (isLong) return Layout.LONG;
        if (wide) return Layout.WIDE;
        if (wideWithTime) return Layout.WIDE_WITH_TIME;
        throw new InputException(file + ": " + columns + " columns match no CSV layout for n = " + n + ", d = " + d
                + " (t,token,x1..x" + d + ": " + (d + 2) + "; one row per frame: " + n * d + ", or " + (n * d + 1) + " with t first)");
    }

    private static double[] put(double[] a, long at, double v) {
        if (at > Integer.MAX_VALUE - 8) throw new InputException("too many frames");
        double[] b = at < a.length ? a : Arrays.copyOf(a, (int) Math.min(Integer.MAX_VALUE - 8, 2L * a.length));
        b[(int) at] = v;
        return b;
    }
}
