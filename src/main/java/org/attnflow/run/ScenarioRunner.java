package org.attnflow.run;

import org.attnflow.enclosure.EnclosureFailedException;
import org.attnflow.enclosure.EnclosureFrameHandler;
import org.attnflow.enclosure.EnclosureSettings;
import org.attnflow.enclosure.Enclosures;
import org.attnflow.field.Dynamics;
import org.attnflow.field.Fields;
import org.attnflow.field.Tokens;
import org.attnflow.integrate.FrameHandler;
import org.attnflow.integrate.FrameSink;
import org.attnflow.integrate.Integrator;
import org.attnflow.integrate.Integrators;
import org.attnflow.integrate.SolverStatistics;
import org.attnflow.model.Geometry;
import org.attnflow.model.Method;
import org.attnflow.model.Scenario;
import org.attnflow.model.SolverSettings;
import org.attnflow.reference.ReferenceResult;
import org.attnflow.reference.ReferenceSolver;

/**
 * The one place where a scenario is routed to its arithmetic: scenario → field → integrator → frames. Every
 * consumer (the {@code simulate} command, {@code verify}, the claims, sweeps) runs scenarios through here, so that
 * they all run exactly what {@code simulate} runs.
 *
 * <ul>
 *   <li>{@code solver.digits} unset: the double-precision field chosen by {@code solver.field} and the integrator
 *       of {@code solver.method};</li>
 *   <li>{@code solver.digits} set: the arbitrary-precision {@link ReferenceSolver} (the extrapolation solver for
 *       method {@code reference}, otherwise the fixed-step scheme replayed at that precision);</li>
 *   <li>method {@code enclosure}: the validated interval integrator ({@link Enclosures}), boxes proved to hold the
 *       exact solution.</li>
 * </ul>
 */
public final class ScenarioRunner {
    private ScenarioRunner() {}

    /**
     * Runs the scenario, handing every saved frame (frame 0 = the start on the manifold) to {@code sink}, with its
     * radii when the scheme carries them ({@link FrameHandler#frame(int, double, double[], double[])}); a
     * {@link FrameSink} receives arbitrary-precision frames with every digit ({@link FrameSink#exactFrame}).
     */
    public static RunOutcome run(Scenario s, FrameHandler sink) {
        if (s.solver().method() == Method.ENCLOSURE) return enclosure(s, sink);
        return s.solver().arbitraryPrecision() ? reference(s, sink) : doublePrecision(s, sink);
    }

    /**
     * The enclosure settings of a scenario whose method is {@link Method#ENCLOSURE}: the package's defaults at
     * {@code solver.digits} when given.
     */
    public static EnclosureSettings enclosureSettings(Scenario s) {
        Integer digits = s.solver().digits();
        return digits == null ? EnclosureSettings.DEFAULT : EnclosureSettings.DEFAULT.withDigits(digits);
    }

    /**
     * {@link Method#ENCLOSURE}: the validated interval integrator from the scenario's start (its exact decimals,
     * normalised inside the enclosure on the sphere). {@code sink} receives the boxes' midpoints as the trajectory,
     * and the boxes themselves when it is also an {@link EnclosureFrameHandler}. A step that cannot be validated, or
     * a run that needs more than the step budget, is a run failure (an ArithmeticException naming the time reached).
     */
    private static RunOutcome enclosure(Scenario s, FrameHandler sink) {
        String unsupported = Method.ENCLOSURE.unsupported(s.model(), s.tokens());
        if (unsupported != null) throw new IllegalArgumentException(unsupported); // the scenario reader refuses these first
        EnclosureSettings settings = enclosureSettings(s);
        long steps;
        try {
            steps = Enclosures.solve(s.model(), s.initial().points(), s.time(), settings, frame -> {
                if (sink instanceof EnclosureFrameHandler boxes) boxes.frame(frame);
                sink.frame(frame.index(), frame.time(), frame.midpoints());
            });
        } catch (EnclosureFailedException e) {
            throw new ArithmeticException(e.getMessage());
        }
        return new RunOutcome(new SolverStatistics(steps, 0, steps, 0), "enclosure-" + settings.digits(), null);
    }

    /**
     * Steps per unit time the adaptive dopri5 is assumed to take, for the "auto" choice: the most measured on the
     * shipped examples at the default tolerances (6 to 31: causal-circle 119 steps to t = 20, full-sphere-d3 236 to
     * 15, euclidean-m4 126 to 4).
     */
    static final int ADAPTIVE_STEPS_PER_UNIT_TIME = 32;

    /**
     * About how many field evaluations the run will make, for the "auto" choice (the Vector API field pays off only
     * once the JIT has compiled it): for a fixed-step method the steps to the end times an upper bound of 4 stages;
     * for the adaptive dopri5, 6 stages times {@link #ADAPTIVE_STEPS_PER_UNIT_TIME} steps per unit time (before, an
     * unknown count let n = 4 runs take the SIMD field, 4x slower end to end than the scalar one).
     */
    private static long expectedEvaluations(Scenario s) {
        if (!s.solver().method().fixedStep()) return 6L * ADAPTIVE_STEPS_PER_UNIT_TIME * Math.max(1, (long) Math.ceil(s.time().end()));
        return 4 * (long) Math.ceil(s.time().end() / s.solver().step());
    }

    private static RunOutcome doublePrecision(Scenario s, FrameHandler sink) {
        // the double-precision field that solver.field asks for (Fields: scalar, simd, or auto), one per schedule piece
        Dynamics dynamics = Fields.dynamics(s.model(), s.tokens(), s.solver(), expectedEvaluations(s));
        Integrator integrator = Integrators.create(s.solver(), dynamics);
        SolverStatistics stats = integrator.integrate(start(s, dynamics), s.time(), sink);
        return new RunOutcome(stats, dynamics.fields().get(0).getClass().getSimpleName(), null);
    }

    /**
     * The double-precision start state of a scenario for its dynamics: the points as written (ScenarioReader
     * checked them against its sphere tolerance) normalised in double on the sphere (the reference normalises at
     * its own precision), then the radii when the scheme carries them.
     */
    public static double[] start(Scenario s, Dynamics dynamics) {
        double[] x0 = s.initial().toDoubleArray();
        if (s.model().geometry() == Geometry.SPHERE) Tokens.normalize(x0, s.dimension());
        return dynamics.state(x0, s.initial().radiusDoubles());
    }

    private static RunOutcome reference(Scenario s, FrameHandler sink) {
        SolverSettings solver = s.solver();
        boolean sphere = s.model().geometry() == Geometry.SPHERE;
        double[] drift = {0};
        ReferenceResult result = ReferenceSolver.solve(s, frame -> {
            if (sphere) drift[0] = Math.max(drift[0], frame.maxNormDrift());
            if (sink instanceof FrameSink exact) {
                exact.exactFrame(frame.index(), frame.time(), frame.toDoubleArray(), frame.radiusDoubles(), frame.timeDecimal(), frame.decimals(),
                        frame.radiusDecimals(), frame.errorEstimate().doubleValue());
            } else {
                sink.frame(frame.index(), frame.time(), frame.toDoubleArray(), frame.radiusDoubles());
            }
        });
        SolverStatistics stats = new SolverStatistics(result.steps(), result.rejectedSteps(), result.evaluations(), drift[0]);
        return new RunOutcome(stats, "apfloat-" + solver.digits(), result);
    }
}
