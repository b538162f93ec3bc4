package org.attnflow.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Writes one .npy file (see {@link Npy}) frame by frame: the header with the final shape first, then the numbers
 * in C order, little-endian, through a buffer. {@link #close()} fails if fewer numbers were written than the
 * shape promises, so an interrupted run never passes for a complete one.
 */
public final class NpyWriter implements AutoCloseable {
    private static final int BUFFER_BYTES = 1 << 16;

    private final Path file;
    private final Npy.DType type;
    private final long[] shape;
    private final long total;
    private final int frameSize;
    private final FileChannel channel;
    private final ByteBuffer buffer;
    private long written;
    private boolean closed;

    NpyWriter(Path file, Npy.DType type, long[] shape) throws IOException {
        if (shape.length == 0) throw new IllegalArgumentException("an .npy array needs at least one axis");
        for (long n : shape) if (n < 0) throw new IllegalArgumentException("negative .npy shape " + Arrays.toString(shape));
        long frame = Npy.count(Arrays.copyOfRange(shape, 1, shape.length));
        if (frame > Integer.MAX_VALUE) throw new IllegalArgumentException("an .npy frame of " + frame + " numbers does not fit an array");
        this.file = file;
        this.type = type;
        this.shape = shape.clone();
        this.total = Npy.count(shape);
        this.frameSize = (int) frame;
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        this.buffer = ByteBuffer.allocate(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        try {
            writeFully(ByteBuffer.wrap(Npy.header(type, shape)));
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    public long[] shape() { return shape.clone(); }

    /** Numbers in one frame (the product of the shape after its first axis). */
    public int frameSize() { return frameSize; }

    /** Appends one frame: exactly {@link #frameSize()} numbers. */
    public void writeFrame(double[] frame) throws IOException {
        if (frame.length != frameSize) {
            throw new IllegalArgumentException(file + ": a frame has " + frameSize + " numbers, got " + frame.length);
        }
        write(frame, 0, frame.length);
    }

    /** Appends {@code length} numbers from {@code values[offset..]}. */
    public void write(double[] values, int offset, int length) throws IOException {
        if (written + length > total) {
            throw new IllegalStateException(file + ": shape " + Npy.shapeTuple(shape) + " holds " + total + " numbers, "
                    + (written + length) + " written");
        }
        for (int i = offset; i < offset + length; i++) {
            if (buffer.remaining() < type.bytes()) drain();
            if (type == Npy.DType.FLOAT64) buffer.putDouble(values[i]);
            else buffer.putFloat((float) values[i]);
        }
        written += length;
    }

    /** Flushes and closes; fails if the file holds fewer numbers than its shape. */
    @Override
    public void close() throws IOException {
        if (closed) return;
        closed = true;
        try (channel) {
            drain();
        }
        if (written != total) {
            throw new IllegalStateException(file + ": incomplete, " + written + " of " + total + " numbers written");
        }
    }

    private void drain() throws IOException {
        buffer.flip();
        writeFully(buffer);
        buffer.clear();
    }

    private void writeFully(ByteBuffer b) throws IOException {
        while (b.hasRemaining()) channel.write(b);
    }
}
