package org.attnflow.sweep;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The local engine: the same numbers with any number of threads, and after any interruption. */
class LocalSweepTest {

    static SweepOutcome sweep(Path out, int threads, int limit, boolean resume) throws InterruptedException {
        try (SweepDirectory dir = SweepDirectory.open(out, resume ? null : SweepFixtures.small(), resume)) {
            return LocalSweep.run(dir, threads, limit, SweepListener.NONE);
        }
    }

    static SortedMap<Integer, RunResult> results(Path out) {
        try (ResultJournal j = ResultJournal.open(out.resolve(SweepDirectory.RESULTS_CSV), SweepFixtures.small())) {
            return j.results();
        }
    }

    @Test
    void oneThreadAndTwoThreadsGiveTheSameNumbers(@TempDir Path tmp) throws Exception {
        SweepOutcome one = sweep(tmp.resolve("one"), 1, 0, false);
        SweepOutcome two = sweep(tmp.resolve("two"), 2, 0, false);
        assertTrue(one.complete() && two.complete());
        assertEquals(12, one.ran());
        assertEquals(0, one.failed());
        assertEquals(List.of(SweepDirectory.AGGREGATE, "phase-Videntity-d2-n8.png", "phase-Videntity-d2-n8.svg", "phase-Videntity-d2-n8.pdf",
                "phase-Vhalf-d2-n8.png", "phase-Vhalf-d2-n8.svg", "phase-Vhalf-d2-n8.pdf"), one.files(), "each phase diagram as PNG, SVG and PDF");
        String aggregate = Files.readString(tmp.resolve("one").resolve(SweepDirectory.AGGREGATE));
        assertEquals(aggregate, Files.readString(tmp.resolve("two").resolve(SweepDirectory.AGGREGATE)));
        // 4 groups × 5 statistics × 4 times, plus the header
        assertEquals(1 + 4 * 5 * 4, aggregate.lines().count());
        SortedMap<Integer, RunResult> a = results(tmp.resolve("one")), b = results(tmp.resolve("two"));
        assertEquals(a.keySet(), b.keySet());
        for (int id : a.keySet()) assertTrue(a.get(id).sameOutcome(b.get(id)), "run " + id);
        assertFalse(aggregate.contains("NaN"));
    }

    /** {@code "figure": false}: the aggregate table alone, the same bytes as with the figures. */
    @Test
    void withoutFiguresOnlyTheAggregateIsWritten(@TempDir Path tmp) throws Exception {
        SweepSpec plain = SweepReader.parse(SweepFixtures.SMALL.replace("\"aggregate\": [", "\"figure\": false, \"aggregate\": ["), "small.json", Path.of("."));
        SweepOutcome without;
        try (SweepDirectory dir = SweepDirectory.open(tmp.resolve("plain"), plain, false)) {
            without = LocalSweep.run(dir, 2, 0, SweepListener.NONE);
        }
        assertEquals(List.of(SweepDirectory.AGGREGATE), without.files());
        sweep(tmp.resolve("figures"), 2, 0, false);
        assertEquals(Files.readString(tmp.resolve("figures").resolve(SweepDirectory.AGGREGATE)), Files.readString(tmp.resolve("plain").resolve(SweepDirectory.AGGREGATE)));
        try (var files = Files.list(tmp.resolve("plain"))) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().startsWith("phase")), "no phase diagram");
        }
    }

    @Test
    void aResumedSweepEqualsAnUninterruptedOne(@TempDir Path tmp) throws Exception {
        Path whole = tmp.resolve("whole");
        sweep(whole, 2, 0, false);

        Path cut = tmp.resolve("cut");
        SweepOutcome first = sweep(cut, 2, 5, false);
        assertFalse(first.complete());
        assertEquals(5, first.ran());
        assertFalse(Files.exists(cut.resolve(SweepDirectory.AGGREGATE)), "no aggregate before every run is done");
        // the interruption tore the line of the next run: half of the line it would have written
        List<String> wholeLines = Files.readAllLines(whole.resolve(SweepDirectory.RESULTS_CSV));
        String pending = wholeLines.stream().skip(1).filter(l -> !results(cut).containsKey(Integer.parseInt(l.substring(0, l.indexOf(','))))).findFirst().orElseThrow();
        Files.writeString(cut.resolve(SweepDirectory.RESULTS_CSV), pending.substring(0, pending.length() - 9), StandardOpenOption.APPEND);

        SweepOutcome second = sweep(cut, 1, 4, true);
        assertEquals(5, second.resumed());
        assertEquals(4, second.ran());
        SweepOutcome third = sweep(cut, 2, 0, true);
        assertEquals(9, third.resumed());
        assertEquals(3, third.ran());
        assertTrue(third.complete());

        assertEquals(Files.readString(whole.resolve(SweepDirectory.AGGREGATE)), Files.readString(cut.resolve(SweepDirectory.AGGREGATE)));
        List<String> cutLines = Files.readAllLines(cut.resolve(SweepDirectory.RESULTS_CSV));
        assertEquals(wholeLines.size(), cutLines.size(), "every run once, the torn line gone");
        Set<String> ids = new HashSet<>();
        for (String l : cutLines.subList(1, cutLines.size())) assertTrue(ids.add(l.substring(0, l.indexOf(','))), "run written twice: " + l);
        SortedMap<Integer, RunResult> a = results(whole), b = results(cut);
        for (int id : a.keySet()) assertTrue(a.get(id).sameOutcome(b.get(id)), "run " + id);

        SweepOutcome again = sweep(cut, 2, 0, true);
        assertEquals(0, again.ran(), "a finished sweep resumed runs nothing");
        assertTrue(again.complete());
    }

    @Test
    void aRunIsAPureFunctionOfTheSweepAndItsId() {
        SweepSpec spec = SweepFixtures.small();
        RunResult a = SweepRun.execute(spec, 7);
        RunResult b = SweepRun.execute(SweepReader.parse(spec.resolvedJson(), "sweep.json", null), 7);
        assertTrue(a.sameOutcome(b));
        assertEquals(spec.run(7), a.point());
    }
}
