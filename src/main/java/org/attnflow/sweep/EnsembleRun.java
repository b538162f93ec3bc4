package org.attnflow.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.attnflow.field.Dynamics;
import org.attnflow.field.Fields;
import org.attnflow.field.simd.BatchedField;
import org.attnflow.field.simd.EnsembleField;
import org.attnflow.field.simd.SymmetricEnsembleField;
import org.attnflow.model.AttentionModel;
import org.attnflow.integrate.FixedStepIntegrator;
import org.attnflow.integrate.Integrator;
import org.attnflow.integrate.Integrators;
import org.attnflow.integrate.LockStep;
import org.attnflow.integrate.TrajectoryRecorder;
import org.attnflow.model.FieldKind;
import org.attnflow.model.Geometry;
import org.attnflow.model.LayerNorm;
import org.attnflow.model.Method;
import org.attnflow.model.Scenario;
import org.attnflow.model.SolverSettings;
import org.attnflow.model.TimeGrid;
import org.attnflow.run.ScenarioRunner;

/**
 * Runs of one shape stepped together as one computation: their states in one {@link EnsembleField} (one batched
 * SIMD evaluation per step for all of them), each run's own Euler step and frames through {@link LockStep}. Every
 * run's numbers are those of {@link SweepRun#execute} of that run alone, bit for bit (the ensemble's member outputs
 * are the SIMD field's, and the steps are the same code), so batching changes the speed of a sweep and nothing
 * it writes.
 *
 * <p>A shape ({@link Shape}) is what the runs must share to step together: n, d, geometry, method, step, saved
 * times. Its members may differ in β, seed, V, Q, K, mask and normalisation. Only double-precision Euler runs (S1,
 * S2: one field evaluation per step) of one constant head without a layer-norm scheme form ensembles; the others
 * run one by one as before.
 */
public final class EnsembleRun {
    private EnsembleRun() {}

    /** The most runs one ensemble steps together: their results reach the journal when the whole ensemble ends. */
    public static final int MAX_ENSEMBLE = 256;

    /** What runs stepping together share. */
    public record Shape(int n, int d, Geometry geometry, Method method, double step, TimeGrid time, FieldKind field) {}

    /** The shape of a run that can step in an ensemble, or null for one that runs alone. */
    public static Shape shape(Scenario s) {
        SolverSettings solver = s.solver();
        if (solver.arbitraryPrecision() || solver.field() == FieldKind.SCALAR || solver.field() == FieldKind.FOURIER) return null;
        if (solver.method() != Method.EULER_POSTLN && solver.method() != Method.EULER_PROJECTED) return null;
        if (!s.model().singleConstantHead() || s.model().layerNorm() != LayerNorm.POST || s.model().carriesRadius()) return null;
        return new Shape(s.tokens(), s.dimension(), s.model().geometry(), solver.method(), solver.step(), s.time(), solver.field());
    }

    /**
     * The scenario as a sweep runs it: {@code solver.field} {@code auto} settled for the run's whole ensemble, the
     * {@code runs} runs of its shape in the sweep, batched or not, so that batching never changes a number (the SIMD
     * and scalar fields agree to 1e-13, not bit for bit): {@code simd} when the ensemble's work repays the Vector
     * API's warm-up ({@link Fields#simdPays} with the evaluations of all its runs) and the Fourier–Bessel field does
     * not pay; otherwise it stays {@code auto}, decided run by run as {@code simulate} decides, and the run runs alone.
     * A run alone with the settled {@code solver.field} reproduces a sweep's run exactly.
     */
    public static Scenario settle(Scenario s, int runs) {
        if (s.solver().field() != FieldKind.AUTO || shape(s) == null) return s;
        SolverSettings o = s.solver();
        long evaluations = (long) Math.ceil(s.time().end() / o.step()) * runs;
        if (Fields.fourierPays(s.model(), s.tokens())) return s;
        FieldKind settled = SymmetricEnsembleField.pays(s.model(), runs, evaluations) ? FieldKind.SYMMETRIC
                : Fields.simdPays(s.model(), s.tokens(), evaluations) ? FieldKind.SIMD : null;
        if (settled == null) return s;
        return new Scenario(s.model(), s.initial(), s.time(), new SolverSettings(o.method(), o.step(), o.rtol(), o.atol(), o.digits(), settled, o.threads()));
    }

