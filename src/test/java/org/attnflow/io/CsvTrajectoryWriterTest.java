package org.attnflow.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CsvTrajectoryWriterTest {

    @Test
    void everyDigitIsWrittenSoTheDoublesParseBackExactly(@TempDir Path dir) throws IOException {
        int n = 3, d = 2;
        Random rng = new Random(11);
        double[][] frames = new double[4][n * d];
        double[] times = {0, 0.1, 3 * 0.1, 1e-17};
        for (double[] f : frames) for (int i = 0; i < f.length; i++) f[i] = rng.nextGaussian() * Math.pow(10, rng.nextInt(40) - 20);
        frames[1][0] = Double.MIN_VALUE;
        frames[1][1] = -0.0;
        frames[2][2] = Math.nextDown(1.0);

        Path file = dir.resolve("trajectory.csv");
        try (CsvTrajectoryWriter w = new CsvTrajectoryWriter(file, n, d)) {
            for (int f = 0; f < frames.length; f++) w.writeFrame(times[f], frames[f]);
        }
        List<String> lines = Files.readAllLines(file);
        assertEquals("t,token,x1,x2", lines.get(0));
        assertEquals(1 + frames.length * n, lines.size());
        for (int f = 0; f < frames.length; f++) {
            for (int i = 0; i < n; i++) {
                String[] cells = lines.get(1 + f * n + i).split(",");
                assertEquals(2 + d, cells.length);
                // times are written as the decimal they stand for (15 significant digits): 3 * 0.1 is 0.3, not 0.30000000000000004
                assertEquals(new String[] {"0", "0.1", "0.3", "1e-17"}[f], cells[0]);
                assertEquals(i, Integer.parseInt(cells[1]), "tokens are 0-based");
                for (int c = 0; c < d; c++) {
                    assertEquals(Double.doubleToRawLongBits(frames[f][i * d + c]), Double.doubleToRawLongBits(Double.parseDouble(cells[2 + c])));
                }
            }
        }
    }

    @Test
    void decimalStringsPassThroughUnchanged(@TempDir Path dir) throws IOException {
        String digits = "0.70710678118654752440084436210484903928483593768847";
        Path file = dir.resolve("reference.csv");
        try (CsvTrajectoryWriter w = new CsvTrajectoryWriter(file, 1, 2)) {
            w.writeFrame("0.5", new String[] {digits, "-" + digits});
        }
        String row = Files.readAllLines(file).get(1);
        assertEquals("0.5,0," + digits + ",-" + digits, row);
        assertEquals(new BigDecimal(digits), new BigDecimal(row.split(",")[2]));
    }
}
