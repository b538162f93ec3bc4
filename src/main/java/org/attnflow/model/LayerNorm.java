package org.attnflow.model;

/**
 * The normalisation scheme of the residual stream, the value of {@code model.layer_norm} (spec/math.md §7.2,
 * [KGPR-N]). A token is x_k = r_k θ_k with θ_k on the unit sphere; every scheme moves the directions along the
 * Post-LN field at its own speed, θ̇_k = P⊥_{θ_k} A_k / s_k, and some carry the radius r_k:
 * <pre>
 *   post        s = 1                      ṙ = 0            (M1–M3, the default)
 *   pre         s = r_k                    ṙ = ⟨θ_k, A_k⟩   (ẋ = A)
 *   peri        s = r_k ‖A_k‖              ṙ = ⟨θ_k, A_k⟩/‖A_k‖ (ẋ = A/‖A‖)
 *   ngpt        s = ‖A_k‖/α                ṙ = 0            (α = model.ngpt_alpha)
 *   mix         post for t ≤ τ, pre after  (τ = model.mix_tau)
 *   ln-scaling  s = √(t + 1)               ṙ = 0
 * </pre>
 * Only the sphere has them: a Euclidean model is {@link #POST} (no normalisation).
 */
public enum LayerNorm {
    POST(false),
    PRE(true),
    PERI(true),
    NGPT(false),
    MIX(true),
    LN_SCALING(false);

    private final boolean radius;

    LayerNorm(boolean radius) { this.radius = radius; }

    public String key() { return Keys.of(this); }

    public static LayerNorm fromKey(String key) { return Keys.lookup(LayerNorm.class, key); }

    /**
     * True when the scheme moves the radius r_k (pre, peri, mix): the state carries the n radii, {@code simulate}
     * writes radius.npy, and {@code initial.radius} is read.
     */
    public boolean carriesRadius() { return radius; }

    /** True when the speed factor depends on ‖A_k‖ (peri, ngpt): A_k = 0 is a run failure there (I9). */
    public boolean dividesByAttention() { return this == PERI || this == NGPT; }

    /** The scheme in force at time t of a run (mix: post up to its switch time, pre after). */
    public LayerNorm activeAt(boolean afterSwitch) {
        return this == MIX ? (afterSwitch ? PRE : POST) : this;
    }
}
