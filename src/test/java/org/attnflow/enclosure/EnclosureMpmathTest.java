package org.attnflow.enclosure;

import static org.attnflow.enclosure.Containment.assertEncloses;
import static org.attnflow.enclosure.Containment.assertNarrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.attnflow.model.TimeGrid;
import org.attnflow.testing.Python;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Enclosures of seeded random small systems (random β, Q, K of m×d, V, full and causal, softmax and mean) must
 * hold mpmath's solution (odefun, a Taylor method, computed twice at 32 and 44 digits by
 * bench/enclosure/mpmath_solutions.py and stored with its error bound) at every saved time. When python3 with
 * mpmath is installed (.ci/run installs it), one small case is also recomputed live, so that the stored file and the
 * script cannot drift apart unnoticed; otherwise that test says so loudly and is skipped ({@link Python}).
 */
class EnclosureMpmathTest {

    /** The stored cases but the causal circle (that one is EnclosureGoalsTest's). */
    static Stream<String> randomCases() {
        return MpmathSolutions.load().stream().map(MpmathSolutions::name).filter(name -> !name.startsWith("causal-circle"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("randomCases")
    void randomSystemsHoldMpmathsSolution(String name) {
        MpmathSolutions c = MpmathSolutions.named(name);
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
        assertTrue(Files.exists(script), "the generator script " + script + " is missing");
        Python.assumeModules("the live mpmath check of the enclosures", "mpmath");
        // the script as __main__, with sys.argv = ['-c', '--case', 'tiny']
        List<String> out = Python.run("import runpy; runpy.run_path('" + script + "', run_name='__main__')", "--case", "tiny");
        MpmathSolutions c = MpmathSolutions.parse(new ObjectMapper().readTree(String.join("\n", out)));
        List<EnclosureFrame> frames = Enclosures.solve(c.model(), c.start(), TimeGrid.of(c.timesAsDoubles()), EnclosureOracleTest.FAST);
        assertEncloses(frames.get(1), c.solution()[0], c.errorBound(), null, "live mpmath case");
        assertNarrow(frames.get(1), 1e-10, "live mpmath case");
    }
}
