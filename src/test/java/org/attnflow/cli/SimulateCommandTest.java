package org.attnflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.attnflow.io.Json;
import org.attnflow.io.Npy;
import org.attnflow.io.NpyReader;
import org.attnflow.model.Method;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line run in-process: exit codes, the one-line messages, and what lands on disk. */
class SimulateCommandTest {

    record Run(int code, String out, String err) {}

    static Run attnflow(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private static final String GOOD = """
            { "model": { "geometry": "sphere", "mask": "causal", "beta": 4 },
              "initial": { "n": 5, "d": 3, "kind": "uniform-sphere", "seed": 9 },
              "time": { "end": 1, "save_every": 0.5 },
              "solver": { "method": "rk4", "step": 0.1 } }""";

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    // ------------------------------------------------------------------ bad input: exit 2, one line, nothing left

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown key            | "beta": 4                     | "beta": 4, "Qx": 1                 | scenario.json: model.Qx: unknown key
            wrong shape            | "beta": 4                     | "beta": 4, "V": [[1, 0], [0, 1]]   | scenario.json: model.V: wrong shape: expected 3x3
            n·d mismatch           | "n": 5, "d": 3, "kind": "uniform-sphere", "seed": 9 | "n": 3, "d": 3, "points": [[1,0,0],[0,1,0]] | scenario.json: initial.points: n·d mismatch
            non-finite number      | "beta": 4                     | "beta": NaN                        | scenario.json: model.beta: non-finite number
            overflowing number     | "beta": 4                     | "beta": 1e999                      | scenario.json: model.beta: non-finite number
            negative beta          | "beta": 4                     | "beta": -0.5                       | scenario.json: model.beta: must be >= 0, got -0.5
            zero step              | "step": 0.1                   | "step": 0                          | scenario.json: solver.step: must be > 0, got 0
            negative step          | "step": 0.1                   | "step": -0.1                       | scenario.json: solver.step: must be > 0, got -0.1
            negative end           | "end": 1                      | "end": -2                          | scenario.json: time.end: must be >= 0, got -2
            non-unit sphere point  | "n": 5, "d": 3, "kind": "uniform-sphere", "seed": 9 | "points": [[1,0,0],[0,0.6,0.81]] | scenario.json: initial.points[1]: not on the unit sphere
            malformed JSON         | "beta": 4 }                   | "beta": 4                          | scenario.json: malformed JSON at line 4, column
            unknown field          | "step": 0.1                   | "step": 0.1, "field": "gpu"        | scenario.json: solver.field: 'gpu' is not one of auto
            dopri5 with digits     | "method": "rk4", "step": 0.1  | "method": "dopri5", "digits": 30   | scenario.json: solver.digits: method dopri5 cannot run in arbitrary precision
            rkmk4 with digits      | "method": "rk4", "step": 0.1  | "method": "rkmk4", "digits": 30    | scenario.json: solver.digits: method rkmk4 cannot run in arbitrary precision
            rtol with fixed step   | "step": 0.1                   | "step": 0.1, "rtol": 1e-9          | scenario.json: solver.rtol: has no effect with method rk4 (a fixed-step method
            atol with replay       | "step": 0.1                   | "step": 0.1, "digits": 30, "atol": 1e-12 | scenario.json: solver.atol: has no effect with method rk4
            rtol with reference    | "method": "rk4", "step": 0.1  | "method": "reference", "digits": 30, "rtol": 1e-9 | scenario.json: solver.rtol: has no effect with method reference (its tolerance follows from solver.digits)
            step with reference    | "method": "rk4", "step": 0.1  | "method": "reference", "digits": 30, "step": 0.1 | scenario.json: solver.step: has no effect with method reference
            """)
    void badScenarioExits2WithOneLineAndLeavesNoOutput(String name, String from, String to, String expected, @TempDir Path dir)
            throws IOException {
        String json = GOOD.replace(from, to);
        assertFalse(json.equals(GOOD), "the test's replacement must apply: " + name);
        Path scenario = dir.resolve("scenario.json");
        Files.writeString(scenario, json);
        Path out = dir.resolve("results/run");
        Run r = attnflow("simulate", "--scenario", scenario.toString(), "--out", out.toString());
        assertBadInput(r, expected.replace("scenario.json", scenario.toString()));
        assertEquals(List.of("scenario.json"), names(dir), "no output directory, temporary or parent, is left");
    }

    @Test
    void missingScenarioFile(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("nowhere.json");
        Run r = attnflow("simulate", "--scenario", missing.toString(), "--out", dir.resolve("out").toString());
        assertBadInput(r, "scenario file not found: " + missing);
        assertEquals(List.of(), names(dir));
    }

    @ParameterizedTest
    @ValueSource(strings = {"missing --out", "unknown option", "bad format", "no command"})
    void usageErrorsExit2WithOneLine(String which, @TempDir Path dir) throws IOException {
        Path scenario = dir.resolve("s.json");
        Files.writeString(scenario, GOOD);
        String out = dir.resolve("out").toString();
        Run r = switch (which) {
            case "missing --out" -> attnflow("simulate", "--scenario", scenario.toString());
            case "unknown option" -> attnflow("simulate", "--scenario", scenario.toString(), "--out", out, "--frobnicate");
            case "bad format" -> attnflow("simulate", "--scenario", scenario.toString(), "--out", out, "--format", "hdf5");
            default -> attnflow();
        };
        String expected = switch (which) {
            case "missing --out" -> "Missing required option: '--out=DIR'";
            case "unknown option" -> "Unknown option: '--frobnicate'";
            case "bad format" -> "'hdf5' is not one of npy|csv";
            default -> "a command is required";
        };
        assertBadInput(r, expected);
        assertEquals(List.of("s.json"), names(dir));
    }

    @Test
    void anExistingOutputIsRefusedUnlessForced(@TempDir Path dir) throws IOException {
        Path scenario = dir.resolve("s.json");
        Files.writeString(scenario, GOOD);
        String out = dir.resolve("out").toString();
        assertEquals(0, attnflow("simulate", "--scenario", scenario.toString(), "--out", out).code());
        long before = Files.getLastModifiedTime(dir.resolve("out/run.json")).toMillis();

        Run again = attnflow("simulate", "--scenario", scenario.toString(), "--out", out);
        assertBadInput(again, "output directory " + out + " already exists (pass --force to replace it)");

        Run forced = attnflow("simulate", "--scenario", scenario.toString(), "--out", out, "--force");
        assertEquals(0, forced.code(), forced.err());
        assertEquals(List.of("out", "s.json"), names(dir), "the old run is gone, no temporary is left");
        assertTrue(Files.getLastModifiedTime(dir.resolve("out/run.json")).toMillis() >= before);
    }

    @Test
    void aRunThatBreaksDownExits1AndLeavesNothing(@TempDir Path dir) throws IOException {
        // x grows like e^{10t}: the scores overflow double precision near t = 35, and dopri5 cannot go on
        Path scenario = dir.resolve("blowup.json");
        Files.writeString(scenario, """
                { "model": { "geometry": "euclidean", "V": {"scaled_identity": 10} },
                  "initial": { "n": 3, "d": 2, "kind": "gaussian", "seed": 1 },
                  "time": { "end": 100, "save_every": 10 } }""");
        Run r = attnflow("simulate", "--scenario", scenario.toString(), "--out", dir.resolve("out").toString());
        assertEquals(Main.EXIT_FAILED, r.code(), r.err());
        assertTrue(r.err().startsWith("attnflow: the run failed: "), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertEquals(List.of("blowup.json"), names(dir), "the frames written before the breakdown are deleted");
    }

    private static void assertBadInput(Run r, String expected) {
        assertEquals(Main.EXIT_INPUT, r.code(), r.err());
        assertTrue(r.err().startsWith("attnflow: "), r.err());
        assertTrue(r.err().contains(expected), () -> "expected '" + expected + "' in: " + r.err());
        assertEquals(1, r.err().lines().count(), () -> "one line only: " + r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
        assertEquals("", r.out());
    }

    // ------------------------------------------------------------------ help and version

    @Test
    void helpAndVersion() {
        Run help = attnflow("--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("simulate") && help.out().contains("Exit codes"), help.out());
        Run version = attnflow("--version");
        assertEquals(0, version.code());
        assertTrue(version.out().startsWith("attnflow "), version.out());
        assertTrue(version.out().contains("JDK " + Runtime.version()), version.out());
        Run simulateHelp = attnflow("simulate", "--help");
        assertTrue(simulateHelp.out().contains("--scenario=FILE") && simulateHelp.out().contains("--force"), simulateHelp.out());
        String flowed = simulateHelp.out().replaceAll("\\s+", " ");
        for (Method m : Method.values()) assertTrue(flowed.contains(" " + m.key() + " " + m.summary()), "simulate --help lists " + m.key() + ": " + flowed);
    }

    // ------------------------------------------------------------------ end to end

    @Test
    void shippedCausalCircleExampleEndToEnd(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("causal-circle");
        Run r = attnflow("simulate", "--scenario", "examples/causal-circle.json", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err(), "nothing on stderr: no progress bar outside a terminal");
        assertEquals(List.of("run.json", "times.npy", "trajectory.npy"), names(out));

        JsonNode scenario = Json.MAPPER.readTree(Files.readString(Path.of("examples/causal-circle.json")));
        int n = scenario.path("initial").path("n").asInt();
        int d = scenario.path("initial").path("d").asInt();
        double end = scenario.path("time").path("end").asDouble();
        double every = scenario.path("time").path("save_every").asDouble();
        int frames = (int) Math.round(end / every) + 1;

        double[] times = Npy.readAll(out.resolve("times.npy"));
        assertEquals(frames, times.length);
        assertEquals(0, times[0]);
        assertEquals(end, times[frames - 1]);
        try (NpyReader x = Npy.open(out.resolve("trajectory.npy"))) {
            assertArrayEquals(new long[] {frames, n, d}, x.shape());
            double[] frame = new double[n * d];
            while (x.readFrame(frame)) {
                for (int i = 0; i < n; i++) assertEquals(1.0, Math.hypot(frame[i * d], frame[i * d + 1]), 1e-14, "I1 on the saved frames");
            }
        }
        JsonNode run = Json.MAPPER.readTree(Files.readString(out.resolve("run.json")));
        assertEquals(1, run.path("seeds").path("initial.seed").asLong());
        assertEquals(1, run.path("scenario").path("initial").path("seed").asLong());
        assertEquals("M3", run.path("model").asText());
        assertEquals("dopri5", run.path("method").asText());
        assertEquals(frames, run.path("shape").path("frames").asInt());
        assertTrue(run.path("statistics").path("steps").asLong() > 0);
        assertTrue(run.path("max_norm_drift").asDouble() < 1e-14);
        assertTrue(run.path("wall_time_seconds").asDouble() > 0);
        assertTrue(run.path("attnflow").path("jdk").asText().startsWith(Runtime.version().toString()));
    }

    @Test
    void csvCarriesExactlyTheNumbersOfTheNpyRun(@TempDir Path dir) throws IOException {
        Path scenario = dir.resolve("s.json");
        Files.writeString(scenario, GOOD);
        assertEquals(0, attnflow("simulate", "--scenario", scenario.toString(), "--out", dir.resolve("npy").toString()).code());
        Run csv = attnflow("simulate", "--scenario", scenario.toString(), "--out", dir.resolve("csv").toString(), "--format", "csv");
        assertEquals(0, csv.code(), csv.err());
        assertEquals(List.of("run.json", "trajectory.csv"), names(dir.resolve("csv")));

        double[] times = Npy.readAll(dir.resolve("npy/times.npy"));
        double[] x = Npy.readAll(dir.resolve("npy/trajectory.npy"));
        List<String> lines = Files.readAllLines(dir.resolve("csv/trajectory.csv"));
        assertEquals("t,token,x1,x2,x3", lines.get(0));
        int n = 5, d = 3;
        assertEquals(1 + times.length * n, lines.size());
        for (int row = 1; row < lines.size(); row++) {
            String[] cells = lines.get(row).split(",");
            int f = (row - 1) / n, i = (row - 1) % n;
            assertEquals(times[f], Double.parseDouble(cells[0]));
            assertEquals(i, Integer.parseInt(cells[1]));
            for (int c = 0; c < d; c++) assertEquals(x[(f * n + i) * d + c], Double.parseDouble(cells[2 + c]), 0.0);
        }
    }

    @Test
    void euclideanRunsAlsoWriteTheRescaledZ(@TempDir Path dir) throws IOException {
        // V = -0.5 I: e^{-tV} = e^{t/2}, a closed form independent of the matrix exponential used for z.npy
        Path scenario = dir.resolve("m4.json");
        Files.writeString(scenario, """
                { "model": { "geometry": "euclidean", "V": {"scaled_identity": -0.5} },
                  "initial": { "n": 4, "d": 2, "kind": "gaussian", "seed": 2 },
                  "time": { "end": 2, "save_every": 0.5 },
                  "solver": { "method": "rk4", "step": 0.05 } }""");
        Path out = dir.resolve("out");
        Run r = attnflow("simulate", "--scenario", scenario.toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        double[] t = Npy.readAll(out.resolve("times.npy"));
        double[] x = Npy.readAll(out.resolve("trajectory.npy"));
        double[] z = Npy.readAll(out.resolve("z.npy"));
        assertEquals(x.length, z.length);
        int frame = 8;
        for (int k = 0; k < x.length; k++) {
            double scale = Math.exp(0.5 * t[k / frame]);
            assertEquals(scale * x[k], z[k], 1e-13 * Math.abs(scale * x[k]) + 1e-300);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"causal-circle", "full-sphere-d3", "euclidean-m4", "metastable-euler-postln", "two-causal-tokens"})
    void everyShippedExampleRuns(String example, @TempDir Path dir) throws IOException {
        Path out = dir.resolve(example);
        Run r = attnflow("simulate", "--scenario", "examples/" + example + ".json", "--out", out.toString(), "--progress", "never");
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.isRegularFile(out.resolve("run.json")));
        assertTrue(Files.isRegularFile(out.resolve("trajectory.npy")));
    }
}
