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

    /**
     * Pre-LN, causal, Q = K = V = I (spec/math.md §7): token 0 attends to itself only, so A_0 = θ_0 and ṙ_0 = 1:
     * its radius is r_0(0) + t; every other radius grows (ṙ_k = ⟨θ_k, A_k⟩ > 0). analyze reports radius.npy.
     */
    @Test
    void analyzeReportsTheRadiiOfASchemeThatCarriesThem() throws Exception {
        String scenario = """
                { "model": { "geometry": "sphere", "mask": "causal", "normalization": "softmax", "beta": 1, "layer_norm": "pre" },
                  "initial": { "n": 5, "d": 3, "kind": "uniform-sphere", "seed": 3, "radius": 2 },
                  "time": { "end": 3, "save_every": 0.5 },
                  "solver": { "method": "dopri5", "rtol": 1e-10, "atol": 1e-12 } }""";
        Path file = tmp.resolve("pre.json");
        Files.writeString(file, scenario);
        Path run = tmp.resolve("pre");
        assertEquals(0, CommandRunner.run("simulate", "--scenario", file.toString(), "--out", run.toString(), "--progress", "never").exit());
        CommandRunner r = CommandRunner.run("analyze", "--run", run.toString(), "--progress", "never");
        assertEquals(0, r.exit(), r.err());
        JsonNode radius = Json.MAPPER.readTree(r.out()).get("radius");
        assertNotNull(radius, "a pre-LN run's analysis reports its radii");
        assertEquals(7, radius.get("max").size());
        for (int k = 0; k < 7; k++) {
            double lo = radius.get("min").get(k).asDouble(), mean = radius.get("mean").get(k).asDouble(), hi = radius.get("max").get(k).asDouble();
            assertTrue(lo <= mean && mean <= hi, "frame " + k + ": min <= mean <= max");
            if (k > 0) assertTrue(lo > radius.get("min").get(k - 1).asDouble(), "frame " + k + ": every radius grows");
        }
        assertEquals(2 + 3, radius.get("final").get(0).asDouble(), 1e-8, "token 0: r(t) = r(0) + t");
        assertEquals(2, radius.get("min").get(0).asDouble(), 0.0);
        // a run without radii reports none
        Path post = simulatePlanted();
        assertNull(Json.MAPPER.readTree(CommandRunner.run("analyze", "--run", post.toString()).out()).get("radius"));
        // a damaged radius.npy is bad input naming the file, frame and token
        double[][] bad = new double[7][5];
        for (double[] row : bad) java.util.Arrays.fill(row, 1);
        bad[4][2] = -1;
        Files.delete(run.resolve("radius.npy"));
        try (var w = org.attnflow.io.Npy.create(run.resolve("radius.npy"), new long[] {7, 5})) {
            for (double[] row : bad) w.writeFrame(row);
        }
        CommandRunner damaged = CommandRunner.run("analyze", "--run", run.toString(), "--progress", "never");
        assertEquals(2, damaged.exit());
        assertTrue(damaged.err().contains("frame 4, token 2"), damaged.err());
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
