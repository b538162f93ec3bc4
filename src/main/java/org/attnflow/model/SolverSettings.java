package org.attnflow.model;

/**
 * The scenario's {@code solver} section. Consistent by construction: a setting the {@link Method} requires is
 * present, one it refuses is absent ({@link Method#check}), so a solver handed these settings need not check them
 * again. Every violation is an IllegalArgumentException whose message starts with the key's path
 * ({@code solver.step: ...}); the scenario reader turns it into an input error naming the file.
 *
 * @param method  the solver method
 * @param step    fixed step h (fixed-step methods) or the initial step (dopri5); null when not given
 * @param rtol    relative tolerance of adaptive methods
 * @param atol    absolute tolerance of adaptive methods
 * @param digits  decimal digits of arbitrary-precision arithmetic; null means double precision (the reference
 *                method requires it; with a replayable method it replays that scheme in Apfloat)
 * @param field   which double field implementation; null means {@link FieldKind#AUTO}
 * @param threads worker threads of the double field (0 = all cores)
 */
public record SolverSettings(Method method, Double step, double rtol, double atol, Integer digits, FieldKind field, int threads) {

    public static final double DEFAULT_RTOL = 1e-8;
    public static final double DEFAULT_ATOL = 1e-10;
    /**
     * The fewest decimal digits an arbitrary-precision run may ask for ({@code solver.digits}, {@code --digits}):
     * below it the reference's guard digits and its 100-units-in-the-last-place rounding bound leave no digit of
     * the answer.
     */
    public static final int MIN_DIGITS = 5;
    /**
     * The most decimal digits an arbitrary-precision run may ask for. The reference's extrapolation order grows with
     * its digits (about 0.6·digits tableau columns, held as digits-long numbers, and about (0.35·digits)² field
     * evaluations per step, each costing more as the numbers lengthen): at 1000 digits a step of two tokens already
     * takes ~10^5 evaluations of 1000-digit exponentials, hours of work, while an oracle for double-precision
     * solvers needs 20–50. (One billion digits asked for 10^9 tableau rows: an OutOfMemoryError before the first step.)
     */
    public static final int MAX_DIGITS = 1000;
    /**
     * The smallest relative tolerance a double-precision method is given: 100 units in the last place of 1
     * (2.2e-14). Each step's rounding alone is ~1e-16 relative, so below this the error estimate measures rounding
     * and the step size collapses (rtol 1e-300 made dopri5 stop with "step size NaN underflows"). MATLAB's ode45
     * and SciPy's solve_ivp raise smaller values to the same floor; attnflow refuses them instead.
     */
    public static final double MIN_RTOL = 100 * Math.ulp(1.0);
    /**
     * The most steps a fixed-step run may take, counted up front from time.end / step: at ≥ 0.1 µs a step even
     * for two tokens, 10^9 steps are minutes of work, and a step that needs more is far below the dynamics' time
     * scale (a step of 1e-300 adds nothing to t in double and would never end).
     */
    public static final long MAX_FIXED_STEPS = 1_000_000_000L;

    public SolverSettings {
        if (method == null) throw new IllegalArgumentException("solver.method: is required");
        if (step != null && !(step > 0 && Double.isFinite(step))) throw new IllegalArgumentException("solver.step: must be > 0, got " + step);
        if (!(rtol > 0)) throw new IllegalArgumentException("solver.rtol: must be > 0, got " + rtol);
        if (rtol < MIN_RTOL) throw new IllegalArgumentException("solver.rtol: " + tooSmallRtol(rtol));
        if (!(atol >= 0)) throw new IllegalArgumentException("solver.atol: must be >= 0, got " + atol);
        if (digits != null && digitsOutOfRange(digits) != null) throw new IllegalArgumentException("solver.digits: " + digitsOutOfRange(digits));
        if (threads < 0) throw new IllegalArgumentException("solver.threads: must be >= 0, got " + threads);
        if (field == null) field = FieldKind.AUTO;
        require(method, Method.Setting.DIGITS, digits != null);
        require(method, Method.Setting.STEP, step != null);
    }

    /**
     * True when the run is in arbitrary precision (the reference, the enclosure, or a fixed-step scheme replayed in
     * Apfloat).
     */
    public boolean arbitraryPrecision() { return digits != null || !method.runsInDouble(); }

    /** Null when {@code digits} is at least {@link #MIN_DIGITS}, else why not ("must be >= 5, got 3"), for the caller to prefix with its name. */
    public static String tooFewDigits(int digits) {
        return digits < MIN_DIGITS ? "must be >= " + MIN_DIGITS + ", got " + digits : null;
    }

    /**
     * Null when {@code digits} is within [{@link #MIN_DIGITS}, {@link #MAX_DIGITS}], else why not, for the caller to
     * prefix with its name: what the scenario reader and {@code --digits} check.
     */
    public static String digitsOutOfRange(int digits) {
        String few = tooFewDigits(digits);
        if (few != null) return few;
        if (digits > MAX_DIGITS) {
            return "must be <= " + MAX_DIGITS + ", got " + digits + " (the reference's work grows faster than the square of its digits: "
                    + MAX_DIGITS + " digits already take hours for two tokens; an oracle for double solvers needs 20-50)";
        }
        return null;
    }

    /** Why {@code rtol} is below {@link #MIN_RTOL}, for the caller to prefix with its name. */
    public static String tooSmallRtol(double rtol) {
        return String.format(java.util.Locale.ROOT, "must be >= %.2g (100 units in the last place of 1: a double step's rounding alone is "
                + "~1e-16, so a smaller tolerance cannot be honoured), got %s", MIN_RTOL, Decimals.show(rtol));
    }

    /**
     * Null when a fixed step {@code step} covers {@code span} in at most {@link #MAX_FIXED_STEPS} steps, else why not
     * ("1e-300 over 1 takes about 1e+300 steps; ..."), for the caller to prefix with its name.
     */
    public static String tooManySteps(double span, double step) {
        double steps = Math.ceil(span / step);
        if (!(steps > MAX_FIXED_STEPS)) return null;
        return String.format(java.util.Locale.ROOT, "a step of %s over a time span of %s takes about %.3g steps; at most %.0e are allowed "
                + "(minutes of work even for two tokens): choose a larger step", Decimals.show(step), Decimals.show(span), steps, (double) MAX_FIXED_STEPS);
    }

    private static void require(Method method, Method.Setting setting, boolean given) {
        String why = method.check(setting, given);
        if (why != null) throw new IllegalArgumentException(setting.path() + ": " + why);
    }
}
