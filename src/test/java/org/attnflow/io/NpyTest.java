package org.attnflow.io;

import org.attnflow.testing.Python;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NpyTest {

    /** Doubles whose every bit matters: no decimal rounding may survive a write and read. */
    private static final double[] AWKWARD = {0.1, -0.0, 1e-300, Double.MIN_VALUE, Math.PI, -1.0 / 3, 1e300, Math.nextUp(1.0),
            0, 2.5, -7.25e-5, Double.MAX_VALUE};

    private static double[] frame(int f) {
        double[] x = new double[6];
        for (int i = 0; i < x.length; i++) x[i] = AWKWARD[(i + f) % AWKWARD.length] * (f + 1);
        return x;
    }

    private static Path writeTrajectory(Path dir, int frames) throws IOException {
        Path file = dir.resolve("t.npy");
        try (NpyWriter w = Npy.create(file, frames, 3, 2)) {
            for (int f = 0; f < frames; f++) w.writeFrame(frame(f));
        }
        return file;
    }

    @Test
    void headerIsNumpyVersion1WithFinalShapeAndAlignedData(@TempDir Path dir) throws IOException {
        Path file = writeTrajectory(dir, 4);
        byte[] bytes = Files.readAllBytes(file);
        assertArrayEquals(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}, Arrays.copyOf(bytes, 8));
        int headerLength = ByteBuffer.wrap(bytes, 8, 2).order(ByteOrder.LITTLE_ENDIAN).getShort() & 0xffff;
        int dataStart = 10 + headerLength;
        assertEquals(0, dataStart % 64, "data must start on a 64-byte boundary");
        String dict = new String(bytes, 10, headerLength, StandardCharsets.US_ASCII);
        assertTrue(dict.endsWith("\n"));
        assertEquals("{'descr': '<f8', 'fortran_order': False, 'shape': (4, 3, 2), }", dict.strip());
        assertEquals(dataStart + 4 * 6 * 8, bytes.length);
        // the first number, decoded by hand from the raw little-endian bytes
        assertEquals(frame(0)[0], ByteBuffer.wrap(bytes, dataStart, 8).order(ByteOrder.LITTLE_ENDIAN).getDouble());
    }

    @Test
    void framesReadBackBitForBitWithoutLoadingTheFile(@TempDir Path dir) throws IOException {
        Path file = writeTrajectory(dir, 5);
        try (NpyReader r = Npy.open(file)) {
            assertArrayEquals(new long[] {5, 3, 2}, r.shape());
            assertEquals(Npy.DType.FLOAT64, r.type());
            assertEquals(6, r.frameSize());
            double[] x = new double[6];
            for (int f = 0; f < 5; f++) {
                assertTrue(r.readFrame(x));
                for (int i = 0; i < 6; i++) assertEquals(Double.doubleToRawLongBits(frame(f)[i]), Double.doubleToRawLongBits(x[i]));
            }
            assertFalse(r.readFrame(x));
        }
    }

    @Test
    void oneDimensionalArrayAndFloat32(@TempDir Path dir) throws IOException {
        Path times = dir.resolve("times.npy");
        Npy.write(times, AWKWARD);
        assertArrayEquals(AWKWARD, Npy.readAll(times));
        try (NpyReader r = Npy.open(times)) {
            assertArrayEquals(new long[] {AWKWARD.length}, r.shape());
        }
        Path f32 = dir.resolve("f32.npy");
        try (NpyWriter w = Npy.create(f32, Npy.DType.FLOAT32, 2, 6)) {
            w.writeFrame(frame(0));
            w.writeFrame(frame(1));
        }
        double[] back = Npy.readAll(f32);
        for (int i = 0; i < 6; i++) assertEquals((float) frame(0)[i], (float) back[i]);
        assertTrue(new String(Files.readAllBytes(f32), StandardCharsets.ISO_8859_1).contains("'descr': '<f4'"));
    }

    @Test
    void anIncompleteFileIsAnErrorOnCloseAndATruncatedOneOnOpen(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("short.npy");
        NpyWriter w = Npy.create(file, 3, 2);
        w.writeFrame(new double[] {1, 2});
        assertThrows(IllegalStateException.class, w::close);
        InputException e = assertThrows(InputException.class, () -> Npy.open(file));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());

        Path notNpy = dir.resolve("x.npy");
        Files.writeString(notNpy, "hello, world");
        assertTrue(assertThrows(InputException.class, () -> Npy.open(notNpy)).getMessage().contains("not an .npy file"));
    }

    @Test
    void headerTooLongForVersion1UsesVersion2() {
        long[] shape = new long[30000];
        Arrays.fill(shape, 1);
        byte[] header = Npy.header(Npy.DType.FLOAT64, shape);
        assertEquals(2, header[6]);
        assertEquals(0, header.length % 64);
    }

    // ------------------------------------------------------------ independent check: NumPy itself

    @Test
    void numpyReadsWhatWeWrite(@TempDir Path dir) throws Exception {
        assumeNumpy();
        Path file = writeTrajectory(dir, 3);
        List<String> out = Python.run("import numpy as np, sys\n"
                + "a = np.load(sys.argv[1])\n"
                + "print(a.dtype.str, a.shape)\n"
                + "print(' '.join(repr(float(v)) for v in a.ravel()))\n", file.toString());
        assertEquals("<f8 (3, 3, 2)", out.get(0));
        double[] values = Arrays.stream(out.get(1).split(" ")).mapToDouble(Double::parseDouble).toArray();
        double[] expected = new double[18];
        for (int f = 0; f < 3; f++) System.arraycopy(frame(f), 0, expected, 6 * f, 6);
        assertArrayEquals(expected, values, 0.0);
    }

    @Test
    void weReadWhatNumpyWrites(@TempDir Path dir) throws Exception {
        assumeNumpy();
        Path f64 = dir.resolve("a.npy");
        Path f32 = dir.resolve("b.npy");
        Path big = dir.resolve("c.npy");
        Python.run("import numpy as np, sys\n"
                + "a = np.arange(24, dtype=np.float64).reshape(2, 3, 4) / 7\n"
                + "np.save(sys.argv[1], a)\n"
                + "np.save(sys.argv[2], a.astype(np.float32))\n"
                + "np.save(sys.argv[3], a.astype('>f8'))\n", f64.toString(), f32.toString(), big.toString());
        double[] expected = new double[24];
        for (int i = 0; i < 24; i++) expected[i] = i / 7.0;
        try (NpyReader r = Npy.open(f64)) {
            assertArrayEquals(new long[] {2, 3, 4}, r.shape());
            assertArrayEquals(expected, r.readAll(), 0.0);
        }
        double[] single = Npy.readAll(f32);
        for (int i = 0; i < 24; i++) assertEquals((float) expected[i], (float) single[i]);
        assertArrayEquals(expected, Npy.readAll(big), 0.0);
    }

    private static void assumeNumpy() {
        Python.assumeModules("the NumPy interop of Npy (NumPy reads what we write, we read what NumPy writes)", "numpy");
    }
}
