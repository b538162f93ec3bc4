package org.attnflow.integrate;

import org.attnflow.field.AttentionField;
import org.attnflow.model.Method;

/**
 * Explicit Euler followed by the retraction to the sphere, in the two forms public codes use (spec/math.md §2):
 * <ul>
 *   <li>S1 post-LN ({@link Method#EULER_POSTLN}): x ← normalize(x + h v), v the <em>unprojected</em> attention
 *       output {@link AttentionField#attend}: exactly the papers' scheme, so that their runs can be reproduced;</li>
 *   <li>S2 projected ({@link Method#EULER_PROJECTED}): x ← normalize(x + h P⊥v), v projected by
 *       {@link AttentionField#velocity}.</li>
 * </ul>
 * In R^d there is neither projection nor normalisation and both are S3: x ← x + h Σ_j P_ij V x_j.
 */
final class EulerStep implements FixedStepMethod {
    private final AttentionField field;
    private final StateSpace space;
    private final boolean projected;
    private final double[] v;

    EulerStep(AttentionField field, boolean projected) {
        this.field = field;
        this.space = new StateSpace(field);
        this.projected = projected;
        this.v = new double[space.size()];
    }

    @Override
    public void step(double t, double[] x, double h, double[] out) {
        if (projected) field.velocity(x, v);
        else field.attend(x, v);
        for (int k = 0; k < v.length; k++) out[k] = x[k] + h * v[k];
        space.retract(out);
    }

    @Override
    public Method method() { return projected ? Method.EULER_PROJECTED : Method.EULER_POSTLN; }

    @Override
    public int evaluationsPerStep() { return 1; }
}
