package org.attnflow.integrate;

import org.attnflow.field.AttentionField;
import org.attnflow.field.Dynamics;
import org.attnflow.model.TimeGrid;

/**
 * Adaptive Dormand–Prince 5(4) (Hairer's DOPRI5): FSAL stages ({@link Dopri5Stages}), the RMS mixed
 * rtol/atol error norm, the PI {@link StepSizeController}, and dense output.
 *
 * <ul>
 *   <li>Save times are hit with the 4th-order continuous extension, so the step sequence does not depend on how
 *       often frames are saved: steps are never shortened for a save time, only the last one to land on the end.</li>
 *   <li>On the sphere each accepted step, and each dense frame, is retracted (normalised). The FSAL stage k7 was
 *       evaluated at the unretracted y_new, which differs from the retracted point by δ, about the accepted local
 *       error; reusing it as the next k1 perturbs the next step by O(hδ), below the tolerance, and saves one
 *       evaluation per step.</li>
 *   <li>The first step is the user's {@code step} when given (capped at the end time), otherwise the heuristic of
 *       Hairer, Nørsett &amp; Wanner (§II.4, in the same RMS norm as the error).</li>
 *   <li>A trial step on which the field fails (an {@link ArithmeticException}, e.g. overflowing mean-normalised
 *       scores at a far-off stage) is rejected and shortened like a step with too large an error.</li>
 *   <li>Switch times of the field (a schedule's pieces, Mix-LN's τ; {@link Dynamics}) are landed on exactly like the
 *       end: the step that would cross one is shortened to end there, and the integration restarts from it with a
 *       fresh first stage of the next segment (no FSAL across a switch, where the field jumps); the step size the
 *       controller proposed before the landing is kept.</li>
 *   <li>A step smaller than 10 ulp of t stops the run with an {@link ArithmeticException} (the field is too stiff
 *       or fails near the solution, or the tolerance is below rounding).</li>
 * </ul>
 * Not thread-safe: it owns its workspaces.
 */
public final class Dopri5Integrator implements Integrator {
    private final Dynamics dynamics;
    private final StateSpace space;
    private final double rtol;
    private final double atol;
    private final Double initialStep;
    private final Dopri5Stages stages;
    private final StepSizeController controller = new StepSizeController();
    private final double[] y;
    private final double[] yNew;
    private final double[] frame;

    /**
     * @param initialStep the first step, or null for the automatic choice
     */
    public Dopri5Integrator(AttentionField field, double rtol, double atol, Double initialStep) {
        this(Dynamics.of(field), rtol, atol, initialStep);
    }

    /**
     * @param initialStep the first step, or null for the automatic choice
     */
    public Dopri5Integrator(Dynamics dynamics, double rtol, double atol, Double initialStep) {
        if (!(rtol > 0) || !(atol >= 0) || !Double.isFinite(rtol) || !Double.isFinite(atol)) {
            throw new IllegalArgumentException("dopri5 needs rtol > 0 and atol >= 0, got rtol " + rtol + ", atol " + atol);
        }
        if (initialStep != null && !(initialStep > 0 && Double.isFinite(initialStep))) {
            throw new IllegalArgumentException("dopri5 initial step must be > 0, got " + initialStep);
        }
        this.dynamics = dynamics;
        this.space = new StateSpace(dynamics);
        this.rtol = rtol;
        this.atol = atol;
        this.initialStep = initialStep;
        this.stages = new Dopri5Stages(space.size());
        this.y = new double[space.size()];
        this.yNew = new double[space.size()];
        this.frame = new double[space.size()];
    }

