package org.attnflow.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.attnflow.claims.Catalogue;
import org.attnflow.claims.Claim;
import org.attnflow.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code attnflow claims} end to end: the files are written, every claim reaches a verdict with its evidence, the
 * counts add up, the figures are inline. Whether a verdict is right is not pinned here (a snapshot of today's
 * verdicts is no test): each claim's criterion is tested on constructed observations in
 * {@code claims.ViolationCriteriaTest}, holds, violated and inconclusive alike.
 */
class ClaimsCommandTest {
    private static final Set<String> VERDICTS = Set.of("holds", "violated", "inconclusive");

    @TempDir
    Path tmp;

    @Test
    void quickClaimsAllReachAVerdictWithEvidence() throws Exception {
        Path out = tmp.resolve("claims");
        CommandRunner r = CommandRunner.run("claims", "--quick", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode j = Json.MAPPER.readTree(Files.readString(out.resolve("claims.json")));
        assertEquals("quick", j.get("mode").asText());
        List<String> ids = new ArrayList<>();
        for (Claim c : Catalogue.all()) ids.add(c.id());
        assertEquals(ids.size(), j.get("claims").size());
        String html = Files.readString(out.resolve("report.html"));
        Map<String, Integer> counted = new HashMap<>();
        for (JsonNode c : j.get("claims")) {
            String id = c.get("id").asText();
            assertTrue(ids.remove(id), id + " is a catalogued claim, reported once");
            assertFalse(c.get("error").asBoolean(), id + " failed: " + c.get("reason").asText());
            String verdict = c.get("verdict").asText();
            assertTrue(VERDICTS.contains(verdict), id + ": " + verdict);
            // the catalogue holds published theorems and the papers' own conjectures: on the quick scenarios a
            // counterexample would be a defect of the solver or of a criterion, to find before anything else
            assertNotEquals("violated", verdict, id + ": " + c.get("reason").asText());
            counted.merge(verdict, 1, Integer::sum);
            assertFalse(c.get("reason").asText().isBlank(), id);
            assertTrue(c.get("measured").size() > 0, id + " measured something");
            assertTrue(html.contains(id), "the report shows " + id);
            for (JsonNode f : c.get("figures")) assertTrue(Files.size(out.resolve(f.asText())) > 1000, id + " figure " + f);
        }
        assertEquals(List.of(), ids, "every catalogued claim is reported");
        for (String v : VERDICTS) assertEquals(counted.getOrDefault(v, 0), j.get("verdicts").get(v).asInt(), "the summary counts " + v);
        assertEquals(0, j.get("verdicts").get("errors").asInt());
        long images = html.split("data:image/png;base64,", -1).length - 1;
        long figures = 0;
        for (JsonNode c : j.get("claims")) figures += c.get("figures").size();
        assertEquals(figures, images, "every figure is inline in the report");
    }

    @Test
    void unknownClaimIsBadInput() {
        CommandRunner r = CommandRunner.run("claims", "--only", "C1,C99", "--out", tmp.resolve("x").toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("unknown claim 'C99'"), r.err());
        assertFalse(Files.exists(tmp.resolve("x")));
    }
}
