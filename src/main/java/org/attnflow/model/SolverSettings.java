package org.attnflow.model;

/**
 * The scenario's {@code solver} section.
 *
 * @param method  a method key: euler-postln, euler-projected, rk4, dopri5, rkmk4, or reference
 * @param step    fixed step h (fixed-step methods) or the initial step (dopri5); null when not given
 * @param rtol    relative tolerance of adaptive methods
 * @param atol    absolute tolerance of adaptive methods
 * @param digits  decimal digits of arbitrary-precision arithmetic; null means double precision (the reference
 *                method requires it; with a fixed-step method it replays that scheme in Apfloat)
 * @param field   which double field implementation: "auto", "scalar" or "simd"
 * @param threads worker threads of the double field (0 = all cores)
 */
public record SolverSettings(String method, Double step, double rtol, double atol, Integer digits, String field, int threads) {

    public static final double DEFAULT_RTOL = 1e-8;
    public static final double DEFAULT_ATOL = 1e-10;

    public SolverSettings {
        if (method == null || method.isEmpty()) throw new IllegalArgumentException("solver.method is required");
        if (step != null && !(step > 0 && Double.isFinite(step))) throw new IllegalArgumentException("solver.step must be > 0, got " + step);
        if (!(rtol > 0) || !(atol >= 0)) throw new IllegalArgumentException("solver.rtol must be > 0 and solver.atol >= 0");
        if (digits != null && digits < 5) throw new IllegalArgumentException("solver.digits must be >= 5, got " + digits);
        if (threads < 0) throw new IllegalArgumentException("solver.threads must be >= 0, got " + threads);
        if (field == null) field = "auto";
    }

    /** True when the run is in arbitrary precision (the reference, or a fixed-step scheme replayed in Apfloat). */
    public boolean arbitraryPrecision() { return digits != null; }
}
