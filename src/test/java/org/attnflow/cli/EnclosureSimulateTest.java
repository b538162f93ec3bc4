package org.attnflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.attnflow.enclosure.EnclosureCsv;
import org.attnflow.enclosure.EnclosureFrame;
import org.attnflow.io.Json;
import org.attnflow.io.Npy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Method {@code enclosure} end to end: {@code simulate} writes enclosure.csv (atomically, with the trajectory of the
 * boxes' midpoints), and every box holds the reference solution computed at 40 digits by {@code simulate} itself;
 * unsupported models and sizes exit 2 with one line and write nothing, a step that cannot be validated exits 1
 * naming the time reached; {@code verify} and {@code validate --against enclosure} give verdicts that rest on the boxes.
 */
class EnclosureSimulateTest {

    static final String SCENARIO = """
            { "model": { "geometry": "sphere", "mask": "causal", "beta": 2, "V": [[1, 0.4], [-0.3, 0.8]] },
              "initial": { "n": 3, "d": 2, "kind": "points", "points": [[1, 0], [0.6, 0.8], [-0.28, 0.96]] },
              "time": { "end": 0.5, "save_every": 0.25 },
              "solver": %s }""";

    static Path scenario(Path dir, String name, String solver) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, SCENARIO.formatted(solver));
        return file;
    }

    @Test
    void theBoxesOfSimulateHoldTheReferenceSolution(@TempDir Path dir) throws IOException {
        Path boxes = dir.resolve("boxes");
        CommandRunner r = CommandRunner.run("simulate", "--scenario", scenario(dir, "enclosure.json", "{ \"method\": \"enclosure\" }").toString(),
                "--out", boxes.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("enclosure.csv"), r.out());
        JsonNode run = Json.MAPPER.readTree(boxes.resolve("run.json").toFile());
        assertEquals("enclosure", run.get("method").asText());
        assertEquals("enclosure-30", run.get("field").asText(), "the default digits");
        assertEquals(List.of("trajectory.npy", "times.npy", "enclosure.csv", "run.json"), Json.MAPPER.convertValue(run.get("outputs"), List.class));

        Path reference = dir.resolve("reference");
        assertEquals(0, CommandRunner.run("simulate", "--scenario", scenario(dir, "reference.json", "{ \"method\": \"reference\", \"digits\": 40 }").toString(),
                "--out", reference.toString(), "--format", "csv").exit());
        List<String> lines = Files.readAllLines(reference.resolve("trajectory.csv"));
        double[] midpoints = Npy.readAll(boxes.resolve("trajectory.npy"));
        double widest = 0;
        try (BufferedReader in = Files.newBufferedReader(boxes.resolve("enclosure.csv"), StandardCharsets.US_ASCII);
             EnclosureCsv.Reader frames = new EnclosureCsv.Reader(in, 3, 2)) {
            for (int f = 0; f < 3; f++) {
                EnclosureFrame box = frames.next();
                assertEquals(0.25 * f, box.time());
                BigDecimal[] exact = new BigDecimal[6];
                for (int i = 0; i < 3; i++) {
                    String[] c = lines.get(1 + f * 3 + i).split(",");
                    exact[i * 2] = new BigDecimal(c[2]);
                    exact[i * 2 + 1] = new BigDecimal(c[3]);
                }
                assertTrue(box.contains(exact), "frame " + f + ": the 40-digit reference lies in the proved box");
                widest = Math.max(widest, box.maxWidth().doubleValue());
                double[] mid = box.midpoints();
                for (int k = 0; k < 6; k++) assertEquals(mid[k], midpoints[f * 6 + k], "the trajectory is the boxes' midpoints");
            }
            assertEquals(null, frames.next(), "three frames");
        }
        assertTrue(widest > 0 && widest < 1e-20, "30 digits: boxes ~1e-25 wide, got " + widest);
    }

    @Test
    void unsupportedModelsExit2AndAStepThatCannotBeValidatedExits1NamingTheTime(@TempDir Path dir) throws IOException {
        Path big = dir.resolve("big.json");
        Files.writeString(big, """
                { "model": { "geometry": "sphere" }, "initial": { "n": 17, "d": 3, "kind": "uniform-sphere", "seed": 1 },
                  "time": { "end": 1, "save_every": 1 }, "solver": { "method": "enclosure" } }""");
        Path pre = dir.resolve("pre.json");
        Files.writeString(pre, """
                { "model": { "geometry": "sphere", "layer_norm": "pre" }, "initial": { "n": 3, "d": 2, "kind": "uniform-sphere", "seed": 1 },
                  "time": { "end": 1, "save_every": 1 }, "solver": { "method": "enclosure", "digits": 40 } }""");
        Path step = dir.resolve("step.json");
        Files.writeString(step, """
                { "model": { "geometry": "sphere" }, "initial": { "n": 3, "d": 2, "kind": "uniform-sphere", "seed": 1 },
                  "time": { "end": 1, "save_every": 1 }, "solver": { "method": "enclosure", "step": 0.1 } }""");
        String[][] cases = {
                {big.toString(), "solver.method: the enclosure method is for small systems: n·d = 51 exceeds 48"},
                {pre.toString(), "solver.method: the enclosure method encloses post-LN dynamics; layer_norm pre is not enclosed"},
                {step.toString(), "solver.step: has no effect with method enclosure"},
        };
        for (String[] c : cases) {
            Path out = dir.resolve("out");
            CommandRunner r = CommandRunner.run("simulate", "--scenario", c[0], "--out", out.toString());
            assertEquals(Main.EXIT_INPUT, r.exit(), r.err());
            assertTrue(r.err().contains(c[1]), r.err());
            assertEquals(1, r.err().lines().count(), r.err());
            assertFalse(Files.exists(out));
        }
        // x grows like e^{3t}: the scores leave the range the interval exponential encloses
        Path fails = dir.resolve("fails.json");
        Files.writeString(fails, """
                { "model": { "geometry": "euclidean", "V": [[3, 0], [0, 3]] },
                  "initial": { "n": 3, "d": 2, "kind": "points", "points": [[1, 0], [0, 1], [-1, -0.5]] },
                  "time": { "end": 4, "save_every": 4 }, "solver": { "method": "enclosure", "digits": 10 } }""");
        Path out = dir.resolve("fails");
        CommandRunner r = CommandRunner.run("simulate", "--scenario", fails.toString(), "--out", out.toString());
        assertEquals(Main.EXIT_FAILED, r.exit(), r.err());
        assertTrue(r.err().startsWith("attnflow: the run failed: the enclosure stopped at t = "), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertFalse(Files.exists(out), "nothing half-written");
    }

    @Test
    void verifyAndValidateGiveVerdictsThatRestOnTheBoxes(@TempDir Path dir) throws IOException {
        Path dopri = scenario(dir, "dopri5.json", "{ \"method\": \"dopri5\", \"rtol\": 1e-9, \"atol\": 1e-11 }");
        Path verifyReport = dir.resolve("verify.json");
        CommandRunner v = CommandRunner.run("verify", "--scenario", dopri.toString(), "--against", "enclosure", "--report", verifyReport.toString());
        assertEquals(0, v.exit(), v.out() + v.err());
        JsonNode verify = Json.MAPPER.readTree(verifyReport.toFile());
        assertTrue(verify.get("reference").get("method").asText().startsWith("enclosure"), verify.get("reference").toString());
        assertTrue(verify.get("max_reference_error").asDouble() < 1e-20, "the boxes' proved size: " + verify.get("max_reference_error"));

        Path run = dir.resolve("run");
        assertEquals(0, CommandRunner.run("simulate", "--scenario", dopri.toString(), "--out", run.toString()).exit());
        Path report = dir.resolve("validate.json");
        CommandRunner r = CommandRunner.run("validate", "--scenario", dopri.toString(), "--trajectory", run.resolve("trajectory.npy").toString(),
                "--rtol", "1e-9", "--atol", "1e-11", "--against", "enclosure", "--report", report.toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        JsonNode json = Json.MAPPER.readTree(report.toFile());
        assertTrue(json.get("proved").asBoolean(), json.toString());
        assertTrue(r.out().contains("proof: the verdict rests on the proved boxes"), r.out());
        // a float64 tolerance that dopri5 at 1e-9 cannot meet: failed by a proved lower bound, not by an estimate
        CommandRunner strict = CommandRunner.run("validate", "--scenario", dopri.toString(), "--trajectory", run.resolve("trajectory.npy").toString(),
                "--against", "enclosure", "--tolerance", "1e-13", "--report", report.toString());
        assertEquals(1, strict.exit(), strict.out());
        JsonNode failed = Json.MAPPER.readTree(report.toFile());
        assertTrue(failed.get("proved").asBoolean(), failed.toString());
        double lower = 0;
        for (JsonNode f : failed.get("per_frame")) if (f.has("lower_bound")) lower = Math.max(lower, f.get("lower_bound").asDouble());
        assertTrue(lower > 1e-13, "the proved lower bound of the deviation is beyond the tolerance: " + lower);
    }
}