    /** True for a (settled) run that steps in an ensemble: its shape allows it and its field is the SIMD or the symmetric field. */
    public static boolean batched(Scenario s) {
        FieldKind f = s.solver().field();
        return (f == FieldKind.SIMD || f == FieldKind.SYMMETRIC) && shape(s) != null;
    }

    /** The one place an ensemble's batched field is made: the settled field's batched form. */
    private static BatchedField field(Shape shape, List<AttentionModel> models) {
        return shape.field() == FieldKind.SYMMETRIC ? new SymmetricEnsembleField(models, shape.n()) : new EnsembleField(models, shape.n(), 1);
    }

    /**
     * Runs these runs of one shape together on the calling thread (the ensemble field single-threaded: a sweep
     * runs several ensembles at once); results in the order of {@code points}.
     */
    public static List<RunResult> execute(SweepSpec spec, List<RunPoint> points, List<Scenario> scenarios) {
        long t0 = System.nanoTime();
        int count = points.size();
        Shape shape = shape(scenarios.get(0));
        Objects.requireNonNull(shape, "not a run that steps in an ensemble");
        List<AttentionModel> models = new ArrayList<>(count);
        for (Scenario s : scenarios) {
            if (!shape.equals(shape(s))) throw new IllegalArgumentException("runs of different shapes cannot step together");
            models.add(s.model());
        }
        BatchedField ensemble = field(shape, models);
        List<FixedStepIntegrator> integrators = new ArrayList<>(count);
        List<double[]> starts = new ArrayList<>(count);
        List<TrajectoryRecorder> recorders = new ArrayList<>(count);
        for (int b = 0; b < count; b++) {
            int member = b;
            Scenario s = scenarios.get(b);
            Dynamics dynamics = new Dynamics(s.model(), shape.n(), m -> ensemble.member(member));
            Integrator integrator = Integrators.create(s.solver(), dynamics);
            integrators.add((FixedStepIntegrator) integrator);
            starts.add(ScenarioRunner.start(s, dynamics));
            recorders.add(new TrajectoryRecorder(shape.n(), shape.d()));
        }
        LockStep.Outcome[] outcomes = LockStep.integrate(integrators, starts, shape.time(), recorders, (states, live) -> {
            for (int b = 0; b < states.length; b++) if (live[b]) ensemble.load(b, states[b]);
            ensemble.evaluate(live);
        });
        double seconds = SweepRun.seconds(t0) / count; // informative only: the batch's time shared out
        List<RunResult> results = new ArrayList<>(count);
        for (int b = 0; b < count; b++) {
            results.add(outcomes[b].failed()
                    ? SweepRun.failed(spec, points.get(b), outcomes[b].failure(), seconds)
                    : SweepRun.completed(spec, points.get(b), recorders.get(b).trajectory(), outcomes[b].statistics(), seconds));
        }
        return results;
    }

    /** One unit of work of a sweep engine: one run alone, or runs of one shape stepping together. */
    public record Batch(List<RunPoint> points, List<Scenario> scenarios) {
        /** The results in the order of {@link #points}. */
        public List<RunResult> execute(SweepSpec spec) {
            return scenarios == null ? List.of(SweepRun.execute(spec, points.get(0).id())) : EnsembleRun.execute(spec, points, scenarios);
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
            for (int id : ids) out.add(new Batch(List.of(spec.run(id)), null));
            return out;
        }
        java.util.Map<Shape, List<RunPoint>> points = new java.util.LinkedHashMap<>();
        java.util.Map<Shape, List<Scenario>> scenarios = new java.util.LinkedHashMap<>();
        for (int id : ids) {
            RunPoint p = spec.run(id);
            Scenario s = SweepRun.scenario(spec, p);
            Shape shape = batched(s) ? shape(s) : null;
            if (shape == null) {
                out.add(new Batch(List.of(p), null));
                continue;
            }
            points.computeIfAbsent(shape, k -> new ArrayList<>()).add(p);
            scenarios.computeIfAbsent(shape, k -> new ArrayList<>()).add(s);
        }
        for (java.util.Map.Entry<Shape, List<RunPoint>> e : points.entrySet()) {
            List<RunPoint> ps = e.getValue();
            List<Scenario> ss = scenarios.get(e.getKey());
            int size = Math.min(MAX_ENSEMBLE, Math.max(1, (ps.size() + parts - 1) / parts));
            for (int from = 0; from < ps.size(); from += size) {
                int to = Math.min(ps.size(), from + size);
                out.add(new Batch(List.copyOf(ps.subList(from, to)), List.copyOf(ss.subList(from, to))));
            }
        }
        return out;
    }
}
