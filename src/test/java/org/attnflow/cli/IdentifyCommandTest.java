package org.attnflow.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import org.attnflow.testing.Python;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code attnflow identify} on files made by independent NumPy implementations (examples/unknown-code: S1, S2, S3, rk4,
 * the frozen "RK4", the [GLPR-E] authors' z code, with V and V^T, full and causal, softmax/mean/none/count-n, one and
 * two steps per frame; examples/peer-numpy-schemes: every normalisation scheme, paper and public; examples/peer-numpy:
 * S1): the scheme that made the file ranks first, reproduces every frame to rounding, and the JSON report says so under
 * {@code matches}. The scenario given is the one the peer read; the conventions (V^T, mask, normalisation) are what
 * identify has to find, since the peer changes them by its flags.
 */
class IdentifyCommandTest {
    static final Path UNKNOWN = Path.of("examples/unknown-code");
    static final Path SCHEMES = Path.of("examples/peer-numpy-schemes");

    /** scenario, file, extra options, then the expected scheme, steps per frame, V, normalisation, mask, layer_norm (null in R^d). */
    static Stream<Arguments> files() {
        List<Arguments> a = new ArrayList<>();
        String sphere = UNKNOWN.resolve("sphere.json").toString(), euclidean = UNKNOWN.resolve("euclidean.json").toString();
        a.add(Arguments.of(sphere, UNKNOWN.resolve("s1.npy"), "x", "euler-postln", 1, "V", "softmax", "causal", "post"));
        a.add(Arguments.of(sphere, UNKNOWN.resolve("s1-rows.npy"), "x", "euler-postln", 1, "V^T", "softmax", "causal", "post"));
        a.add(Arguments.of(sphere, UNKNOWN.resolve("s1-rows-full.npy"), "x", "euler-postln", 1, "V^T", "softmax", "full", "post"));
        a.add(Arguments.of(sphere, UNKNOWN.resolve("s1-none.npy"), "x", "euler-postln", 1, "V", "none", "causal", "post"));
        a.add(Arguments.of(sphere, UNKNOWN.resolve("s1-half-step.npy"), "x", "euler-postln", 2, "V", "softmax", "causal", "post"));
        a.add(Arguments.of(sphere, UNKNOWN.resolve("s2-rows.npy"), "x", "euler-projected", 1, "V^T", "softmax", "causal", "post"));
        a.add(Arguments.of(sphere, UNKNOWN.resolve("s2-full-mean.npy"), "x", "euler-projected", 1, "V", "mean", "full", "post"));
        a.add(Arguments.of(sphere, UNKNOWN.resolve("rk4-full.npy"), "x", "rk4", 1, "V", "softmax", "full", "post"));
        a.add(Arguments.of(sphere, UNKNOWN.resolve("rk4-rows-count-n.npy"), "x", "rk4", 1, "V^T", "count-n", "causal", "post"));
        // the frozen "RK4" (every stage at the start of the step) is Euler: projected Euler, then the retraction
        a.add(Arguments.of(sphere, UNKNOWN.resolve("frozen-rk4.npy"), "x", "euler-projected", 1, "V", "softmax", "causal", "post"));
        a.add(Arguments.of(euclidean, UNKNOWN.resolve("s3.npy"), "x", "euler-postln", 1, "V", "softmax", "full", null));
        a.add(Arguments.of(euclidean, UNKNOWN.resolve("s3-rows-causal.npy"), "x", "euler-postln", 1, "V^T", "softmax", "causal", null));
        a.add(Arguments.of(euclidean, UNKNOWN.resolve("rk4-euclidean-causal.npy"), "x", "rk4", 1, "V", "softmax", "causal", null));
        // the [GLPR-E] authors' code: z written, its "RK4" frozen: z-euler
        a.add(Arguments.of(euclidean, UNKNOWN.resolve("glpr-z.npy"), "z", "z-euler", 1, "V", "softmax", "full", null));
        a.add(Arguments.of(euclidean, UNKNOWN.resolve("glpr-z-causal.npy"), "z", "z-euler", 1, "V", "softmax", "causal", null));
        a.add(Arguments.of(euclidean, UNKNOWN.resolve("glpr-z-half.npy"), "z", "z-euler", 2, "V", "softmax", "full", null));
        for (String s : new String[] {"post", "pre", "peri", "ngpt", "mix", "ln-scaling", "heads"}) {
            String ln = switch (s) {
                case "ngpt" -> "ngpt, alpha 0.5";
                case "mix" -> "mix, tau 0.5";
                case "heads" -> "pre";
                default -> s;
            };
            a.add(Arguments.of(SCHEMES.resolve(s + ".json").toString(), SCHEMES.resolve(s + ".npy"), "x", "euler-postln", 1, "V", "softmax", "causal", ln));
        }
        a.add(Arguments.of(SCHEMES.resolve("pre-public.json").toString(), SCHEMES.resolve("pre-public.npy"), "x", "pre-public", 1, "V", "softmax", "causal", "pre"));
        a.add(Arguments.of(SCHEMES.resolve("peri-public.json").toString(), SCHEMES.resolve("peri-public.npy"), "x", "peri-public", 1, "V", "softmax", "causal", "peri"));
        a.add(Arguments.of(SCHEMES.resolve("ngpt-public.json").toString(), SCHEMES.resolve("ngpt-public.npy"), "x", "ngpt-public", 1, "V", "softmax", "causal",
                "ngpt, alpha 0.2"));
        a.add(Arguments.of(SCHEMES.resolve("heads.json").toString(), SCHEMES.resolve("heads-rows.npy"), "x", "euler-postln", 1, "V^T", "softmax", "causal", "pre"));
        a.add(Arguments.of("examples/peer-numpy/scenario.json", Path.of("examples/peer-numpy/trajectory.npy"), "x", "euler-postln", 1, "V", "softmax", "causal", "post"));
        return a.stream();
    }

