package org.attnflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.attnflow.analysis.Clustering;
import org.attnflow.io.Json;
import org.attnflow.io.Npy;
import org.attnflow.io.NpyReader;
import org.attnflow.sweep.DistributedSweep;
import org.attnflow.sweep.SweepDirectory;
import org.attnflow.sweep.SweepFixtures;
import org.attnflow.sweep.SweepSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Stream;

import static org.attnflow.cli.SimulateCommandTest.attnflow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code attnflow sweep} in-process: bad sweep files, directory rules, and a run that is exactly simulate's. */
class SweepCommandTest {

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static void assertBadInput(SimulateCommandTest.Run r, String expected) {
        assertEquals(Main.EXIT_INPUT, r.code(), r.err());
        assertTrue(r.err().startsWith("attnflow: "), r.err());
        assertTrue(r.err().contains(expected), () -> "expected '" + expected + "' in: " + r.err());
        assertEquals(1, r.err().lines().count(), () -> "one line only: " + r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
        assertEquals("", r.out());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown key             | "aggregate": [                       | "aggregat": [                                    | small.json: aggregat: unknown key
            duplicate key           | "aggregate": [                       | "renyi_c": 4, "renyi_c": 5, "aggregate": [       | small.json: malformed JSON at line
            malformed JSON          | "seeds": { "from": 11, "count": 3 } } | "seeds": { "from": 11, "count": 3 }             | small.json: malformed JSON at line
            zero beta step          | "beta": [1, 4]                       | "beta": {"from": 1, "to": 4, "step": 0}          | small.json: axes.beta.step: must be > 0
            negative beta           | "beta": [1, 4]                       | "beta": [1, -4]                                  | small.json: axes.beta[1]: beta must be >= 0
            beta listed twice       | "beta": [1, 4]                       | "beta": [1, 4, 1.0]                              | small.json: axes.beta: lists 1 twice
            seed listed twice       | "seeds": { "from": 11, "count": 3 }  | "seeds": [1, 2, 1]                               | small.json: axes.seeds: lists 1 twice
            V of the wrong shape    | "half": { "scaled_identity": 0.5 }   | "half": [[1, 0, 0], [0, 1, 0], [0, 0, 1]]        | small.json (run beta=1, n=8, d=2, V=half, seed=11): model.V: wrong shape
            V name                  | "half": {                            | "half/2": {                                      | small.json: axes.V.half/2: a choice's name is letters
            unknown statistic       | "cluster-count"                      | "cluster-counts"                                 | small.json: statistics[1]: 'cluster-counts' is not one of
            renyi needs beta > 0    | "beta": [1, 4]                       | "beta": [0, 4]                                   | small.json: axes.beta: renyi-strong needs beta > 0
            bad aggregate           | "p90"                                | "p900"                                           | small.json: aggregate[4]: 'p900' is not an aggregate
            bad pair threshold      | "aggregate": [                       | "pair_threshold": 1, "aggregate": [              | small.json: pair_threshold: an inner-product threshold must be in (-1, 1)
            base not on the sphere  | "geometry": "sphere"                 | "geometry": "euclidean"                          | small.json: base.model.geometry: sweeps record statistics of tokens on the sphere
            bad key in the base     | "method": "rk4"                      | "methd": "rk4"                                   | small.json: base: solver.methd: unknown key
            unknown field           | "method": "rk4", "step": 0.1     | "method": "rk4", "step": 0.1, "field": "gpu"     | solver.field: 'gpu' is not one of auto
            fixed step without step | "method": "rk4", "step": 0.1     | "method": "rk4"                                  | small.json: base: solver.step: is required by the fixed-step method rk4
            """)
    void badSweepFileExits2WithOneLineAndCreatesNothing(String name, String from, String to, String expected, @TempDir Path dir)
            throws IOException {
        String json = SweepFixtures.SMALL.replace(from, to);
        assertFalse(json.equals(SweepFixtures.SMALL), "the test's replacement must apply: " + name);
        Path file = dir.resolve("small.json");
        Files.writeString(file, json);
        SimulateCommandTest.Run r = attnflow("sweep", "--spec", file.toString(), "--out", dir.resolve("out").toString());
        assertBadInput(r, expected.replace("small.json", file.toString()));
        assertEquals(List.of("small.json"), names(dir), "no output directory is left");
    }

    @Test
    void figureMustShowARecordedStatistic(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("small.json");
        Files.writeString(file, SweepFixtures.SMALL.replace("\"aggregate\": [", "\"figure\": {\"statistic\": \"renyi-strong\"}, \"aggregate\": [")
                .replace("\"renyi-strong\", \"renyi-ordinary\", ", ""));
        assertBadInput(attnflow("sweep", "--spec", file.toString(), "--out", dir.resolve("out").toString()),
                "figure.statistic: renyi-strong is not among the recorded statistics");
    }

    @Test
    void directoryRules(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("small.json");
        Files.writeString(file, SweepFixtures.SMALL);
        Path out = dir.resolve("out");
        assertEquals(0, attnflow("sweep", "--spec", file.toString(), "--out", out.toString(), "--limit", "2", "--progress", "never").code());

        assertBadInput(attnflow("sweep", "--spec", file.toString(), "--out", out.toString()), "holds a sweep already: pass --resume");
        SimulateCommandTest.Run same = attnflow("sweep", "--spec", file.toString(), "--out", out.toString(), "--resume", "--limit", "1", "--progress", "never");
        assertEquals(0, same.code(), same.err());
        assertTrue(same.out().contains("3 of 12 runs (2 finished earlier, 1 now"), same.out());
        Path other = dir.resolve("other.json");
        Files.writeString(other, SweepFixtures.SMALL.replace("\"beta\": [1, 4]", "\"beta\": [1, 5]"));
        assertBadInput(attnflow("sweep", "--spec", other.toString(), "--out", out.toString(), "--resume"), "--spec differs from the sweep started in");
        Files.createDirectories(dir.resolve("full"));
        Files.writeString(dir.resolve("full/x.txt"), "x");
        assertBadInput(attnflow("sweep", "--spec", file.toString(), "--out", dir.resolve("full").toString()), "exists and is not a sweep directory");
        assertBadInput(attnflow("sweep", "--out", dir.resolve("nothing").toString(), "--resume"), "holds no sweep");
        assertBadInput(attnflow("sweep", "--out", out.toString()), "--spec FILE is required");
        if (!sparkEngineLoads()) {
            // the default build (the spark profile's test runs --spark for real)
            assertBadInput(attnflow("sweep", "--spec", file.toString(), "--out", dir.resolve("s").toString(), "--spark"), "--spark: ");
            assertFalse(Files.exists(dir.resolve("s")), "a build without Spark leaves no directory");
        }
        assertBadInput(attnflow("sweep", "--spec", file.toString(), "--out", dir.resolve("t").toString(), "--threads", "-1"), "--threads must be >= 0");
    }

    private static boolean sparkEngineLoads() {
        try {
            return ServiceLoader.load(DistributedSweep.class).findFirst().isPresent();
        } catch (ServiceConfigurationError e) {
            return false;
        }
    }

    /**
     * A sweep, interrupted (--limit) and resumed from sweep.json alone; then one of its runs re-done by
     * {@code simulate} from the scenario the sweep ran: the statistics in results.csv are those of simulate's
     * trajectory, to the last bit.
     */
    @Test
    void aSweepRunIsExactlyASimulateRun(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("small.json");
        Files.writeString(file, SweepFixtures.SMALL);
        Path out = dir.resolve("out");
        SimulateCommandTest.Run first = attnflow("sweep", "--spec", file.toString(), "--out", out.toString(), "--limit", "5", "--threads", "2", "--progress", "never");
        assertEquals(0, first.code(), first.err());
        assertTrue(first.out().contains("5 of 12 runs"), first.out());
        assertTrue(first.out().contains("continue with --resume"), first.out());
        SimulateCommandTest.Run rest = attnflow("sweep", "--out", out.toString(), "--resume", "--progress", "never");
        assertEquals(0, rest.code(), rest.err());
        assertTrue(rest.out().contains("12 runs (5 finished earlier, 7 now, 0 failed)"), rest.out());
        assertEquals(List.of(".lock", "aggregate.csv", "phase-Vhalf-d2-n8.pdf", "phase-Vhalf-d2-n8.png", "phase-Vhalf-d2-n8.svg",
                "phase-Videntity-d2-n8.pdf", "phase-Videntity-d2-n8.png", "phase-Videntity-d2-n8.svg", "results.csv", "sweep.json"), names(out));

        SweepSpec spec = SweepFixtures.small();
        int id = 10;
        Path scenario = dir.resolve("run10.json");
        Files.writeString(scenario, Json.MAPPER.writeValueAsString(spec.scenario(spec.run(id))));
        Path run = dir.resolve("run10");
        assertEquals(0, attnflow("simulate", "--scenario", scenario.toString(), "--out", run.toString(), "--progress", "never").code());
        double[] times = Npy.readAll(run.resolve("times.npy"));
        String row = Files.readAllLines(out.resolve(SweepDirectory.RESULTS_CSV)).stream().filter(l -> l.startsWith(id + ",")).findFirst().orElseThrow();
        String[] f = row.split(",");
        assertEquals("12", f[5], "the seed is recorded in the row");
        try (NpyReader x = Npy.open(run.resolve("trajectory.npy"))) {
            double[] frame = new double[x.frameSize()];
            int t = 0;
            while (x.readFrame(frame)) {
                // columns: 11 leading, then pair-clustered-fraction at the 4 times, then cluster-count at the 4 times
                assertEquals(Clustering.onSphere(frame, 2).count(), Double.parseDouble(f[11 + times.length + t]), 0, "cluster count at t = " + times[t]);
                t++;
            }
            assertEquals(times.length, t);
        }
        JsonNode record = Json.MAPPER.readTree(out.resolve(SweepDirectory.SPEC).toFile());
        assertEquals(spec.resolved(), record.path("sweep"), "sweep.json holds the resolved sweep");
        assertEquals(11L, record.path("sweep").path("base").path("initial").path("seed").longValue(), "the base's seed is the first of axes.seeds");
    }
}
