package org.attnflow.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.attnflow.integrate.Trajectory;
import org.attnflow.integrate.TrajectoryRecorder;
import org.attnflow.io.Json;
import org.attnflow.io.Npy;
import org.attnflow.io.NpyReader;
import org.attnflow.io.ScenarioReader;
import org.attnflow.model.FieldKind;
import org.attnflow.model.Method;
import org.attnflow.model.Scenario;
import org.attnflow.model.SolverSettings;
import org.attnflow.run.ScenarioRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The done-when scenario, examples/prenorm-4head-causal.json (pre-LN, four heads averaged, causal), in every
 * solver: the scalar and the SIMD field agree, the reference meets dopri5 within its promise, the replay of the
 * paper's pre-LN step meets the double one to rounding, {@code simulate} writes radius.npy, {@code verify} passes.
 * And the command line's answers to bad input (exit 2, nothing written) and to a run that fails I8 or I9 (exit 1, one
 * line, nothing written).
 */
class PreLnFourHeadExampleTest {
    static final Path EXAMPLE = Path.of("examples/prenorm-4head-causal.json");

    /** The example cut to t = 0.5 (every solver, quickly). */
    static ObjectNode shortExample() throws IOException {
        ObjectNode json = (ObjectNode) Json.MAPPER.readTree(Files.readString(EXAMPLE));
        ((ObjectNode) json.get("time")).put("end", 0.5);
        return json;
    }

    static Scenario with(ObjectNode json, SolverSettings solver) {
        Scenario s = ScenarioReader.parse(json.toString(), "example").scenario();
        return new Scenario(s.model(), s.initial(), s.time(), solver);
    }

    static Trajectory run(Scenario s) {
        TrajectoryRecorder rec = new TrajectoryRecorder(s.tokens(), s.dimension());
        ScenarioRunner.run(s, rec);
        return rec.trajectory();
    }

    @Test
    void runsInEverySolver() throws IOException {
        ObjectNode json = shortExample();
        Trajectory scalar = run(with(json, new SolverSettings(Method.DOPRI5, null, 1e-10, 1e-12, null, FieldKind.SCALAR, 1)));
        Trajectory simd = run(with(json, new SolverSettings(Method.DOPRI5, null, 1e-10, 1e-12, null, FieldKind.SIMD, 2)));
        Trajectory reference = run(with(json, new SolverSettings(Method.REFERENCE, null, 1e-8, 1e-10, 16, FieldKind.AUTO, 1)));
        double simdVsScalar = 0, doubleVsReference = 0;
        for (int f = 0; f < scalar.frameCount(); f++) {
            simdVsScalar = Math.max(simdVsScalar, maxRelative(scalar.frame(f), simd.frame(f)));
            simdVsScalar = Math.max(simdVsScalar, maxRelative(scalar.radius(f), simd.radius(f)));
            doubleVsReference = Math.max(doubleVsReference, maxRelative(reference.frame(f), scalar.frame(f)));
            doubleVsReference = Math.max(doubleVsReference, maxRelative(reference.radius(f), scalar.radius(f)));
        }
        Trajectory s1 = run(with(json, new SolverSettings(Method.EULER_POSTLN, 0.05, 1e-8, 1e-10, null, FieldKind.SCALAR, 1)));
        Trajectory s1Replay = run(with(json, new SolverSettings(Method.EULER_POSTLN, 0.05, 1e-8, 1e-10, 20, FieldKind.AUTO, 1)));
        double replay = 0;
        for (int f = 0; f < s1.frameCount(); f++) {
            replay = Math.max(replay, maxRelative(s1Replay.frame(f), s1.frame(f)));
            replay = Math.max(replay, maxRelative(s1Replay.radius(f), s1.radius(f)));
        }
        System.out.printf("prenorm-4head-causal to t = 0.5: SIMD vs scalar %.2e, dopri5 (rtol 1e-10) vs reference (16 digits) %.2e, "
                + "S1 double vs its 20-digit replay %.2e%n", simdVsScalar, doubleVsReference, replay);
        assertTrue(simdVsScalar < 1e-12, "SIMD vs scalar " + simdVsScalar);
        assertTrue(doubleVsReference < 1e-8, "dopri5 vs reference " + doubleVsReference);
        assertTrue(replay < 1e-14, "S1 vs its replay " + replay);
    }

    private static double maxRelative(double[] reference, double[] x) {
        double m = 0;
        for (int k = 0; k < x.length; k++) m = Math.max(m, Math.abs(x[k] - reference[k]) / Math.max(1, Math.abs(reference[k])));
        return m;
    }

