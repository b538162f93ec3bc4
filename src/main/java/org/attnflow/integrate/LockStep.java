package org.attnflow.integrate;

import java.util.Arrays;
import java.util.List;
import org.attnflow.model.TimeGrid;

/**
 * Fixed-step integrators of the same step size, time grid and switch times advanced together, step by step: before
 * every step one {@link Evaluation} sees all the live members' states at once (an ensemble field evaluates them in
 * one batch, and may take some members' whole steps with their own operations), then each member not taken takes its
 * step exactly as {@link FixedStepIntegrator#integrate} would take it alone (that method is this loop with one
 * member). Each member's numbers are therefore those of its own run, bit for bit.
 *
 * <p>A member whose step breaks down (an {@link ArithmeticException}: overflow, a vanishing attention, a radius
 * ≤ 0) stops there with its failure; the others go on. Anything else (a bad start, a bug) propagates.
 */
public final class LockStep {
    private LockStep() {}

    /**
     * Called before every step (from t, of size h) with every member's state (directions first) and which members are
     * still running: it evaluates their fields in one batch. It may also take a live member's whole step itself,
     * writing the new state into {@code states[b]} and setting {@code taken[b]} (all false on entry); it must then
     * perform that member's own operations in their order, so that the member's numbers stay those of its run alone,
     * bit for bit. The members not taken step themselves, after it, as they would alone.
     */
    @FunctionalInterface
    public interface Evaluation {
        void before(double t, double h, double[][] states, boolean[] live, boolean[] taken);
    }

    /** A member's end: its solver statistics, or the breakdown that stopped it (statistics then null). */
    public record Outcome(SolverStatistics statistics, ArithmeticException failure) {
        public boolean failed() { return failure != null; }
    }

    /**
     * @param evaluation called before every step, or null; when given, every member's method must evaluate its
     *                   field exactly once per step, at the state it is handed (the Euler steps)
     */
    public static Outcome[] integrate(List<FixedStepIntegrator> members, List<double[]> starts, TimeGrid grid,
                                      List<? extends FrameHandler> handlers, Evaluation evaluation) {
        int count = members.size();
        if (count == 0 || starts.size() != count || handlers.size() != count) {
            throw new IllegalArgumentException("need one start and one frame handler per member, and at least one member");
        }
        FixedStepIntegrator first = members.get(0);
        double h = first.step();
        double[] switches = first.switches();
        double[][] x = new double[count][];
        FrameEmitter[] emitters = new FrameEmitter[count];
        boolean[] live = new boolean[count];
        ArithmeticException[] failures = new ArithmeticException[count];
        boolean[] taken = new boolean[count];
        for (int b = 0; b < count; b++) {
            FixedStepIntegrator m = members.get(b);
            if (Double.compare(m.step(), h) != 0 || !Arrays.equals(m.switches(), switches)) {
                throw new IllegalArgumentException("members stepping together need the same step and switch times");
            }
            if (evaluation != null && m.method().evaluationsPerStep() != 1) {
                throw new IllegalArgumentException(m.method().method().key() + " evaluates its field more than once per step: it cannot be batched");
            }
            m.space().checkStart(starts.get(b));
            x[b] = m.state();
            System.arraycopy(starts.get(b), 0, x[b], 0, x[b].length);
            emitters[b] = new FrameEmitter(handlers.get(b), m.space());
            live[b] = true;
            emit(b, 0, x, emitters, live, failures);
        }
        long steps = 0;
        for (int f = 1; f < grid.frames() && any(live); f++) {
            double[] stops = StepPlan.stops(grid.time(f - 1), grid.time(f), switches);
            for (int s = 1; s < stops.length; s++) {
                double ta = stops[s - 1];
                double tb = stops[s];
                StepPlan plan = StepPlan.between(ta, tb, h);
                for (long i = 0; i < plan.fullSteps() && any(live); i++) stepAll(members, ta + i * h, h, x, live, taken, failures, evaluation);
                if (plan.shortenedStep()) {
                    double tl = ta + plan.fullSteps() * h;
                    stepAll(members, tl, tb - tl, x, live, taken, failures, evaluation);
                }
                steps += plan.steps();
            }
            for (int b = 0; b < count; b++) if (live[b]) emit(b, grid.time(f), x, emitters, live, failures);
        }
        Outcome[] outcomes = new Outcome[count];
        for (int b = 0; b < count; b++) {
            outcomes[b] = live[b]
                    ? new Outcome(new SolverStatistics(steps, 0, steps * members.get(b).method().evaluationsPerStep(), emitters[b].maxNormDrift()), null)
                    : new Outcome(null, failures[b]);
        }
        return outcomes;
    }

    private static void stepAll(List<FixedStepIntegrator> members, double t, double h, double[][] x, boolean[] live,
                                boolean[] taken, ArithmeticException[] failures, Evaluation evaluation) {
        if (evaluation != null) {
            Arrays.fill(taken, false);
            evaluation.before(t, h, x, live, taken);
        }
        for (int b = 0; b < x.length; b++) {
            if (!live[b] || taken[b]) continue;
            try {
                members.get(b).method().step(t, x[b], h, x[b]);
            } catch (ArithmeticException e) {
                live[b] = false;
                failures[b] = e;
            }
        }
    }

    private static boolean any(boolean[] live) {
        for (boolean l : live) if (l) return true;
        return false;
    }

    private static void emit(int b, double t, double[][] x, FrameEmitter[] emitters, boolean[] live, ArithmeticException[] failures) {
        try {
            emitters[b].emit(t, x[b]);
        } catch (ArithmeticException e) {
            live[b] = false;
            failures[b] = e;
        }
    }
}
