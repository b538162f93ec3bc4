package org.attnflow.reference;

import java.math.BigDecimal;

import org.apfloat.Apfloat;
import org.attnflow.model.AttentionModel;

/**
 * The reference's attention output of a double state, computed at working precision by the field the reference
 * integrates with (its I2 and I4 runtime checks included): the unprojected output a (what S1 steps with) or the
 * velocity P⊥a on the sphere (S2). For checks outside the solver, such as validate's inference of attention-row
 * scales from their steps. Not thread-safe.
 */
public final class AttentionOutput {
    private final WorkingPrecision precision;
    private final ReferenceField field;
    private final boolean projected;
    private final int d;
    private final Apfloat[][] x;
    private final Apfloat[][] out;

    /** @param projected true for the velocity P⊥a (S2), false for the unprojected output a (S1) */
    public AttentionOutput(AttentionModel model, int tokens, int digits, boolean projected) {
        this.precision = WorkingPrecision.forDigits(digits);
        this.field = new ReferenceField(new ReferenceModel(model, precision), tokens);
        this.projected = projected;
        this.d = model.dimension();
        this.x = new Apfloat[tokens][d];
        this.out = new Apfloat[tokens][d];
    }

    /** The output at the row-major state {@code state} (taken as the exact decimals its doubles hold), rounded into {@code result}. */
    public void of(double[] state, double[] result) {
        for (int i = 0; i < x.length; i++) {
            for (int c = 0; c < d; c++) x[i][c] = precision.of(new BigDecimal(state[i * d + c]));
        }
        if (projected) field.velocity(x, out);
        else field.attend(x, out);
        for (int i = 0; i < x.length; i++) {
            for (int c = 0; c < d; c++) result[i * d + c] = out[i][c].doubleValue();
        }
    }
}
