package org.attnflow.enclosure;

import static org.attnflow.enclosure.Containment.assertEncloses;
import static org.attnflow.enclosure.Containment.assertNarrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.attnflow.model.TimeGrid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Enclosures of seeded random small systems (random β, Q, K of m×d, V, full and causal, softmax and mean) must
 * hold mpmath's solution (odefun, a Taylor method, computed twice at 32 and 44 digits by
 * bench/enclosure/mpmath_solutions.py and stored with its error bound) at every saved time. When python3 with
 * mpmath is installed, one small case is also recomputed live, so that the stored file and the script cannot drift
 * apart unnoticed; otherwise that test says so loudly and is skipped.
 */
class EnclosureMpmathTest {

    static Stream<MpmathSolutions> randomCases() {
        return MpmathSolutions.load().stream().filter(c -> !c.name().startsWith("causal-circle"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("randomCases")
    void randomSystemsHoldMpmathsSolution(MpmathSolutions c) {
        for (int f = 0; f < c.times().length; f++) {
            assertEquals(0, new BigDecimal(c.timesAsDoubles()[f + 1]).compareTo(c.times()[f]), "saved times must be exact doubles");
        }
        List<EnclosureFrame> frames = Enclosures.solve(c.model(), c.start(), TimeGrid.of(c.timesAsDoubles()), EnclosureOracleTest.FAST);
        assertTrue(c.errorBound().compareTo(new BigDecimal("1E-25")) < 0, "mpmath's solution is known to " + c.errorBound());
        for (int f = 1; f < frames.size(); f++) {
            assertEncloses(frames.get(f), c.solution()[f - 1], c.errorBound(), null, c.name() + " (seed " + c.seed() + ")");
            assertNarrow(frames.get(f), 1e-10, c.name());
        }
    }

    @Test
    void aCaseRecomputedByMpmathNowIsEnclosed() throws Exception {
        Path script = Path.of("bench/enclosure/mpmath_solutions.py");
        assumeTrue(Files.exists(script), "the generator script is not in the working directory");
        if (!mpmathInstalled()) {
            String message = "SKIPPED: python3 with mpmath is not installed (Debian: python3-mpmath); the live mpmath check of the enclosures did not run";
            System.err.println("\n**********\n" + message + "\n**********\n");
            assumeTrue(false, message);
        }
        Process p = new ProcessBuilder("python3", script.toString(), "--case", "tiny").redirectErrorStream(true).start();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("the mpmath script did not finish within 300 s");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (p.exitValue() != 0) fail("the mpmath script failed (exit " + p.exitValue() + "): " + out);
        MpmathSolutions c = MpmathSolutions.parse(new ObjectMapper().readTree(out));
        List<EnclosureFrame> frames = Enclosures.solve(c.model(), c.start(), TimeGrid.of(c.timesAsDoubles()), EnclosureOracleTest.FAST);
        assertEncloses(frames.get(1), c.solution()[0], c.errorBound(), null, "live mpmath case");
        assertNarrow(frames.get(1), 1e-10, "live mpmath case");
    }

    private static boolean mpmathInstalled() throws InterruptedException {
        try {
            Process probe = new ProcessBuilder("python3", "-c", "import mpmath").redirectErrorStream(true).start();
            probe.getInputStream().readAllBytes();
            return probe.waitFor(60, TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
