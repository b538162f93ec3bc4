package org.attnflow.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.attnflow.io.Json;
import org.attnflow.testing.Python;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code attnflow validate} on the files of an independent NumPy implementation of every discrete scheme
 * (examples/peer-numpy-schemes: the paper's layers under each normalisation scheme, the public simulator's steps,
 * four heads): each passes at rounding level; a planted error is caught at its frame; a file made with the row
 * convention fails with the reason line that says V^T matches; a public-code pre-LN file checked as the paper's
 * scheme fails with the reason line that names the radius update.
 */
class PeerSchemesValidationTest {
    static final Path PEER = Path.of("examples/peer-numpy-schemes");

    /** validate with a JSON report; the report (the exit code agrees with its verdict, nothing on stderr). */
    static JsonNode validate(Path dir, String scenario, String trajectory, String... extra) throws IOException {
        Path report = dir.resolve("report-" + System.nanoTime() + ".json");
        List<String> args = new ArrayList<>(List.of("validate", "--scenario", PEER.resolve(scenario).toString(), "--trajectory",
                PEER.resolve(trajectory).toString(), "--report", report.toString()));
        args.addAll(List.of(extra));
        CommandRunner r = CommandRunner.run(args.toArray(String[]::new));
        assertEquals("", r.err());
        JsonNode json = Json.MAPPER.readTree(report.toFile());
        assertEquals(json.get("verdict").asText().equals("pass") ? 0 : 1, r.exit(), r.out());
        return json;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"post", "pre", "peri", "ngpt", "mix", "ln-scaling", "pre-public", "peri-public", "ngpt-public", "heads"})
    void everySchemeOfTheNumpyPeerValidatesAtRoundingLevel(String scheme, @TempDir Path dir) throws IOException {
        JsonNode r = validate(dir, scheme + ".json", scheme + ".npy");
        System.out.printf("peer-numpy-schemes %s: %s, largest deviation %.2e at frame %d, radius from %s%n", scheme, r.get("verdict").asText(),
                r.get("max_deviation").asDouble(), r.get("max_deviation_frame").asInt(), r.get("radius_from").asText());
        assertEquals("pass", r.get("verdict").asText(), r.toString());
        assertTrue(r.get("max_deviation").asDouble() < 1e-15, scheme + ": " + r.get("max_deviation"));
        assertEquals(21, r.get("per_frame").size());
        boolean radius = scheme.startsWith("pre") || scheme.startsWith("peri") || scheme.equals("mix") || scheme.equals("heads");
        assertEquals(radius, !r.get("radius_from").isNull(), "radii read exactly for the schemes that carry them");
    }

    @Test
    void aPlantedErrorIsCaughtAtItsFrame(@TempDir Path dir) throws IOException {
        JsonNode r = validate(dir, "pre.json", "pre-planted.npy");
        assertEquals("fail", r.get("verdict").asText());
        // token 2's attention is 0.1 % too large from step 7 on, the step that makes frame 8
        assertEquals(8, r.get("first_failing_frame").asInt(), r.get("reasons").toString());
        for (int f = 0; f < 8; f++) assertTrue(r.get("per_frame").get(f).get("max_deviation").asDouble() < 1e-15, "frame " + f);
        assertEquals(2, r.get("per_frame").get(8).get("worst_token").asInt());
    }

    @Test
    void aRowConventionFileFailsAndTheReasonSaysVTransposedMatches(@TempDir Path dir) throws IOException {
        JsonNode r = validate(dir, "heads.json", "heads-rows.npy");
        assertEquals("fail", r.get("verdict").asText());
        String reasons = r.get("reasons").toString();
        assertTrue(reasons.contains("row convention: with every V transposed the file matches"), reasons);
        JsonNode correct = validate(dir, "pre.json", "pre-planted.npy");
        assertTrue(correct.get("reasons").toString().contains("row convention: with every V transposed it does not match either"), correct.toString());
    }

    @Test
    void aPublicPreLnFileCheckedAsThePapersSchemeNamesTheRadiusUpdate(@TempDir Path dir) throws IOException {
        for (String[] c : new String[][] {{"pre.json", "pre-public.npy"}, {"peri.json", "peri-public.npy"}}) {
            JsonNode r = validate(dir, c[0], c[1]);
            assertEquals("fail", r.get("verdict").asText());
            String reasons = r.get("reasons").toString();
            assertTrue(reasons.contains("radius update: the file follows"), c[1] + ": " + reasons);
            assertTrue(reasons.contains("r <- r + h r sum_c A_c"), reasons);
        }
    }

    /** The shipped files are what the script makes (so the table above is about the script, not about old files). */
    @Test
    void theShippedFilesAreWhatTheNumpyPeerMakes(@TempDir Path dir) throws Exception {
        Python.assumeModules("the NumPy peer of the normalisation schemes", "numpy");
        for (String s : new String[] {"pre", "ngpt-public", "heads"}) {
            Path out = dir.resolve(s + ".npy");
            Python.run("import runpy, sys; sys.argv = sys.argv[1:]; runpy.run_path(sys.argv[0], run_name='__main__')",
                    PEER.resolve("normalized_attention.py").toString(), PEER.resolve(s + ".json").toString(), out.toString());
            assertArrayEquals(Files.readAllBytes(PEER.resolve(s + ".npy")), Files.readAllBytes(out), s);
        }
    }
}
