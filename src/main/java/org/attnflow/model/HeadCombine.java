package org.attnflow.model;

/**
 * How the outputs of several attention heads are combined, {@code model.head_combine} (spec/math.md §8.1):
 * A_k = Σ_h w_h A_k^{(h)} with w_h = 1 ({@link #SUM}: a Transformer's concatenation times W_O, with W_O's blocks
 * folded into the V_h) or 1/H ({@link #MEAN}: what public simulators do). MEAN is computed as the sum divided by H,
 * so that H = 2 or 4 identical heads give the single head bit for bit.
 */
public enum HeadCombine {
    SUM,
    MEAN;

    public String key() { return Keys.of(this); }

    public static HeadCombine fromKey(String key) { return Keys.lookup(HeadCombine.class, key); }
}
