package org.attnflow.field;

import org.attnflow.model.AttentionModel;
import org.attnflow.model.Geometry;

/**
 * The attention vector field of one {@link AttentionModel} over n tokens. States are row-major n×d arrays:
 * token i occupies {@code x[i*d .. i*d+d)}.
 *
 * <p>Implementations must keep the causal dependency order (spec/math.md I2): under a causal mask the output of
 * token k is computed from tokens 0..k only, with an arithmetic that does not depend on n, so that changing
 * later tokens leaves it bit-identical.
 */
public interface AttentionField {

    AttentionModel model();

    /** Number of tokens n. */
    int tokens();

    /** Dimension d of a token. */
    default int dimension() { return model().dimension(); }

    /**
     * The unprojected attention output v_i = (1/Z_i) Σ_j e^{s_ij} V x_j for every token (the S1 scheme steps
     * with it). {@code x} and {@code out} have length n·d and must not alias.
     */
    void attend(double[] x, double[] out);

    /**
     * The model's velocity: {@link #attend} followed, on the sphere, by the tangent projection
     * P⊥_{x_i} v_i = v_i − ⟨x_i, v_i⟩ x_i of every token.
     */
    default void velocity(double[] x, double[] out) {
        attend(x, out);
        if (model().geometry() == Geometry.SPHERE) Tokens.projectTangent(x, out, dimension());
    }

    /**
     * The checks every {@link #attend} makes: x and out hold n·d numbers each ({@code size}) and are not the same
     * array. An IllegalArgumentException otherwise.
     */
    static void checkState(double[] x, double[] out, int size) {
        if (x.length != size || out.length != size) {
            throw new IllegalArgumentException("state must have n*d = " + size + " entries, got " + x.length + " and " + out.length);
        }
        if (x == out) throw new IllegalArgumentException("x and out must not alias");
    }
}
