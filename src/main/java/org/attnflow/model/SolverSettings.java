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

    public SolverSettings {
        if (method == null) throw new IllegalArgumentException("solver.method: is required");
        if (step != null && !(step > 0 && Double.isFinite(step))) throw new IllegalArgumentException("solver.step: must be > 0, got " + step);
        if (!(rtol > 0)) throw new IllegalArgumentException("solver.rtol: must be > 0, got " + rtol);
        if (!(atol >= 0)) throw new IllegalArgumentException("solver.atol: must be >= 0, got " + atol);
        if (digits != null && tooFewDigits(digits) != null) throw new IllegalArgumentException("solver.digits: " + tooFewDigits(digits));
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

    private static void require(Method method, Method.Setting setting, boolean given) {
        String why = method.check(setting, given);
        if (why != null) throw new IllegalArgumentException(setting.path() + ": " + why);
    }
}
