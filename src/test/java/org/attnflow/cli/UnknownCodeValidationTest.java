package org.attnflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.attnflow.io.Json;
import org.attnflow.io.Npy;
import org.attnflow.io.NpyWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code attnflow validate} on the planted bugs of examples/unknown-code (a NumPy peer, see its README): each is named
 * as what it is — a look-ahead mask an I2 finding for every token that reads later tokens (token 0 included), a causal
 * row without its own term a mask defect (not "their row does not sum to 1"), their NaN a finding at its frame and
 * token, float32 rounding no I4 finding, V^T the row convention; an adaptive peer passes with its own --rtol/--atol
 * (verify's promise) and fails float64 rounding; the [GLPR-E] z code passes on its observed order with
 * --trajectory-half; a batch of 16 systems with per-system matrices fails on exactly the one corrupted at frame 7; bad
 * input exits 2 with one line.
 */
class UnknownCodeValidationTest {
    static final Path DIR = Path.of("examples/unknown-code");

    static JsonNode validate(Path dir, String... args) throws IOException {
        Path report = dir.resolve("report-" + System.nanoTime() + ".json");
        List<String> all = new ArrayList<>(List.of("validate", "--report", report.toString()));
        all.addAll(List.of(args));
        CommandRunner r = CommandRunner.run(all.toArray(String[]::new));
        assertEquals("", r.err());
        JsonNode json = Json.MAPPER.readTree(report.toFile());
        assertEquals(json.get("verdict").asText().equals("pass") ? 0 : 1, r.exit(), r.out());
        return json;
    }

    static JsonNode sphere(Path dir, String file, String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of("--scenario", DIR.resolve("sphere.json").toString(), "--trajectory", DIR.resolve(file).toString()));
        args.addAll(List.of(extra));
        return validate(dir, args.toArray(String[]::new));
    }

    @Test
    void aLookAheadMaskIsAnI2FindingForEveryTokenThatReadsLaterTokens(@TempDir Path dir) throws IOException {
        JsonNode r = sphere(dir, "s1-lookahead.npy");
        JsonNode i2 = r.get("invariants").get("I2");
        assertTrue(i2.get("found").asBoolean(), i2.toString());
        assertEquals(1, i2.get("frame").asInt());
        assertEquals(0, i2.get("token").asInt(), "token 0 reads token 1: an I2 finding like the others");
        assertTrue(i2.get("explained_by_later_tokens").asBoolean());
        String detail = i2.get("detail").asText();
        assertTrue(detail.startsWith("frame 1, tokens 0-6 read later tokens: each reads 1 token ahead"), detail);
        assertTrue(detail.contains("the causal mask shifted by 1"), detail);
        assertFalse(r.get("reasons").toString().contains("not a causal-order violation"), r.get("reasons").toString());
    }

    @Test
    void aCausalRowWithoutItsOwnTermIsAMaskDefectNotAnAttentionRowThatDoesNotSumToOne(@TempDir Path dir) throws IOException {
        JsonNode r = sphere(dir, "s1-drop-self.npy");
        String reasons = r.get("reasons").toString();
        assertTrue(reasons.contains("mask defect: frame 1, tokens 0-7: their causal row leaves the token's own term P_ii V x_i out of the sum"), reasons);
        assertTrue(reasons.contains("no later token is read"), reasons);
        assertFalse(reasons.contains("does not sum to 1"), reasons);
        assertFalse(r.get("invariants").get("I4").get("found").asBoolean(), r.get("invariants").get("I4").toString());
        assertFalse(r.get("invariants").get("I2").get("found").asBoolean(), "it reads no later token");
    }

    @Test
    void theirNanIsAFindingAtItsFrameAndToken(@TempDir Path dir) throws IOException {
        JsonNode r = sphere(dir, "s1-nan.npy");
        assertEquals("fail", r.get("verdict").asText());
        // the bug acts from step 5, the step that makes frame 6, on token 3
        assertEquals(6, r.get("non_finite").get("frame").asInt());
        assertEquals(3, r.get("non_finite").get("token").asInt());
        assertEquals(6, r.get("frames_checked").asInt());
        assertTrue(r.get("max_deviation").asDouble() < 1e-14, "frames 0-5 are the scheme: " + r.get("max_deviation"));
    }

    @Test
    void float32DataGetsNoRowScaleFindingFromItsRounding(@TempDir Path dir) throws IOException {
        for (String tolerance : new String[] {"1e-7", "1e-6"}) {
            JsonNode r = sphere(dir, "s1-float32.npy", "--tolerance", tolerance);
            assertEquals("float32", r.get("stored_as").asText());
            JsonNode i4 = r.get("invariants").get("I4");
            assertTrue(i4.get("applicable").asBoolean());
            assertFalse(i4.get("found").asBoolean(), tolerance + ": " + i4);
            assertFalse(r.get("reasons").toString().contains("does not sum to 1"), r.get("reasons").toString());
        }
    }

    @Test
    void aRowConventionFileIsNamedAsSuchFirst(@TempDir Path dir) throws IOException {
        JsonNode r = sphere(dir, "s1-rows.npy");
        assertEquals("fail", r.get("verdict").asText());
        assertTrue(r.get("reasons").get(1).asText().startsWith("row convention: with every V transposed the file matches"), r.get("reasons").toString());
    }

    @Test
    void anAdaptivePeerPassesWithItsOwnToleranceAndSaysSo(@TempDir Path dir) throws IOException {
        JsonNode strict = sphere(dir, "rk45.npy", "--scheme", "ode");
        assertEquals("fail", strict.get("verdict").asText(), "rtol 1e-7 is not float64 rounding");
        JsonNode r = sphere(dir, "rk45.npy", "--rtol", "1e-7", "--atol", "1e-9");
        assertEquals("pass", r.get("verdict").asText(), r.get("reasons").toString());
        assertEquals("ode", r.get("scheme").asText(), "--rtol/--atol compare with the exact flow");
        assertTrue(r.get("tolerance_from").asText().contains("verify states it for dopri5"), r.get("tolerance_from").asText());
        assertEquals(1e-7, r.get("promise").get("rtol").asDouble());
        assertEquals(10 * (1e-7 + 1e-9), r.get("tolerance").asDouble(), 1e-20, "K (rtol + atol) at their first frame");
        JsonNode last = r.get("per_frame").get(20);
        assertEquals(10 * (1e-7 + 1e-9) * 3, last.get("tolerance").asDouble(), 1e-18, "grows with (1 + t)");
        assertTrue(r.get("digits").asInt() < 12, "a looser tolerance asks the reference for fewer digits: " + r.get("digits"));
    }

    @Test
    void theGlprZCodePassesOnItsObservedOrder(@TempDir Path dir) throws IOException {
        JsonNode r = validate(dir, "--scenario", DIR.resolve("euclidean.json").toString(), "--trajectory", DIR.resolve("glpr-z.npy").toString(),
                "--coordinates", "z", "--trajectory-half", DIR.resolve("glpr-z-half.npy").toString());
        assertEquals("pass", r.get("verdict").asText(), r.get("reasons").toString());
        JsonNode order = r.get("order");
        double h = order.get("max_deviation").asDouble(), half = order.get("max_deviation_half").asDouble();
        System.out.printf("glpr-z: deviation from the flow %.3g at h = 0.1, %.3g at h = 0.05, observed order %.3f%n", h, half, order.get("observed").asDouble());
        assertTrue(h > 1e-3 && h < 0.1, "a first-order scheme at h = 0.1 is far from the flow: " + h);
        assertEquals(1, order.get("observed").asDouble(), 0.15);
        assertEquals("z", r.get("coordinates").asText());
        // without the half-step file the same deviations fail the tolerance
        JsonNode alone = validate(dir, "--scenario", DIR.resolve("euclidean.json").toString(), "--trajectory", DIR.resolve("glpr-z.npy").toString(),
                "--coordinates", "z", "--scheme", "ode");
        assertEquals("fail", alone.get("verdict").asText());
        // and replayed as the z-euler scheme it is, it matches to rounding
        JsonNode scheme = validate(dir, "--scenario", DIR.resolve("euclidean.json").toString(), "--trajectory", DIR.resolve("glpr-z.npy").toString(),
                "--coordinates", "z", "--scheme", "z-euler", "--step", "0.1");
        assertEquals("pass", scheme.get("verdict").asText(), scheme.get("reasons").toString());
    }

    @Test
    void aBatchOf16SystemsWithTheirOwnMatricesFailsOnlyOnTheCorruptedOne(@TempDir Path dir) throws IOException {
        Path report = dir.resolve("batch.json");
        CommandRunner r = CommandRunner.run("validate", "--scenario", DIR.resolve("batch.json").toString(), "--trajectory", DIR.resolve("batch.npy").toString(),
                "--matrices", DIR.resolve("batch-matrices.npz").toString(), "--report", report.toString());
        assertEquals(1, r.exit(), r.out() + r.err());
        JsonNode json = Json.MAPPER.readTree(report.toFile());
        assertEquals(16, json.get("systems").size());
        assertEquals("[5]", json.get("summary").get("failed").toString(), r.out());
        assertEquals(15, json.get("summary").get("passed").asInt());
        for (JsonNode s : json.get("systems")) {
            if (s.get("system").asInt() == 5) {
                assertEquals(7, s.get("first_failing_frame").asInt(), "corrupted from the step that makes frame 7: " + s);
            } else {
                assertEquals("pass", s.get("verdict").asText(), s.toString());
                assertTrue(s.get("max_deviation").asDouble() < 1e-14, s.toString());
            }
        }
        assertTrue(r.out().contains("summary: 15 of 16 systems pass; fail: [5]"), r.out());
        // [B, frames, n, d] with --batch-axis 0: the same verdicts
        double[] all = Npy.readAll(DIR.resolve("batch.npy"));
        int frames = 11, b = 16, nd = 8;
        Path swapped = dir.resolve("systems-first.npy");
        try (NpyWriter w = Npy.create(swapped, b, frames, 4, 2)) {
            double[] row = new double[nd];
            for (int s = 0; s < b; s++) {
                for (int f = 0; f < frames; f++) {
                    System.arraycopy(all, (f * b + s) * nd, row, 0, nd);
                    w.write(row, 0, nd);
                }
            }
        }
        CommandRunner axis0 = CommandRunner.run("validate", "--scenario", DIR.resolve("batch.json").toString(), "--trajectory", swapped.toString(),
                "--matrices", DIR.resolve("batch-matrices.npz").toString(), "--batch-axis", "0");
        assertEquals(1, axis0.exit(), axis0.out() + axis0.err());
        assertTrue(axis0.out().contains("summary: 15 of 16 systems pass; fail: [5]"), axis0.out());
    }

    @Test
    void badInputExits2WithOneLine(@TempDir Path dir) throws IOException {
        Path fewMatrices = dir.resolve("three.npz");
        // an .npz with 3 matrices for 16 systems
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(fewMatrices))) {
            Path v = dir.resolve("V.npy");
            try (NpyWriter w = Npy.create(v, 3, 2, 2)) {
                w.write(new double[] {1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1}, 0, 12);
            }
            zip.putNextEntry(new java.util.zip.ZipEntry("V.npy"));
            zip.write(Files.readAllBytes(v));
            zip.closeEntry();
        }
        Path otherTimes = dir.resolve("other-times.txt");
        StringBuilder t = new StringBuilder();
        for (int f = 0; f <= 20; f++) t.append(0.05 * f).append('\n');
        Files.writeString(otherTimes, t);
        Path halfCsv = dir.resolve("half.csv");
        double[] half = Npy.readAll(DIR.resolve("glpr-z-half.npy"));
        StringBuilder csv = new StringBuilder("t,token,x1,x2\n");
        for (int f = 0; f <= 20; f++) {
            for (int i = 0; i < 6; i++) csv.append(0.05 * f).append(',').append(i).append(',').append(half[f * 12 + i * 2]).append(',').append(half[f * 12 + i * 2 + 1]).append('\n');
        }
        Files.writeString(halfCsv, csv);
        String batch = DIR.resolve("batch.json").toString(), sphere = DIR.resolve("sphere.json").toString(), euclidean = DIR.resolve("euclidean.json").toString();
        String[][] cases = {
                {"--batch-axis must be 0", "--scenario", batch, "--trajectory", DIR.resolve("batch.npy").toString(), "--batch-axis", "2"},
                {"holds B = 11 systems along axis 0, but there are 16 models (per-system Q, K, V from", "--scenario", batch, "--trajectory", DIR.resolve("batch.npy").toString(), "--batch-axis", "0",
                        "--matrices", DIR.resolve("batch-matrices.npz").toString()},
                {"holds B = 16 systems along axis 1, but there are 3 models (per-system V from", "--scenario", batch, "--trajectory", DIR.resolve("batch.npy").toString(),
                        "--matrices", fewMatrices.toString()},
                {"holds B = 16 systems along axis 1, but there are 2 models (a scenario per system (2))", "--scenario", batch, "--scenario", batch, "--trajectory", DIR.resolve("batch.npy").toString()},
                {"--trajectory-half " + halfCsv + " frame 1 is at t = 0.05", "--scenario", euclidean, "--trajectory", DIR.resolve("glpr-z.npy").toString(),
                        "--coordinates", "z", "--trajectory-half", halfCsv.toString()},
                {"--trajectory-half compares their frames with the exact flow: use it with --scheme ode, not euler-postln", "--scenario", sphere,
                        "--trajectory", DIR.resolve("s1.npy").toString(), "--trajectory-half", DIR.resolve("s1.npy").toString(), "--scheme", "euler-postln"},
                {"--rtol and --atol go together", "--scenario", sphere, "--trajectory", DIR.resolve("rk45.npy").toString(), "--rtol", "1e-7"},
                {"--coordinates z: the file holds z = e^{-tV}x of a Euclidean model", "--scenario", sphere, "--trajectory", DIR.resolve("s1.npy").toString(),
                        "--coordinates", "z"},
                {"--against enclosure: the enclosure method encloses post-LN dynamics; layer_norm pre is not enclosed", "--scenario",
                        "examples/peer-numpy-schemes/pre.json", "--trajectory", "examples/peer-numpy-schemes/pre.npy", "--against", "enclosure"},
        };
        for (String[] c : cases) {
            Path report = dir.resolve("report.json");
            List<String> args = new ArrayList<>(List.of("validate", "--report", report.toString()));
            args.addAll(List.of(c).subList(1, c.length));
            CommandRunner r = CommandRunner.run(args.toArray(String[]::new));
            assertEquals(Main.EXIT_INPUT, r.exit(), c[0] + ": " + r.err() + r.out());
            assertTrue(r.err().startsWith("attnflow: ") && r.err().contains(c[0]), () -> "expected '" + c[0] + "' in: " + r.err());
            assertEquals(1, r.err().lines().count(), r.err());
            try (Stream<Path> files = Files.list(dir)) {
                assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith("report")), c[0] + ": no report");
            }
        }
    }
}
