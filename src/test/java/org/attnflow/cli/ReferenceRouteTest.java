package org.attnflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.attnflow.io.Json;
import org.attnflow.oracle.TwoCausalTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.attnflow.cli.SimulateCommandTest.attnflow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code simulate} with {@code solver.digits}: the run goes to the arbitrary-precision reference, the CSV carries
 * every digit, and run.json's per-frame error estimate bounds the true error, measured against oracle O1 at
 * higher precision.
 */
class ReferenceRouteTest {

    @Test
    void referenceRunCarriesEveryDigitAndAnHonestErrorEstimate(@TempDir Path dir) throws IOException {
        Path scenario = dir.resolve("o1.json");
        Files.writeString(scenario, """
                { "model": { "geometry": "sphere", "mask": "causal", "beta": 4 },
                  "initial": { "kind": "points", "points": [[1, 0, 0], [0.6, 0.8, 0]] },
                  "time": { "end": 1, "save_times": [0.5, 1] },
                  "solver": { "method": "reference", "digits": 30 } }""");
        Path out = dir.resolve("run");
        SimulateCommandTest.Run r = attnflow("simulate", "--scenario", scenario.toString(), "--out", out.toString(), "--format", "csv");
        assertEquals(0, r.code(), r.err());

        JsonNode run = Json.MAPPER.readTree(Files.readString(out.resolve("run.json")));
        assertEquals("apfloat-30", run.path("field").asText());
        assertEquals(30, run.path("reference").path("digits").asInt());
        JsonNode estimates = run.path("reference").path("error_estimate_per_frame");
        assertEquals(3, estimates.size());
        assertTrue(run.path("max_norm_drift").asDouble() < 1e-28, "I1 at 30 digits: " + run.path("max_norm_drift"));

        TwoCausalTokens oracle = TwoCausalTokens.ofTokens(new BigDecimal(4),
                new BigDecimal[] {BigDecimal.ONE, BigDecimal.ZERO, BigDecimal.ZERO},
                new BigDecimal[] {new BigDecimal("0.6"), new BigDecimal("0.8"), BigDecimal.ZERO});
        List<String> lines = Files.readAllLines(out.resolve("trajectory.csv"));
        assertEquals("t,token,x1,x2,x3", lines.get(0));
        assertEquals(1 + 3 * 2, lines.size());
        for (int f = 0; f < 3; f++) {
            String[] token2 = lines.get(2 + 2 * f).split(",");
            assertEquals("1", token2[1]);
            Apfloat[] exact = oracle.stateAt(new BigDecimal(token2[0]), 45);
            Apfloat error = Apfloat.ZERO;
            for (int c = 0; c < 3; c++) {
                if (f > 0 && c < 2) { // computed entries (frame 0 is the exact start 0.6, 0.8, 0)
                    assertTrue(token2[2 + c].replace("-", "").replace(".", "").length() >= 25,
                            "CSV keeps the reference's digits, not a double's: " + token2[2 + c]);
                }
                Apfloat mine = new Apfloat(token2[2 + c], 45);
                error = max(error, ApfloatMath.abs(mine.subtract(exact[3 + c]))); // stateAt is 2×d, token 2 second
            }
            double estimate = new BigDecimal(estimates.get(f).asText()).doubleValue();
            assertTrue(error.doubleValue() < 1e-25, "frame " + f + ": error " + error.doubleValue());
            assertTrue(error.doubleValue() <= estimate, "frame " + f + ": error " + error.doubleValue() + " above its estimate " + estimate);
        }
    }

    private static Apfloat max(Apfloat a, Apfloat b) { return a.compareTo(b) >= 0 ? a : b; }
}
