package org.attnflow.io;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * NumPy's .npy format (format versions 1.0, 2.0, 3.0 read; 1.0 written, 2.0 only when a header needs it), for
 * float64 and float32 arrays in C order. Files are written and read frame by frame, a frame being one index of
 * the first axis (a [frames, n, d] trajectory is n·d numbers per frame), so that neither side holds the whole
 * array: the header carries the final shape, written up front because a run knows its frame count from its
 * {@link org.attnflow.model.TimeGrid}.
 *
 * <p>The format: the magic {@code \x93NUMPY}, a major and minor version byte, the header length (uint16 LE for
 * 1.0, uint32 LE for 2.0 and 3.0), then a Python dict literal such as
 * {@code {'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }}, padded with spaces and ended by a newline
 * so that the data starts at a multiple of 64 bytes; then the raw data.
 */
public final class Npy {
    private Npy() {}

    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    static final int ALIGNMENT = 64;

    /** The element types supported, by their NumPy type string. */
    public enum DType {
        FLOAT64(8, 'f'),
        FLOAT32(4, 'f');

        final int bytes;
        final char kind;

        DType(int bytes, char kind) {
            this.bytes = bytes;
            this.kind = kind;
        }

        public int bytes() { return bytes; }

        /** NumPy's type string for this type in the given byte order, e.g. {@code <f8}. */
        String descr(ByteOrder order) {
            return (order == ByteOrder.LITTLE_ENDIAN ? "<" : ">") + kind + bytes;
        }
    }

    /** Opens a float64 little-endian file for writing; {@code shape[0]} is the number of frames. */
    public static NpyWriter create(Path file, long... shape) throws IOException {
        return new NpyWriter(file, DType.FLOAT64, shape);
    }

    /** Opens a file of the given type for writing. */
    public static NpyWriter create(Path file, DType type, long... shape) throws IOException {
        return new NpyWriter(file, type, shape);
    }

    /** Opens a file for reading frame by frame; the header is read and checked at once. */
    public static NpyReader open(Path file) throws IOException {
        return new NpyReader(file);
    }

    /** Reads a whole (small) array: all its numbers in C order. */
    public static double[] readAll(Path file) throws IOException {
        try (NpyReader r = open(file)) {
            return r.readAll();
        }
    }

    /** Writes a whole 1-D float64 array. */
    public static void write(Path file, double[] values) throws IOException {
        try (NpyWriter w = create(file, values.length)) {
            w.write(values, 0, values.length);
        }
    }

    // ------------------------------------------------------------------ header

    /** The complete header bytes (magic through padding) for a C-order array. */
    static byte[] header(DType type, long[] shape) {
        String dict = "{'descr': '" + type.descr(ByteOrder.LITTLE_ENDIAN) + "', 'fortran_order': False, 'shape': "
                + shapeTuple(shape) + ", }";
        byte[] text = dict.getBytes(StandardCharsets.US_ASCII);
        int prefix = MAGIC.length + 2 + 2; // magic, version, uint16 length
        boolean v2 = prefix + text.length + 1 > 65535;
        if (v2) prefix += 2;
        int total = roundUp(prefix + text.length + 1, ALIGNMENT);
        int headerLength = total - prefix;
        byte[] out = new byte[total];
        Arrays.fill(out, (byte) ' ');
        System.arraycopy(MAGIC, 0, out, 0, MAGIC.length);
        out[6] = (byte) (v2 ? 2 : 1);
        out[7] = 0;
        int at = 8;
        out[at++] = (byte) headerLength;
        out[at++] = (byte) (headerLength >>> 8);
        if (v2) {
            out[at++] = (byte) (headerLength >>> 16);
            out[at++] = (byte) (headerLength >>> 24);
        }
        System.arraycopy(text, 0, out, at, text.length);
        out[total - 1] = '\n';
        return out;
    }

    static String shapeTuple(long[] shape) {
        if (shape.length == 1) return "(" + shape[0] + ",)";
        return Arrays.stream(shape).mapToObj(Long::toString).collect(Collectors.joining(", ", "(", ")"));
    }

    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern ORDER = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    /** The parsed header dict. */
    record Header(DType type, ByteOrder order, boolean fortranOrder, long[] shape) {}

    /** Parses the dict of a header; {@code where} names the file in messages. */
    static Header parseHeader(String dict, String where) {
        Matcher descr = DESCR.matcher(dict);
        Matcher order = ORDER.matcher(dict);
        Matcher shape = SHAPE.matcher(dict);
        if (!descr.find() || !order.find() || !shape.find()) {
            throw new InputException(where + ": not a valid .npy header: " + dict.strip());
        }
        String d = descr.group(1);
        ByteOrder byteOrder = switch (d.isEmpty() ? ' ' : d.charAt(0)) {
            case '<', '|' -> ByteOrder.LITTLE_ENDIAN;
            case '>' -> ByteOrder.BIG_ENDIAN;
            case '=' -> ByteOrder.nativeOrder();
            default -> null;
        };
        DType type = switch (d.length() > 1 ? d.substring(1) : "") {
            case "f8" -> DType.FLOAT64;
            case "f4" -> DType.FLOAT32;
            default -> null;
        };
        if (byteOrder == null || type == null) {
            throw new InputException(where + ": unsupported .npy element type '" + d + "' (float64 or float32 only)");
        }
        String[] parts = shape.group(1).split(",");
        long[] dims = Arrays.stream(parts).map(String::strip).filter(s -> !s.isEmpty()).mapToLong(s -> {
            try {
                return Long.parseLong(s.endsWith("L") ? s.substring(0, s.length() - 1) : s);
            } catch (NumberFormatException e) {
                throw new InputException(where + ": bad .npy shape (" + shape.group(1) + ")");
            }
        }).toArray();
        for (long n : dims) if (n < 0) throw new InputException(where + ": bad .npy shape (" + shape.group(1) + ")");
        return new Header(type, byteOrder, order.group(1).equals("True"), dims);
    }

    static long count(long[] shape) {
        long c = 1;
        for (long n : shape) c = Math.multiplyExact(c, n);
        return c;
    }

    private static int roundUp(int x, int m) {
        return (x + m - 1) / m * m;
    }
}
