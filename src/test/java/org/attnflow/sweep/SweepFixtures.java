package org.attnflow.sweep;

import java.nio.file.Path;

/** Small sweeps for the tests: a few milliseconds per run. */
public final class SweepFixtures {
    private SweepFixtures() {}

    /** 2 V choices × 2 β × 3 seeds = 12 runs of n = 8 tokens on the circle, rk4 h = 0.1 to t = 3, every statistic. */
    public static final String SMALL = """
            { "description": "test sweep",
              "base": {
                "model":   { "geometry": "sphere", "mask": "full", "normalization": "softmax" },
                "initial": { "n": 8, "d": 2, "kind": "uniform-sphere" },
                "time":    { "end": 3, "save_every": 1 },
                "solver":  { "method": "rk4", "step": 0.1 } },
              "axes": {
                "V": { "identity": "identity", "half": { "scaled_identity": 0.5 } },
                "beta": [1, 4],
                "seeds": { "from": 11, "count": 3 } },
              "statistics": ["pair-clustered-fraction", "cluster-count", "renyi-strong", "renyi-ordinary", "distance-to-final-cluster"],
              "aggregate": ["mean", "sd", "p10", "p50", "p90"] }
            """;

    public static SweepSpec small() { return SweepReader.parse(SMALL, "small.json", Path.of(".")); }
}
