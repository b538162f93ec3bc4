package org.attnflow.field.simd;

import static org.attnflow.field.simd.AttentionKernel.QB;
import static org.attnflow.field.simd.TiledProjections.L;
import static org.attnflow.field.simd.TiledProjections.TILE;

/**
 * One worker thread's scratch space for a group of up to {@link #BLOCKS} blocks of {@link AttentionKernel#QB}
 * queries: the current tile of scores (then weights), the online-softmax state of each query and its partial
 * output. O(BLOCKS·QB·(TILE + d·L)) doubles, independent of n: the field never holds anything n×n.
 */
final class TileWorkspace {
    /** Blocks of queries that share each pass over the key tiles (32 measured better than 8 at n = 8192, d = 128). */
    static final int BLOCKS = 32;

    /** Scores, then weights e^{s − max}, of the current block and key tile: query q at [q·TILE, q·TILE + TILE). */
    final double[] weights = new double[QB * TILE];
    /** Last key index each query of the current block may read (its own index under a causal mask, else n − 1). */
    final int[] limit = new int[QB];
    /** Factor e^{old max − new max} by which the current tile rescales the current block's sums. */
    final double[] rescale = new double[QB];
    /** Running maximum score of query q of block b at [b·QB + q] (−∞ before its first key). */
    final double[] runningMax = new double[BLOCKS * QB];
    /** Per-lane partial sums of the weights (lane ℓ holds keys j ≡ ℓ mod L): query b·QB + q at [(b·QB + q)·L, +L). */
    final double[] weightSums = new double[BLOCKS * QB * L];
    /** The kernel's partial outputs, block b at [b·blockSize, (b+1)·blockSize) (layout chosen by the kernel). */
    final double[] partial;
    final int blockSize;
    /** Room for one vector's lanes. */
    final double[] lanes = new double[L];

    TileWorkspace(int blockSize) {
        this.blockSize = blockSize;
        this.partial = new double[BLOCKS * blockSize];
    }
}
