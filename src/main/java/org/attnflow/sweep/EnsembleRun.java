package org.attnflow.sweep;

import java.util.ArrayList;
import java.util.List;
import org.attnflow.model.Scenario;
import org.attnflow.run.Ensembles;

/**
 * A sweep's ensembles: runs of one shape ({@link Ensembles.Shape}) cut into units of work and stepped together by
 * {@link Ensembles#execute} (one batched SIMD evaluation per step for all of them). Every run's numbers are those of
 * {@link SweepRun#execute} of that run alone, bit for bit, so batching changes the speed of a sweep and nothing it
 * writes.
 */
public final class EnsembleRun {
    private EnsembleRun() {}

    /** The most runs one ensemble steps together: their results reach the journal when the whole ensemble ends. */
    public static final int MAX_ENSEMBLE = 256;

    /**
     * Runs these runs of one shape together on the calling thread (the ensemble field single-threaded: a sweep
     * runs several ensembles at once); results in the order of {@code points}.
     */
    public static List<RunResult> execute(SweepSpec spec, List<RunPoint> points, List<Scenario> scenarios) {
        long t0 = System.nanoTime();
        List<Ensembles.Member> members = Ensembles.execute(scenarios, 1);
        double seconds = SweepRun.seconds(t0) / points.size(); // informative only: the batch's time shared out
        List<RunResult> results = new ArrayList<>(points.size());
        for (int b = 0; b < points.size(); b++) {
            Ensembles.Member m = members.get(b);
            results.add(m.failed()
                    ? SweepRun.failed(spec, points.get(b), m.failure(), seconds)
                    : SweepRun.completed(spec, points.get(b), m.trajectory(), m.statistics(), seconds));
        }
        return results;
    }

    /**
     * One unit of work of a sweep engine: one run alone, or runs of one shape stepping together ({@code together}).
     * {@code scenarios}: the runs' scenarios as already read (never read twice), or null for a run alone whose
     * scenario is read when it runs.
     */
    public record Batch(List<RunPoint> points, List<Scenario> scenarios, boolean together) {
        /** The results in the order of {@link #points}. */
        public List<RunResult> execute(SweepSpec spec) {
            if (together) return EnsembleRun.execute(spec, points, scenarios);
            RunPoint p = points.get(0);
            return List.of(SweepRun.execute(spec, p, scenarios == null ? null : scenarios.get(0)));
        }
    }

    /**
     * These runs as units of work: with {@code batch}, the runs that can step together cut into ensembles of one
     * shape (at least {@code parts} per shape, when there are that many runs, and at most {@link #MAX_ENSEMBLE} runs
     * each), every other run alone; without, every run alone. The local engine hands them to its threads, Spark's
     * tasks run them one after another.
     */
    public static List<Batch> batches(SweepSpec spec, List<Integer> ids, int parts, boolean batch) {
        List<Batch> out = new ArrayList<>();
        if (!batch) {
            for (int id : ids) out.add(new Batch(List.of(spec.run(id)), null, false));
            return out;
        }
        java.util.Map<Ensembles.Shape, List<RunPoint>> points = new java.util.LinkedHashMap<>();
        java.util.Map<Ensembles.Shape, List<Scenario>> scenarios = new java.util.LinkedHashMap<>();
        for (int id : ids) {
            RunPoint p = spec.run(id);
            Scenario s = SweepRun.scenario(spec, p);
            Ensembles.Shape shape = Ensembles.batched(s) ? Ensembles.shape(s) : null;
            if (shape == null) {
                out.add(new Batch(List.of(p), List.of(s), false));
                continue;
            }
            points.computeIfAbsent(shape, k -> new ArrayList<>()).add(p);
            scenarios.computeIfAbsent(shape, k -> new ArrayList<>()).add(s);
        }
        for (java.util.Map.Entry<Ensembles.Shape, List<RunPoint>> e : points.entrySet()) {
            List<RunPoint> ps = e.getValue();
            List<Scenario> ss = scenarios.get(e.getKey());
            int size = Math.min(MAX_ENSEMBLE, Math.max(1, (ps.size() + parts - 1) / parts));
            for (int from = 0; from < ps.size(); from += size) {
                int to = Math.min(ps.size(), from + size);
                out.add(new Batch(List.copyOf(ps.subList(from, to)), List.copyOf(ss.subList(from, to)), true));
            }
        }
        return out;
    }
}
