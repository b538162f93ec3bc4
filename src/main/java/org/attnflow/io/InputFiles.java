package org.attnflow.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reading a file the user named, with the one-line {@link InputException}s every command gives for it: not found,
 * a directory, not a regular file (a device such as {@code /dev/zero}, a pipe), too large, not readable, not UTF-8
 * text (with the line and byte that is not).
 *
 * <p>Reads are bounded: a JSON file is held whole (and its tree takes some 20 times its text in memory), so it is
 * refused above {@link #MAX_JSON_BYTES}, before a byte is read; text read line by line ({@link #lines}) holds one
 * line at a time, each at most {@link #MAX_LINE_BYTES}.
 */
public final class InputFiles {
    /**
     * The largest JSON input (scenario, sweep, run.json) read: 64 MiB of text is a million listed points of
     * dimension 3 and about 1.3 GB as a JSON tree; anything larger is not a hand-written input.
     */
    public static final long MAX_JSON_BYTES = 64L << 20;

    /** The longest line of a text input (CSV, times): 16 MiB, a wide CSV row of about a million numbers. */
    public static final int MAX_LINE_BYTES = 16 << 20;

    private InputFiles() {}

    /**
     * Bad input unless {@code file} is a regular, readable file: {@code what} names it in errors ("scenario",
     * "trajectory"). Returns its size in bytes.
     */
    public static long checkRegularFile(Path file, String what) {
        if (Files.isDirectory(file)) throw new InputException(what + " " + file + " is a directory, not a file");
        if (!Files.exists(file)) throw new InputException(what + " file not found: " + file);
        if (!Files.isRegularFile(file)) {
            throw new InputException(what + " " + file + " is not a regular file (a device, pipe or socket): give a file");
        }
        if (!Files.isReadable(file)) throw new InputException(what + " file not readable (permission denied): " + file);
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new InputException("cannot read " + what + " file " + file + ": " + e.getMessage());
        }
    }

    /** The file's UTF-8 text, at most {@link #MAX_JSON_BYTES}; {@code what} names it in errors ("scenario", "sweep"). */
    public static String readText(Path file, String what) {
        long size = checkRegularFile(file, what);
        if (size > MAX_JSON_BYTES) {
            throw new InputException(String.format(Locale.ROOT, "%s file %s is %d bytes, more than the %d MiB a %s may be (its JSON tree would "
                    + "take about 20 times that in memory)", what, file, size, MAX_JSON_BYTES >> 20, what));
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            // bounded even if the file grows while it is read
            bytes = in.readNBytes((int) MAX_JSON_BYTES + 1);
        } catch (NoSuchFileException e) {
            throw new InputException(what + " file not found: " + file);
        } catch (AccessDeniedException e) {
            throw new InputException(what + " file not readable (permission denied): " + file);
        } catch (IOException e) {
            throw new InputException("cannot read " + what + " file " + file + ": " + e.getMessage());
        }
        if (bytes.length > MAX_JSON_BYTES) throw new InputException(what + " file " + file + " grew beyond " + Resources.bytes(MAX_JSON_BYTES) + " while it was read");
        String text = decode(file, bytes, 1);
        // a byte-order mark (editors on Windows write one) is not part of the JSON
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /**
     * A text file read line by line ({@code \n}, {@code \r\n}), each line decoded as strict UTF-8: a byte that is
     * not (a Latin-1 é in a comment) is bad input naming the file, the line and the byte.
     */
    public static Lines lines(Path file, String what) throws IOException {
        checkRegularFile(file, what);
        return new Lines(file, Files.newInputStream(file));
    }

    /** The lines of a text file; {@link #line()} is the number of the last line returned (1-based). */
    public static final class Lines implements Closeable {
        private final Path file;
        private final InputStream in;
        private final byte[] chunk = new byte[1 << 16];
        private int position;
        private int limit;
        private byte[] line = new byte[256];
        private long number;

        private Lines(Path file, InputStream in) {
            this.file = file;
            this.in = in;
        }

        /** The next line without its line break, or null at the end of the file. */
        public String next() throws IOException {
            int length = 0;
            boolean any = false;
            while (true) {
                if (position == limit) {
                    limit = in.read(chunk);
                    position = 0;
                    if (limit <= 0) {
                        limit = 0;
                        break;
                    }
                }
                any = true;
                int start = position;
                while (position < limit && chunk[position] != '\n') position++;
                int count = position - start;
                if (length + count > MAX_LINE_BYTES) {
                    throw new InputException(file + ": line " + (number + 1) + " is longer than " + Resources.bytes(MAX_LINE_BYTES) + " (is this a text file?)");
                }
                if (length + count > line.length) line = java.util.Arrays.copyOf(line, Math.max(2 * line.length, length + count));
                System.arraycopy(chunk, start, line, length, count);
                length += count;
                if (position < limit) { // at the line break
                    position++;
                    break;
                }
            }
            if (!any) return null;
            number++;
            if (length > 0 && line[length - 1] == '\r') length--;
            return decode(file, java.util.Arrays.copyOf(line, length), number);
        }

        public long line() { return number; }

        @Override
        public void close() throws IOException { in.close(); }
    }

    /** Strict UTF-8; {@code firstLine} numbers the first line of {@code bytes} in the message. */
    private static String decode(Path file, byte[] bytes, long firstLine) {
        boolean ascii = true;
        for (byte b : bytes) {
            if (b < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) return new String(bytes, StandardCharsets.US_ASCII);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            // find the offending byte to name its line and column
            int at = firstBadByte(bytes);
            long line = firstLine;
            int column = 1;
            for (int i = 0; i < at; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    column = 1;
                } else {
                    column++;
                }
            }
            return fail(file, line, column, at < bytes.length ? bytes[at] & 0xff : -1);
        }
    }

    private static String fail(Path file, long line, int column, int value) {
        throw new InputException(String.format(Locale.ROOT, "%s: line %d, column %d: byte 0x%02X is not UTF-8 text (a Latin-1 or other "
                + "8-bit character? save the file as UTF-8 or ASCII)", file, line, column, value));
    }

    /** The offset of the first byte where strict UTF-8 decoding fails. */
    private static int firstBadByte(byte[] bytes) {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(Math.max(16, bytes.length));
        var result = decoder.decode(in, out, true);
        return result.isError() ? in.position() : bytes.length;
    }
}
