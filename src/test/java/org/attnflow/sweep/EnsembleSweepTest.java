package org.attnflow.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import org.attnflow.model.FieldKind;
import org.attnflow.model.Scenario;
import org.attnflow.run.Ensembles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs of one shape stepped together as ensembles: the same numbers as each run alone, bit for bit. */
class EnsembleSweepTest {

    /** 2 V × 2 d × 3 β × 4 seeds = 48 Euler runs on the sphere, two shapes (d = 2, 3), masks alike, field simd. */
    static final String ENSEMBLE = """
            { "base": {
                "model":   { "geometry": "sphere", "mask": "causal", "normalization": "softmax" },
                "initial": { "n": 9, "d": 2, "kind": "uniform-sphere" },
                "time":    { "end": 2, "save_every": 0.5 },
                "solver":  { "method": "euler-postln", "step": 0.1, "field": "simd" } },
              "axes": {
                "V": { "identity": "identity", "minus": { "scaled_identity": -0.5 } },
                "d": [2, 3],
                "beta": [0.5, 4, 30],
                "seeds": { "from": 3, "count": 4 } },
              "statistics": ["pair-clustered-fraction", "cluster-count", "distance-to-final-cluster"],
              "aggregate": ["mean", "p50"] }
            """;

    static SweepSpec spec(String json) { return SweepReader.parse(json, "ensemble.json", Path.of(".")); }

    static SortedMap<Integer, RunResult> sweep(Path out, SweepSpec spec, int threads, boolean batch) throws InterruptedException {
        try (SweepDirectory dir = SweepDirectory.open(out, spec, false)) {
            assertTrue(LocalSweep.run(dir, threads, 0, batch, SweepListener.NONE).complete());
        }
        try (ResultJournal j = ResultJournal.open(out.resolve(SweepDirectory.RESULTS_CSV), spec)) {
            return j.results();
        }
    }

    @Test
    void batchedSweepEqualsTheSameSweepRunByRun(@TempDir Path tmp) throws Exception {
        assertBatchedEqualsRunByRun(tmp, spec(ENSEMBLE));
    }

    /** The 48 runs batched on 2 threads and alone on 1: the same results, the same aggregate bytes. */
    static void assertBatchedEqualsRunByRun(Path tmp, SweepSpec spec) throws InterruptedException, java.io.IOException {
        SortedMap<Integer, RunResult> batched = sweep(tmp.resolve("batched"), spec, 2, true);
        SortedMap<Integer, RunResult> alone = sweep(tmp.resolve("alone"), spec, 1, false);
        assertEquals(48, batched.size());
        for (int id : alone.keySet()) assertTrue(batched.get(id).sameOutcome(alone.get(id)), "run " + id);
        assertEquals(Files.readString(tmp.resolve("alone").resolve(SweepDirectory.AGGREGATE)),
                Files.readString(tmp.resolve("batched").resolve(SweepDirectory.AGGREGATE)));
    }

    /**
     * The symmetric field's lanes (full attention, Q = K): 2 V × 2 d × 3 β × 4 seeds, batched and run by run, the
     * same results and the same aggregate bytes — including β = 30 on V = −0.5 I, where one common shift may not serve.
     */
    @Test
    void symmetricLanesSweepEqualsTheSameSweepRunByRun(@TempDir Path tmp) throws Exception {
        SweepSpec spec = spec(ENSEMBLE.replace("\"mask\": \"causal\"", "\"mask\": \"full\"").replace("\"field\": \"simd\"", "\"field\": \"symmetric\""));
        for (RunPoint p : spec.runs()) assertTrue(Ensembles.batched(SweepRun.scenario(spec, p)), "every run steps in lanes");
        assertBatchedEqualsRunByRun(tmp, spec);
    }

    /** One ensemble of every run of a shape, called directly: each result is SweepRun.execute's of that run. */
    @Test
    void anEnsembleOfMixedBetasAndValuesMatchesEachRunAlone() {
        SweepSpec spec = spec(ENSEMBLE);
        List<RunPoint> points = new ArrayList<>();
        List<Scenario> scenarios = new ArrayList<>();
        for (RunPoint p : spec.runs()) {
            if (p.d() != 3) continue;
            Scenario s = SweepRun.scenario(spec, p);
            assertTrue(Ensembles.batched(s));
            points.add(p);
            scenarios.add(s);
        }
        List<RunResult> together = EnsembleRun.execute(spec, points, scenarios);
        for (int b = 0; b < points.size(); b++) {
            RunResult alone = SweepRun.execute(spec, points.get(b).id());
            assertFalse(alone.failed());
            assertTrue(together.get(b).sameOutcome(alone), "run " + points.get(b).id());
        }
    }

    /** auto is settled for the whole ensemble: the SIMD field once all its runs repay the warm-up, else scalar. */
    @Test
    void autoIsSettledByTheWorkOfTheWholeEnsemble() {
        String auto = ENSEMBLE.replace(", \"field\": \"simd\"", "");
        SweepSpec small = spec(auto);
        assertEquals(FieldKind.AUTO, SweepRun.scenario(small, small.run(0)).solver().field(), "decided run by run");
        assertFalse(Ensembles.batched(SweepRun.scenario(small, small.run(0))));
        SweepSpec large = spec(auto.replace("\"count\": 4", "\"count\": 200000").replace("\"end\": 2,", "\"end\": 200,"));
        Scenario s = SweepRun.scenario(large, large.run(0));
        assertEquals(FieldKind.SIMD, s.solver().field());
        assertTrue(Ensembles.batched(s));
        SweepSpec rk4 = spec(ENSEMBLE.replace("euler-postln", "rk4"));
        assertFalse(Ensembles.batched(SweepRun.scenario(rk4, rk4.run(0))), "four evaluations a step: runs alone");
        SweepSpec scalar = spec(ENSEMBLE.replace("simd", "scalar"));
        assertFalse(Ensembles.batched(SweepRun.scenario(scalar, scalar.run(0))), "the scalar field: runs alone");
    }
}
