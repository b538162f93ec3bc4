package org.attnflow.enclosure;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import org.attnflow.enclosure.interval.IntervalSum;
import org.attnflow.enclosure.interval.Interval;
import org.attnflow.enclosure.interval.IntervalArithmetic;
import org.attnflow.model.AttentionModel;
import org.attnflow.model.DecimalMatrix;
import org.attnflow.model.Geometry;
import org.attnflow.model.Method;
import org.attnflow.model.TimeGrid;

/**
 * Rigorous enclosures of the attention dynamics (every model of spec/math.md §1: sphere or euclidean, full or
 * causal, softmax or mean, any β, Q, K, V): at each saved time, an interval box that provably contains the
 * exact solution of the ODE started from the exact decimals given (on the sphere, from those decimals
 * normalised: x_i/|x_i| is enclosed in interval arithmetic, not rounded).
 *
 * <p>The method is a validated interval Taylor integrator ({@link ValidatedIntegrator}) with Lohner's QR
 * wrapping control ({@link Parallelepiped}), in outward-rounded decimal interval arithmetic
 * ({@link IntervalArithmetic}). It is meant for small systems: n·d ≤ {@link #MAX_COORDINATES}.
 * proofs-notes/enclosure.md states what is proved and what is assumed.
 */
public final class Enclosures {
    /** The largest n·d accepted (cost grows like (n·d)·n²·d per Taylor coefficient). */
    public static final int MAX_COORDINATES = Method.ENCLOSURE_MAX_COORDINATES;

    private Enclosures() {}


    /** Every frame in a list (see {@link #solve(AttentionModel, DecimalMatrix, TimeGrid, EnclosureSettings, EnclosureFrameHandler)}). */
    public static List<EnclosureFrame> solve(AttentionModel model, DecimalMatrix start, TimeGrid times, EnclosureSettings settings) {
        List<EnclosureFrame> frames = new ArrayList<>();
        solve(model, start, times, settings, frames::add);
        return frames;
    }

    /**
     * Encloses the solution from {@code start} (n×d exact decimals) at every time of {@code times}, handing each
     * box to {@code handler} as soon as it is proved. Returns the number of validated steps.
     *
     * @throws IllegalArgumentException  the input is not a case the method takes (sizes, a zero token on the sphere)
     * @throws EnclosureFailedException  no step could be validated, or more than {@code maxSteps} were needed
     */
    public static long solve(AttentionModel model, DecimalMatrix start, TimeGrid times, EnclosureSettings settings,
                             EnclosureFrameHandler handler) {
        return solve(model, start, times, settings, new IntervalArithmetic(settings.digits()), handler);
    }

    /** As above with a given arithmetic (tests plant mutant arithmetic here). */
    static long solve(AttentionModel model, DecimalMatrix start, TimeGrid times, EnclosureSettings settings,
                      IntervalArithmetic ar, EnclosureFrameHandler handler) {
        check(model, start);
        int n = start.rows(), d = start.cols();
        IntervalArithmetic aux = new IntervalArithmetic(settings.auxiliaryDigits());
        ValidatedIntegrator integrator = new ValidatedIntegrator(new AttentionSeries(model, n), settings, ar, aux);
        Parallelepiped set = Parallelepiped.of(startBox(model, start, ar), ar);
        handler.frame(new EnclosureFrame(0, 0.0, n, d, set.box, 0));
        BigDecimal t = BigDecimal.ZERO, hTry = new BigDecimal("0.05");
        long steps = 0;
        for (int f = 1; f < times.frames(); f++) {
            BigDecimal target = new BigDecimal(times.time(f));
            while (t.compareTo(target) < 0) {
                if (steps == settings.maxSteps()) {
                    throw new EnclosureFailedException("the enclosure needs more than maxSteps = " + settings.maxSteps() + " steps (reached t = "
                            + t.doubleValue() + ")");
                }
                ValidatedIntegrator.Step step;
                try {
                    step = integrator.step(set, hTry, target.subtract(t));
                } catch (EnclosureFailedException | ArithmeticException e) {
                    throw new EnclosureFailedException("the enclosure stopped at t = " + t.round(new MathContext(6)).toPlainString() + " after "
                            + steps + " steps: " + e.getMessage());
                }
                set = step.set();
                t = t.add(step.h());
                hTry = step.nextTry();
                steps++;

            }
            handler.frame(new EnclosureFrame(f, times.time(f), n, d, set.box, steps));
        }
        return steps;
    }

    /**
     * The one-line reason this model and start cannot be enclosed, or null when they can: the method's own rule,
     * {@link Method#unsupported(AttentionModel, int)} of {@link Method#ENCLOSURE} (one head with constant weights,
     * post-LN, softmax or mean, n·d ≤ {@link #MAX_COORDINATES}), which the scenario reader also asks.
     */
    public static String unsupported(AttentionModel model, int n) {
        return Method.ENCLOSURE.unsupported(model, n);
    }

    private static void check(AttentionModel model, DecimalMatrix start) {
        if (start.cols() != model.dimension()) {
            throw new IllegalArgumentException("the start has d = " + start.cols() + " but the model's matrices are for d = " + model.dimension());
        }
        String reason = unsupported(model, start.rows());
        if (reason != null) throw new IllegalArgumentException(reason);
    }

    /**
     * The start as a box: the exact decimals (euclidean), or an enclosure of x_i/|x_i| (sphere): |x_i|² is
     * summed exactly, its square root and the quotients are rounded outward.
     */
    static Interval[] startBox(AttentionModel model, DecimalMatrix start, IntervalArithmetic ar) {
        int n = start.rows(), d = start.cols();
        Interval[] x = new Interval[n * d];
        for (int i = 0; i < n; i++) {
            if (model.geometry() == Geometry.EUCLIDEAN) {
                for (int c = 0; c < d; c++) x[i * d + c] = Interval.point(start.get(i, c));
                continue;
            }
            IntervalSum squares = new IntervalSum(ar);
            for (int c = 0; c < d; c++) squares.addProduct(Interval.point(start.get(i, c)), Interval.point(start.get(i, c)));
            Interval norm = ar.sqrt(squares.round());
            if (norm.upper().signum() == 0) throw new IllegalArgumentException("token " + i + " is zero: it has no direction on the sphere");
            for (int c = 0; c < d; c++) x[i * d + c] = ar.divide(Interval.point(start.get(i, c)), norm);
        }
        return x;
    }
}
