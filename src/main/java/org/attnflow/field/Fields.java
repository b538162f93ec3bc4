package org.attnflow.field;

import org.attnflow.field.simd.VectorAttentionField;
import org.attnflow.model.AttentionModel;
import org.attnflow.model.FieldKind;
import org.attnflow.model.Mask;
import org.attnflow.model.SolverSettings;

/**
 * Chooses the double-precision field a run uses, from the scenario's {@code solver.field} ({@link FieldKind}):
 * <ul>
 *   <li>{@link FieldKind#SCALAR}: {@link ScalarAttentionField}, the readable baseline;</li>
 *   <li>{@link FieldKind#SYMMETRIC}: {@link SymmetricAttentionField}, the scalar loop with half the exponentials
 *       (symmetric scores);</li>
 *   <li>{@link FieldKind#SIMD}: {@link VectorAttentionField} on {@code solver.threads} threads (0 = all cores);</li>
 *   <li>{@link FieldKind#FOURIER}: {@link FourierBesselField}, the circle in O(n·p) (full attention, Q = K = I);</li>
 *   <li>{@link FieldKind#AUTO} (the default): the Fourier–Bessel field where it can compute the model and its
 *       O(n·p) beats the direct O(n²) ({@link #fourierPays}); otherwise the SIMD field unless the system is so small that its fixed costs
 *       dominate ({@link #AUTO_MIN_WORK}) or, when the caller knows roughly how many evaluations the run will
 *       make, the run is too short to repay the JIT's warm-up of the Vector API ({@link #AUTO_MIN_RUN_WORK}); in place of the scalar field, {@link SymmetricAttentionField} (half the
 *       exponentials) where the scores are symmetric (full attention, Q = K).</li>
 * </ul>
 * Both fields compute the same numbers to within 10⁻¹³ relative (the SIMD field's scores are the scalar field's
 * bit for bit), and both keep the causal dependency order (I2) bit for bit.
 */
public final class Fields {
    private Fields() {}

    /**
     * {@code "auto"} picks the SIMD field only when the work of one evaluation, pairs·(m + d) with pairs the
     * attention pairs (n² full, n(n+1)/2 causal), reaches this. Measured on the development machine
     * (bench/README.md, "auto rule", CPU time per evaluation, one thread, after warm-up): at 64 (n = 4, d = 2) the
     * SIMD field is 1.1× faster, at n = 64 it is 5× faster for d ≤ 3 and 9× to 26× for d = 16 to 64; below 64
     * both take under 0.5 µs and the scalar field, with nothing to set up, is up to 5× faster.
     */
    public static final long AUTO_MIN_WORK = 64;

    /**
     * With an expected number of evaluations, {@code "auto"} also asks for evaluations·pairs·(m + d) to reach this.
     * Until the JIT has compiled the kernels the Vector API runs in the interpreter, about a thousand times slower:
     * the SIMD field then costs ≈ 1.5 s of CPU before it reaches its speed (n = 32 to 256; bench/README.md), while
     * the scalar field costs ≈ 2 ns per unit of work (same measurement). 1.5 s / 2 ns = 7.5·10⁸: below it the run
     * is over before the SIMD field would have paid for its warm-up. (The shipped examples, n ≤ 32 and a few
     * hundred to a few thousand evaluations, stay scalar; a causal [KPR] Fig. 1 run at n = 32, d = 3, with its
     * 528 pairs · 6 = 3168 units per evaluation, stays scalar up to 2.4·10⁵ evaluations and goes SIMD beyond. The work
     * counts a causal run's n(n+1)/2 pairs ({@link Mask#pairs}); the 2 ns were measured with the full mask, whose rows
     * cost the scalar loop the same per pair.)
     */
    public static final double AUTO_MIN_RUN_WORK = 7.5e8;

    /**
     * The field for this model, n tokens and solver settings ({@code solver.field}, {@code solver.threads}).
     * {@code expectedEvaluations}: about how many field evaluations the run will make (e.g. steps × stages of a
     * fixed-step method), or a negative number when unknown; it only informs {@link FieldKind#AUTO}.
     */
    public static AttentionField create(AttentionModel model, int tokens, SolverSettings settings, long expectedEvaluations) {
        return switch (settings.field()) {
            case SCALAR -> new ScalarAttentionField(model, tokens);
            case SYMMETRIC -> new SymmetricAttentionField(model, tokens);
            case SIMD -> new VectorAttentionField(model, tokens, settings.threads());
            case FOURIER -> new FourierBesselField(model, tokens);
            case AUTO -> fourierPays(model, tokens) ? new FourierBesselField(model, tokens)
                    : simdPays(model, tokens, expectedEvaluations)
                    ? new VectorAttentionField(model, tokens, settings.threads())
                    : SymmetricAttentionField.applies(model) ? new SymmetricAttentionField(model, tokens)
                    : new ScalarAttentionField(model, tokens);
        };
    }

    /**
     * The dynamics of a whole run: one field per piece of the model's schedule, each chosen as
     * {@link #create(AttentionModel, int, SolverSettings, long)} chooses.
     */
    public static Dynamics dynamics(AttentionModel model, int tokens, SolverSettings settings, long expectedEvaluations) {
        return new Dynamics(model, tokens, piece -> create(piece, tokens, settings, expectedEvaluations));
    }

    /**
     * {@code "auto"} takes the Fourier–Bessel field when it can compute the model and n ≥ this many times its p
     * terms: an evaluation costs it ≈ 2p complex multiply-adds per token against n exponentials per token for the
     * direct fields. Measured (bench/fourier/Crossover.java, CPU per evaluation, one thread, warm; bench/README.md):
     * the expansion is as fast as the warm SIMD field at n/p ≈ 5 to 6 (β = 1, 9, 64), 10 to 37 times faster at
     * n = 4096, and it needs no warm-up.
     */
    public static final int FOURIER_MIN_TOKENS_PER_TERM = 6;

    /** The "auto" rule for the circle: the Fourier–Bessel field computes the model and is the cheaper. */
    public static boolean fourierPays(AttentionModel model, int tokens) {
        if (FieldKind.FOURIER.unsupported(model) != null) return false;
        int p = FourierBesselField.terms(model.head().betaDouble(), tokens, FourierBesselField.TOLERANCE);
        return tokens >= (long) FOURIER_MIN_TOKENS_PER_TERM * Math.max(p, 1);
    }

    /** The "auto" rule: true when the SIMD field pays for this model and n over about this many evaluations (negative: unknown). */
    public static boolean simdPays(AttentionModel model, int tokens, long expectedEvaluations) {
        double work = (double) model.mask().pairs(tokens) * (model.queryDimension() + model.dimension()) * model.headCount();
        if (work < AUTO_MIN_WORK) return false;
        double cheaper = SymmetricAttentionField.applies(model) ? SYMMETRIC_SAVING : 1;
        return expectedEvaluations < 0 || expectedEvaluations * work >= AUTO_MIN_RUN_WORK * cheaper;
    }

    /**
     * How much cheaper the symmetric loop is than the plain scalar loop it replaces, for the run-length rule: measured
     * 2.2x at n = 32 and 2.9x at n = 64 (d = 2, CPU per evaluation, warm; bench/README.md §6, §8), taken as 2. The
     * SIMD field's warm-up is repaid only by twice the work where the scores are symmetric.
     */
    static final double SYMMETRIC_SAVING = 2;
}
