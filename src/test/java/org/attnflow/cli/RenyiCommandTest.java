package org.attnflow.cli;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;

import org.attnflow.io.Json;
import org.junit.jupiter.api.Test;

class RenyiCommandTest {

    @Test
    void strongCountOnTheCircleMatchesPiOverDeltaWithinThreeStandardErrors() throws Exception {
        CommandRunner r = CommandRunner.run("renyi", "--n", "300", "--d", "2", "--beta", "64", "--runs", "300", "--seed", "42");
        assertEquals(0, r.exit(), r.err());
        JsonNode j = Json.MAPPER.readTree(r.out());
        assertEquals(42, j.get("seed").asLong());
        double delta = 4 / Math.sqrt(64);
        assertEquals(delta, j.get("delta").asDouble(), 1e-15);
        double mean = j.get("strong").get("mean").asDouble(), se = j.get("strong").get("standard_error").asDouble();
        assertTrue(Math.abs(mean - Math.PI / delta) < 3 * se, "strong " + mean + " ± " + se + " vs π/δ = " + Math.PI / delta);
        // the standard error is the standard deviation over √runs
        assertEquals(j.get("strong").get("standard_deviation").asDouble() / Math.sqrt(300), se, 1e-12);
        assertEquals(0.7475979202534114 * 2 * Math.PI / delta, j.get("ordinary").get("theory_limit").asDouble(), 1e-12);
    }

    @Test
    void badInputExitsTwoWithOneLine() {
        CommandRunner r = CommandRunner.run("renyi", "--n", "10", "--d", "1", "--beta", "4", "--runs", "3", "--seed", "1");
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("attnflow: --d must be >= 2"), r.err());
        assertEquals(1, r.err().strip().lines().count());
        assertEquals("", r.out());
        assertEquals(2, CommandRunner.run("renyi", "--n", "10", "--d", "2", "--beta", "0", "--runs", "3", "--seed", "1").exit());
    }
}