    static JsonNode identify(Path dir, String scenario, Path file, String coordinates, int exit) throws IOException {
        Path report = dir.resolve("identify-" + System.nanoTime() + ".json");
        CommandRunner r = CommandRunner.run("identify", "--scenario", scenario, "--trajectory", file.toString(), "--coordinates", coordinates,
                "--report", report.toString());
        assertEquals("", r.err());
        assertEquals(exit, r.exit(), r.out());
        assertTrue(r.out().contains("verdict: "), r.out());
        return Json.MAPPER.readTree(report.toFile());
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("files")
    void theSchemeThatMadeTheFileRanksFirst(String scenario, Path file, String coordinates, String scheme, int stepsPerFrame, String v,
                                            String normalization, String mask, String layerNorm, @TempDir Path dir) throws IOException {
        JsonNode r = identify(dir, scenario, file, coordinates, 0);
        assertTrue(r.get("identified").asBoolean(), r.get("verdict").asText());
        JsonNode best = r.get("matches").get(0);
        System.out.printf("identify %s: %s (%s), max defect %.2e; next %s (%s) %.2e%n", file, best.get("scheme").asText(), best.get("convention").asText(),
                best.get("max_defect").asDouble(), r.get("matches").get(1).get("scheme").asText(), r.get("matches").get(1).get("convention").asText(),
                r.get("matches").get(1).get("max_defect").asDouble());
        assertEquals(scheme, best.get("scheme").asText(), best.toString());
        assertEquals(stepsPerFrame, best.get("steps_per_frame").asInt(), best.toString());
        assertEquals(0.1 / stepsPerFrame, best.get("step").asDouble(), 1e-12, best.toString());
        assertEquals(v, best.get("v").asText(), best.toString());
        assertEquals(mask, best.get("mask").asText(), best.toString());
        if (layerNorm != null) assertEquals(layerNorm, best.get("layer_norm").asText(), best.toString());
        // under peri and ngpt only A/|A| enters: softmax and mean (a positive multiple of it) give the same steps
        boolean scaleFree = layerNorm != null && (layerNorm.startsWith("peri") || layerNorm.startsWith("ngpt"));
        if (!scaleFree) assertEquals(normalization, best.get("normalization").asText(), best.toString());
        assertTrue(best.get("max_defect").asDouble() < 1e-14, "float64 rounding: " + best);
        assertTrue(best.get("confirmed").asBoolean());
        assertTrue(best.get("first_frame_beyond_rounding").isNull(), best.toString());
        assertTrue(best.get("convention").asText().contains(v + ", ") && best.get("convention").asText().contains(mask), best.toString());
        // no other scheme, step, V or mask reproduces the file (under peri and ngpt the normalisations tie, as they must)
        for (JsonNode m : r.get("matches")) {
            if (m == best || !m.get("confirmed").asBoolean() || !m.get("first_frame_beyond_rounding").isNull()) continue;
            boolean sameSteps = m.get("scheme").asText().equals(scheme) && m.get("steps_per_frame").asInt() == stepsPerFrame
                    && m.get("v").asText().equals(v) && m.get("mask").asText().equals(mask);
            assertTrue(scaleFree && sameSteps, "only " + best + " reproduces the file, not " + m);
        }
    }

    /** A planted error: identify names the scheme, and the frame from which the file departs from it. */
    @Test
    void aFileThatDepartsFromItsSchemeIsIdentifiedUpToTheFrameWhereItGoesWrong(@TempDir Path dir) throws IOException {
        JsonNode r = identify(dir, SCHEMES.resolve("pre.json").toString(), SCHEMES.resolve("pre-planted.npy"), "x", 1);
        assertFalse(r.get("identified").asBoolean());
        JsonNode best = r.get("matches").get(0);
        assertEquals("euler-postln", best.get("scheme").asText());
        assertEquals("pre", best.get("layer_norm").asText());
        assertEquals(8, best.get("first_frame_beyond_rounding").asInt(), "the planted error acts from the step that makes frame 8: " + best);
        assertTrue(r.get("verdict").asText().startsWith("identified up to frame 7: euler-postln h = 0.1"), r.get("verdict").asText());
    }

    /** An adaptive solver's file is reproduced by no fixed-step scheme; the exact flow is among the closest, and validate ode is suggested. */
    @Test
    void anAdaptiveRunIsClosestToTheExactFlow(@TempDir Path dir) throws IOException {
        JsonNode r = identify(dir, UNKNOWN.resolve("sphere.json").toString(), UNKNOWN.resolve("rk45.npy"), "x", 1);
        JsonNode flow = null;
        for (JsonNode m : r.get("matches")) if (m.get("scheme").asText().equals("dopri5") && flow == null) flow = m;
        assertTrue(flow != null && flow.get("step").isNull());
        assertTrue(flow.get("max_defect").asDouble() < 1e-6 && flow.get("max_defect").asDouble() > 1e-12, "rtol 1e-7 per interval: " + flow);
        assertTrue(flow.get("max_defect").asDouble() <= 10 * r.get("matches").get(0).get("max_defect").asDouble(), "among the closest: " + flow);
        assertTrue(r.get("matches").get(0).get("max_defect").asDouble() > r.get("rounding").asDouble(), "no fixed-step scheme reproduces it");
        assertTrue(r.get("verdict").asText().contains("validate --scheme ode with their --rtol and --atol"), r.get("verdict").asText());
    }

    /** The shipped files are what the script makes (so the cases above are about the script, not about old files). */
    @Test
    void theShippedFilesAreWhatTheNumpyPeerMakes(@TempDir Path dir) throws Exception {
        Python.assumeModules("the NumPy peer of examples/unknown-code", "numpy", "scipy");
        String[][] runs = {
                {"sphere.json", "s1-rows.npy", "--scheme", "s1", "--rows"},
                {"sphere.json", "frozen-rk4.npy", "--scheme", "frozen-rk4"},
                {"euclidean.json", "glpr-z-half.npy", "--scheme", "glpr-z", "--dt", "0.05", "--save-every", "2"},
                {"sphere.json", "s1-lookahead.npy", "--scheme", "s1", "--bug", "lookahead"},
                {"batch.json", "batch.npy", "--scheme", "s1", "--batch", "16", "--seed", "5", "--matrices", UNKNOWN.resolve("batch-matrices.npz").toString(),
                        "--bug", "scale", "--bug-from", "6", "--bug-system", "5"}};
        for (String[] run : runs) {
            Path out = dir.resolve(run[1]);
            List<String> args = new ArrayList<>(List.of(UNKNOWN.resolve("peer_schemes.py").toString(), UNKNOWN.resolve(run[0]).toString(), out.toString()));
            args.addAll(List.of(run).subList(2, run.length));
            Python.run("import runpy, sys; sys.argv = sys.argv[1:]; runpy.run_path(sys.argv[0], run_name='__main__')", args.toArray(String[]::new));
            assertArrayEquals(Files.readAllBytes(UNKNOWN.resolve(run[1])), Files.readAllBytes(out), run[1]);
        }
    }
}
