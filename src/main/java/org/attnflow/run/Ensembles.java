package org.attnflow.run;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.attnflow.field.AttentionField;
import org.attnflow.field.Dynamics;
import org.attnflow.field.Fields;
import org.attnflow.field.simd.BatchedField;
import org.attnflow.field.simd.EnsembleField;
import org.attnflow.field.simd.SymmetricEnsembleField;
import org.attnflow.integrate.FixedStepIntegrator;
import org.attnflow.integrate.Integrator;
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
 * low dimension), one batched evaluation for all the members that need one, each member's own
 * integrator and frames. Every member's numbers are those of {@link ScenarioRunner#run} of that scenario alone, bit
 * for bit: the ensemble's member outputs are those of the settled field alone (SIMD or symmetric), and each member is stepped by the very integrator
 * code that steps it alone, so batching changes the speed and nothing it computes.
 *
 * <ul>
 *   <li>The Euler forms (S1, S2: one evaluation per step, the same steps for every member) go in {@link LockStep}
 *       on the calling thread.</li>
 *   <li>Any other double method (adaptive dopri5, whose members take steps of their own sizes; rk4, rkmk4...) runs
 *       each member's integrator on a virtual thread of its own, whose field evaluations meet at a rendezvous: when
 *       every running member waits for one, the ensemble evaluates them all in one batch and hands each its own
 *       output. A member that has finished stops waiting; the others go on.</li>
 * </ul>
 * A member whose field or step breaks down (an {@link ArithmeticException}, as it would alone) stops with that
 * failure, or, for dopri5, rejects the step as it would alone; the others go on.
 *
 * <p>A shape ({@link Shape}) is what the runs must share to step together: n, d, geometry, method, field, step, saved
 * times. Its members may differ in β, seed, V, Q, K, mask and normalisation. Only double-precision runs of one
 * constant head without a layer-norm scheme form ensembles; the others run alone.
 */
public final class Ensembles {
    private Ensembles() {}

    /** What runs stepping together share ({@code step} null for an adaptive method without a first step). */
    public record Shape(int n, int d, Geometry geometry, Method method, Double step, TimeGrid time, FieldKind field) {}

    /** The shape of a run that can step in an ensemble, or null for one that runs alone. */
    public static Shape shape(Scenario s) {
        SolverSettings solver = s.solver();
        if (!solver.method().runsInDouble() || solver.arbitraryPrecision()) return null;
        if (solver.field() == FieldKind.SCALAR || solver.field() == FieldKind.FOURIER) return null;
        if (!s.model().singleConstantHead() || s.model().layerNorm() != LayerNorm.POST || s.model().carriesRadius()) return null;
        return new Shape(s.tokens(), s.dimension(), s.model().geometry(), solver.method(), solver.step(), s.time(), solver.field());
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
        long evaluations = (lockStep(o.method()) ? (long) Math.ceil(s.time().end() / o.step()) : ScenarioRunner.expectedEvaluations(s)) * runs;
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

    /** The methods stepped in {@link LockStep}: one field evaluation per step, the same steps for every member. */
    private static boolean lockStep(Method method) {
        return method == Method.EULER_POSTLN || method == Method.EULER_PROJECTED;
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
        Batch batch = new Batch(field(shape, models, threads), !lockStep(shape.method()));
        List<Integrator> integrators = new ArrayList<>(count);
        List<double[]> starts = new ArrayList<>(count);
        List<TrajectoryRecorder> recorders = new ArrayList<>(count);
        for (int b = 0; b < count; b++) {
            int member = b;
            Scenario s = scenarios.get(b);
            Dynamics dynamics = new Dynamics(s.model(), shape.n(), m -> batch.member(member));
            integrators.add(Integrators.create(s.solver(), dynamics));
            starts.add(ScenarioRunner.start(s, dynamics));
            recorders.add(new TrajectoryRecorder(shape.n(), shape.d()));
        }
        SolverStatistics[] statistics = new SolverStatistics[count];
        ArithmeticException[] failures = new ArithmeticException[count];
        if (lockStep(shape.method())) {
            List<FixedStepIntegrator> members = new ArrayList<>(count);
            for (Integrator i : integrators) members.add((FixedStepIntegrator) i);
            LockStep.Outcome[] outcomes = LockStep.integrate(members, starts, shape.time(), recorders, (states, live) -> {
                for (int b = 0; b < states.length; b++) if (live[b]) batch.ensemble.load(b, states[b]);
                batch.evaluate(live);
            });
            for (int b = 0; b < count; b++) {
                statistics[b] = outcomes[b].statistics();
                failures[b] = outcomes[b].failure();
            }
        } else {
            batch.rendezvous(integrators, starts, shape.time(), recorders, statistics, failures);
        }
        List<Member> out = new ArrayList<>(count);
        for (int b = 0; b < count; b++) {
            out.add(failures[b] != null ? new Member(null, null, failures[b]) : new Member(recorders.get(b).trajectory(), statistics[b], null));
        }
        return out;
    }

    /** The one place an ensemble's batched field is made: the settled field's batched form. */
    private static BatchedField field(Shape shape, List<AttentionModel> models, int threads) {
        return shape.field() == FieldKind.SYMMETRIC ? new SymmetricEnsembleField(models, shape.n())
                : new EnsembleField(models, shape.n(), threads);
    }

    /**
     * An ensemble field with what its members see: each member's view hands out its part of the last batched
     * evaluation, or throws the breakdown its own evaluation met ({@link BatchedField}). With {@code meet}, a view's evaluation is a request at the
     * rendezvous: it waits until every running member has asked, then one batched evaluation serves them all.
     */
    private static final class Batch {
        final BatchedField ensemble;
        private final boolean meet;
        private final boolean[] waiting;
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition allAsked = lock.newCondition();
        private final Condition served = lock.newCondition();
        private int running;
        private int asked;
        private long round;
        private Throwable aborted;

        Batch(BatchedField ensemble, boolean meet) {
            this.ensemble = ensemble;
            this.meet = meet;
            this.waiting = new boolean[ensemble.systems()];
        }

        /** Evaluates the staged states of the {@code live} members (a member whose evaluation breaks down fails alone: {@link BatchedField}). */
        void evaluate(boolean[] live) {
            ensemble.evaluate(live);
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
                    if (!meet) {
                        view.attend(x, out);
                        return;
                    }
                    lock.lock();
                    try {
                        request(b, x);
                        view.attend(x, out);
                    } finally {
                        lock.unlock();
                    }
                }
            };
        }


