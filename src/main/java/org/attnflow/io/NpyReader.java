package org.attnflow.io;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Reads one .npy file (see {@link Npy}) of float64 or float32, either byte order, C order, frame by frame without
 * loading it: {@link #shape()} is known at once, {@link #readFrame(double[])} returns the next index of the first
 * axis. A file that is not .npy, has another element type, or is shorter than its header says, is an
 * {@link InputException}.
 */
public final class NpyReader implements AutoCloseable {
    private static final int BUFFER_BYTES = 1 << 16;

    private final Path file;
    private final Npy.Header header;
    private final long frames;
    private final int frameSize;
    private final FileChannel channel;
    private final ByteBuffer buffer;
    private long framesRead;
    private final long dataStart;
    private final long elements;

    NpyReader(Path file) throws IOException {
        this.file = file;
        try {
            this.channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new InputException(".npy file not found: " + file);
        }
        try {
            this.header = readHeader();
            long[] shape = header.shape();
            if (header.fortranOrder() && Arrays.stream(shape).filter(n -> n > 1).count() > 1) {
                throw new InputException(file + ": Fortran-order .npy arrays are not supported (save it in C order)");
            }
            this.frames = shape.length == 0 ? 1 : shape[0];
            long frame = Npy.count(Arrays.copyOfRange(shape, Math.min(1, shape.length), shape.length));
            if (frame > Integer.MAX_VALUE) throw new InputException(file + ": an .npy frame of " + frame + " numbers is too large");
            this.frameSize = (int) frame;
            long dataBytes = Npy.count(shape) * header.type().bytes();
            long available = channel.size() - channel.position();
            if (available < dataBytes) {
                throw new InputException(file + ": truncated .npy file: shape " + Npy.shapeTuple(shape) + " needs "
                        + dataBytes + " data bytes, the file has " + available);
            }
            this.buffer = ByteBuffer.allocate(BUFFER_BYTES).order(header.order());
            buffer.limit(0);
            this.dataStart = channel.position();
            this.elements = Npy.count(shape);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    public long[] shape() { return header.shape().clone(); }

    public Npy.DType type() { return header.type(); }

    /** Length of the first axis (1 for a 0-d array). */
    public long frames() { return frames; }

    /** Numbers per frame: the product of the shape after its first axis. */
    public int frameSize() { return frameSize; }

    /** Reads the next frame into {@code into} (length {@link #frameSize()}); false when every frame was read. */
    public boolean readFrame(double[] into) throws IOException {
        if (into.length != frameSize) throw new IllegalArgumentException(file + ": a frame has " + frameSize + " numbers, got an array of " + into.length);
        if (framesRead == frames) return false;
        boolean f64 = header.type() == Npy.DType.FLOAT64;
        for (int i = 0; i < frameSize; i++) {
            if (buffer.remaining() < header.type().bytes()) refill();
            into[i] = f64 ? buffer.getDouble() : buffer.getFloat();
        }
        framesRead++;
        return true;
    }

    /**
     * Reads {@code into.length} numbers starting at element {@code first} (C order, counted from the array's start),
     * without moving the frame-by-frame reading: random access for views such as one system of a batch.
     */
    public void readAt(long first, double[] into) throws IOException {
        if (first < 0 || first + into.length > elements) {
            throw new IllegalArgumentException(file + ": elements " + first + ".." + (first + into.length) + " are outside the array of " + elements);
        }
        int bytes = header.type().bytes();
        ByteBuffer b = ByteBuffer.allocate(into.length * bytes).order(header.order());
        long position = dataStart + first * bytes;
        while (b.hasRemaining()) {
            int read = channel.read(b, position + b.position());
            if (read < 0) throw new EOFException(file + ": unexpected end of .npy data");
        }
        b.flip();
        boolean f64 = header.type() == Npy.DType.FLOAT64;
        for (int i = 0; i < into.length; i++) into[i] = f64 ? b.getDouble() : b.getFloat();
    }

    /** Every remaining number, in C order (for arrays that fit in memory). */
    public double[] readAll() throws IOException {
        long remaining = (frames - framesRead) * frameSize;
        if (remaining > Integer.MAX_VALUE - 8) throw new InputException(file + ": too large to read at once; read it frame by frame");
        double[] all = new double[(int) remaining];
        double[] frame = new double[frameSize];
        for (int at = 0; readFrame(frame); at += frameSize) System.arraycopy(frame, 0, all, at, frameSize);
        return all;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    private Npy.Header readHeader() throws IOException {
        ByteBuffer prefix = ByteBuffer.allocate(8);
        if (!readFully(prefix)) throw notNpy();
        byte[] magic = Arrays.copyOf(prefix.array(), Npy.MAGIC.length);
        if (!Arrays.equals(magic, Npy.MAGIC)) throw notNpy();
        int major = prefix.get(6);
        if (major < 1 || major > 3) throw new InputException(file + ": .npy format version " + major + " is not supported (1, 2 or 3)");
        ByteBuffer length = ByteBuffer.allocate(major == 1 ? 2 : 4).order(ByteOrder.LITTLE_ENDIAN);
        if (!readFully(length)) throw notNpy();
        long headerLength = major == 1 ? Short.toUnsignedInt(length.getShort(0)) : Integer.toUnsignedLong(length.getInt(0));
        if (headerLength > 1 << 24) throw new InputException(file + ": implausible .npy header length " + headerLength);
        ByteBuffer text = ByteBuffer.allocate((int) headerLength);
        if (!readFully(text)) throw new InputException(file + ": truncated .npy header");
        String dict = new String(text.array(), major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        return Npy.parseHeader(dict, file.toString());
    }

    private InputException notNpy() {
        return new InputException(file + ": not an .npy file (no \\x93NUMPY magic)");
    }

    private boolean readFully(ByteBuffer b) throws IOException {
        while (b.hasRemaining()) if (channel.read(b) < 0) return false;
        return true;
    }

    private void refill() throws IOException {
        buffer.compact();
        while (buffer.position() < header.type().bytes()) {
            if (channel.read(buffer) < 0) throw new EOFException(file + ": unexpected end of .npy data");
        }
        buffer.flip();
    }
}
