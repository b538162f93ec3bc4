package org.attnflow.verify;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import org.apfloat.Apfloat;
import org.attnflow.enclosure.EnclosureCsv;
import org.attnflow.enclosure.EnclosureFailedException;
import org.attnflow.enclosure.EnclosureFrame;
import org.attnflow.enclosure.EnclosureSettings;
import org.attnflow.enclosure.Enclosures;
import org.attnflow.field.Tokens;
import org.attnflow.integrate.StepPlan;
import org.attnflow.io.InputException;
import org.attnflow.model.DecimalMatrix;
import org.attnflow.model.FieldKind;
import org.attnflow.model.Geometry;
import org.attnflow.model.LayerNorm;
import org.attnflow.model.Mask;
import org.attnflow.model.Method;
import org.attnflow.model.Normalization;
import org.attnflow.model.RescaledCoordinates;
import org.attnflow.model.Scenario;
import org.attnflow.model.SolverSettings;
import org.attnflow.model.TimeGrid;
import org.attnflow.reference.InvariantViolation;
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
 *       {@link TokenDistance}, the worst token, the reference's own error bound. Against an enclosure
 *       ({@code --against enclosure} or a box file) the exact flow is known as proved boxes, and the deviation is
 *       bounded from above and below by {@link BoxDistance}: the verdict then rests on a proof.</li>
 *   <li><b>Non-finite values</b> in their file are a finding: the first one (frame, token, coordinate) fails the
 *       run and ends the comparison there.</li>
 *   <li><b>I1</b> (sphere): max_i |‖x_i‖ − 1| of their frames.</li>
 *   <li><b>I4</b> (Euler schemes, one step per frame): the scale c_i of their attention rows, inferred by
 *       {@link AttentionScale}; a finding only where the rescaling moves the token by more than the tolerance and
 *       than the data's own rounding.</li>
 *   <li><b>I2</b> (causal models, fixed-step schemes): from their frame f, one frame interval replayed under the causal
 *       mask ({@link OneIntervalReplay}) and compared with their frame f+1 token by token; every token beyond the
 *       tolerance is diagnosed by {@link MaskDiagnosis}: an I2 finding when a row that reads later tokens reproduces
 *       its step (every such token, token 0 included), a mask defect when a row that drops its diagonal does, a local
 *       one-step defect otherwise.</li>
 * </ul>
 * Verdict: pass when every deviation and invariant value is within the tolerance and the reference's error bound is
 * {@value Verification#REFERENCE_MARGIN}× below it; with {@code --trajectory-half}, the deviations are judged by
 * the observed order instead (a consistent scheme converges: order ≥ 1 − {@value ConvergenceOrder#ORDER_TOLERANCE}).
 *
 * <p><b>Memory.</b> Two frames of the checked trajectory are held (the previous and the current, n·d doubles each;
 * one more with {@code --trajectory-half}); per-frame results go to the {@link ValidationListener} as they are
 * computed. What grows with the frame count is 8 bytes per frame of times (and the reference solver's own
 * per-frame bookkeeping).
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
    /** Digits of the reference at most, when the tolerance sets them (20: verify's default). */
    static final int MAX_AUTOMATIC_DIGITS = 20;
    /**
     * Units of the data's own rounding (of its storage type) that a rescaled attention row must move a token by before
     * I4 names it: below that, their rounding alone explains the fitted scale.
     */
    static final double ROUNDING_UNITS = 32;
    /** Mask diagnoses per validation at most (each replays a token under up to n row extents, in double). */
    static final int MAX_DIAGNOSES = 256;

    /** What their file holds for a Euclidean model: the tokens x, or the rescaled z = e^{−tV}x of [GLPR-E]. */
    public enum Coordinates {
        X, Z;

        public String key() { return org.attnflow.model.Keys.of(this); }
    }

    /**
     * What the user chose; null fields take the defaults (the scenario's scheme and step, {@link #DEFAULT_TOLERANCE},
     * digits from the tolerance, the times from the file or the scenario, the radii from the stream x = rθ of the
     * trajectory, the file in x, the reference).
     *
     * @param radius        a file of the n radii per frame ({@code simulate}'s radius.npy / radius.csv), for a scheme that
     *                      carries radii; null: the trajectory holds the stream x = rθ, as public code stores it
     * @param rtol          with atol: the peer is an adaptive run with these tolerances; the tolerance is verify's promise
     * @param half          the same run at h/2 (same frame times): the observed order decides
     * @param against       "reference" (null), "enclosure", or a box file (enclosure.csv of {@code simulate})
     * @param scenarioStart whether their frame 0 is compared with the scenario's own start (false for a batch that
     *                      shares one model: each system starts from its own first frame)
     */
    public record Options(ReplayScheme scheme, Double step, Double tolerance, Integer digits, Path times, Path radius, Double rtol, Double atol,
                          Coordinates coordinates, Path half, String against, boolean scenarioStart) {
        public Options(ReplayScheme scheme, Double step, Double tolerance, Integer digits, Path times, Path radius) {
            this(scheme, step, tolerance, digits, times, radius, null, null, Coordinates.X, null, null, true);
        }

        public Options(ReplayScheme scheme, Double step, Double tolerance, Integer digits, Path times) {
            this(scheme, step, tolerance, digits, times, null);
        }

        /** The same options with another scheme. */
        public Options withScheme(ReplayScheme other) {
            return new Options(other, step, tolerance, digits, times, radius, rtol, atol, coordinates, half, against, scenarioStart);
        }

        /** The options of a silent replay that explains a failure: the same file and tolerance, without the second file or boxes. */
        Options forExplanation(ReplayScheme other) {
            return new Options(other, step, tolerance, digits, times, radius, rtol, atol, coordinates, null, null, scenarioStart);
        }

        /** The same options without comparing frame 0 with the scenario's start. */
        public Options ownStart() {
            return new Options(scheme, step, tolerance, digits, times, radius, rtol, atol, coordinates, half, against, false);
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
     * the same file under another convention, silently and in double (a diagnosis, not the verdict), and says the
     * answer in one reason line each: would it have matched with every V transposed (the row convention of code that
     * writes x ← x + h (P X) V, spec/math.md §8.5)? and, under pre, peri or ngpt with a fixed-step scheme, does it follow
     * the other discrete form, the paper's or the public simulator's (spec/math.md §7.4) — a finding that names the
     * radius update where they differ.
     */
    public static ValidationSummary validate(String scenarioName, Scenario scenario, String trajectoryName, Trajectory trajectory,
                                             Options options, ValidationListener listener) throws IOException {
        try {
            ValidationSummary summary;
            try (TrajectorySource source = trajectory.open()) {
                Run run = new Run(scenarioName, scenario, trajectoryName, source, options, listener, Check.FULL);
                summary = run.run(explanations(scenario, trajectoryName, trajectory, options, run));
            }
            return summary;
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** The explanations of a failure (computed only when it fails). */
    private static Supplier<List<String>> explanations(Scenario scenario, String trajectoryName, Trajectory trajectory, Options options, Run run) {
        return () -> {
            List<String> lines = new ArrayList<>();
            if (run.nonFinite != null) return lines; // nothing to explain beyond the breakdown
            if (scenario.model().hasAsymmetricV()) {
                Outcome transposed = replayAs(ScenarioVariants.withModel(scenario, scenario.model().withTransposedV()), trajectoryName, trajectory,
                        options.forExplanation(run.scheme));
                if (transposed != null) {
                    lines.add(transposed.passed()
                            ? "row convention: with every V transposed the file matches (largest deviation " + Format.e(transposed.maxDeviation())
                                    + "): it was made by code that writes x <- x + h (P X) V, i.e. V^T in attnflow's notation (spec/math.md §8.5)"
                            : "row convention: with every V transposed it does not match either (largest deviation " + Format.e(transposed.maxDeviation()) + ")");
                }
            }
            ReplayScheme other = counterpart(scenario, run.scheme);
            if (other != null) {
                Outcome o = replayAs(scenario, trajectoryName, trajectory, options.forExplanation(other));
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

    /**
     * A silent validation of the same file under other settings, in double ({@link DoubleInterval} from their frame 0:
     * the scheme itself, or dopri5 at rtol {@value DoubleInterval#FLOW_RTOL} for the exact flow): its largest deviation
     * and whether it is within the tolerance (null: not re-readable, or not computable).
     */
    private static Outcome replayAs(Scenario scenario, String trajectoryName, Trajectory trajectory, Options options) {
        try (TrajectorySource again = trajectory.open()) {
            if (again == null) return null;
            ValidationSummary s = new Run("", scenario, trajectoryName, again, options, SILENT, Check.DOUBLE).run(List::of);
            return new Outcome(s.maxDeviation(), s.verdict() == Verdict.PASS);
        } catch (IOException | RuntimeException e) {
            return null; // an explanation that cannot be computed is not given
        }
    }

    private record Outcome(double maxDeviation, boolean passed) {}

    static final ValidationListener SILENT = new ValidationListener() {
        @Override
        public void start(ValidationSetup setup) { }

        @Override
        public void frame(FrameCheck check) { }

        @Override
        public void finish(ValidationSummary summary) { }
    };

    /** How much a run checks: everything, in arbitrary precision; or the deviations alone from a double replay (explanations). */
    private enum Check { FULL, DOUBLE }

    /** The digits of the reference for a tolerance: its bound must be {@value Verification#REFERENCE_MARGIN}× below it, with a digit to spare. */
    static int digitsFor(double tolerance) {
        int digits = (int) Math.ceil(-Math.log10(tolerance / Verification.REFERENCE_MARGIN)) + 1;
        return Math.max(SolverSettings.MIN_DIGITS, Math.min(MAX_AUTOMATIC_DIGITS, digits));
    }

    /** The unit roundoff of the data as stored: what their rounding alone can move a number by, relatively. */
    static double unitRoundoff(String storedAs) {
        return "float32".equals(storedAs) ? Math.ulp(1.0f) / 2 : Math.ulp(1.0) / 2;
    }

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

    /** Thrown from inside a solver's frame handler to stop at their first non-finite value. */
    private static final class Breakdown extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Breakdown() { super(null, null, false, false); }
    }

    /** One validation: its settings, the two frame buffers and the running findings. */
    private static final class Run {
        private final long started = System.nanoTime();
        private final Scenario scenario;
        private final String trajectoryName;
        private final TrajectorySource source;
        private final ValidationListener listener;
        private final Check check;
        private final Options options;
        private final int n;
        private final int d;
        private final boolean sphere;
        private final TokenDistance metric;
        private final boolean radius; // the scheme carries radii
        private final TrajectorySource radiusSource; // their radii, or null (the stream x = r theta, or no radii)
        private final ReplayScheme scheme;
        private final double h;
        private final Tolerance tolerance;
        private final int digits;
        private final SolverSettings replay;
        private final double[] times;
        private final ValidationSetup setup;
        private final RescaledCoordinates zToX; // --coordinates z: x = e^{tV} z; null otherwise
        private final TrajectorySource half; // --trajectory-half, or null
        private final String halfName;
        private final Path boxFile; // --against FILE, or null
        private final boolean enclose; // --against enclosure
        private final double rounding; // the data's unit roundoff
        private final AttentionScale attentionScale; // null when I4 does not apply
        private final OneIntervalReplay causalStep; // null when I2 does not apply
        private final MaskDiagnosis diagnosis;
        private final String i4Note;
        private final String i2Note;

        private double[] previous;
        private double[] current;
        private double[] previousRadius;
        private double[] currentRadius;
        private double[] halfFrame;

        private double maxDeviation = 0;
        private long maxDeviationFrame = 0;
        private long firstFailing = -1;
        private double firstDeviation;
        private double maxReference = 0;
        private double maxHalf = 0;
        private long framesChecked = 0;
        private boolean undecided; // against boxes: a frame whose bounds straddle the tolerance
        private long firstProvedFailure = -1;
        private long framesInside = 0;
        private ValidationSummary.NonFinite nonFinite;
        private final Tracker i1 = new Tracker("I1");
        private final Tracker i4 = new Tracker("I4");
        private final Tracker i2 = new Tracker("I2");
        private final List<Integer> i2Tokens = new ArrayList<>(); // the tokens of the first frame with I2 findings
        private long i2Count;
        private String maskDefect; // the first mask defect that reads no later token, or null
        private final List<Integer> maskTokens = new ArrayList<>();
        private long maskFrame = -1;
        private long maskCount;
        private String localDefect; // the first one-step defect no row of another extent explains, or null
        private long localCount;
        private int diagnoses;
        private final boolean[] maskExplained; // tokens whose step at this frame a mask defect explains (not an I4 finding)
        private final List<Integer> i2LookAhead = new ArrayList<>(); // per I2 token of the first frame: the last token it reads

        Run(String scenarioName, Scenario scenario, String trajectoryName, TrajectorySource source, Options o, ValidationListener listener,
            Check check) {
            this.scenario = scenario;
            this.trajectoryName = trajectoryName;
            this.source = source;
            this.listener = listener;
            this.check = check;
            this.options = o;
            this.n = scenario.tokens();
            this.d = scenario.dimension();
            this.maskExplained = new boolean[n];
            this.sphere = scenario.model().geometry() == Geometry.SPHERE;
            this.metric = TokenDistance.of(scenario.model().geometry());
            long frames = source.frames();
            if (frames < 2) throw new InputException(trajectoryName + ": " + frames + " frame" + (frames == 1 ? "" : "s") + "; at least 2 are needed to validate");
            this.radius = scenario.model().carriesRadius();
            if (o.radius() != null && !radius) {
                throw new InputException("--radius: the scenario's layer_norm " + scenario.model().layerNorm().key() + " carries no radius (only pre, peri and mix do)");
            }
            boolean exactFlowOnly = o.half() != null || o.rtol() != null || o.atol() != null || o.against() != null;
            ReplayScheme chosen = o.scheme() != null ? o.scheme() : exactFlowOnly ? ReplayScheme.ODE : ReplayScheme.defaultFor(scenario.solver());
            this.scheme = chosen;
            String exactFlowOption = o.half() != null ? "--trajectory-half" : o.against() != null ? "--against" : "--rtol/--atol";
            if (exactFlowOnly && scheme.fixedStep()) {
                throw new InputException(exactFlowOption + " compares their frames with the exact flow: use it with --scheme ode, not " + scheme.key());
            }
            this.h = scheme.fixedStep() ? step(o.step(), scenario.solver()) : Double.NaN;
            FrameTimes t = FrameTimes.of(o.times(), source, scenario, trajectoryName, frames);
            this.times = t.times();
            this.tolerance = tolerance(o, times[0]);
            if (scheme.fixedStep()) {
                // counted before any work: a step of 1e-300 would replay forever
                String many = SolverSettings.tooManySteps(times[times.length - 1] - times[0], h);
                if (many != null) throw new InputException((o.step() != null ? "--step " : "solver.step (the replayed scheme's step): ") + many);
            }
            String digitsFrom;
            if (o.digits() != null) {
                this.digits = o.digits();
                digitsFrom = "--digits";
            } else {
                double smallest = Double.POSITIVE_INFINITY;
                for (double time : times) smallest = Math.min(smallest, tolerance.at(time));
                this.digits = digitsFor(smallest);
                digitsFrom = "from the tolerance: the reference's bound must stay " + (int) Verification.REFERENCE_MARGIN + "x below " + Format.e(smallest);
            }
            this.replay = replaySettings(0); // before any work: refuses digits below SolverSettings.MIN_DIGITS
            this.radiusSource = o.radius() == null ? null : openRadius(o.radius(), n, frames);
            this.rounding = unitRoundoff(source.storedAs());

            if (o.coordinates() == Coordinates.Z) {
                String why = Method.Z_EULER.unsupported(scenario.model());
                if (why != null) throw new InputException("--coordinates z: the file holds z = e^{-tV}x of a Euclidean model with one V: " + why);
                this.zToX = new RescaledCoordinates(scenario.model().v().toDoubleArray(), d);
            } else {
                this.zToX = null;
            }
            this.halfName = o.half() == null ? null : o.half().toString();
            this.half = o.half() == null ? null : openHalf(o.half(), frames);
            this.enclose = "enclosure".equals(o.against());
            this.boxFile = o.against() == null || "reference".equals(o.against()) || enclose ? null : Path.of(o.against());
            if (enclose || boxFile != null) {
                String why = Method.ENCLOSURE.unsupported(scenario.model(), n);
                if (why != null) throw new InputException("--against " + o.against() + ": " + why);
                if (boxFile != null && !Files.isRegularFile(boxFile)) throw new InputException("--against: box file not found: " + boxFile);
                String digitsWrong = o.digits() == null ? null : Method.enclosureDigitsOutOfRange(o.digits());
                if (digitsWrong != null) throw new InputException("--digits: " + digitsWrong);
            }

            boolean full = check == Check.FULL;
            boolean postLn = scenario.model().layerNorm() == LayerNorm.POST && scenario.model().singleConstantHead();
            this.attentionScale = full && postLn && oneEulerStepPerFrame() ? new AttentionScale(scenario.model(), n, digits, scheme.method() == Method.EULER_PROJECTED, h) : null;
            this.i4Note = attentionScale != null ? "scale c_i of each attention row inferred from one Euler step per frame; a finding where the rescaled "
                    + "row reproduces their step and moves the token by |c-1|*|P h v| beyond the tolerance and the data's rounding"
                    : !postLn ? "needs a post-LN model with one head and constant weights (one step must be x + h*c*v)"
                    : scheme.euler() ? "needs one Euler step per frame (frame intervals equal to the step h)"
                    : "needs an Euler scheme (euler-postln or euler-projected): one step must be x + h*c*v";
            boolean causal = scenario.model().mask() == Mask.CAUSAL;
            Scenario oneStep = full && causal && scheme.fixedStep() ? ScenarioVariants.withSolver(scenario, replaySettings(1)) : null;
            this.causalStep = oneStep == null ? null : new OneIntervalReplay(oneStep, metric);
            this.diagnosis = oneStep == null ? null : new MaskDiagnosis(scenario.model(), n, scheme.method(), h, metric);
            this.i2Note = causalStep != null ? "one-step defect: one frame interval replayed from each of their frames under the causal mask, per token; "
                    + "a token beyond the tolerance is an I2 finding when a row that reads later tokens reproduces its step"
                    : !causal ? "the model is not causal"
                    : "needs a fixed-step scheme (a one-interval replay of the exact flow would show their truncation error)";
            String radiusFrom = !radius ? null : o.radius() != null ? "--radius " + o.radius() : "the trajectory, which holds the stream x = r theta";
            String against = enclose ? "the enclosure (boxes proved to hold the exact flow from their frame 0)"
                    : boxFile != null ? "the proved boxes of " + boxFile
                    : check == Check.DOUBLE ? "a double-precision replay" : "the reference";
            ReferenceSolver.Arithmetic arithmetic = "the reference".equals(against) ? ReferenceSolver.arithmetic(scheme.method(), digits, scenario.model()) : null;
            this.setup = new ValidationSetup(scenarioName, trajectoryName, source.storedAs(), frames, n, d, scenario.model().paperName(), scheme, h,
                    digits, digitsFrom, tolerance, metric, t.from(), times[0], radiusFrom, against, o.coordinates() == null ? "x" : o.coordinates().key(),
                    halfName, arithmetic == null ? null : arithmetic.name(), arithmetic == null ? null : arithmetic.reason());
        }

        private static Tolerance tolerance(Options o, double start) {
            if ((o.rtol() == null) != (o.atol() == null)) throw new InputException("--rtol and --atol go together: give both (their adaptive run's settings)");
            if (o.rtol() != null) {
                if (o.tolerance() != null) throw new InputException("--tolerance and --rtol/--atol both set the tolerance: give one");
                if (!(o.rtol() > 0) || !Double.isFinite(o.rtol())) throw new InputException("--rtol must be a number > 0, got " + o.rtol());
                if (!(o.atol() >= 0) || !Double.isFinite(o.atol())) throw new InputException("--atol must be a number >= 0, got " + o.atol());
                return Tolerance.promise(o.rtol(), o.atol(), start);
            }
            double value = o.tolerance() != null ? o.tolerance() : DEFAULT_TOLERANCE;
            if (!(value > 0) || !Double.isFinite(value)) throw new InputException("--tolerance must be a number > 0, got " + o.tolerance());
            return Tolerance.fixed(value, o.tolerance() != null ? "--tolerance" : "the default: float64 rounding (give --tolerance, or --rtol and --atol for an adaptive run)");
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

        /** The same run at h/2: as many frames, at the same times. */
        private TrajectorySource openHalf(Path file, long frames) {
            try {
                TrajectorySource s = TrajectorySources.open(file, n, d);
                String why = s.frames() != frames ? "has " + s.frames() + " frames, " + trajectoryName + " " + frames : null;
                double[] own = s.times();
                if (why == null && own != null) {
                    for (int f = 0; f < own.length; f++) {
                        if (Math.abs(own[f] - times[f]) > 1e-12 * Math.max(1, Math.abs(times[f]))) {
                            why = "frame " + f + " is at t = " + own[f] + ", the same frame of " + trajectoryName + " at t = " + times[f];
                            break;
                        }
                    }
                }
                if (why != null) {
                    s.close();
                    throw new InputException("--trajectory-half " + file + " " + why + ": it must be the same run at h/2, saved at the same times");
                }
                return s;
            } catch (IOException e) {
                throw new InputException("cannot read --trajectory-half " + file + ": " + e.getMessage(), e);
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
            Method method = scheme.method();
            return new SolverSettings(method, scheme.fixedStep() ? h : null, o.rtol(), o.atol(), digits, FieldKind.AUTO, threads);
        }

        /** The tolerance at frame f. */
        private double tol(int f) { return tolerance.at(times[f]); }

        ValidationSummary run(Supplier<List<String>> explain) {
            try {
                return runChecked(explain);
            } finally {
                try {
                    if (radiusSource != null) radiusSource.close();
                    if (half != null) half.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }

        private ValidationSummary runChecked(Supplier<List<String>> explain) {
            listener.start(setup);
            previous = new double[n * d];
            current = new double[n * d];
            previousRadius = radius ? new double[n] : null;
            currentRadius = radius ? new double[n] : null;
            halfFrame = half != null ? new double[n * d] : null;
            boolean scenarioStart = options.scenarioStart() && times[0] == 0 && boxFile == null;
            double[] start = scenarioStart ? scenarioStart() : null;
            double[] startRadius = scenarioStart && radius ? scenario.initial().radiusDoubles() : null;
            try {
                read(0);
                if (check == Check.DOUBLE) doubleReplay(start, startRadius);
                else if (enclose) enclosure(start);
                else if (boxFile != null) boxes();
                else reference(start, startRadius);
            } catch (Breakdown stop) {
                // their first NaN or infinity: recorded in nonFinite, the comparison ends there
            }
            return summarise(explain);
        }

        private void reference(double[] start, double[] startRadius) {
            Scenario fromTheirs = ScenarioVariants.startingAt(ScenarioVariants.withSolver(scenario, replay), current, currentRadius, shiftedGrid(), times[0]);
            listener.reference(fromTheirs);
            try {
                ReferenceSolver.solve(fromTheirs, frame -> {
                    double bound = TokenDistance.boundFromCoordinateError(frame.errorEstimate().doubleValue(), d);
                    frame(frame.index(), frame.toDoubleArray(), frame.radiusDoubles(), bound, null, start, startRadius);
                });
            } catch (InvariantViolation e) {
                throw new ArithmeticException("the reference replay stopped: " + e.getMessage());
            }
        }

        /** The exact flow from their frame 0 as proved boxes ({@code --against enclosure}). */
        private void enclosure(double[] start) {
            EnclosureSettings settings = EnclosureSettings.DEFAULT.withDigits(options.digits() != null ? options.digits() : EnclosureSettings.DEFAULT.digits());
            try {
                Enclosures.solve(scenario.model(), DecimalMatrix.ofDoubles(n, d, current), shiftedGrid(), settings,
                        box -> frame(box.index(), box.midpoints(), null, 0, box, start, null));
            } catch (EnclosureFailedException e) {
                throw new ArithmeticException(e.getMessage() + " (their frame times are counted from their frame 0)");
            }
        }

        /** The boxes of a box file ({@code simulate} with method enclosure), frame by frame, at their frame times. */
        private void boxes() {
            try (EnclosureCsv.Reader in = new EnclosureCsv.Reader(Files.newBufferedReader(boxFile, StandardCharsets.US_ASCII), n, d)) {
                for (int f = 0; f < times.length; f++) {
                    EnclosureFrame box = in.next();
                    if (box == null) throw new InputException("--against " + boxFile + " has " + f + " frames, " + trajectoryName + " " + times.length);
                    if (box.time() != times[f]) {
                        throw new InputException("--against " + boxFile + ": frame " + f + " is at t = " + box.time() + ", their frame at t = " + times[f]);
                    }
                    frame(f, box.midpoints(), null, 0, box, null, null);
                }
            } catch (IllegalArgumentException e) {
                throw new InputException("--against " + boxFile + ": " + e.getMessage(), e);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The explanations' replay: the scheme (or dopri5 for the exact flow) in double from their frame 0. */
        private void doubleReplay(double[] start, double[] startRadius) {
            Method method = scheme.fixedStep() ? scheme.method() : Method.DOPRI5;
            DoubleInterval interval = new DoubleInterval(scenario.model(), n, method, h);
            double[] state = interval.dynamics().state(current, currentRadius);
            frame(0, current.clone(), currentRadius == null ? null : currentRadius.clone(), 0, null, start, startRadius);
            for (int f = 1; f < times.length; f++) {
                state = interval.advance(state, times[f - 1], times[f] - times[f - 1]);
                double[] r = radius ? java.util.Arrays.copyOfRange(state, n * d, n * d + n) : null;
                frame(f, java.util.Arrays.copyOf(state, n * d), r, 0, null, start, startRadius);
            }
        }

        private TimeGrid shiftedGrid() {
            double[] shifted = new double[times.length];
            for (int f = 0; f < times.length; f++) shifted[f] = times[f] - times[0];
            return new TimeGrid(shifted);
        }

        private ValidationSummary summarise(Supplier<List<String>> explain) {
            List<String> reasons = new ArrayList<>();
            if (nonFinite != null) reasons.add("non-finite: " + nonFinite.describe());
            ConvergenceOrder order = null;
            if (half != null && framesChecked > 1) {
                long steps = framesChecked;
                double[] floors = {ConvergenceOrder.roundingFloor(steps) + Verification.REFERENCE_MARGIN * maxReference,
                        ConvergenceOrder.roundingFloor(2 * steps) + Verification.REFERENCE_MARGIN * maxReference};
                order = ConvergenceOrder.observe(new double[] {1, 0.5}, new double[] {maxDeviation, maxHalf}, floors, 1);
            }
            boolean orderDecides = order != null && order.measurable();
            if (orderDecides) {
                if (!(order.order() >= 1 - ConvergenceOrder.ORDER_TOLERANCE)) {
                    reasons.add(String.format(Locale.ROOT, "observed order %.3f (largest deviation %s at h, %s at h/2): their scheme does not converge "
                            + "to the flow at first order or better: another model, or a defect", order.order(), Format.e(maxDeviation), Format.e(maxHalf)));
                }
            } else if (firstFailing >= 0) {
                reasons.add(String.format(Locale.ROOT, "frame %d (t = %s) deviates by %s > tolerance %s; the largest deviation is %s at frame %d",
                        firstFailing, Format.g(times[(int) firstFailing]), Format.e(firstDeviation), Format.e(tol((int) firstFailing)),
                        Format.e(maxDeviation), maxDeviationFrame));
            }
            List<InvariantFinding> invariants = List.of(i1Finding(), i2Finding(), i4Finding());
            for (InvariantFinding f : invariants) if (f.found()) reasons.add(f.invariant() + " " + QUANTITY.get(f.invariant()) + ": " + f.detail());
            if (maskDefect != null) reasons.add(maskDefect + (maskCount > maskTokens.size() ? "; " + maskCount + " token-steps in all" : ""));
            if (localDefect != null) reasons.add(localDefect + (localCount > 1 ? "; " + localCount + " token-steps in all" : ""));
            boolean boxes = enclose || boxFile != null;
            if (boxes && undecided && firstProvedFailure < 0) {
                reasons.add("the proved boxes are too wide to decide: their distance to the box is within the tolerance but the box's far side is not; "
                        + "raise --digits");
            }
            if (!boxes && !(maxReference <= tolerance.first() / Verification.REFERENCE_MARGIN) && framesChecked > 0) {
                reasons.add("the reference's error bound " + Format.e(maxReference) + " is not " + (int) Verification.REFERENCE_MARGIN
                        + " times below the tolerance: raise --digits");
            }
            if (!reasons.isEmpty() && check == Check.FULL) {
                // an explanation that matches says what happened: right after the first reason; one that does not, last
                int at = Math.min(1, reasons.size());
                for (String line : explain.get()) {
                    if (line.contains(" the file matches ") || line.contains(" the file follows ")) reasons.add(at++, line);
                    else reasons.add(line);
                }
            }
            Boolean proved = boxes ? (!undecided || firstProvedFailure >= 0) : null;
            ValidationSummary summary = new ValidationSummary(reasons.isEmpty() ? Verdict.PASS : Verdict.FAIL, reasons, maxDeviation, maxDeviationFrame,
                    firstFailing, maxReference, invariants, FRAMES_HELD, Verification.seconds(started), tolerance, nonFinite, order, proved, framesChecked);
            listener.finish(summary);
            return summary;
        }

        /**
         * Compares their frame f with the expected {@code y} (radii {@code ry}) whose error bound is {@code bound}, or
         * with the proved {@code box}; frame 0 is compared with the scenario's {@code start} when given.
         */
        private void frame(int f, double[] y, double[] ry, double bound, EnclosureFrame box, double[] start, double[] startRadius) {
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
            double tolerance = tol(f);
            boolean own = f == 0 && start != null;
            FrameDeviation dev = FrameDeviation.between(current, currentRadius, own ? start : y, own ? startRadius : ry, d, metric);
            double deviation = dev.max(), lower = Double.NaN;
            if (box != null && !own) {
                double upper = 0;
                lower = 0;
                boolean inside = true;
                bound = 0;
                for (int i = 0; i < n; i++) {
                    BoxDistance.Bounds b = BoxDistance.of(current, box, i, metric);
                    upper = Math.max(upper, b.upper());
                    lower = Math.max(lower, b.lower());
                    inside &= b.inside();
                    bound = Math.max(bound, BoxDistance.size(box, i, metric));
                }
                if (inside) framesInside++;
                deviation = upper;
                if (upper > tolerance && !(lower > tolerance)) undecided = true;
                if (lower > tolerance && firstProvedFailure < 0) firstProvedFailure = f;
            }
            maxReference = Math.max(maxReference, bound);
            if (deviation > maxDeviation) {
                maxDeviation = deviation;
                maxDeviationFrame = f;
            }
            if (firstFailing < 0 && !(deviation <= tolerance)) {
                firstFailing = f;
                firstDeviation = deviation;
            }
            double halfDeviation = Double.NaN;
            if (half != null) {
                halfDeviation = f == 0 ? 0 : FrameDeviation.between(halfFrame, null, y, null, d, metric).max();
                if (f > 0) maxHalf = Math.max(maxHalf, halfDeviation);
            }
            boolean full = check == Check.FULL;
            double drift = full && sphere && !streamRadius() ? normDrift(f, tolerance) : Double.NaN;
            java.util.Arrays.fill(maskExplained, false);
            double defect = f > 0 && causalStep != null ? causalOrder(f, tolerance) : Double.NaN;
            double scale = f > 0 && attentionScale != null ? attentionRows(f, tolerance) : Double.NaN;
            framesChecked = f + 1;
            listener.frame(new FrameCheck(f, times[f], deviation, dev.mean(), dev.worstToken(), bound, drift, scale, defect, tolerance, halfDeviation, lower));
        }

        private void read(int f) {
            try {
                if (!source.next(current)) throw new InputException(trajectoryName + " ended after " + f + " of its " + source.frames() + " frames");
                if (radiusSource != null && !radiusSource.next(currentRadius)) throw new InputException("the radius file ended after " + f + " frames");
                if (half != null && !half.next(halfFrame)) throw new InputException("--trajectory-half ended after " + f + " frames");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            finite(current, d, f, trajectoryName);
            if (radiusSource != null) finite(currentRadius, 1, f, "the radius file " + options.radius());
            if (half != null) finite(halfFrame, d, f, halfName);
            if (zToX != null) {
                zToX.apply(-times[f], current.clone(), current); // x = e^{tV} z
                if (half != null) zToX.apply(-times[f], halfFrame.clone(), halfFrame);
            }
            if (streamRadius()) splitStream(current, currentRadius, n, d, trajectoryName, f);
        }

        /** Their first NaN or infinity stops the comparison with a finding. */
        private void finite(double[] x, int width, int f, String file) {
            for (int k = 0; k < x.length; k++) {
                if (!Double.isFinite(x[k])) {
                    nonFinite = new ValidationSummary.NonFinite(file, f, times[f], k / width, k % width, x[k]);
                    throw new Breakdown();
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

        private double normDrift(int f, double tolerance) {
            double max = 0;
            for (int i = 0; i < n; i++) {
                double drift = Math.abs(Tokens.norm(current, i, d) - 1);
                max = Math.max(max, drift);
                if (drift > tolerance) i1.found(f, i, drift, String.format(Locale.ROOT, "|x| of token %d at frame %d is off 1 by %s > %s",
                        i, f, Format.e(drift), Format.e(tolerance)));
            }
            i1.max(max);
            return max;
        }

        /**
         * I4 at frame f: per token the inferred row scale; a finding where the scale alone moves the token beyond the
         * tolerance and beyond {@value #ROUNDING_UNITS} units of the data's rounding, and explains their step (residual
         * within the larger of the two). Returns max |c − 1| over the tokens whose c is determined and explains their step
         * (NaN if none).
         */
        private double attentionRows(int f, double tolerance) {
            AttentionScale.Scales s = attentionScale.infer(previous, current);
            double floor = Math.max(tolerance, ROUNDING_UNITS * rounding);
            double maxScale = Double.NaN;
            int widest = -1, first = -1;
            for (int i = 0; i < n; i++) {
                if (!(s.residual()[i] <= floor) || maskExplained[i]) continue; // a rescaled row does not explain their step, or a mask defect does
                double c = s.c()[i];
                if (!Double.isNaN(c) && !(Math.abs(c - 1) <= maxScale)) {
                    maxScale = Math.abs(c - 1);
                    widest = i;
                }
                i4.max(s.excess()[i]);
                if (first < 0 && s.excess()[i] > floor) first = i;
            }
            if (first >= 0 && !i4.found()) {
                double c = s.c()[first];
                String reference = scenario.model().normalization() == Normalization.SOFTMAX
                        ? "a row-normalised softmax's (their row does not sum to 1)" : "the mean-normalised output (1/n) sum_j e^{s_ij} V x_j";
                i4.found(f, first, c, String.format(Locale.ROOT,
                        "frame %d, token %d: their attention output is %s times %s, "
                                + "which moves the token by %s > %s; at this frame |c - 1| reaches %s (token %d)", f, first,
                        Double.isNaN(c) ? "an undetermined multiple of" : String.format(Locale.ROOT, "%.6g", c), reference, Format.e(s.excess()[first]),
                        Format.e(floor), Format.e(maxScale), widest));
            }
            return maxScale;
        }

        /**
         * The one-step defect of every token at frame f under the causal mask; every token beyond the tolerance is
         * diagnosed ({@link MaskDiagnosis}): I2 when a row that reads later tokens explains it, a mask defect when a row
         * that drops the diagonal does, a local defect of their step otherwise.
         */
        private double causalOrder(int f, double tolerance) {
            double t0 = times[f - 1], dt = times[f] - times[f - 1];
            double[] defect = causalStep.defects(previous, previousRadius, current, currentRadius, t0, dt);
            double max = 0;
            boolean firstI2Frame = i2Count == 0, firstMaskFrame = maskCount == 0;
            for (int i = 0; i < n; i++) {
                max = Math.max(max, defect[i]);
                if (!(defect[i] > tolerance)) continue;
                MaskDiagnosis.Explanation e = diagnoses++ < MAX_DIAGNOSES
                        ? diagnosis.explain(i, previous, previousRadius, t0, dt, current, currentRadius, tolerance)
                        : new MaskDiagnosis.Explanation(MaskDiagnosis.Kind.NONE, -1, Double.NaN);
                switch (e.kind()) {
                    case LATER_TOKENS -> {
                        i2Count++;
                        if (firstI2Frame) {
                            i2Tokens.add(i);
                            i2LookAhead.add(e.readsUpTo());
                        }
                        i2.found(f, i, defect[i], ""); // the detail is written once the frame's tokens are known
                    }
                    case DROPS_DIAGONAL, DROPS_SELF_TERM -> {
                        maskCount++;
                        maskExplained[i] = true;
                        if (firstMaskFrame) {
                            maskTokens.add(i);
                            maskFrame = f;
                            maskDefect = String.format(Locale.ROOT, "mask defect: frame %d, tokens %s: their causal row %s (one interval replayed that way "
                                    + "reproduces their step: defect %s <= %s; causal: %s); no later token is read", f, ranges(maskTokens),
                                    e.kind() == MaskDiagnosis.Kind.DROPS_DIAGONAL ? "drops the diagonal (token i reads tokens 0..i-1, renormalised)"
                                            : "leaves the token's own term P_ii V x_i out of the sum (weights normalised with it)",
                                    Format.e(e.defect()), Format.e(tolerance), Format.e(defect[i]));
                        }
                    }
                    case NONE -> {
                        localCount++;
                        if (localDefect == null) {
                            localDefect = String.format(Locale.ROOT,
                                    "one-step defect: frame %d, token %d: one interval replayed from their frame %d misses their token by %s > %s "
                                            + "with the causal mask, and no row of another extent (look-ahead, full, without the diagonal) reproduces it: "
                                            + "their step itself is wrong (not a causal-order violation)",
                                    f, i, f - 1, Format.e(defect[i]), Format.e(tolerance));
                        }
                    }
                }
            }
            i2.max(max);
            return max;
        }

        /**
         * What the I2 tokens of the first frame read: every token (the causal mask not applied), a common look-ahead k
         * (token i reads up to i + k: the mask shifted), or token by token.
         */
        private String readPattern() {
            int first = i2Tokens.get(0), k = i2LookAhead.get(0) - first;
            boolean common = true;
            for (int j = 0; j < i2Tokens.size(); j++) common &= i2LookAhead.get(j) == Math.min(i2Tokens.get(j) + k, n - 1);
            if (common && first + k >= n - 1 && i2Tokens.size() > 1) return "each reads every token: the causal mask is not applied (a full mask)";
            if (common) {
                return String.format(Locale.ROOT, "each reads %d token%s ahead (token i reads tokens 0..i+%d): a look-ahead mask, the causal mask shifted by %d",
                        k, k == 1 ? "" : "s", k, k);
            }
            List<String> each = new ArrayList<>();
            for (int j = 0; j < i2Tokens.size(); j++) each.add(i2Tokens.get(j) + " reads up to " + i2LookAhead.get(j));
            return String.join(", ", each);
        }

        /** "0-6, 9" for a sorted list of tokens. */
        private static String ranges(List<Integer> tokens) {
            StringBuilder s = new StringBuilder();
            for (int k = 0; k < tokens.size(); ) {
                int j = k;
                while (j + 1 < tokens.size() && tokens.get(j + 1) == tokens.get(j) + 1) j++;
                if (s.length() > 0) s.append(", ");
                s.append(tokens.get(k));
                if (j > k) s.append(j == k + 1 ? ", " : "-").append(tokens.get(j));
                k = j + 1;
            }
            return s.toString();
        }

        private InvariantFinding i1Finding() {
            if (streamRadius()) return InvariantFinding.notApplicable("I1", "the file holds the stream x = r theta: its directions are unit by construction");
            if (check != Check.FULL) return InvariantFinding.notApplicable("I1", "not checked");
            return sphere ? i1.finding("max over frames and tokens of | |x_i| - 1 |", tolerance.first(), null)
                    : InvariantFinding.notApplicable("I1", "tokens live in R^d: there is no norm to keep");
        }

        private InvariantFinding i4Finding() {
            return attentionScale != null ? i4.finding(i4Note, tolerance.first(), null) : InvariantFinding.notApplicable("I4", i4Note);
        }

        private InvariantFinding i2Finding() {
            if (causalStep == null) return InvariantFinding.notApplicable("I2", i2Note);
            if (i2.found()) i2.detail(String.format(Locale.ROOT, "frame %d, tokens %s read later tokens: %s; %d token-steps in all", i2.frame,
                    ranges(i2Tokens), readPattern(), i2Count));
            return i2.finding(i2Note, tolerance.first(), i2.found() ? Boolean.TRUE : null);
        }
    }

    /**
     * The stream x = rθ of public code split in place into its directions θ = x/‖x‖ ({@code x}) and radii r = ‖x‖
     * ({@code radius}); a zero token, which has neither, is bad input naming the file and frame.
     */
    static void splitStream(double[] x, double[] radius, int n, int d, String file, long frame) {
        for (int i = 0; i < n; i++) {
            double r = 0;
            for (int c = 0; c < d; c++) r += x[i * d + c] * x[i * d + c];
            r = Math.sqrt(r);
            if (!(r > 0)) throw new InputException(file + ": frame " + frame + ", token " + i + " is the zero vector: no radius and direction x = r theta");
            radius[i] = r;
            for (int c = 0; c < d; c++) x[i * d + c] /= r;
        }
    }

    /** The name of each invariant's quantity, the same in the table, the summary and the reasons. */
    static final java.util.Map<String, String> QUANTITY = java.util.Map.of("I1", "norm drift", "I2", "one-step defect", "I4", "row scale |c-1|");

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

        void detail(String what) { detail = what; }

        InvariantFinding finding(String note, double threshold, Boolean explained) {
            return new InvariantFinding(invariant, true, note, max, frame, token, value, threshold, detail, explained);
        }
    }
}
