package org.attnflow.sweep;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.attnflow.io.InputException;
import org.attnflow.io.ScenarioReader;
import org.attnflow.model.Scenario;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SweepReaderTest {

    @Test
    void runsAreTheProductOfTheAxesSeedInnermost() {
        SweepSpec s = SweepFixtures.small();
        assertEquals(12, s.runCount());
        assertEquals(4, s.groupCount());
        List<RunPoint> runs = s.runs();
        // id = ((v·|β| + b)·|seeds| + k): V outermost, seed innermost
        assertEquals(new RunPoint(0, new BigDecimal("1"), 8, 2, "identity", 11L), runs.get(0));
        assertEquals(new RunPoint(2, new BigDecimal("1"), 8, 2, "identity", 13L), runs.get(2));
        assertEquals(new RunPoint(3, new BigDecimal("4"), 8, 2, "identity", 11L), runs.get(3));
        assertEquals(new RunPoint(11, new BigDecimal("4"), 8, 2, "half", 13L), runs.get(11));
        for (RunPoint p : runs) assertEquals(p.id() / 3, s.groupOf(p.id()));
        assertTrue(List.of(0.0, 1.0, 2.0, 3.0).equals(java.util.Arrays.stream(s.times()).boxed().toList()));
    }

    /**
     * A run's scenario is read from its tree, not from its text (ScenarioReader.parse(ObjectNode)): that is the same
     * reading only if the tree is exactly its text parsed back, node types included (BigDecimal and BigInteger numbers,
     * as Json.MAPPER parses them). Checked on every run of a sweep with n, d, V, a decimal β range and seeds; a long
     * seed node, say, would fail here.
     */
    @Test
    void everyRunsTreeIsItsTextParsedBack() throws Exception {
        SweepSpec s = parse(replace(replace(SweepFixtures.SMALL, "\"beta\": [1, 4]",
                        "\"beta\": {\"from\": 0.1, \"to\": 0.3, \"step\": 0.1}, \"n\": [4, 8], \"d\": [2, 3]"),
                "\"half\": { \"scaled_identity\": 0.5 }", "\"half\": { \"scaled_identity\": 0.50 }"));
        assertTrue(s.runCount() >= 3 * 2 * 2 * 2 * 3, "the axes multiply: " + s.runCount());
        for (int id = 0; id < s.runCount(); id++) {
            ObjectNode tree = s.scenario(s.run(id));
            com.fasterxml.jackson.databind.JsonNode text = org.attnflow.io.Json.MAPPER.readTree(org.attnflow.io.Json.MAPPER.writeValueAsString(tree));
            assertEquals(text, tree, "run " + id);
            assertEquals(text.toString(), tree.toString(), "run " + id);
            assertEquals(ScenarioReader.parse(tree.toString(), "text").asRun().toString(), ScenarioReader.parse(tree, "tree").asRun().toString(), "run " + id);
        }
    }

    @Test
    void aRunsScenarioIsTheBaseWithItsCoordinatesAndReadsAsSimulateWould() {
        SweepSpec s = SweepFixtures.small();
        RunPoint p = s.run(10);
        ObjectNode json = s.scenario(p);
        Scenario sc = ScenarioReader.parse(json.toString(), "run").scenario();
        assertEquals(0, sc.model().beta().compareTo(new BigDecimal("4")));
        assertEquals(0.5, sc.model().v().toDoubleArray()[0]);
        assertEquals(12L, json.path("initial").path("seed").longValue());
        assertEquals(8, sc.tokens());
    }

    @Test
    void aBetaRangeIsExactDecimalSteps() {
        SweepSpec s = parse(replace(SweepFixtures.SMALL, "\"beta\": [1, 4]", "\"beta\": {\"from\": 0.1, \"to\": 0.5, \"step\": 0.1}"));
        // from + k·step in exact decimals: 0.3, not the double sum 0.30000000000000004
        assertEquals(List.of(new BigDecimal("0.1"), new BigDecimal("0.2"), new BigDecimal("0.3"), new BigDecimal("0.4"), new BigDecimal("0.5")), s.betas());
    }

    @Test
    void generatedSeedsAreResolvedOnceSoThatTheResolvedSweepReadsTheSame() {
        SweepSpec s = parse(withoutSeeds(SweepFixtures.SMALL));
        assertEquals(1, s.seeds().size());
        assertNotNull(s.seeds().get(0), "the base's generated seed is the sweep's one seed");
        SweepSpec again = SweepReader.parse(s.resolvedJson(), "sweep.json", null);
        assertEquals(s.seeds(), again.seeds());
        assertEquals(s.scenario(s.run(0)), again.scenario(again.run(0)));
    }

    @Test
    void aStartThatIsNotRandomHasNoSeed() {
        String points = replace(withoutSeeds(SweepFixtures.SMALL), "\"initial\": { \"n\": 8, \"d\": 2, \"kind\": \"uniform-sphere\" }",
                "\"initial\": { \"points\": [[1, 0], [0, 1], [-1, 0]] }");
        SweepSpec s = parse(points);
        assertEquals(4, s.runCount());
        assertNull(s.run(0).seed());
        InputException e = assertThrows(InputException.class, () -> parse(replace(points, "\"beta\": [1, 4]", "\"beta\": [1, 4], \"seeds\": [1, 2]")));
        assertTrue(e.getMessage().contains("axes.seeds: has no effect"), e.getMessage());
    }

    @Test
    void theShippedSweepFilesRead() throws java.io.IOException {
        List<Path> files;
        try (java.util.stream.Stream<Path> s = java.nio.file.Files.list(Path.of("sweeps"))) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertEquals(3, files.size(), files.toString());
        for (Path f : files) assertTrue(SweepReader.read(f).runCount() > 1, f.toString());
        assertEquals(90 * 2048, SweepReader.read(Path.of("sweeps/phase-diagram.json")).runCount(), "the paper's size: 90 beta x their batch of 2048");
    }

    static String withoutSeeds(String sweep) {
        return replace(sweep, "\"beta\": [1, 4],\n    \"seeds\": { \"from\": 11, \"count\": 3 } }", "\"beta\": [1, 4] }");
    }

    /** {@code s} with {@code from} replaced, which must occur (so that a test cannot silently test the unchanged input). */
    static String replace(String s, String from, String to) {
        assertTrue(s.contains(from), "the test's replacement must apply: " + from);
        return s.replace(from, to);
    }

    private static SweepSpec parse(String json) { return SweepReader.parse(json, "t.json", Path.of(".")); }
}
