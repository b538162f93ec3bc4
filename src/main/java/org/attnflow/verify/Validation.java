package org.attnflow.verify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apfloat.Apfloat;
import org.attnflow.integrate.StepPlan;
import org.attnflow.io.InputException;
import org.attnflow.model.FieldKind;
import org.attnflow.model.Geometry;
import org.attnflow.model.LayerNorm;
import org.attnflow.model.Mask;
import org.attnflow.model.Method;
import org.attnflow.model.Normalization;
import org.attnflow.model.Scenario;
import org.attnflow.model.SolverSettings;
import org.attnflow.model.TimeGrid;
import org.attnflow.reference.InvariantViolation;
import org.attnflow.reference.ReferenceFrame;
import org.attnflow.reference.ReferenceModel;
import org.attnflow.reference.ReferenceSolver;
import org.attnflow.reference.WorkingPrecision;

/**
 * {@code validate}: another program's trajectory checked frame by frame against the reference.
 *
 * <ul>
 *   <li><b>Deviation.</b> Their frame 0 is compared with the scenario's initial state (when it is at t = 0); from
 *       it the reference replays their scheme ({@link ReplayScheme}) at working precision, or integrates the exact
 *       flow, and every later frame is compared with the replay: per frame the largest and mean
 *       {@link TokenDistance}, the worst token, the reference's own error bound.</li>
 *   <li><b>I1</b> (sphere): max_i |‖x_i‖ − 1| of their frames.</li>
 *   <li><b>I4</b> (Euler schemes, one step per frame): the scale c_i of their attention rows, inferred by
 *       {@link AttentionScale}.</li>
 *   <li><b>I2</b> (causal models, fixed-step schemes): from their frame f, one frame interval replayed under the causal
 *       mask ({@link OneIntervalReplay}) and compared with their frame f+1 token by token; a token whose defect exceeds
 *       the tolerance is an I2 finding when the same interval under the full mask explains it (the first such token
 *       is reported); a defect the full mask does not explain either is a local one-step defect, reported as such.</li>
 * </ul>
 * Verdict: pass when every deviation and invariant value is within the tolerance and the reference's error bound is
 * {@value Verification#REFERENCE_MARGIN}× below it.
 *
 * <p><b>Memory.</b> Two frames of the checked trajectory are held (the previous and the current, n·d doubles each);
 * per-frame results go to the {@link ValidationListener} as they are computed. What grows with the frame count is
 * 8 bytes per frame of times (and the reference solver's own per-frame bookkeeping).
 */
public final class Validation {
    /**
     * The default tolerance, whatever the checked file's type: 10^-10 on the unit sphere (radians), or relative to
     * max(1, ‖x‖) in R^d. A float64 scheme replayed exactly deviates by its rounding, ~10^-16 per step, so 10^-10
     * leaves room for 10^5–10^6 steps of accumulated rounding and nothing else; float32 data (~10^-7) fails it, as
     * it should, unless the user states a float32 tolerance (e.g. --tolerance 1e-6).
     */
    public static final double DEFAULT_TOLERANCE = 1e-10;
    /** Frame buffers validation holds: the previous and the current frame. */
    static final int FRAMES_HELD = 2;

    /**
     * What the user chose; null fields take the defaults (the scenario's scheme and step, {@link #DEFAULT_TOLERANCE},
     * the times from the file or the scenario, the radii from the stream x = rθ of the trajectory).
     *
     * @param radius a file of the n radii per frame ({@code simulate}'s radius.npy / radius.csv), for a scheme that
     *               carries radii; null: the trajectory holds the stream x = rθ, as public code stores it
     */
    public record Options(ReplayScheme scheme, Double step, Double tolerance, int digits, Path times, Path radius) {
        public Options(ReplayScheme scheme, Double step, Double tolerance, int digits, Path times) {
            this(scheme, step, tolerance, digits, times, null);
        }
    }

    /** Opens the checked trajectory (again): the explanations of a failure replay it under other conventions. */
    @FunctionalInterface
    public interface Trajectory {
        TrajectorySource open() throws IOException;
    }

    private Validation() {}

