package org.attnflow.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;

import org.attnflow.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalyzePlotCommandTest {
    @TempDir
    Path tmp;

    /** Three planted clusters of coincident tokens on S^2 (coincident tokens move together: the count at t = 0 is 3). */
    private Path simulatePlanted() throws Exception {
        String scenario = """
                { "model": { "geometry": "sphere", "mask": "full", "normalization": "softmax", "beta": 4 },
                  "initial": { "n": 7, "d": 3, "kind": "points",
                               "points": [[1,0,0],[0,1,0],[1,0,0],[0,0,1],[0,1,0],[1,0,0],[0,0,1]] },
                  "time": { "end": 2, "save_every": 0.5 },
                  "solver": { "method": "rk4", "step": 0.05 } }""";
        Path file = tmp.resolve("planted.json");
        Files.writeString(file, scenario);
        Path run = tmp.resolve("run");
        CommandRunner r = CommandRunner.run("simulate", "--scenario", file.toString(), "--out", run.toString(), "--progress", "never");
        assertEquals(0, r.exit(), r.err());
        return run;
    }

    @Test
    void analyzeReportsThePlantedClustersAndConsistentSeries() throws Exception {
        Path run = simulatePlanted();
        Path out = tmp.resolve("analysis.json");
        CommandRunner r = CommandRunner.run("analyze", "--run", run.toString(), "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode j = Json.MAPPER.readTree(r.out());
        assertEquals(Json.MAPPER.readTree(Files.readString(out)), j, "the file holds what was printed");
        assertEquals("M1", j.get("model").asText());
        JsonNode c = j.get("clusters");
        assertEquals(5, c.get("times").size());
        assertEquals(3, c.get("union_find").get(0).asInt());
        assertEquals(3, c.get("gram_rank").get(0).asInt());
        int total = 0;
        for (JsonNode s : c.get("final_sizes")) total += s.asInt();
        assertEquals(7, total);
        // I6: the energy of M1 with Q = K = V = I does not decrease
        JsonNode e = j.get("energy").get("log_energy");
        for (int k = 1; k < e.size(); k++) assertTrue(e.get(k).asDouble() >= e.get(k - 1).asDouble() - 1e-12);
        // the first token is always a strong Rényi centre, and strong centres are ordinary centres
        assertEquals(0, j.get("renyi").get("strong_start").get(0).asInt());
        assertTrue(j.get("renyi").get("ordinary_start").size() >= j.get("renyi").get("strong_start").size());
        assertTrue(j.get("attention").get("first").get("max_row_sum_deviation").asDouble() < 1e-14);
    }

    @Test
    void plotWritesTheStandardSetAtomically() throws Exception {
        Path run = simulatePlanted();
        CommandRunner r = CommandRunner.run("plot", "--run", run.toString());
        assertEquals(0, r.exit(), r.err());
        Path figures = run.resolve("figures");
        for (String name : new String[] {"trajectories.png", "renyi.png", "clusters.png", "energy.png", "attention_first.png", "attention_last.png"}) {
            assertNotNull(ImageIO.read(figures.resolve(name).toFile()), name + " is a PNG");
        }
        assertEquals(2, CommandRunner.run("plot", "--run", run.toString()).exit(), "an existing figure directory is not overwritten without --force");
        assertEquals(0, CommandRunner.run("plot", "--run", run.toString(), "--force").exit());
        CommandRunner missing = CommandRunner.run("analyze", "--run", tmp.resolve("nothing").toString());
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("run directory not found"), missing.err());
    }
}
