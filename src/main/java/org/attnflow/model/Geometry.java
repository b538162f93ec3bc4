package org.attnflow.model;

/** Where the tokens live: on the unit sphere S^{d-1} (models M1–M3) or in R^d (model M4). */
public enum Geometry {
    SPHERE,
    EUCLIDEAN;

    public String key() { return Keys.of(this); }

    public static Geometry fromKey(String key) { return Keys.lookup(Geometry.class, key); }
}