    @Test
    void simulateWritesRadiiAndVerifyPasses(@TempDir Path dir) throws IOException {
        Path scenario = dir.resolve("short.json");
        Files.writeString(scenario, shortExample().toString());
        CommandRunner sim = CommandRunner.run("simulate", "--scenario", scenario.toString(), "--out", dir.resolve("run").toString());
        assertEquals(0, sim.exit(), sim.err());
        assertTrue(sim.out().contains("radius.npy"), sim.out());
        try (NpyReader r = Npy.open(dir.resolve("run/radius.npy"))) {
            assertArrayEquals(new long[] {3, 12}, r.shape());
            double[] first = new double[12];
            r.readFrame(first);
            for (double v : first) assertEquals(1, v, 0.0);
        }
        JsonNode runJson = Json.MAPPER.readTree(dir.resolve("run/run.json").toFile());
        assertEquals("pre", runJson.at("/scenario/model/layer_norm").asText());
        assertEquals(4, runJson.at("/scenario/model/heads").size());
        assertTrue(runJson.get("model").asText().contains("pre-LN, 4 heads (mean)"), runJson.get("model").asText());
        // the directions and the radii validate against the same scheme replayed (the exact flow)
        CommandRunner val = CommandRunner.run("validate", "--scenario", scenario.toString(), "--trajectory", dir.resolve("run/trajectory.npy").toString(),
                "--radius", dir.resolve("run/radius.npy").toString(), "--tolerance", "1e-6", "--digits", "12");
        assertEquals(0, val.exit(), val.out());
        CommandRunner verify = CommandRunner.run("verify", "--scenario", scenario.toString(), "--digits", "16");
        assertEquals(0, verify.exit(), verify.out());
        assertTrue(verify.out().contains("verdict: pass"), verify.out());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            layer norm on euclidean  | "geometry": "sphere"     | "geometry": "euclidean"                       | model.layer_norm: 'pre' normalises tokens x = r θ on the sphere
            heads and top-level V    | "head_combine": "mean"   | "head_combine": "mean", "V": "identity"       | model.heads: give Q, K and V per head
            radius not positive      | "radius": 1              | "radius": 0                                   | initial.radius: must be > 0, got 0
            schedule short of end    | "head_combine": "mean"   | "head_combine": "mean", "schedule": [{"until": 0.25}] | model.schedule: the last piece ends at until = 0.25, before time.end = 0.5
            """)
    void badInputExits2WithOneLineAndNothingWritten(String name, String from, String to, String expected, @TempDir Path dir) throws IOException {
        String json = shortExample().toString().replace(from.replace(" ", ""), to.replace(", ", ",").replace(": ", ":"));
        assertFalse(json.equals(shortExample().toString()), "the replacement applies: " + name);
        Path scenario = dir.resolve("bad.json");
        Files.writeString(scenario, json);
        CommandRunner r = CommandRunner.run("simulate", "--scenario", scenario.toString(), "--out", dir.resolve("run").toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().startsWith("attnflow: ") && r.err().strip().lines().count() == 1, r.err());
        assertTrue(r.err().contains(expected), r.err());
        assertFalse(Files.exists(dir.resolve("run")), "nothing written");
    }

    @Test
    void aRunThatFailsI8OrI9Exits1WithOneLineAndNothingWritten(@TempDir Path dir) throws IOException {
        List<String> scenarios = List.of("""
                { "model": { "geometry": "sphere", "mask": "causal", "layer_norm": "pre", "V": {"scaled_identity": -1} },
                  "initial": { "points": [[1, 0], [0.6, 0.8]], "radius": [0.25, 1] },
                  "time": { "end": 1, "save_every": 0.1 } }""", """
                { "model": { "geometry": "sphere", "beta": 0, "layer_norm": "peri" },
                  "initial": { "points": [[1, 0], [-1, 0]] },
                  "time": { "end": 1, "save_every": 0.1 }, "solver": { "method": "euler-postln", "step": 0.1 } }""");
        List<String> expected = List.of("attnflow: the run failed: dopri5: step size", "attnflow: the run failed: I9: the attention output of token 0 vanishes");
        for (int k = 0; k < scenarios.size(); k++) {
            Path scenario = dir.resolve("fails" + k + ".json");
            Files.writeString(scenario, scenarios.get(k));
            CommandRunner r = CommandRunner.run("simulate", "--scenario", scenario.toString(), "--out", dir.resolve("run" + k).toString());
            assertEquals(1, r.exit(), r.err());
            assertTrue(r.err().startsWith(expected.get(k)) && r.err().strip().lines().count() == 1, r.err());
            assertTrue(r.err().contains(k == 0 ? "I8: the radius of token 0" : "at t = 0"), r.err());
            assertFalse(r.err().contains("NaN"), r.err());
            assertFalse(Files.exists(dir.resolve("run" + k)), "nothing written");
        }
    }
}
