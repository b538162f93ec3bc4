package org.attnflow.model;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A solver method, the value of the scenario key {@code solver.method} ({@link Keys}: {@code EULER_POSTLN} is
 * "euler-postln"). The one place that knows what a method is: its nominal order, whether it steps with a fixed h,
 * which arithmetic runs it (the double integrators, the arbitrary-precision reference, or both: a double scheme
 * the reference replays), and from that which solver keys it needs, reads or refuses ({@link #check}). The scenario
 * reader, {@link SolverSettings}, the solvers, {@code verify} and {@code validate} all ask this type; none parses a
 * method string or keeps a list of methods of its own.
 *
 * <p><b>Adding a method</b>: add a constant here with its properties, then its implementation where the compiler
 * asks for it (the exhaustive switches: {@code integrate.Integrators#fixedStep} for a double method, the
 * reference's {@code FixedStepReplay} for a replayable one, {@code ReferenceSolver} for an arbitrary-precision-only
 * one); the reader's checks, the messages, {@code validate --scheme} and the README test follow from the
 * properties. A method that supports only some models states it in {@link #unsupported}, which the reader asks.
 */
public enum Method {
    /**
     * S1, the papers' own scheme: Euler on the residual stream, then renormalise. Post-LN x ← normalize(x + h v) with
     * v the unprojected attention output; under the other {@link LayerNorm} schemes the paper's layer of
     * spec/math.md §7.4 (pre: x ← x + h A; peri: x ← x + h A/‖A‖; ngpt: θ ← N(θ + hα(A/‖A‖ − θ)); mix: post
     * before τ, pre after; ln-scaling: θ ← N(θ + h A/√(t+1))).
     */
    EULER_POSTLN(1, true, true, true, "S1 Euler on the stream, then renormalise: the papers' scheme (post-LN, or the layer_norm's layer, spec §7.4)"),
    /** S2: Euler on (θ, r), θ ← normalize(θ + h P⊥A/s), r ← r + h ṙ (post-LN: x ← normalize(x + h P⊥v)). */
    EULER_PROJECTED(1, true, true, true, "S2 projected Euler on (theta, r), theta renormalised"),
    /** Classical RK4 on the projected field, retracted to the sphere after each step. */
    RK4(4, true, true, true, "classical Runge-Kutta 4, retracted after each step"),
    /** Dormand–Prince 5(4) with error control and dense output at the save times. */
    DOPRI5(5, false, true, false, "adaptive Dormand-Prince 5(4), rtol/atol, dense output: the default for accuracy"),
    /** RK4 in the sphere's normal coordinates (Runge–Kutta–Munthe-Kaas): on the sphere without any retraction. */
    RKMK4(4, true, true, false, "Lie-group RK4 in geodesic normal coordinates: norm-exact without retraction"),
    /**
     * The public simulator's Pre-LN step (spec/math.md §7.4): r ← r + h r Σ_c A_c, then θ ← N(θ + h (A − ⟨θ,A⟩θ)/(r + 1e-9))
     * with the updated r. Needs layer_norm pre.
     */
    PRE_PUBLIC(1, true, true, true, "public code's pre-LN step: r <- r(1 + h sum_c A_c), theta <- N(theta + h P(A)/(r + 1e-9)) (layer_norm pre)"),
    /**
     * The public simulator's Peri-LN step: Â = A/(‖A‖ + 1e-9), r ← r + h r Σ_c Â_c, θ ← N(θ + h Â/(r + 1e-9)). Needs
     * layer_norm peri.
     */
    PERI_PUBLIC(1, true, true, true, "public code's peri-LN step: A^ = A/(|A| + 1e-9), r <- r(1 + h sum_c A^_c), theta <- N(theta + h A^/(r + 1e-9))"),
    /** The public simulator's nGPT step: θ ← N(θ + 0.2 h A/(‖A‖ + 1e-9)). Needs layer_norm ngpt with alpha 0.2. */
    NGPT_PUBLIC(1, true, true, true, "public code's nGPT step: theta <- N(theta + 0.2 h A/(|A| + 1e-9)) (layer_norm ngpt, alpha 0.2)"),
    /**
     * The [GLPR-E] authors' Euclidean scheme (spec/math.md §8.6): Euler on the rescaled coordinates z = e^{−tV}x,
     * z ← z + h Σ_j P_ij V (z_j − z_i), written in x as the exponential (Lawson) Euler step
     * x_i ← e^{hV}(x_i + h (A_i − V x_i)) with A_i = Σ_j P_ij V x_j (under softmax, A_i − V x_i = Σ_j P_ij V (x_j − x_i)).
     * Exact for the linear part; order 1. Euclidean models with one head and constant weights.
     */
    Z_EULER(1, true, true, true, "the [GLPR-E] authors' Euclidean step: x <- e^{hV}(x + h sum_j P_ij V(x_j - x_i)), Euler on z = e^{-tV}x (R^d, one V)"),
    /**
     * The arbitrary-precision reference: Gragg–Bulirsch–Stoer extrapolation at {@code solver.digits}, its step and
     * order adapted to the tolerance the digits set.
     */
    REFERENCE(0, false, false, true, "arbitrary-precision extrapolation (Apfloat, digits required): the oracle other solvers are checked against"),
    /**
     * Rigorous enclosure (spec/math.md §1; proofs-notes/enclosure.md): a validated interval Taylor integrator whose box at
     * every saved time provably contains the exact solution; its step adapts. Small systems only ({@link #unsupported(
     * AttentionModel, int)}); {@code solver.digits} optional ({@link #ENCLOSURE_DEFAULT_DIGITS} when absent).
     */
    ENCLOSURE(0, false, false, true, "rigorous interval enclosure (boxes proved to hold the exact solution; one post-LN head, softmax or mean, "
            + "n*d <= 48; digits optional, default 30)");

    /** The interval digits of {@link #ENCLOSURE} when the scenario gives none (the enclosure package's own default). */
    public static final int ENCLOSURE_DEFAULT_DIGITS = 30;
    /** The interval digits {@link #ENCLOSURE} accepts (solver.digits). */
    public static final int ENCLOSURE_MIN_DIGITS = 10, ENCLOSURE_MAX_DIGITS = 1000;

    /** Null when {@link #ENCLOSURE} takes this many interval digits, else why not ("takes 10..1000 interval digits, got 5"). */
    public static String enclosureDigitsOutOfRange(int digits) {
        return digits < ENCLOSURE_MIN_DIGITS || digits > ENCLOSURE_MAX_DIGITS
                ? "the enclosure takes " + ENCLOSURE_MIN_DIGITS + ".." + ENCLOSURE_MAX_DIGITS + " interval digits, got " + digits : null;
    }
    /** The largest n·d {@link #ENCLOSURE} takes (its cost grows like (n·d)·n²·d per Taylor coefficient). */
    public static final int ENCLOSURE_MAX_COORDINATES = 48;

    /** The method of a scenario that names none. */
    public static final Method DEFAULT = DOPRI5;

    /** How a method treats one of the optional solver keys. */
    public enum Use {
        /** The scenario must give the key. */
        REQUIRED,
        /** The method reads the key when given. */
        OPTIONAL,
        /** The key has no effect with this method: giving it is an error. */
        FORBIDDEN
    }

    /** The solver keys whose use depends on the method ({@code solver.<key>}), in the order the reader checks them. */
    public enum Setting {
        DIGITS, STEP, RTOL, ATOL;

        public String key() { return Keys.of(this); }

        /** The scenario path, {@code solver.<key>}. */
        public String path() { return "solver." + key(); }
    }

    private final int order;
    private final boolean fixedStep;
    private final boolean inDouble;
    private final boolean inArbitraryPrecision;
    private final String summary;

    Method(int order, boolean fixedStep, boolean inDouble, boolean inArbitraryPrecision, String summary) {
        this.order = order;
        this.fixedStep = fixedStep;
        this.inDouble = inDouble;
        this.inArbitraryPrecision = inArbitraryPrecision;
        this.summary = summary;
    }

    public String key() { return Keys.of(this); }

    /** The method named {@code key}; an IllegalArgumentException naming the valid keys otherwise. */
    public static Method fromKey(String key) { return Keys.lookup(Method.class, key); }

    /**
     * Nominal order of the global error in h (for dopri5: of its 5th-order solution with the step held fixed); 0 for
     * the reference, whose extrapolation chooses its order as it goes.
     */
    public int order() { return order; }

    /** True when the method steps with the user's fixed h ({@code solver.step} required). */
    public boolean fixedStep() { return fixedStep; }

    /** True when the double-precision integrators run it (without {@code solver.digits}). */
    public boolean runsInDouble() { return inDouble; }

    /** True when it runs in arbitrary precision, with {@code solver.digits}: the reference, or a replayable scheme. */
    public boolean runsInArbitraryPrecision() { return inArbitraryPrecision; }

    /**
     * True for a double scheme that the reference also replays in arbitrary precision, step for step, so that a
     * double run of it can be checked for its rounding error alone ({@code verify}, {@code validate --scheme}).
     */
    public boolean replayable() { return inDouble && inArbitraryPrecision; }

    /** One line for help texts and the README. */
    public String summary() { return summary; }

    /** How this method treats {@code setting}. */
    public Use use(Setting setting) {
        return switch (setting) {
            // digits: required where only arbitrary precision runs it (the enclosure has a default), optional where it
            // also replays, else refused
            case DIGITS -> this == ENCLOSURE ? Use.OPTIONAL : !inDouble ? Use.REQUIRED : inArbitraryPrecision ? Use.OPTIONAL : Use.FORBIDDEN;
            // the step: the fixed h; the adaptive double method's first step; the reference adapts its own
            case STEP -> fixedStep ? Use.REQUIRED : inDouble ? Use.OPTIONAL : Use.FORBIDDEN;
            // tolerances: only an adaptive double method has them (the reference's follows from its digits)
            case RTOL, ATOL -> inDouble && !fixedStep ? Use.OPTIONAL : Use.FORBIDDEN;
        };
    }

    /**
     * Why {@code setting}, given or not as {@code given} says, does not go with this method: one line without the
     * key's path ("is required by the fixed-step method rk4"), or null when it does.
     */
    public String check(Setting setting, boolean given) {
        Use use = use(setting);
        if (use == Use.REQUIRED && !given) {
            return switch (setting) {
                case DIGITS -> "is required by the " + key() + " method (the decimal digits to work with)";
                case STEP -> "is required by the fixed-step method " + key();
                default -> "is required by method " + key();
            };
        }
        if (use == Use.FORBIDDEN && given) {
            return switch (setting) {
                case DIGITS -> "method " + key() + " cannot run in arbitrary precision (only " + keys(methods(m -> m.inArbitraryPrecision), "|")
                        + " can); drop digits for a double run";
                case STEP -> "has no effect with method " + key() + (this == ENCLOSURE ? " (its validated steps adapt by themselves)"
                        : " (its step adapts to the tolerance that solver.digits sets)");
                case RTOL, ATOL -> "has no effect with method " + key() + (!inDouble ? " (its tolerance follows from solver.digits)"
                        : " (a fixed-step method; only " + keys(tolerant(), ", ") + (tolerant().size() == 1 ? " reads" : " read")
                        + " rtol and atol)");
            };
        }
        return null;
    }

    /** α of the public simulator's nGPT step, hard-coded there. */
    public static final java.math.BigDecimal PUBLIC_NGPT_ALPHA = new java.math.BigDecimal("0.2");

    /**
     * The normalisation scheme a public-code method steps ({@code pre-public}: pre, ...), or null for a method that
     * steps any model.
     */
    public LayerNorm publicScheme() {
        return switch (this) {
            case PRE_PUBLIC -> LayerNorm.PRE;
            case PERI_PUBLIC -> LayerNorm.PERI;
            case NGPT_PUBLIC -> LayerNorm.NGPT;
            default -> null;
        };
    }

    /**
     * Why this method cannot run {@code model}, one line, or null when it can. The public simulator's steps
     * ({@link #publicScheme}) run the one scheme they were written for (ngpt-public only with its hard-coded
     * α = 0.2); every other method runs every model, and the scenario reader rejects the combinations named here.
     */
    public String unsupported(AttentionModel model) {
        if (this == Z_EULER) {
            if (model.geometry() != Geometry.EUCLIDEAN) {
                return "z-euler steps the Euclidean model's rescaled coordinates z = e^{-tV}x: it needs model.geometry euclidean";
            }
            if (!model.singleConstantHead()) return "z-euler needs one V (one head, constant weights: no heads list, no schedule)";
            return null;
        }
        if (this == ENCLOSURE) {
            // the series of the enclosure are those of one head, softmax or mean, post-LN, constant weights
            if (!model.singleConstantHead()) return "the enclosure method encloses one attention head with constant weights (no heads list, no schedule)";
            if (model.layerNorm() != LayerNorm.POST) {
                return "the enclosure method encloses post-LN dynamics; layer_norm " + model.layerNorm().key() + " is not enclosed";
            }
            if (model.normalization() != Normalization.SOFTMAX && model.normalization() != Normalization.MEAN) {
                return "the enclosure method encloses softmax and mean normalisation, not " + model.normalization().key();
            }
            return null;
        }
        LayerNorm scheme = publicScheme();
        if (scheme == null) return null;
        if (model.layerNorm() != scheme) {
            return key() + " is the public simulator's " + scheme.key() + "-LN step: it needs model.layer_norm " + scheme.key()
                    + ", got " + model.layerNorm().key();
        }
        for (AttentionModel.Piece p : model.pieces()) {
            if (scheme == LayerNorm.NGPT && p.model().ngptAlpha().compareTo(PUBLIC_NGPT_ALPHA) != 0) {
                return key() + " hard-codes alpha = 0.2 as the public code does: set model.ngpt_alpha to 0.2 (got "
                        + p.model().ngptAlpha().toPlainString() + ")";
            }
        }
        return null;
    }

    /**
     * {@link #unsupported(AttentionModel)} for a run of {@code tokens} tokens: also the sizes a method takes (the
     * enclosure: n·d ≤ {@link #ENCLOSURE_MAX_COORDINATES}).
     */
    public String unsupported(AttentionModel model, int tokens) {
        String why = unsupported(model);
        if (why != null) return why;
        int coordinates = tokens * model.dimension();
        if (this == ENCLOSURE && coordinates > ENCLOSURE_MAX_COORDINATES) {
            return "the enclosure method is for small systems: n·d = " + coordinates + " exceeds " + ENCLOSURE_MAX_COORDINATES;
        }
        return null;
    }

    /** The methods the double-precision integrators run ({@link #runsInDouble}). */
    public static List<Method> doublePrecisionMethods() { return methods(m -> m.inDouble); }

    /** The replayable double schemes ({@link #replayable}). */
    public static List<Method> replayableMethods() { return methods(Method::replayable); }

    /** The methods that read rtol and atol. */
    private static List<Method> tolerant() { return methods(m -> m.use(Setting.RTOL) != Use.FORBIDDEN); }

    private static List<Method> methods(Predicate<Method> which) {
        List<Method> l = new ArrayList<>();
        for (Method m : values()) if (which.test(m)) l.add(m);
        return l;
    }

    /** The methods' keys joined by {@code separator}. */
    public static String keys(List<Method> methods, String separator) {
        List<String> keys = new ArrayList<>();
        for (Method m : methods) keys.add(m.key());
        return String.join(separator, keys);
    }
}
