package org.attnflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.attnflow.integrate.TrajectoryRecorder;
import org.attnflow.io.CsvTrajectoryWriter;
import org.attnflow.io.Json;
import org.attnflow.io.Npy;
import org.attnflow.io.NpyWriter;
import org.attnflow.io.ScenarioReader;
import org.attnflow.model.Mask;
import org.attnflow.model.Scenario;
import org.attnflow.model.AttentionModel;
import org.attnflow.run.ScenarioRunner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code attnflow validate} on the shipped outside implementation (examples/peer-numpy: the papers' S1 Euler in
 * NumPy), end to end through the command line: its correct, buggy and float32 trajectories, the CSV layouts, a
 * trajectory that ignores the causal mask, and bad input.
 */
class ValidateCommandTest {
    static final Path PEER = Path.of("examples/peer-numpy");
    static final Path SCENARIO = PEER.resolve("scenario.json");
    /** The frame from which the buggy NumPy run's softmax loses its row normalisation (README of the example). */
    static final int BUG_FROM = 5;

    record Run(int code, String out, String err) {}

    static Run attnflow(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    /** validate with a JSON report; returns the report (and checks the exit code agrees with its verdict). */
    static JsonNode validate(Path dir, String... extra) throws IOException {
        Path report = dir.resolve("report-" + System.nanoTime() + ".json");
        List<String> args = new ArrayList<>(List.of("validate", "--scenario", SCENARIO.toString(), "--report", report.toString()));
        args.addAll(List.of(extra));
        Run r = attnflow(args.toArray(String[]::new));
        assertEquals("", r.err());
        JsonNode json = Json.MAPPER.readTree(report.toFile());
        assertEquals(json.get("verdict").asText().equals("pass") ? 0 : 1, r.code(), r.out());
        assertTrue(r.out().contains("verdict: " + json.get("verdict").asText()), r.out());
        return json;
    }

    static double[] perFrame(JsonNode report, String key) {
        JsonNode rows = report.get("per_frame");
        double[] v = new double[rows.size()];
        for (int f = 0; f < v.length; f++) v[f] = rows.get(f).get(key).isNull() ? Double.NaN : rows.get(f).get(key).asDouble();
        return v;
    }

    static Scenario scenario;

    @BeforeAll
    static void readScenario() {
        scenario = ScenarioReader.read(SCENARIO).scenario();
    }

    // ------------------------------------------------------------------ the shipped NumPy trajectories

    @Test
    void theCorrectNumpyTrajectoryPassesWithDeviationsAtRoundingLevel(@TempDir Path dir) throws IOException {
        JsonNode r = validate(dir, "--trajectory", PEER.resolve("trajectory.npy").toString());
        assertEquals("pass", r.get("verdict").asText());
        assertEquals("euler-postln", r.get("scheme").asText(), "the scenario's own scheme is the default");
        assertEquals(scenario.time().frames(), r.get("per_frame").size());
        for (double dev : perFrame(r, "max_deviation")) assertTrue(dev < 1e-13, "deviation " + dev + " is not at rounding level");
        assertTrue(r.get("max_deviation").asDouble() < 1e-13);
        assertTrue(r.get("first_failing_frame").isNull());
        for (String inv : new String[] {"I1", "I2", "I4"}) {
            JsonNode f = r.get("invariants").get(inv);
            assertTrue(f.get("applicable").asBoolean(), inv);
            assertFalse(f.get("found").asBoolean(), inv);
            assertTrue(f.get("max_value").asDouble() < 1e-13, inv + " at rounding level: " + f);
        }
        assertTrue(r.get("max_reference_bound").asDouble() <= 1e-11, "the reference is 10x below what it checks: " + r.get("max_reference_bound"));
        assertEquals(12, r.get("digits").asInt(), "digits from the tolerance 1e-10: " + r.get("digits_from"));
        assertEquals(2, r.get("frames_held").asInt());
    }

    @Test
    void theBuggyTrajectoryFailsExactlyAtTheFrameOfTheBug(@TempDir Path dir) throws IOException {
        JsonNode r = validate(dir, "--trajectory", PEER.resolve("trajectory-buggy.npy").toString());
        assertEquals("fail", r.get("verdict").asText());
        assertEquals(BUG_FROM, r.get("first_failing_frame").asInt());
        double[] dev = perFrame(r, "max_deviation");
        for (int f = 0; f < BUG_FROM; f++) assertTrue(dev[f] < 1e-13, "frame " + f + " precedes the bug: " + dev[f]);
        assertTrue(dev[BUG_FROM] > 1e-6, "the unnormalised softmax moves tokens visibly: " + dev[BUG_FROM]);

        JsonNode i4 = r.get("invariants").get("I4");
        assertTrue(i4.get("found").asBoolean());
        assertEquals(BUG_FROM, i4.get("frame").asInt(), "I4 names the frame of the bug: " + i4);
        assertTrue(i4.get("value").asDouble() > 1, "their rows sum to more than 1 (e^{s - max} unnormalised): " + i4);
        double[] scale = perFrame(r, "row_scale");
        for (int f = 1; f < BUG_FROM; f++) assertTrue(scale[f] < 1e-9, "rows sum to 1 before the bug, frame " + f + ": " + scale[f]);
        assertTrue(scale[scale.length - 1] > 0.5, "c >> 1 once tokens cluster: " + scale[scale.length - 1]);

        // the bug is not a causal-mask bug: the full mask does not explain the defect, so it is no I2 finding but a
        // local one-step defect at the frame of the bug
        JsonNode i2 = r.get("invariants").get("I2");
        assertFalse(i2.get("found").asBoolean(), "an unnormalised softmax does not read later tokens: " + i2);
        assertTrue(r.get("reasons").toString().contains("one-step defect: frame " + BUG_FROM + ","), r.get("reasons").toString());
    }

    @Test
    void theFloat32TrajectoryFailsTheFloat64ToleranceAndPassesAFloat32One(@TempDir Path dir) throws IOException {
        Path theirs = PEER.resolve("trajectory-float32.npy");
        JsonNode strict = validate(dir, "--trajectory", theirs.toString());
        assertEquals("fail", strict.get("verdict").asText());
        assertEquals("float32", strict.get("stored_as").asText());
        assertEquals(1e-10, strict.get("tolerance").asDouble(), "the default tolerance is float64's, whatever the file");
        double max = strict.get("max_deviation").asDouble();
        assertFalse(strict.get("invariants").get("I2").get("found").asBoolean(), "float32 rounding reads no later token: " + strict.get("invariants").get("I2"));
        assertTrue(max > 1e-8 && max < 1e-6, "float32 rounding: " + max);

        JsonNode loose = validate(dir, "--trajectory", theirs.toString(), "--tolerance", "1e-6");
        assertEquals("pass", loose.get("verdict").asText(), loose.get("reasons").toString());
        assertEquals(max, loose.get("max_deviation").asDouble(), "the tolerance changes the verdict, not the measurement");
    }

    // ------------------------------------------------------------------ the exact flow

    @Test
    void aDopri5RunOfSimulateMatchesTheExactFlowToItsToleranceAndS1DoesNot(@TempDir Path dir) throws IOException {
        com.fasterxml.jackson.databind.node.ObjectNode json = (com.fasterxml.jackson.databind.node.ObjectNode) Json.MAPPER.readTree(SCENARIO.toFile());
        json.withObjectProperty("time").put("end", 0.5);
        json.withObjectProperty("solver").removeAll().put("method", "dopri5").put("rtol", 1e-11).put("atol", 1e-13);
        Path scenarioFile = dir.resolve("dopri5.json");
        Json.write(scenarioFile, json);
        Path out = dir.resolve("run");
        assertEquals(0, attnflow("simulate", "--scenario", scenarioFile.toString(), "--out", out.toString()).code());

        Path report = dir.resolve("ode.json");
        Run r = attnflow("validate", "--scenario", scenarioFile.toString(), "--trajectory", out.resolve("trajectory.npy").toString(),
                "--times", out.resolve("times.npy").toString(), "--tolerance", "1e-8", "--report", report.toString());
        JsonNode ode = Json.MAPPER.readTree(report.toFile());
        assertEquals(0, r.code(), r.out());
        assertEquals("ode", ode.get("scheme").asText(), "dopri5 has no discrete replay: the exact flow is the default");
        assertEquals("--times " + out.resolve("times.npy"), ode.get("times_from").asText());
        assertTrue(ode.get("max_deviation").asDouble() > 1e-14, "dopri5 at rtol 1e-11 is not exact: " + ode.get("max_deviation"));
        assertTrue(ode.get("max_deviation").asDouble() < 1e-9, ode.get("max_deviation").toString());
        assertFalse(ode.get("invariants").get("I2").get("applicable").asBoolean(), "the one-step check needs a discrete scheme");

        // the NumPy S1 run, same first 6 frames, against the exact flow: first-order truncation, far beyond 1e-8
        Path s1 = dir.resolve("s1.npy");
        try (NpyWriter w = Npy.create(s1, 6, 8, 3)) {
            double[] all = Npy.readAll(PEER.resolve("trajectory.npy"));
            w.write(all, 0, 6 * 24);
        }
        Run r2 = attnflow("validate", "--scenario", scenarioFile.toString(), "--trajectory", s1.toString(), "--scheme", "ode",
                "--tolerance", "1e-8", "--report", report.toString());
        JsonNode truncation = Json.MAPPER.readTree(report.toFile());
        assertEquals(1, r2.code(), r2.out());
        assertEquals(1, truncation.get("first_failing_frame").asInt());
        assertTrue(truncation.get("max_deviation").asDouble() > 1e-4, "Euler at h = 0.1: " + truncation.get("max_deviation"));
    }

    // ------------------------------------------------------------------ CSV layouts

    @Test
    void bothCsvLayoutsGiveTheNumbersOfTheNpyFile(@TempDir Path dir) throws IOException {
        Path npy = PEER.resolve("trajectory.npy");
        double[] all = Npy.readAll(npy);
        int n = scenario.tokens(), d = scenario.dimension(), frames = all.length / (n * d);
        double[] times = scenario.time().times();
        Path longCsv = dir.resolve("long.csv");
        try (CsvTrajectoryWriter w = new CsvTrajectoryWriter(longCsv, n, d)) {
            for (int f = 0; f < frames; f++) w.writeFrame(times[f], java.util.Arrays.copyOfRange(all, f * n * d, (f + 1) * n * d));
        }
        Path wide = dir.resolve("wide.csv");
        StringBuilder sb = new StringBuilder();
        for (int f = 0; f < frames; f++) {
            for (int k = 0; k < n * d; k++) sb.append(k == 0 ? "" : ",").append(Double.toString(all[f * n * d + k]));
            sb.append('\n');
        }
        Files.writeString(wide, sb);

        double[] expected = perFrame(validate(dir, "--trajectory", npy.toString()), "max_deviation");
        JsonNode fromLong = validate(dir, "--trajectory", longCsv.toString());
        assertEquals("the times in " + longCsv, fromLong.get("times_from").asText());
        assertEquals(java.util.Arrays.toString(expected), java.util.Arrays.toString(perFrame(fromLong, "max_deviation")));
        assertEquals(java.util.Arrays.toString(expected), java.util.Arrays.toString(perFrame(validate(dir, "--trajectory", wide.toString()), "max_deviation")));
    }

    // ------------------------------------------------------------------ I2: a trajectory that ignores the causal mask

    @Test
    void aTrajectoryThatReadsLaterTokensIsCaughtByTheCausalOrderCheck(@TempDir Path dir) throws IOException {
        // the scenario's S1 scheme stepped in double with the full mask instead of the causal one
        AttentionModel m = scenario.model();
        AttentionModel full = new AttentionModel(m.geometry(), Mask.FULL, m.normalization(), m.beta(), m.q(), m.k(), m.v());
        Scenario wrong = new Scenario(full, scenario.initial(), scenario.time(), scenario.solver());
        TrajectoryRecorder rec = new TrajectoryRecorder(wrong.tokens(), wrong.dimension());
        ScenarioRunner.run(wrong, rec);
        Path theirs = dir.resolve("full-mask.npy");
        try (NpyWriter w = Npy.create(theirs, wrong.time().frames(), wrong.tokens(), wrong.dimension())) {
            for (double[] frame : rec.trajectory().frames()) w.write(frame, 0, frame.length);
        }

        JsonNode r = validate(dir, "--trajectory", theirs.toString());
        assertEquals("fail", r.get("verdict").asText());
        assertEquals(1, r.get("first_failing_frame").asInt(), "the first step already reads later tokens");
        JsonNode i2 = r.get("invariants").get("I2");
        assertEquals(1, i2.get("frame").asInt());
        assertTrue(i2.get("explained_by_later_tokens").asBoolean(), "a full-mask step explains the defect: " + i2);
        // token 0 reads tokens 1..n-1 under the full mask: it is the first whose defect shows
        assertEquals(0, i2.get("token").asInt(), i2.toString());
        assertFalse(r.get("invariants").get("I4").get("found").asBoolean(), "their rows do sum to 1: " + r.get("invariants").get("I4"));
    }

    // ------------------------------------------------------------------ their NaN: a finding, not bad input

    @Test
    void theirNanIsAFindingThatNamesItsFrameAndToken(@TempDir Path dir) throws IOException {
        double[] all = Npy.readAll(PEER.resolve("trajectory.npy"));
        all[3 * 24 + 5] = Double.NaN; // frame 3, token 1, coordinate 2
        Path withNan = dir.resolve("nan.npy");
        try (NpyWriter w = Npy.create(withNan, 21, 8, 3)) {
            w.write(all, 0, all.length);
        }
        JsonNode r = validate(dir, "--trajectory", withNan.toString());
        assertEquals("fail", r.get("verdict").asText());
        JsonNode nan = r.get("non_finite");
        assertEquals(3, nan.get("frame").asInt());
        assertEquals(1, nan.get("token").asInt());
        assertEquals(2, nan.get("coordinate").asInt());
        assertEquals(3, r.get("per_frame").size(), "frames 0-2 are compared, the comparison ends at the breakdown");
        assertEquals(3, r.get("frames_checked").asInt());
        assertTrue(r.get("reasons").get(0).asText().startsWith("non-finite: their frame 3 (t = 0.3), token 1, coordinate 2 is NaN"), r.get("reasons").toString());
        for (double dev : perFrame(r, "max_deviation")) assertTrue(dev < 1e-13, "the frames before it are fine: " + dev);

        // the same in a CSV file that NumPy wrote ("nan"), at frame 0: nothing can be replayed, still a finding
        Path csv = dir.resolve("nan.csv");
        StringBuilder sb = new StringBuilder("t,token,x1,x2,x3\n");
        for (int f = 0; f < 21; f++) {
            for (int i = 0; i < 8; i++) {
                sb.append(String.format(java.util.Locale.ROOT, "%s,%d", scenario.time().time(f), i));
                for (int c = 0; c < 3; c++) sb.append(',').append(f == 0 && i == 6 && c == 0 ? "nan" : Double.toString(all[f * 24 + i * 3 + c] == all[f * 24 + i * 3 + c] ? all[f * 24 + i * 3 + c] : 0));
                sb.append('\n');
            }
        }
        Files.writeString(csv, sb);
        JsonNode r0 = validate(dir, "--trajectory", csv.toString());
        assertEquals("fail", r0.get("verdict").asText());
        assertEquals(0, r0.get("non_finite").get("frame").asInt());
        assertEquals(6, r0.get("non_finite").get("token").asInt());
    }

    // ------------------------------------------------------------------ bad input: exit 2, one line, no report

    @Test
    void badInputExits2WithOneLineAndWritesNoReport(@TempDir Path dir) throws IOException {
        Path good = PEER.resolve("trajectory.npy");
        Path wrongShape = dir.resolve("wrong-shape.npy");
        try (NpyWriter w = Npy.create(wrongShape, 3, 8, 2)) {
            w.write(new double[48], 0, 48);
        }
        double[] all = Npy.readAll(good);
        Path oneFrame = dir.resolve("one-frame.npy");
        try (NpyWriter w = Npy.create(oneFrame, 1, 8, 3)) {
            w.write(Npy.readAll(good), 0, 24);
        }
        Path notNpy = dir.resolve("garbage.npy");
        Files.writeString(notNpy, "not an npy file");
        Path text = dir.resolve("trajectory.txt");
        Files.writeString(text, "1,2,3");
        Path times = dir.resolve("times.txt");
        Files.writeString(times, "0\n0.1\n0.2\n");
        Path badCsv = dir.resolve("bad.csv");
        Files.writeString(badCsv, "t,token,x1,x2,x3\n0,0,1,0,0\n0,2,1,0,0\n");

        String[][] cases = {
                {"trajectory file not found", "--trajectory", dir.resolve("missing.npy").toString()},
                {"does not match the scenario: expected (frames, n, d) = (frames, 8, 3)", "--trajectory", wrongShape.toString()},
                {"1 frame; at least 2 are needed", "--trajectory", oneFrame.toString()},
                {"not an .npy file", "--trajectory", notNpy.toString()},
                {"expected a .npy or .csv file", "--trajectory", text.toString()},
                {"lists 3 times for 21 frames", "--trajectory", good.toString(), "--times", times.toString()},
                {"the times file must be a 1-D array (one time per frame), got shape (21, 8, 3)", "--trajectory", good.toString(), "--times", good.toString()},
                {"token 2 where token 1 was expected", "--trajectory", badCsv.toString()},
                {"--scheme 'heun' is not one of euler-postln|euler-projected|rk4|pre-public|peri-public|ngpt-public|z-euler|ode", "--trajectory", good.toString(), "--scheme", "heun"},
                {"--tolerance must be a number > 0", "--trajectory", good.toString(), "--tolerance", "-1"},
        };
        for (String[] c : cases) {
            Path report = dir.resolve("report.json");
            List<String> args = new ArrayList<>(List.of("validate", "--scenario", SCENARIO.toString(), "--report", report.toString()));
            args.addAll(List.of(c).subList(1, c.length));
            Run r = attnflow(args.toArray(String[]::new));
            assertEquals(Main.EXIT_INPUT, r.code(), c[0] + ": " + r.err() + r.out());
            assertTrue(r.err().startsWith("attnflow: ") && r.err().contains(c[0]), () -> "expected '" + c[0] + "' in: " + r.err());
            assertEquals(1, r.err().lines().count(), r.err());
            assertFalse(r.err().contains("Exception"), r.err());
            assertEquals("", r.out(), "nothing is reported before the input is known to be good");
            try (Stream<Path> files = Files.list(dir)) {
                assertTrue(files.noneMatch(p -> p.getFileName().toString().contains("report")), c[0] + ": no report, complete or partial");
            }
        }
    }
}
