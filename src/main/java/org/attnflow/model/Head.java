package org.attnflow.model;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One attention head: its inverse temperature β and its matrices Q, K (m×d) and V (d×d), as exact decimals. Scores
 * are s_ij = β⟨Q x_i, K x_j⟩ (spec/math.md §1, §8.1). Shapes are checked by the {@link AttentionModel} that holds
 * the head, which knows the key path to name.
 */
public record Head(BigDecimal beta, DecimalMatrix q, DecimalMatrix k, DecimalMatrix v) {

    public Head {
        Objects.requireNonNull(beta, "beta");
        Objects.requireNonNull(q, "Q");
        Objects.requireNonNull(k, "K");
        Objects.requireNonNull(v, "V");
    }

    /** The head with Q = K = V = I_d. */
    public static Head identity(BigDecimal beta, int d) {
        DecimalMatrix id = DecimalMatrix.identity(d);
        return new Head(beta, id, id, id);
    }

    public double betaDouble() { return beta.doubleValue(); }

    /** The same head with another V. */
    public Head withV(DecimalMatrix newV) { return new Head(beta, q, k, newV); }

    /** True when Q = K = V = I. */
    public boolean isIdentity() { return q.isIdentity() && k.isIdentity() && v.isIdentity(); }
}
