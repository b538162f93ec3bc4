package org.attnflow.field;

import org.attnflow.field.simd.VectorAttentionField;
import org.attnflow.io.InputException;
import org.attnflow.model.AttentionModel;
import org.attnflow.model.SolverSettings;

/**
 * Chooses the double-precision field a run uses, from the scenario's {@code solver.field}:
 * <ul>
 *   <li>{@code "scalar"}: {@link ScalarAttentionField}, the readable baseline;</li>
 *   <li>{@code "simd"}: {@link VectorAttentionField} on {@code solver.threads} threads (0 = all cores);</li>
 *   <li>{@code "auto"} (the default): the SIMD field unless the system is so small that its fixed costs
 *       dominate, see {@link #AUTO_MIN_WORK}.</li>
 * </ul>
 * Both fields compute the same numbers to within 10⁻¹³ relative (the SIMD field's scores are the scalar field's
 * bit for bit), and both keep the causal dependency order (I2) bit for bit.
 */
public final class Fields {
    private Fields() {}

    /**
     * {@code "auto"} picks the SIMD field when pairs·(m + d) reaches this, pairs being the attention pairs of one
     * evaluation (n² full, n(n+1)/2 causal). Measured on the development machine (bench/README.md, "auto rule",
     * CPU time per evaluation, one thread): at 64 (n = 4, d = 2) the SIMD field is 1.1× faster, at n = 64 it is 5×
     * faster for d ≤ 3 and 9× to 26× for d = 16 to 64; below 64 both take under 0.5 µs and the scalar field, with
     * nothing to set up, is up to 5× faster.
     *
     * <p>Not counted: JIT warm-up. The Vector API runs about a thousand times slower until the JIT has compiled
     * the kernels (a few thousand evaluations, a second or two of CPU), so a run that is over in well under a
     * second is quicker with {@code "scalar"}.
     */
    public static final long AUTO_MIN_WORK = 64;

    /** The field for this model, n tokens and solver settings. Unknown {@code solver.field}: {@link InputException}. */
    public static AttentionField create(AttentionModel model, int tokens, SolverSettings settings) {
        String kind = settings.field() == null ? "auto" : settings.field();
        return switch (kind) {
            case "scalar" -> new ScalarAttentionField(model, tokens);
            case "simd" -> new VectorAttentionField(model, tokens, settings.threads());
            case "auto" -> pairs(model, tokens) * (model.queryDimension() + model.dimension()) >= AUTO_MIN_WORK
                    ? new VectorAttentionField(model, tokens, settings.threads())
                    : new ScalarAttentionField(model, tokens);
            default -> throw new InputException("solver.field: '" + kind + "' is not one of auto|scalar|simd");
        };
    }

    private static long pairs(AttentionModel model, int n) {
        return model.mask().rowLength(n - 1, n) == n ? (long) n * n : (long) n * (n + 1) / 2;
    }
}
