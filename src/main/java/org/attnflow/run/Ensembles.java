package org.attnflow.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.attnflow.field.Dynamics;
import org.attnflow.field.Fields;
import org.attnflow.field.simd.BatchedField;
import org.attnflow.field.simd.EnsembleField;
import org.attnflow.field.simd.SymmetricEnsembleField;
import org.attnflow.integrate.FixedStepIntegrator;
import org.attnflow.integrate.Integrators;
import org.attnflow.integrate.LockStep;
import org.attnflow.integrate.SolverStatistics;
import org.attnflow.integrate.Trajectory;
import org.attnflow.integrate.TrajectoryRecorder;
import org.attnflow.model.AttentionModel;
import org.attnflow.model.FieldKind;
import org.attnflow.model.Geometry;
import org.attnflow.model.LayerNorm;
import org.attnflow.model.Method;
import org.attnflow.model.Scenario;
import org.attnflow.model.SolverSettings;
import org.attnflow.model.TimeGrid;

/**
 * Runs of one shape stepped together as one computation (a sweep's ensembles, a claim's seeds and β): their states
 * in one {@link BatchedField} ({@link EnsembleField}, or {@link SymmetricEnsembleField} for symmetric scores in
 * low dimension), one batched evaluation per step for all of them, each run's own Euler step and frames through
 * {@link LockStep} on the calling thread (S1 on the sphere in the symmetric lanes: the step too, lane by lane, with the
 * step's own operations: {@link SymmetricEnsembleField#stepOnSphere}). Every member's numbers are those of
 * {@link ScenarioRunner#run} of that scenario alone, bit for bit: the ensemble's member outputs are those of the
 * settled field alone (SIMD or symmetric), and the steps are the same code or, in the lanes, the same operations in
 * the same order (pinned by tests), so batching changes the speed and nothing it computes. A member whose
 * field evaluation or step breaks down (an {@link ArithmeticException}, as it would alone) stops with that failure;
 * the others go on.
 *
 * <p>A shape ({@link Shape}) is what the runs must share to step together: n, d, geometry, method, field, step, saved
 * times. Its members may differ in β, seed, V, Q, K, mask and normalisation. Only double-precision Euler runs (S1,
 * S2: one field evaluation per step) of one constant head without a layer-norm scheme form ensembles; the others
 * run alone. Adaptive dopri5 members (their steps differ) would have to stop between their stages: run on virtual
 * threads that met at a rendezvous, they took more time than alone at the claims' sizes (the full catalogue: 22 s alone, 41 s
 * batched, load 3.4–4.2), so they run alone.
 */
public final class Ensembles {
    private Ensembles() {}

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
     * The scenario as an ensemble runs it: {@code solver.field} {@code auto} settled for the whole group of
     * {@code runs} runs of its shape, batched or not, so that batching never changes a number (the fields agree to
     * 1e-13, not bit for bit). When the group's work repays the Vector API's warm-up ({@link Fields#simdPays} with the
     * evaluations of all its runs) and the Fourier–Bessel field does not pay: {@code symmetric} where the lanes pay
     * ({@link SymmetricEnsembleField#pays}), else {@code simd}; otherwise it stays {@code auto}, decided run by run as
     * {@code simulate} decides, and the run runs alone. A run alone with the settled {@code solver.field} reproduces
     * its ensemble's run exactly.
     */
    public static Scenario settle(Scenario s, int runs) {
        if (s.solver().field() != FieldKind.AUTO || shape(s) == null) return s;
        SolverSettings o = s.solver();
        long evaluations = (long) Math.ceil(s.time().end() / o.step()) * runs; // one evaluation a step
        if (Fields.fourierPays(s.model(), s.tokens())) return s;
        // both batched fields are Vector API code: the group must repay its JIT warm-up first (measured: the lanes'
        // compilation costs the Fig. 3 job of 192 short runs more than the scalar symmetric loop takes for all of them)
        if (!Fields.simdPays(s.model(), s.tokens(), evaluations)) return s;
        FieldKind settled = SymmetricEnsembleField.pays(s.model(), runs) ? FieldKind.SYMMETRIC : FieldKind.SIMD;
        return new Scenario(s.model(), s.initial(), s.time(), new SolverSettings(o.method(), o.step(), o.rtol(), o.atol(), o.digits(), settled, o.threads()));
    }

    /** True for a (settled) run that steps in an ensemble: its shape allows it and its field is the SIMD or the symmetric field. */
    public static boolean batched(Scenario s) {
        FieldKind f = s.solver().field();
        return (f == FieldKind.SIMD || f == FieldKind.SYMMETRIC) && shape(s) != null;
    }

    /** A member's end: its frames and solver statistics, or the breakdown that stopped it (the others then null). */
    public record Member(Trajectory trajectory, SolverStatistics statistics, ArithmeticException failure) {
        public boolean failed() { return failure != null; }
    }

    /**
     * Runs these runs of one shape (settled, {@link #batched}) together; results in the order of {@code scenarios}.
     *
     * @param threads the ensemble field's worker threads (0: all cores); the numbers do not depend on it
     */
    public static List<Member> execute(List<Scenario> scenarios, int threads) {
        int count = scenarios.size();
        Shape shape = shape(scenarios.get(0));
        Objects.requireNonNull(shape, "not a run that steps in an ensemble");
        List<AttentionModel> models = new ArrayList<>(count);
        for (Scenario s : scenarios) {
            if (!shape.equals(shape(s))) throw new IllegalArgumentException("runs of different shapes cannot step together");
            models.add(s.model());
        }
        BatchedField ensemble = field(shape, models, threads);
        List<FixedStepIntegrator> integrators = new ArrayList<>(count);
        List<double[]> starts = new ArrayList<>(count);
        List<TrajectoryRecorder> recorders = new ArrayList<>(count);
        for (int b = 0; b < count; b++) {
            int member = b;
            Scenario s = scenarios.get(b);
            Dynamics dynamics = new Dynamics(s.model(), shape.n(), m -> ensemble.member(member));
            integrators.add((FixedStepIntegrator) Integrators.create(s.solver(), dynamics));
            starts.add(ScenarioRunner.start(s, dynamics));
            recorders.add(new TrajectoryRecorder(shape.n(), shape.d()));
        }
        // S1 on the sphere in the symmetric lanes: the lanes take the members' whole steps (the retraction included)
        SymmetricEnsembleField lanes = shape.method() == Method.EULER_POSTLN && shape.geometry() == Geometry.SPHERE
                && ensemble instanceof SymmetricEnsembleField f ? f : null;
        LockStep.Outcome[] outcomes = LockStep.integrate(integrators, starts, shape.time(), recorders, (t, h, states, live, taken) -> {
            if (lanes != null) {
                lanes.stepOnSphere(h, states, live, taken);
                return;
            }
            for (int b = 0; b < states.length; b++) if (live[b]) ensemble.load(b, states[b]);
            ensemble.evaluate(live); // a member whose evaluation breaks down fails alone (BatchedField)
        });
        List<Member> out = new ArrayList<>(count);
        for (int b = 0; b < count; b++) {
            out.add(outcomes[b].failed() ? new Member(null, null, outcomes[b].failure())
                    : new Member(recorders.get(b).trajectory(), outcomes[b].statistics(), null));
        }
        return out;
    }

    /** The one place an ensemble's batched field is made: the settled field's batched form. */
    private static BatchedField field(Shape shape, List<AttentionModel> models, int threads) {
        return shape.field() == FieldKind.SYMMETRIC ? new SymmetricEnsembleField(models, shape.n())
                : new EnsembleField(models, shape.n(), threads);
    }
}
