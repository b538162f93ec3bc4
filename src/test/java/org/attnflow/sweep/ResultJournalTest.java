package org.attnflow.sweep;

import org.attnflow.io.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResultJournalTest {
    private final SweepSpec spec = SweepFixtures.small();

    /** Values that exercise the round trip: irrational, tiny, negative zero, and a failed run's NaN. */
    private RunResult result(int id) {
        boolean failed = id == 2;
        double[][] v = new double[spec.statistics().size()][spec.times().length];
        for (int s = 0; s < v.length; s++) {
            for (int t = 0; t < v[s].length; t++) v[s][t] = failed ? Double.NaN : (t == 0 ? -0.0 : Math.PI * id / (s + t) + 1e-300);
        }
        return new RunResult(spec.run(id), failed, failed ? "dopri5: step size 1e-17 underflows, at t = 2" : "", 10L * id, id, 60L * id, 0.5, v);
    }

    private Path journalWith(Path dir, int... ids) {
        Path file = dir.resolve("results.csv");
        try (ResultJournal j = ResultJournal.open(file, spec)) {
            for (int id : ids) j.append(result(id));
        }
        return file;
    }

    @Test
    void rowsRoundTripBitForBit(@TempDir Path dir) {
        Path file = journalWith(dir, 0, 2, 5);
        try (ResultJournal j = ResultJournal.open(file, spec)) {
            assertEquals(List.of(0, 2, 5), List.copyOf(j.results().keySet()));
            for (int id : new int[] {0, 2, 5}) assertTrue(result(id).sameOutcome(j.results().get(id)), "run " + id);
            assertEquals("", j.droppedTail());
        }
    }

    @Test
    void aTornLastLineIsDroppedAndTheRunCanBeAppendedAgain(@TempDir Path dir) throws IOException {
        Path file = journalWith(dir, 0, 1);
        String whole = Files.readString(file);
        String line = new ResultCsv(spec).format(result(3));
        Files.writeString(file, line.substring(0, line.length() / 2), StandardOpenOption.APPEND);
        try (ResultJournal j = ResultJournal.open(file, spec)) {
            assertEquals(2, j.size());
            assertFalse(j.done(3));
            assertEquals(line.substring(0, line.length() / 2), j.droppedTail());
            assertEquals(whole, Files.readString(file), "the file is truncated back to its last whole line");
            j.append(result(3));
        }
        try (ResultJournal j = ResultJournal.open(file, spec)) {
            assertEquals(List.of(0, 1, 3), List.copyOf(j.results().keySet()));
        }
    }

    @Test
    void aDamagedLastLineWithALineBreakIsDroppedToo(@TempDir Path dir) throws IOException {
        Path file = journalWith(dir, 0, 1);
        String line = new ResultCsv(spec).format(result(3));
        // a torn write followed by garbage that happens to contain a line break: the checksum does not match
        Files.writeString(file, line.substring(0, 30) + "\u0000\u0000\n", StandardOpenOption.APPEND);
        try (ResultJournal j = ResultJournal.open(file, spec)) {
            assertEquals(2, j.size());
            assertTrue(Files.readString(file).endsWith(new ResultCsv(spec).format(result(1)) + "\n"));
        }
    }

    @Test
    void aTornHeaderStartsTheFileAgain(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("results.csv");
        Files.writeString(file, "run,beta,n,d,V,se");
        try (ResultJournal j = ResultJournal.open(file, spec)) {
            assertEquals(0, j.size());
            j.append(result(4));
        }
        assertEquals(new ResultCsv(spec).header() + "\n" + new ResultCsv(spec).format(result(4)) + "\n", Files.readString(file));
    }

    @Test
    void damageThatIsNotATornWriteIsReportedNotRepaired(@TempDir Path dir) throws IOException {
        Path file = journalWith(dir, 0, 1, 4);
        List<String> lines = Files.readAllLines(file);

        Files.write(file, List.of(lines.get(0), lines.get(1).replace(",ok,", ",ko,"), lines.get(2), lines.get(3)));
        InputException middle = assertThrows(InputException.class, () -> ResultJournal.open(file, spec).close());
        assertTrue(middle.getMessage().contains("line 2 is damaged"), middle.getMessage());

        Files.write(file, List.of(lines.get(0), lines.get(1), lines.get(2), lines.get(1)));
        InputException twice = assertThrows(InputException.class, () -> ResultJournal.open(file, spec).close());
        assertTrue(twice.getMessage().contains("run 0 appears twice"), twice.getMessage());

        Files.write(file, List.of(lines.get(0).replace("cluster-count", "cluster-kount"), lines.get(1)));
        InputException other = assertThrows(InputException.class, () -> ResultJournal.open(file, spec).close());
        assertTrue(other.getMessage().contains("header is not this sweep's"), other.getMessage());

        Files.write(file, lines);
        try (ResultJournal j = ResultJournal.open(file, spec)) {
            assertThrows(IllegalStateException.class, () -> j.append(result(1)), "a run is never written twice");
        }
        assertEquals(lines, Files.readAllLines(file));
    }

    @Test
    void aLineIsOneUtf8LineWithItsChecksum() {
        String line = new ResultCsv(spec).format(result(2));
        assertFalse(line.contains("\n"));
        int cut = line.lastIndexOf(',');
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(line.substring(0, cut).getBytes(StandardCharsets.UTF_8));
        assertEquals(Long.parseLong(line.substring(cut + 1), 16), crc.getValue());
        assertTrue(line.contains(",failed,"));
        assertTrue(line.contains("dopri5: step size 1e-17 underflows; at t = 2"), "the comma of the message is replaced: " + line);
    }
}