        /** Under the lock: stages x, waits for the batched evaluation that serves it. */
        private void request(int b, double[] x) {
            ensemble.load(b, x);
            waiting[b] = true;
            asked++;
            if (asked == running) allAsked.signal();
            long r = round;
            while (round == r && aborted == null) served.awaitUninterruptibly();
            if (aborted != null) throw new IllegalStateException("the ensemble stopped: " + aborted, aborted);
        }

        /**
         * Runs every member's integrator on a virtual thread of its own and serves their evaluations on the calling
         * thread until all have finished.
         */
        void rendezvous(List<Integrator> integrators, List<double[]> starts, TimeGrid grid, List<TrajectoryRecorder> recorders,
                        SolverStatistics[] statistics, ArithmeticException[] failures) {
            int count = integrators.size();
            Throwable[] errors = new Throwable[count];
            List<Thread> threads = new ArrayList<>(count);
            lock.lock();
            try {
                running = count;
            } finally {
                lock.unlock();
            }
            for (int b = 0; b < count; b++) {
                int member = b;
                threads.add(Thread.ofVirtual().name("ensemble member " + b).start(() -> {
                    try {
                        statistics[member] = integrators.get(member).integrate(starts.get(member), grid, recorders.get(member));
                    } catch (ArithmeticException e) {
                        failures[member] = e;
                    } catch (Throwable e) {
                        errors[member] = e;
                    } finally {
                        finished();
                    }
                }));
            }
            lock.lock();
            try {
                while (running > 0) {
                    while (running > 0 && asked < running) allAsked.awaitUninterruptibly();
                    if (running == 0) break;
                    try {
                        evaluate(waiting);
                    } catch (RuntimeException | Error e) {
                        aborted = e;
                    }
                    Arrays.fill(waiting, false);
                    asked = 0;
                    round++;
                    served.signalAll();
                }
            } finally {
                lock.unlock();
            }
            for (Thread t : threads) {
                boolean interrupted = false;
                while (true) {
                    try {
                        t.join();
                        break;
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
                if (interrupted) Thread.currentThread().interrupt();
            }
            if (aborted instanceof RuntimeException e) throw e;
            if (aborted instanceof Error e) throw e;
            for (Throwable e : errors) {
                if (e instanceof RuntimeException r) throw r;
                if (e instanceof Error r) throw r;
                if (e != null) throw new IllegalStateException(e);
            }
        }

        private void finished() {
            lock.lock();
            try {
                running--;
                if (asked == running) allAsked.signal();
            } finally {
                lock.unlock();
            }
        }
    }
}
