package org.attnflow.field.simd;

import static org.attnflow.field.simd.AttentionKernel.QB;
import static org.attnflow.field.simd.TiledProjections.L;
import static org.attnflow.field.simd.TiledProjections.TILE;

/**
 * One worker thread's scratch space for a block of {@link AttentionKernel#QB} queries: the tile of scores
 * (then weights), the online-softmax state of each query, and its partial output. O(QB·(TILE + d·L)) doubles,
 * independent of n: the field never holds anything n×n.
 */
final class TileWorkspace {
    /** Scores, then weights e^{s − max}, of the current key tile: query q at [q·TILE, q·TILE + TILE). */
    final double[] weights = new double[QB * TILE];
    /** Running maximum score of each query (−∞ before its first key). */
    final double[] runningMax = new double[QB];
    /** Last key index each query of the block may read (its own index under a causal mask, else n − 1). */
    final int[] limit = new int[QB];
    /** Factor e^{old max − new max} by which the current tile rescales each query's sums. */
    final double[] rescale = new double[QB];
    /** Per-lane partial sums of the weights (lane ℓ holds keys j ≡ ℓ mod L): query q at [q·L, q·L + L). */
    final double[] weightSums = new double[QB * L];
    /** The kernel's partial outputs (layout chosen by the kernel). */
    final double[] partial;
    /** Room for one vector's lanes. */
    final double[] lanes = new double[L];

    TileWorkspace(int partialSize) { this.partial = new double[partialSize]; }
}
