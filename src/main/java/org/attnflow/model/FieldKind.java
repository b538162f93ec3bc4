package org.attnflow.model;

/**
 * Which double-precision field computes the velocities, the value of {@code solver.field} ({@link Keys}). The
 * choice, and the rule behind {@link #AUTO}, is made in one place: {@code org.attnflow.field.Fields}.
 *
 * <p><b>Adding a field kind</b>: a constant here, and its case in {@code Fields.create} (an exhaustive switch, so
 * the compiler asks for it). The scenario reader accepts the new key by itself, and refuses it for the models that
 * {@link #unsupported} names.
 */
public enum FieldKind {
    /** The SIMD field when the work of the run repays its set-up and JIT warm-up, else the scalar field. */
    AUTO,
    /** The plain readable loop ({@code ScalarAttentionField}). */
    SCALAR,
    /**
     * The scalar loop that shares each e^{s_ij} between rows i and j, one common shift for every row
     * ({@code SymmetricAttentionField}): symmetric scores only (full attention, one constant head, Q = K). Within
     * 1e-14 of the plain loop; a sweep's runs of it step together with one system per vector lane, bit for bit.
     */
    SYMMETRIC,
    /** The Vector API field: online softmax over key tiles, no n×n matrix, threads ({@code VectorAttentionField}). */
    SIMD,
    /**
     * The circle in O(n·p): the Fourier–Bessel expansion of e^{β cos θ} truncated where the proved bound of
     * spec/math.md §8.7 (FB2) meets the field's tolerance ({@code FourierBesselField}). Full attention on S^1 with
     * one constant head, Q = K = I.
     */
    FOURIER;

    /**
     * Why this field cannot compute the model, or null when it can: {@link #SYMMETRIC} needs symmetric scores (full
     * attention, one constant head, Q = K), {@link #FOURIER} the circle (d = 2 on the sphere, full attention, one
     * constant head with Q = K = I; any V and normalisation, post-LN).
     */
    public String unsupported(AttentionModel model) {
        if (this == SYMMETRIC) {
            if (model.mask() != Mask.FULL) return "the symmetric field computes full attention only, not mask " + model.mask().key();
            if (!model.singleConstantHead()) return "the symmetric field computes one constant head (no heads list, no schedule)";
            if (!model.q().equals(model.k())) return "the symmetric field needs Q = K (symmetric scores)";
            return null;
        }
        if (this != FOURIER) return null;
        if (model.geometry() != Geometry.SPHERE || model.dimension() != 2) return "the Fourier-Bessel field is for the circle (sphere, d = 2), not " + model.geometry().key() + " d = " + model.dimension();
        if (model.mask() != Mask.FULL) return "the Fourier-Bessel field computes full attention only, not mask " + model.mask().key();
        if (!model.singleConstantHead()) return "the Fourier-Bessel field computes one constant head (no heads list, no schedule)";
        if (!model.q().isIdentity() || !model.k().isIdentity()) return "the Fourier-Bessel field needs Q = K = I (the scores beta cos(phi_j - phi_i))";
        return null;
    }

    public String key() { return Keys.of(this); }

    public static FieldKind fromKey(String key) { return Keys.lookup(FieldKind.class, key); }
}
