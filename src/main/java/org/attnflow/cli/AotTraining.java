package org.attnflow.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The training run of the JDK's ahead-of-time cache (JEP 483/514/515, JDK 25+), started by the {@code attnflow}
 * launcher in the background the first time it runs a given jar: in one JVM it runs what users run most — the
 * version, {@code simulate} with each double field (scalar, symmetric, SIMD, Fourier–Bessel) and its outputs, two small
 * batched {@code sweep}s (the SIMD field's ensembles with figures, the symmetric field's lanes without) — so that the cache holds those classes loaded and linked and their methods'
 * profiles, and later launches start and warm up faster. Not a user command: its outputs go to a scratch directory
 * (the only argument) and are deleted by the launcher.
 */
public final class AotTraining {
    private AotTraining() {}

    private static final String SCENARIO = """
            { "model": { "geometry": "sphere", "mask": "%s", "normalization": "softmax", "beta": 4 },
              "initial": { "n": %d, "d": %d, "kind": "uniform-sphere", "seed": 1 },
              "time": { "end": %s, "save_every": 0.5 },
              "solver": { "method": "%s", %s "field": "%s" } }
            """;

    private static final String SWEEP = """
            { "base": {
                "model":   { "geometry": "sphere", "mask": "full", "normalization": "softmax" },
                "initial": { "n": 16, "d": 2, "kind": "uniform-sphere" },
                "time":    { "end": 4, "save_every": 1 },
                "solver":  { "method": "euler-postln", "step": 0.1, "field": "simd" } },
              "axes": { "beta": [1, 5], "seeds": { "from": 1, "count": 16 } },
              "statistics": ["pair-clustered-fraction", "cluster-count"] }
            """;

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        run("--version");
        String[][] runs = {
                {"full", "16", "3", "4", "dopri5", "", "auto"},
                {"causal", "32", "2", "4", "dopri5", "", "scalar"},
                {"full", "128", "16", "2", "rk4", "\"step\": 0.05,", "simd"},
                {"causal", "128", "3", "2", "euler-postln", "\"step\": 0.05,", "simd"},
                {"full", "512", "2", "2", "euler-postln", "\"step\": 0.1,", "fourier"},
        };
        for (int k = 0; k < runs.length; k++) {
            String[] r = runs[k];
            Path scenario = dir.resolve("scenario-" + k + ".json");
            Files.writeString(scenario, SCENARIO.formatted(r[0], Integer.parseInt(r[1]), Integer.parseInt(r[2]), r[3], r[4], r[5], r[6]));
            run("simulate", "--scenario", scenario.toString(), "--out", dir.resolve("run-" + k).toString(), "--progress", "never");
        }
        Path sweep = dir.resolve("sweep.json");
        Files.writeString(sweep, SWEEP);
        run("sweep", "--spec", sweep.toString(), "--out", dir.resolve("sweep").toString(), "--progress", "never");
        // the symmetric field's lanes (what a large phase diagram settles on), without figures
        Path lanes = dir.resolve("lanes.json");
        Files.writeString(lanes, SWEEP.replace("\"simd\"", "\"symmetric\"").replace("\"n\": 16", "\"n\": 32")
                .replace("\"count\": 16", "\"count\": 64").replace("\"statistics\"", "\"figure\": false, \"statistics\""));
        run("sweep", "--spec", lanes.toString(), "--out", dir.resolve("lanes").toString(), "--progress", "never");
    }

    private static void run(String... args) {
        Main.execute(Main.commandLine(), args);
    }
}
