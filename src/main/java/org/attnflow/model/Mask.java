package org.attnflow.model;

/** Which tokens a token attends to: all of them, or (causal) itself and the earlier ones only. */
public enum Mask {
    FULL,
    CAUSAL;

    public String key() { return Keys.of(this); }

    /** Number of tokens that token {@code i} (0-based) attends to among {@code n}: its attention row's extent. */
    public int rowLength(int i, int n) { return this == CAUSAL ? i + 1 : n; }

    /** The attention pairs (i, j) among n tokens: the sum of the rows' lengths, n² (full) or n(n+1)/2 (causal). */
    public long pairs(int n) { return this == CAUSAL ? (long) n * (n + 1) / 2 : (long) n * n; }

    public static Mask fromKey(String key) { return Keys.lookup(Mask.class, key); }
}
