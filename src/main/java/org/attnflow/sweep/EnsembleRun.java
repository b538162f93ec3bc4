package org.attnflow.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /** One unit of work of a sweep engine: a run alone, or runs of one shape stepping together. */
    public sealed interface Batch permits Alone, Together {
        /** The results, in the order of the batch's runs. */
        List<RunResult> execute(SweepSpec spec);
    }

    /** One run on its own, its scenario as already read (a scenario is never read twice). */
    public record Alone(RunPoint point, Scenario scenario) implements Batch {
        @Override
        public List<RunResult> execute(SweepSpec spec) { return List.of(SweepRun.execute(spec, point, scenario)); }
    }

    /** Runs of one shape stepping together ({@link EnsembleRun#execute}), with their scenarios in the same order. */
    public record Together(List<RunPoint> points, List<Scenario> scenarios) implements Batch {
        @Override
        public List<RunResult> execute(SweepSpec spec) { return EnsembleRun.execute(spec, points, scenarios); }
    }

    /**
     * These runs as units of work: with {@code batch}, the runs that can step together cut into ensembles of one
     * shape (at least {@code parts} per shape, when there are that many runs, and at most {@link #MAX_ENSEMBLE} runs
     * each), every other run alone; without, every run alone. Every run's scenario is read here, once, either way
     * (batching needs them all to group the runs). The local engine hands the batches to its threads, a Spark task
     * runs its own one after another.
     */
    public static List<Batch> batches(SweepSpec spec, List<Integer> ids, int parts, boolean batch) {
        List<Batch> out = new ArrayList<>();
        Map<Ensembles.Shape, Together> groups = new LinkedHashMap<>(); // runs of one shape, in id order
        for (int id : ids) {
            RunPoint p = spec.run(id);
            Scenario s = SweepRun.scenario(spec, p);
            if (!batch || !Ensembles.batched(s)) {
                out.add(new Alone(p, s));
                continue;
            }
            Together group = groups.computeIfAbsent(Ensembles.shape(s), k -> new Together(new ArrayList<>(), new ArrayList<>()));
            group.points().add(p);
            group.scenarios().add(s);
        }
        for (Together group : groups.values()) {
            List<RunPoint> ps = group.points();
            int size = Math.min(MAX_ENSEMBLE, Math.max(1, (ps.size() + parts - 1) / parts));
            for (int from = 0; from < ps.size(); from += size) {
                int to = Math.min(ps.size(), from + size);
                out.add(new Together(List.copyOf(ps.subList(from, to)), List.copyOf(group.scenarios().subList(from, to))));
            }
        }
        return out;
    }
}
