package org.attnflow.run;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.attnflow.field.AttentionField;
import org.attnflow.field.Dynamics;
import org.attnflow.field.Fields;
import org.attnflow.field.simd.EnsembleField;
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
 * in one {@link EnsembleField} (one batched SIMD evaluation per step for all of them), each run's own Euler step and
 * frames through {@link LockStep}. Every run's numbers are those of {@link ScenarioRunner#run} of that scenario alone,
 * bit for bit (the ensemble's member outputs are the SIMD field's, and the steps are the same code), so batching
 * changes the speed and nothing it computes. A member whose field evaluation or step breaks down (an
 * {@link ArithmeticException}, as it would alone) stops there with that failure; the others go on.
 *
 * <p>A shape ({@link Shape}) is what the runs must share to step together: n, d, geometry, method, step, saved
 * times. Its members may differ in β, seed, V, Q, K, mask and normalisation. Only double-precision Euler runs (S1,
 * S2: one field evaluation per step) of one constant head without a layer-norm scheme form ensembles; the others
 * run alone. (Adaptive dopri5 members, whose steps differ, would need each integrator stopped between its stages;
 * run on threads that meet at a rendezvous, they cost more than batching saved at the claims' sizes.)
 */
public final class Ensembles {
    private Ensembles() {}

    /** What runs stepping together share. */
    public record Shape(int n, int d, Geometry geometry, Method method, double step, TimeGrid time) {}

    /** The shape of a run that can step in an ensemble, or null for one that runs alone. */
    public static Shape shape(Scenario s) {
        SolverSettings solver = s.solver();
        if (solver.arbitraryPrecision() || solver.field() == FieldKind.SCALAR || solver.field() == FieldKind.FOURIER) return null;
        if (solver.method() != Method.EULER_POSTLN && solver.method() != Method.EULER_PROJECTED) return null;
        if (!s.model().singleConstantHead() || s.model().layerNorm() != LayerNorm.POST || s.model().carriesRadius()) return null;
        return new Shape(s.tokens(), s.dimension(), s.model().geometry(), solver.method(), solver.step(), s.time());
    }

    /**
     * The scenario as an ensemble runs it: {@code solver.field} {@code auto} settled for the whole group of
     * {@code runs} runs of its shape, batched or not, so that batching never changes a number (the SIMD and scalar
     * fields agree to 1e-13, not bit for bit): {@code simd} when the group's work repays the Vector API's warm-up
     * ({@link Fields#simdPays} with the evaluations of all its runs) and the Fourier–Bessel field does not pay;
     * otherwise it stays {@code auto}, decided run by run as {@code simulate} decides, and the run runs alone. A run
     * alone with the settled {@code solver.field} reproduces its ensemble's run exactly: callers record the settled
     * scenario.
     */
    public static Scenario settle(Scenario s, int runs) {
        if (s.solver().field() != FieldKind.AUTO || shape(s) == null) return s;
        SolverSettings o = s.solver();
        long evaluations = (long) Math.ceil(s.time().end() / o.step()) * runs; // one evaluation a step
        if (Fields.fourierPays(s.model(), s.tokens()) || !Fields.simdPays(s.model(), s.tokens(), evaluations)) return s;
        return new Scenario(s.model(), s.initial(), s.time(), new SolverSettings(o.method(), o.step(), o.rtol(), o.atol(), o.digits(), FieldKind.SIMD, o.threads()));
    }

    /** True for a (settled) run that steps in an ensemble: its shape allows it and its field is the SIMD field. */
    public static boolean batched(Scenario s) {
        return s.solver().field() == FieldKind.SIMD && shape(s) != null;
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
        Batch batch = new Batch(field(models, shape.n(), threads));
        List<FixedStepIntegrator> integrators = new ArrayList<>(count);
        List<double[]> starts = new ArrayList<>(count);
        List<TrajectoryRecorder> recorders = new ArrayList<>(count);
        for (int b = 0; b < count; b++) {
            int member = b;
            Scenario s = scenarios.get(b);
            Dynamics dynamics = new Dynamics(s.model(), shape.n(), m -> batch.member(member));
            integrators.add((FixedStepIntegrator) Integrators.create(s.solver(), dynamics));
            starts.add(ScenarioRunner.start(s, dynamics));
            recorders.add(new TrajectoryRecorder(shape.n(), shape.d()));
        }
        LockStep.Outcome[] outcomes = LockStep.integrate(integrators, starts, shape.time(), recorders, (states, live) -> {
            for (int b = 0; b < states.length; b++) if (live[b]) batch.ensemble.load(b, states[b]);
            batch.evaluate(live);
        });
        List<Member> out = new ArrayList<>(count);
        for (int b = 0; b < count; b++) {
            out.add(outcomes[b].failed() ? new Member(null, null, outcomes[b].failure())
                    : new Member(recorders.get(b).trajectory(), outcomes[b].statistics(), null));
        }
        return out;
    }

    /** The one place an ensemble's batched field is made. */
    private static EnsembleField field(List<AttentionModel> models, int tokens, int threads) {
        return new EnsembleField(models, tokens, threads);
    }

    /**
     * An ensemble field with what its members see: each member's view hands out its part of the last batched
     * evaluation, or throws the breakdown its own evaluation met (found by evaluating the members of a failed batch
     * one by one, as each alone would have met it).
     */
    private static final class Batch {
        final EnsembleField ensemble;
        private final ArithmeticException[] broke;

        Batch(EnsembleField ensemble) {
            this.ensemble = ensemble;
            this.broke = new ArithmeticException[ensemble.systems()];
        }

        /** Evaluates the staged states of the {@code live} members; a member whose own evaluation breaks down keeps its failure. */
        void evaluate(boolean[] live) {
            Arrays.fill(broke, null);
            try {
                ensemble.evaluate(live);
                return;
            } catch (ArithmeticException batchFailed) {
                // find whose evaluation fails, each alone; then evaluate the others together
            }
            boolean[] one = new boolean[live.length];
            boolean[] sound = live.clone();
            for (int b = 0; b < live.length; b++) {
                if (!live[b]) continue;
                one[b] = true;
                try {
                    ensemble.evaluate(one);
                } catch (ArithmeticException e) {
                    broke[b] = e;
                    sound[b] = false;
                }
                one[b] = false;
            }
            ensemble.evaluate(sound);
        }

        AttentionField member(int b) {
            AttentionField view = ensemble.member(b);
            return new AttentionField() {
                @Override
                public AttentionModel model() { return view.model(); }

                @Override
                public int tokens() { return view.tokens(); }

                @Override
                public void attend(double[] x, double[] out) {
                    if (broke[b] != null) throw new ArithmeticException(broke[b].getMessage());
                    view.attend(x, out);
                }
            };
        }
    }
}
