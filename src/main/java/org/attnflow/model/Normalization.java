package org.attnflow.model;

/**
 * How a row of attention weights e^{s_ij} is normalised (spec/math.md §1, §8.2): by its own sum (softmax: the SA
 * models), by the number of tokens in the row (mean: the USA models; n under full attention, k for token k under
 * causal masking), by n whatever the mask (count-n: public causal code that divides by the sequence length), or
 * not at all (none: A_k = Σ_j e^{s_kj} V x_j). Only softmax rows are stochastic (I4).
 */
public enum Normalization {
    SOFTMAX,
    MEAN,
    NONE,
    COUNT_N;

    /**
     * The divisor Z_k of a row that is not a softmax: the row's count (mean), n (count-n) or 1 (none), as a double;
     * 0 for softmax (whose Z_k is the row's sum).
     */
    public int divisor(int rowLength, int n) {
        return switch (this) {
            case SOFTMAX -> 0;
            case MEAN -> rowLength;
            case COUNT_N -> n;
            case NONE -> 1;
        };
    }

    public String key() { return Keys.of(this); }

    public static Normalization fromKey(String key) { return Keys.lookup(Normalization.class, key); }
}
