package org.attnflow.sweep.spark;

import org.apache.spark.sql.SparkSession;
import org.attnflow.cli.Main;
import org.attnflow.sweep.LocalSweep;
import org.attnflow.sweep.ResultJournal;
import org.attnflow.sweep.RunResult;
import org.attnflow.sweep.SweepDirectory;
import org.attnflow.sweep.SweepFixtures;
import org.attnflow.sweep.SweepListener;
import org.attnflow.sweep.SweepOutcome;
import org.attnflow.sweep.SweepSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The same sweep on Spark local[2] and on the local engine: the same rows and the same aggregated numbers. */
class SparkSweepTest {
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[2]").appName("attnflow sweep test")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4").getOrCreate();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static SweepOutcome onSpark(Path out, boolean resume) {
        try (SweepDirectory dir = SweepDirectory.open(out, resume ? null : SweepFixtures.small(), resume)) {
            return SparkSweep.run(spark, dir, SweepListener.NONE);
        }
    }

    private static SortedMap<Integer, RunResult> sparkResults(Path out) {
        SweepSpec spec = SweepFixtures.small();
        SortedMap<Integer, RunResult> m = new TreeMap<>();
        spark.read().parquet(out.resolve(SweepDirectory.RESULTS_PARQUET).toUri().toString()).collectAsList()
                .forEach(r -> {
                    RunResult res = ResultRows.fromRow(spec, r);
                    m.put(res.id(), res);
                });
        return m;
    }

    @Test
    void sparkLocal2AndTheLocalEngineGiveTheSameNumbers(@TempDir Path tmp) throws Exception {
        Path local = tmp.resolve("local");
        try (SweepDirectory dir = SweepDirectory.open(local, SweepFixtures.small(), false)) {
            LocalSweep.run(dir, 1, 0, SweepListener.NONE);
        }
        Path onSpark = tmp.resolve("spark");
        SweepOutcome o = onSpark(onSpark, false);
        assertTrue(o.complete());
        assertEquals(12, o.ran());
        assertEquals(List.of(SweepDirectory.AGGREGATE, SparkSweep.AGGREGATE_PARQUET, "phase-Videntity-d2-n8.png", "phase-Videntity-d2-n8.svg",
                "phase-Videntity-d2-n8.pdf", "phase-Vhalf-d2-n8.png", "phase-Vhalf-d2-n8.svg", "phase-Vhalf-d2-n8.pdf"), o.files());
        assertEquals(Files.readString(local.resolve(SweepDirectory.AGGREGATE)), Files.readString(onSpark.resolve(SweepDirectory.AGGREGATE)));

        SortedMap<Integer, RunResult> a;
        try (ResultJournal j = ResultJournal.open(local.resolve(SweepDirectory.RESULTS_CSV), SweepFixtures.small())) {
            a = j.results();
        }
        SortedMap<Integer, RunResult> b = sparkResults(onSpark);
        assertEquals(a.keySet(), b.keySet());
        for (int id : a.keySet()) assertTrue(a.get(id).sameOutcome(b.get(id)), "run " + id);
        assertEquals(4 * 5 * 4, spark.read().parquet(onSpark.resolve(SparkSweep.AGGREGATE_PARQUET).toUri().toString()).count());
    }

    @Test
    void aSparkSweepThatLostABatchResumesToTheSameTable(@TempDir Path tmp) throws IOException {
        Path whole = tmp.resolve("whole");
        onSpark(whole, false);
        // an interruption: the last committed files of results.parquet never made it, nor did the products
        Path cut = tmp.resolve("cut");
        copy(whole, cut);
        List<Path> parts;
        try (Stream<Path> s = Files.list(cut.resolve(SweepDirectory.RESULTS_PARQUET))) {
            parts = s.filter(p -> p.getFileName().toString().endsWith(".parquet")).sorted().toList();
        }
        assertTrue(parts.size() >= 2, "the test needs several part files, got " + parts);
        for (Path p : parts.subList(parts.size() / 2, parts.size())) Files.delete(p);
        for (String f : List.of(SweepDirectory.AGGREGATE, "phase-Videntity-d2-n8.png", "phase-Vhalf-d2-n8.png")) Files.delete(cut.resolve(f));
        long kept = spark.read().parquet(cut.resolve(SweepDirectory.RESULTS_PARQUET).toUri().toString()).count();

        SweepOutcome o = onSpark(cut, true);
        assertEquals(kept, o.resumed());
        assertEquals(12 - kept, o.ran());
        assertTrue(o.complete());
        assertEquals(Files.readString(whole.resolve(SweepDirectory.AGGREGATE)), Files.readString(cut.resolve(SweepDirectory.AGGREGATE)));
        assertEquals(12, spark.read().parquet(cut.resolve(SweepDirectory.RESULTS_PARQUET).toUri().toString()).select("run").distinct().count());
        assertEquals(12, spark.read().parquet(cut.resolve(SweepDirectory.RESULTS_PARQUET).toUri().toString()).count());
    }

    @Test
    void theCommandLineFindsTheSparkEngine(@TempDir Path tmp) throws IOException {
        Path spec = tmp.resolve("sweep.json");
        Files.writeString(spec, SweepFixtures.SMALL);
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute("sweep", "--spec", spec.toString(), "--out", tmp.resolve("o").toString(), "--spark", "local[2]", "--progress", "never");
        assertEquals(0, code, err.toString());
        assertTrue(out.toString().contains("12 runs (0 finished earlier, 12 now, 0 failed)"), out.toString());
        assertTrue(Files.exists(tmp.resolve("o").resolve(SweepDirectory.AGGREGATE)));
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target);
            }
        }
    }
}