    @Override
    public SolverStatistics integrate(double[] x0, TimeGrid grid, FrameHandler handler) {
        space.checkStart(x0);
        System.arraycopy(x0, 0, y, 0, y.length);
        FrameEmitter emitter = new FrameEmitter(handler, space);
        emitter.emit(0, y);
        int frames = grid.frames();
        if (frames == 1) return new SolverStatistics(0, 0, 0, emitter.maxNormDrift());

        double tEnd = grid.end();
        double[] switches = dynamics.switchTimes();
        int nextSwitch = 0;
        long evaluationsBefore = stages.evaluations();
        stages.use(dynamics.at(0));
        stages.start(0, y);
        double h = initialStep != null ? Math.min(initialStep, tEnd) : automaticInitialStep(tEnd);
        controller.reset();
        long accepted = 0, rejected = 0;
        ArithmeticException lastFailure = null;
        double t = 0;
        int next = 1;
        while (next < frames) {
            // the next point to land on exactly: a switch of the field, or the end
            double target = nextSwitch < switches.length && switches[nextSwitch] < tEnd ? switches[nextSwitch] : tEnd;
            double proposal = h;
            boolean last = t + 1.01 * h >= target; // Hairer: stretch or shorten the final step to land on the end
            if (last) h = target - t;
            if (!(h > 10 * Math.ulp(t))) {
                throw new ArithmeticException("dopri5: step size " + h + " underflows at t = " + t
                        + " (rtol " + rtol + ", atol " + atol + ")"
                        + (lastFailure != null ? " after: " + lastFailure.getMessage() : "; loosen the tolerances or check the model"));
            }
            double err;
            try {
                stages.advance(t, y, h, yNew);
                err = stages.finish(t, y, yNew, h, rtol, atol);
            } catch (ArithmeticException failure) {
                // A trial step too long for the field (e.g. mean-normalised scores overflowing at a far-off stage)
                // is rejected like any other; if the field fails near y itself, the step underflows and we report it.
                err = Double.POSITIVE_INFINITY;
                lastFailure = failure;
            }
            if (!(err <= 1)) {
                rejected++;
                h = controller.rejected(err, h);
                continue;
            }
            accepted++;
            double tNew = last ? target : t + h;
            boolean denseReady = false;
            while (next < frames && grid.time(next) < tNew) {
                if (!denseReady) {
                    stages.prepareDense(y, yNew, h);
                    denseReady = true;
                }
                double ts = grid.time(next);
                stages.dense((ts - t) / h, y, frame);
                space.retract(frame, ts);
                emitter.emit(ts, frame);
                next++;
            }
            System.arraycopy(yNew, 0, y, 0, y.length);
            space.retract(y, tNew);
            t = tNew;
            boolean switched = last && target < tEnd;
            if (switched) {
                // the field jumps here: the next step starts the next segment with its own first stage
                nextSwitch++;
                stages.use(dynamics.at(t));
                stages.start(t, y);
            } else {
                System.arraycopy(stages.k7, 0, stages.k1, 0, y.length); // FSAL
            }
            if (next < frames && grid.time(next) == t) {
                emitter.emit(t, y);
                next++;
            }
            h = controller.accepted(err, h);
            if (switched) h = Math.max(h, proposal); // a step shortened to land says nothing against the longer one
        }
        return new SolverStatistics(accepted, rejected, stages.evaluations() - evaluationsBefore, emitter.maxNormDrift());
    }

    /**
     * Hairer–Nørsett–Wanner's starting step: h0 = 0.01‖y0‖/‖f0‖, one Euler probe for a second-derivative estimate
     * d2, then h = min(100 h0, (0.01/max(‖f0‖, d2))^{1/5}, tEnd). Norms are the RMS error norm's. Uses one
     * evaluation; k1 must hold f(y). A probe the field cannot evaluate falls back to h0.
     */
    private double automaticInitialStep(double tEnd) {
        double[] f0 = stages.k1;
        double dy = 0, df = 0;
        for (int k = 0; k < y.length; k++) {
            double sk = atol + rtol * Math.abs(y[k]);
            if (sk == 0) continue; // atol = 0 at a zero component: it does not set a scale
            dy += (y[k] / sk) * (y[k] / sk);
            df += (f0[k] / sk) * (f0[k] / sk);
        }
        dy = Math.sqrt(dy / y.length);
        df = Math.sqrt(df / y.length);
        double h0 = (dy <= 1e-5 || df <= 1e-5) ? 1e-6 : 0.01 * dy / df;
        h0 = Math.min(h0, tEnd);
        for (int k = 0; k < y.length; k++) yNew[k] = y[k] + h0 * f0[k];
        try {
            stages.probe(h0, yNew, frame); // frame: scratch for f1
        } catch (ArithmeticException failure) {
            return h0;
        }
        double d2 = 0;
        for (int k = 0; k < y.length; k++) {
            double sk = atol + rtol * Math.abs(y[k]);
            if (sk == 0) continue;
            double q = (frame[k] - f0[k]) / sk;
            d2 += q * q;
        }
        d2 = Math.sqrt(d2 / y.length) / h0;
        double big = Math.max(df, d2);
        double h1 = big <= 1e-15 ? Math.max(1e-6, h0 * 1e-3) : Math.pow(0.01 / big, 1.0 / 5);
        return Math.min(Math.min(100 * h0, h1), tEnd);
    }
}
