package org.attnflow.model;

/** How the initial tokens are made (scenario key {@code initial.kind}). */
public enum InitialKind {
    /** i.i.d. uniform on S^{d-1}: normalised standard Gaussians. */
    UNIFORM_SPHERE,
    /** i.i.d. standard Gaussian in R^d (times {@code scale}). */
    GAUSSIAN,
    /** The first n standard basis vectors (needs d ≥ n): exactly orthonormal, the O2 start. */
    ORTHONORMAL,
    /** The points listed in the scenario. */
    POINTS;

    public String key() { return Keys.of(this); }

    public static InitialKind fromKey(String key) { return Keys.lookup(InitialKind.class, key); }
}