    /** {@link #validate(String, Scenario, String, Trajectory, Options, ValidationListener)} of a source that is read once. */
    public static ValidationSummary validate(String scenarioName, Scenario scenario, String trajectoryName, TrajectorySource source,
                                             Options options, ValidationListener listener) throws IOException {
        boolean[] opened = {false};
        return validate(scenarioName, scenario, trajectoryName, () -> {
            if (opened[0]) return null; // read once: no explanations of a failure
            opened[0] = true;
            return source;
        }, options, listener);
    }

    /**
     * Validates the trajectory that {@code trajectory} opens. When it fails, validate asks two questions by replaying
     * the same file under another convention, silently, and says the answer in one reason line each: would it have
     * matched with every V transposed (the row convention of code that writes x ← x + h (P X) V, spec/math.md §8.5)?
     * and, under pre, peri or ngpt with a fixed-step scheme, does it follow the other discrete form, the paper's or the
     * public simulator's (spec/math.md §7.4) — a finding that names the radius update where they differ.
     */
    public static ValidationSummary validate(String scenarioName, Scenario scenario, String trajectoryName, Trajectory trajectory,
                                             Options options, ValidationListener listener) throws IOException {
        try {
            ValidationSummary summary;
            try (TrajectorySource source = trajectory.open()) {
                Run run = new Run(scenarioName, scenario, trajectoryName, source, options, listener);
                summary = run.run(explanations(scenario, trajectoryName, trajectory, options, run));
            }
            return summary;
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** The explanations of a failure (computed only when it fails). */
    private static java.util.function.Supplier<List<String>> explanations(Scenario scenario, String trajectoryName, Trajectory trajectory,
                                                                          Options options, Run run) {
        return () -> {
            List<String> lines = new ArrayList<>();
            if (scenario.model().hasAsymmetricV()) {
                Outcome transposed = replayAs(ScenarioVariants.withModel(scenario, scenario.model().withTransposedV()), trajectoryName, trajectory, options, run.scheme);
                if (transposed != null) {
                    lines.add(transposed.passed()
                            ? "row convention: with every V transposed the file matches (largest deviation " + Format.e(transposed.maxDeviation())
                                    + "): it was made by code that writes x <- x + h (P X) V, i.e. V^T in attnflow's notation (spec/math.md §8.5)"
                            : "row convention: with every V transposed it does not match either (largest deviation " + Format.e(transposed.maxDeviation()) + ")");
                }
            }
            ReplayScheme other = counterpart(scenario, run.scheme);
            if (other != null) {
                Outcome o = replayAs(scenario, trajectoryName, trajectory, new Options(other, options.step(), options.tolerance(), options.digits(),
                        options.times(), options.radius()), other);
                if (o != null && o.passed()) lines.add(difference(scenario.model().layerNorm(), run.scheme, other, o.maxDeviation()));
            }
            return lines;
        };
    }

    /** The other discrete form of the same scheme: the public simulator's for the paper's Euler steps, and back. */
    static ReplayScheme counterpart(Scenario scenario, ReplayScheme scheme) {
        LayerNorm ln = scenario.model().layerNorm();
        Method method = scheme.method();
        Method other = null;
        if (method.publicScheme() != null) other = Method.EULER_POSTLN;
        else if (method == Method.EULER_POSTLN || method == Method.EULER_PROJECTED) {
            other = switch (ln) {
                case PRE -> Method.PRE_PUBLIC;
                case PERI -> Method.PERI_PUBLIC;
                case NGPT -> Method.NGPT_PUBLIC;
                default -> null;
            };
        }
        if (other == null || other.unsupported(scenario.model()) != null) return null;
        return new ReplayScheme(other);
    }

    /** The reason line of a file that follows the other discrete form. */
    static String difference(LayerNorm ln, ReplayScheme checked, ReplayScheme followed, double deviation) {
        boolean publicFile = followed.method().publicScheme() != null;
        String what = publicFile ? "the public simulator's step " + followed.key() : "the paper's " + ln.key() + "-LN step " + followed.key();
        String matches = "the file follows " + what + " (largest deviation " + Format.e(deviation) + "), not " + checked.key();
        if (ln == LayerNorm.NGPT) {
            return "nGPT step: " + matches + ": the public step is theta <- N(theta + 0.2 h A/(|A| + 1e-9)), the paper's "
                    + "theta <- N(theta + h alpha (A/|A| - theta)) (spec/math.md §7.4)";
        }
        return "radius update: " + matches + ": public code updates r <- r + h r sum_c A_c (the coordinate sum, growing geometrically), "
                + "the paper r' = <theta, A>" + (ln == LayerNorm.PERI ? "/|A|" : "") + " (spec/math.md §7.4): a different model, not rounding";
    }

    /** A silent validation of the same file under other settings: its largest deviation and whether it passed (null: not re-readable). */
    private static Outcome replayAs(Scenario scenario, String trajectoryName, Trajectory trajectory, Options options, ReplayScheme scheme) {
        try (TrajectorySource again = trajectory.open()) {
            if (again == null) return null;
            Options o = new Options(scheme, options.step(), options.tolerance(), options.digits(), options.times(), options.radius());
            ValidationSummary s = new Run("", scenario, trajectoryName, again, o, SILENT).run(List::of);
            return new Outcome(s.maxDeviation(), s.verdict() == Verdict.PASS);
        } catch (IOException | RuntimeException e) {
            return null; // an explanation that cannot be computed is not given
        }
    }

    private record Outcome(double maxDeviation, boolean passed) {}

    private static final ValidationListener SILENT = new ValidationListener() {
        @Override
        public void start(ValidationSetup setup) { }

        @Override
        public void frame(FrameCheck check) { }

        @Override
        public void finish(ValidationSummary summary) { }
    };

    /**
     * The time of each of their frames: from {@code --times}, else the file's own (CSV with a t column), else the
     * scenario's grid; one per frame, finite and strictly increasing.
     *
     * @param from where the times came from, for the report
     */
    record FrameTimes(double[] times, String from) {
        static FrameTimes of(Path option, TrajectorySource source, Scenario scenario, String trajectoryName, long frames) {
            FrameTimes t;
            if (option != null) {
                try {
                    t = new FrameTimes(TimesFile.read(option), "--times " + option);
                } catch (IOException e) {
                    throw new InputException("cannot read the times file " + option + ": " + e.getMessage(), e);
                }
            } else if (source.times() != null) {
                t = new FrameTimes(source.times(), "the times in " + trajectoryName);
            } else {
                t = new FrameTimes(scenario.time().times(), "the scenario's time grid");
                if (t.times().length != frames) {
                    throw new InputException(trajectoryName + " has " + frames + " frames but the scenario's time grid has " + t.times().length
                            + " (time.end, save_every/save_times): pass --times FILE with the time of each frame");
                }
            }
            double[] times = t.times();
            if (times.length != frames) throw new InputException(t.from() + " lists " + times.length + " times for " + frames + " frames of " + trajectoryName);
            for (int f = 0; f < times.length; f++) {
                if (!Double.isFinite(times[f]) || (f > 0 && !(times[f] > times[f - 1]))) {
                    throw new InputException(t.from() + ": times must be finite and strictly increasing, got " + (f > 0 ? times[f - 1] + " then " : "") + times[f]);
                }
            }
            return t;
        }
    }

    /** One validation: its settings, the two frame buffers and the running findings. */
    private static final class Run {
        private final long started = System.nanoTime();
        private final Scenario scenario;
        private final String trajectoryName;
        private final TrajectorySource source;
        private final ValidationListener listener;
        private final int n;
        private final int d;
        private final boolean sphere;
        private final TokenDistance metric;
        private final boolean radius; // the scheme carries radii
        private final TrajectorySource radiusSource; // their radii, or null (the stream x = r theta, or no radii)
        private final ReplayScheme scheme;
        private final double h;
        private final double tolerance;
        private final int digits;
        private final SolverSettings replay;
        private final double[] times;
        private final ValidationSetup setup;
        private final AttentionScale attentionScale; // null when I4 does not apply
        private final OneIntervalReplay causalStep; // null when I2 does not apply
        private final OneIntervalReplay fullStep;
        private final String i4Note;
        private final String i2Note;

        private double[] previous;
        private double[] current;
        private double[] previousRadius;
        private double[] currentRadius;

        private double maxDeviation = 0;
        private long maxDeviationFrame = 0;
        private long firstFailing = -1;
        private double maxReference = 0;
        private final Tracker i1 = new Tracker("I1");
        private final Tracker i4 = new Tracker("I4");
        private final Tracker i2 = new Tracker("I2");
        private String localDefect; // the first one-step defect the full mask does not explain, or null

        Run(String scenarioName, Scenario scenario, String trajectoryName, TrajectorySource source, Options o, ValidationListener listener) {
            this.scenario = scenario;
            this.trajectoryName = trajectoryName;
            this.source = source;
            this.listener = listener;
            this.n = scenario.tokens();
            this.d = scenario.dimension();
            this.sphere = scenario.model().geometry() == Geometry.SPHERE;
            this.metric = TokenDistance.of(scenario.model().geometry());
            long frames = source.frames();
            if (frames < 2) throw new InputException(trajectoryName + ": " + frames + " frame" + (frames == 1 ? "" : "s") + "; at least 2 are needed to validate");
            this.radius = scenario.model().carriesRadius();
            if (o.radius() != null && !radius) {
                throw new InputException("--radius: the scenario's layer_norm " + scenario.model().layerNorm().key() + " carries no radius (only pre, peri and mix do)");
            }
            this.radiusSource = o.radius() == null ? null : openRadius(o.radius(), n, frames);
            this.scheme = o.scheme() != null ? o.scheme() : ReplayScheme.defaultFor(scenario.solver());
            this.h = scheme.fixedStep() ? step(o.step(), scenario.solver()) : Double.NaN;
            this.tolerance = o.tolerance() != null ? o.tolerance() : DEFAULT_TOLERANCE;
            if (!(tolerance > 0) || !Double.isFinite(tolerance)) throw new InputException("--tolerance must be a number > 0, got " + o.tolerance());
            this.digits = o.digits();
            this.replay = replaySettings(0); // before any work: refuses digits below SolverSettings.MIN_DIGITS
            FrameTimes t = FrameTimes.of(o.times(), source, scenario, trajectoryName, frames);
            this.times = t.times();
            if (scheme.fixedStep()) {
                // counted before any work: a step of 1e-300 would replay forever
                String many = SolverSettings.tooManySteps(times[times.length - 1] - times[0], h);
                if (many != null) throw new InputException((o.step() != null ? "--step " : "solver.step (the replayed scheme's step): ") + many);
            }

            boolean postLn = scenario.model().layerNorm() == LayerNorm.POST && scenario.model().singleConstantHead();
            this.attentionScale = postLn && oneEulerStepPerFrame() ? new AttentionScale(scenario.model(), n, digits, scheme.method() == Method.EULER_PROJECTED, h) : null;
            this.i4Note = attentionScale != null ? "scale c_i of each attention row inferred from one Euler step per frame; a finding where the rescaled "
                    + "row reproduces their step and moves the token by |c-1|*|P h v| beyond the tolerance"
                    : !postLn ? "needs a post-LN model with one head and constant weights (one step must be x + h*c*v)"
                    : scheme.euler() ? "needs one Euler step per frame (frame intervals equal to the step h)"
                    : "needs an Euler scheme (euler-postln or euler-projected): one step must be x + h*c*v";
            boolean causal = scenario.model().mask() == Mask.CAUSAL;
            Scenario oneStep = causal && scheme.fixedStep() ? ScenarioVariants.withSolver(scenario, replaySettings(1)) : null;
            this.causalStep = oneStep == null ? null : new OneIntervalReplay(oneStep, metric);
            this.fullStep = oneStep == null ? null : new OneIntervalReplay(ScenarioVariants.withMask(oneStep, Mask.FULL), metric);
            this.i2Note = causalStep != null ? "one frame interval replayed from each of their frames under the causal mask, per token"
                    : !causal ? "the model is not causal"
                    : "needs a fixed-step scheme (a one-interval replay of the exact flow would show their truncation error)";
            String radiusFrom = !radius ? null : o.radius() != null ? "--radius " + o.radius() : "the trajectory, which holds the stream x = r theta";
            this.setup = new ValidationSetup(scenarioName, trajectoryName, source.storedAs(), frames, n, d, scenario.model().paperName(), scheme, h,
                    digits, tolerance, metric, t.from(), times[0], radiusFrom);
        }

        /** Their radii file: n per frame, as many frames as the trajectory. */
        private static TrajectorySource openRadius(Path file, int n, long frames) {
            try {
                TrajectorySource r = TrajectorySources.open(file, n, 1);
                if (r.frames() != frames) {
                    r.close();
                    throw new InputException("--radius " + file + " has " + r.frames() + " frames, the trajectory " + frames);
                }
                return r;
            } catch (IOException e) {
                throw new InputException("cannot read the radius file " + file + ": " + e.getMessage(), e);
            }
        }

        /**
         * I4 infers a row scale from one Euler step, so it applies when every frame interval is exactly one step h:
         * the fixed-step integrators' own rule, {@link StepPlan}.
         */
        private boolean oneEulerStepPerFrame() {
            if (!scheme.euler()) return false;
            for (int f = 1; f < times.length; f++) if (!StepPlan.between(times[f - 1], times[f], h).singleStep()) return false;
            return true;
        }

        private static double step(Double option, SolverSettings solver) {
            Double step = option != null ? option : solver.step();
            if (step == null) throw new InputException("--step is required: the scenario's solver has no step to replay the scheme with");
            if (!(step > 0) || !Double.isFinite(step)) throw new InputException("--step must be a number > 0, got " + step);
            return step;
        }

        /** The reference's settings for this comparison; {@code threads} 1 for the short one-interval replays. */
        private SolverSettings replaySettings(int threads) {
            SolverSettings o = scenario.solver();
            return new SolverSettings(scheme.method(), scheme.fixedStep() ? h : null, o.rtol(), o.atol(), digits, FieldKind.AUTO, threads);
        }

        ValidationSummary run(java.util.function.Supplier<List<String>> explain) {
            try {
                return runChecked(explain);
            } finally {
                try {
                    if (radiusSource != null) radiusSource.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }

        private ValidationSummary runChecked(java.util.function.Supplier<List<String>> explain) {
            listener.start(setup);
            previous = new double[n * d];
            current = new double[n * d];
            previousRadius = radius ? new double[n] : null;
            currentRadius = radius ? new double[n] : null;
            read(0);
            double[] start = times[0] == 0 ? scenarioStart() : null;
            double[] startRadius = times[0] == 0 && radius ? scenario.initial().radiusDoubles() : null;
            double[] shifted = new double[times.length];
            for (int f = 0; f < times.length; f++) shifted[f] = times[f] - times[0];
            Scenario fromTheirs = ScenarioVariants.startingAt(ScenarioVariants.withSolver(scenario, replay), current, currentRadius,
                    new TimeGrid(shifted), times[0]);
            listener.reference(fromTheirs);
            try {
                ReferenceSolver.solve(fromTheirs, frame -> frame(frame, start, startRadius));
            } catch (InvariantViolation e) {
                throw new ArithmeticException("the reference replay stopped: " + e.getMessage());
            }
            List<String> reasons = new ArrayList<>();
            if (firstFailing >= 0) {
                reasons.add(String.format(Locale.ROOT, "frame %d (t = %s) deviates by %s > tolerance %s; the largest deviation is %s at frame %d",
                        firstFailing, Format.g(times[(int) firstFailing]), Format.e(firstDeviation), Format.e(tolerance),
                        Format.e(maxDeviation), maxDeviationFrame));
            }
            List<InvariantFinding> invariants = List.of(i1Finding(), i2Finding(), i4Finding());
            for (InvariantFinding f : invariants) if (f.found()) reasons.add(f.invariant() + ": " + f.detail());
            if (localDefect != null) reasons.add(localDefect);
            if (!(maxReference <= tolerance / Verification.REFERENCE_MARGIN)) {
                reasons.add("the reference's error bound " + Format.e(maxReference) + " is not " + (int) Verification.REFERENCE_MARGIN
                        + " times below the tolerance: raise --digits");
            }
            if (!reasons.isEmpty()) reasons.addAll(explain.get());
            ValidationSummary summary = new ValidationSummary(reasons.isEmpty() ? Verdict.PASS : Verdict.FAIL, reasons, maxDeviation, maxDeviationFrame,
                    firstFailing, maxReference, invariants, FRAMES_HELD, Verification.seconds(started));
            listener.finish(summary);
            return summary;
        }

        private double firstDeviation;

        private void frame(ReferenceFrame frame, double[] start, double[] startRadius) {
            int f = frame.index();
            double[] y = frame.toDoubleArray();
            if (f > 0) {
                double[] swap = previous;
                previous = current;
                current = swap;
                if (radius) {
                    swap = previousRadius;
                    previousRadius = currentRadius;
                    currentRadius = swap;
                }
                read(f);
            }
            // frame 0 is compared with the scenario's own start (the replay starts from their frame 0 itself)
            boolean own = f == 0 && start != null;
            FrameDeviation dev = FrameDeviation.between(current, currentRadius, own ? start : y, own ? startRadius : frame.radiusDoubles(), d, metric);
            double reference = TokenDistance.boundFromCoordinateError(frame.errorEstimate().doubleValue(), d);
            maxReference = Math.max(maxReference, reference);
            if (dev.max() > maxDeviation) {
                maxDeviation = dev.max();
                maxDeviationFrame = f;
            }
            if (firstFailing < 0 && !(dev.max() <= tolerance)) {
                firstFailing = f;
                firstDeviation = dev.max();
            }
            double drift = sphere && !streamRadius() ? normDrift(f) : Double.NaN;
            double scale = f > 0 && attentionScale != null ? attentionRows(f) : Double.NaN;
            double defect = f > 0 && causalStep != null ? causalOrder(f) : Double.NaN;
            listener.frame(new FrameCheck(f, times[f], dev.max(), dev.mean(), dev.worstToken(), reference, drift, scale, defect));
        }

        private void read(int f) {
            try {
                if (!source.next(current)) throw new InputException(trajectoryName + " ended after " + f + " of its " + source.frames() + " frames");
                if (radiusSource != null && !radiusSource.next(currentRadius)) throw new InputException("the radius file ended after " + f + " frames");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Finite.check(current, d, f, trajectoryName); // the sources check at opening; a file changed since is caught here
            if (streamRadius()) {
                // the stream x = r theta: r = |x|, theta = x/r
                for (int i = 0; i < n; i++) {
                    double r = 0;
                    for (int c = 0; c < d; c++) r += current[i * d + c] * current[i * d + c];
                    r = Math.sqrt(r);
                    if (!(r > 0)) throw new InputException(trajectoryName + ": frame " + f + ", token " + i + " is the zero vector: no radius and direction x = r theta");
                    currentRadius[i] = r;
                    for (int c = 0; c < d; c++) current[i * d + c] /= r;
                }
            }
        }

        /** True when the radii come from the trajectory's own stream x = rθ (no --radius file). */
        private boolean streamRadius() { return radius && radiusSource == null; }

        /** The scenario's initial tokens at working precision (retracted to the sphere there), as doubles. */
        private double[] scenarioStart() {
            Apfloat[][] x0 = new ReferenceModel(scenario.model(), WorkingPrecision.forDigits(digits)).initialState(scenario.initial());
            double[] x = new double[n * d];
            for (int i = 0; i < n; i++) for (int c = 0; c < d; c++) x[i * d + c] = x0[i][c].doubleValue();
            return x;
        }

        private double normDrift(int f) {
            double max = 0;
            for (int i = 0; i < n; i++) {
                double r = 0;
                for (int c = 0; c < d; c++) r += current[i * d + c] * current[i * d + c];
                double drift = Math.abs(Math.sqrt(r) - 1);
                max = Math.max(max, drift);
                if (drift > tolerance) i1.found(f, i, drift, String.format(Locale.ROOT, "|x| of token %d at frame %d is off 1 by %s > %s",
                        i, f, Format.e(drift), Format.e(tolerance)));
            }
            i1.max(max);
            return max;
        }

        /**
         * I4 at frame f: per token the inferred row scale; a finding where the scale alone moves the token beyond the
         * tolerance and explains their step (residual within the tolerance). Returns max |c − 1| over the tokens whose
         * c is determined and explains their step (NaN if none).
         */
        private double attentionRows(int f) {
            AttentionScale.Scales s = attentionScale.infer(previous, current);
            double maxScale = Double.NaN;
            int widest = -1, first = -1;
            for (int i = 0; i < n; i++) {
                if (!(s.residual()[i] <= tolerance)) continue; // a rescaled row does not explain their step
                double c = s.c()[i];
                if (!Double.isNaN(c) && !(Math.abs(c - 1) <= maxScale)) {
                    maxScale = Math.abs(c - 1);
                    widest = i;
                }
                i4.max(s.excess()[i]);
                if (first < 0 && s.excess()[i] > tolerance) first = i;
            }
            if (first >= 0 && !i4.found()) {
                double c = s.c()[first];
                String reference = scenario.model().normalization() == Normalization.SOFTMAX
                        ? "a row-normalised softmax's (their row does not sum to 1)" : "the mean-normalised output (1/n) sum_j e^{s_ij} V x_j";
                i4.found(f, first, c, String.format(Locale.ROOT,
                        "frame %d, token %d: their attention output is %s times %s, "
                                + "which moves the token by %s > %s; at this frame |c - 1| reaches %s (token %d)", f, first,
                        Double.isNaN(c) ? "an undetermined multiple of" : String.format(Locale.ROOT, "%.6g", c), reference, Format.e(s.excess()[first]),
                        Format.e(tolerance), Format.e(maxScale), widest));
            }
            return maxScale;
        }

        /**
         * The one-step defect of every token at frame f under the causal mask. A token beyond the tolerance is an I2
         * finding only when the same interval under the full mask explains it (it reads later tokens); otherwise it
         * is a local defect of their step (e.g. a wrong softmax), reported once as such, not as I2.
         */
        private double causalOrder(int f) {
            double dt = times[f] - times[f - 1];
            double[] defect = causalStep.defects(previous, previousRadius, current, currentRadius, times[f - 1], dt);
            double[] full = null; // the full-mask replay, computed once per frame when needed
            double max = 0;
            for (int i = 0; i < n; i++) {
                max = Math.max(max, defect[i]);
                if (defect[i] > tolerance && !i2.found()) {
                    if (full == null) full = fullStep.defects(previous, previousRadius, current, currentRadius, times[f - 1], dt);
                    if (full[i] <= tolerance) {
                        i2.found(f, i, defect[i], String.format(Locale.ROOT,
                                "frame %d, token %d: one interval replayed from their frame %d with the causal mask misses their token by %s > %s; "
                                        + "with the full mask by %s: explained by reading later tokens (the causal mask is not applied)",
                                f, i, f - 1, Format.e(defect[i]), Format.e(tolerance), Format.e(full[i])));
                    } else if (localDefect == null) {
                        localDefect = String.format(Locale.ROOT,
                                "one-step defect: frame %d, token %d: one interval replayed from their frame %d misses their token by %s > %s "
                                        + "with the causal mask and by %s with the full mask: their step itself is wrong (not a causal-order violation)",
                                f, i, f - 1, Format.e(defect[i]), Format.e(tolerance), Format.e(full[i]));
                    }
                }
            }
            i2.max(max);
            return max;
        }

        private InvariantFinding i1Finding() {
            if (streamRadius()) return InvariantFinding.notApplicable("I1", "the file holds the stream x = r theta: its directions are unit by construction");
            return sphere ? i1.finding("max over frames and tokens of | |x_i| - 1 |", tolerance, null)
                    : InvariantFinding.notApplicable("I1", "tokens live in R^d: there is no norm to keep");
        }

        private InvariantFinding i4Finding() {
            return attentionScale != null ? i4.finding(i4Note, tolerance, null) : InvariantFinding.notApplicable("I4", i4Note);
        }

        private InvariantFinding i2Finding() {
            return causalStep != null ? i2.finding(i2Note, tolerance, i2.found() ? Boolean.TRUE : null) : InvariantFinding.notApplicable("I2", i2Note);
        }
    }

    /** The largest value of one invariant check and its first finding. */
    private static final class Tracker {
        private final String invariant;
        private double max = 0;
        private long frame = -1;
        private int token = -1;
        private double value = Double.NaN;
        private String detail = "";

        Tracker(String invariant) {
            this.invariant = invariant;
        }

        void max(double v) {
            if (v > max) max = v;
        }

        boolean found() { return frame >= 0; }

        void found(long f, int i, double v, String what) {
            if (frame >= 0) return;
            frame = f;
            token = i;
            value = v;
            detail = what;
        }

        InvariantFinding finding(String note, double threshold, Boolean explained) {
            return new InvariantFinding(invariant, true, note, max, frame, token, value, threshold, detail, explained);
        }
    }
}
