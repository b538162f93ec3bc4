package org.attnflow.model;

/**
 * How a row of attention weights e^{s_ij} is normalised: by its own sum (softmax: the SA models), or by the
 * number of tokens in the row (mean: the USA models; n under full attention, k for token k under causal masking).
 */
public enum Normalization {
    SOFTMAX,
    MEAN;

    public String key() { return Keys.of(this); }

    public static Normalization fromKey(String key) { return Keys.lookup(Normalization.class, key); }
}
