package org.attnflow.field.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import org.attnflow.model.Mask;
import org.attnflow.model.Normalization;

import static org.attnflow.field.simd.TiledProjections.L;
import static org.attnflow.field.simd.TiledProjections.SPECIES;
import static org.attnflow.field.simd.TiledProjections.TILE;

/**
 * Attention outputs of a block of {@link #QB} consecutive queries, streaming the keys in tiles of
 * {@link TiledProjections#TILE} with an online (running-maximum) softmax, flash-attention style: per tile, the
 * scores of the block's queries against the tile's keys (vectorised over keys, QB queries sharing each load),
 * the new running maximum M, the factor e^{M_old − M} that rescales what was summed so far, the weights
 * e^{s − M} and their per-lane sums; then the subclass adds the weighted Vx of the tile into its partial
 * outputs. Nothing n×n is ever formed.
 *
 * <p>Reproducibility. Everything a query computes is a fixed sequence of IEEE operations that depends only on
 * that query's index and on the tokens it reads: key tiles start at multiples of TILE, blocks at multiples of
 * QB, lane ℓ always holds the keys j ≡ ℓ (mod L), lane sums are added in lane order, the exponential is
 * {@link VectorExp} (no JIT-tier-dependent intrinsic) and no floating-point {@code reduceLanes(ADD)} is used
 * (its order is unspecified). Hence results are bit-identical whatever the thread count or work split, and
 * under a causal mask a query never reads a later token's value: lanes past its own index are replaced
 * ({@code blend}, not multiplied by zero) so that even a NaN or −0 there cannot reach it (math.md I2).
 *
 * <p>Semantics are those of {@code ScalarAttentionField}: the same scores bit for bit, the same normalisations,
 * and the same errors (a non-finite row maximum; a mean-normalised scale e^{max}/len that overflows).
 */
abstract class AttentionKernel {
    /** Queries per block (they share every key load). Tiles and vectors are multiples of it or divide it. */
    static final int QB = PanelProduct.ROWS;

    final boolean causal;
    final boolean softmax;

    AttentionKernel(Mask mask, Normalization normalization) {
        this.causal = mask == Mask.CAUSAL;
        this.softmax = normalization == Normalization.SOFTMAX;
    }

    /** Size of {@link TileWorkspace#partial} this kernel needs for tokens of dimension d. */
    abstract int partialSize(int d);

    /** Whether this kernel reads Vx token-major ({@link TiledProjections#vxRows}). */
    abstract boolean needsRowVx();

    /**
     * Rescales query q's partial output by {@code w.rescale[q]} and adds the weighted Vx of keys
     * j0 .. j0+len−1 that it may read (j ≤ limit[q]), in increasing key order.
     */
    abstract void accumulate(TiledProjections p, TileWorkspace w, int j0, int len, int[] limit);

    /** Writes query q's output, its partial output times {@code scale}, at out[row .. row+d). */
    abstract void writeOutput(TiledProjections p, TileWorkspace w, int q, double scale, double[] out, int row);

    /** Last key index query i may read. */
    final int limit(int i, int n) { return causal ? Math.min(i, n - 1) : n - 1; }

    /**
     * The outputs of queries i0 .. i0+QB−1 (those below n) into their rows of the row-major state in out from
     * {@code offset}; i0 is a multiple of QB.
     */
    final void block(TiledProjections p, int i0, TileWorkspace w, double[] out, int offset) {
        int n = p.n;
        int[] limit = w.limit;
        for (int q = 0; q < QB; q++) limit[q] = limit(i0 + q, n);
        // Keys read: all of them, or (causal) up to the block's last query, both rounded to whole vectors.
        int keyEnd = TiledProjections.roundUp((causal ? i0 + QB : n), L);
        java.util.Arrays.fill(w.runningMax, Double.NEGATIVE_INFINITY);
        java.util.Arrays.fill(w.weightSums, 0.0);
        java.util.Arrays.fill(w.partial, 0.0);
        for (int j0 = 0; j0 < keyEnd; j0 += TILE) {
            int len = Math.min(TILE, keyEnd - j0);
            scores(p, w, i0, j0, len);
            weights(w, j0, len, limit);
            accumulate(p, w, j0, len, limit);
        }
        for (int q = 0; q < QB && i0 + q < n; q++) {
            int i = i0 + q;
            double max = w.runningMax[q];
            if (!Double.isFinite(max)) throw new ArithmeticException("attention score of token " + i + " is " + max);
            double sum = 0;
            for (int l = 0; l < L; l++) sum += w.weightSums[q * L + l];
            double scale;
            if (softmax) {
                scale = 1.0 / sum;
            } else {
                scale = StrictMath.exp(max) / (causal ? i + 1 : n);
                if (!Double.isFinite(scale)) {
                    throw new ArithmeticException("mean-normalised attention overflows double precision at token " + i
                            + " (largest score " + max + "); use softmax, a smaller beta, or the reference solver");
                }
            }
            writeOutput(p, w, q, scale, out, offset + i * p.d);
        }
    }

    /** s_ij = β·⟨Qx_i, Kx_j⟩ for the block's queries and the tile's keys (bit-identical to the scalar field's). */
    private static void scores(TiledProjections p, TileWorkspace w, int i0, int j0, int len) {
        int rows = p.qkRows;
        int qBase = (i0 / TILE) * rows * TILE + i0 % TILE;
        int kBase = (j0 / TILE) * rows * TILE;
        PanelProduct.multiply4(p.qxTiled, qBase, 1, TILE, p.kxTiled, kBase, TILE, p.m, p.beta, len, w.weights, 0, TILE);
    }

    /** Lanes whose key firstKey + ℓ is at most limit. */
    static VectorMask<Double> valid(int firstKey, int limit) { return SPECIES.indexInRange(firstKey, limit + 1); }

    /**
     * Online softmax step for each query: scores of keys past its limit set to −∞, the tile maximum (like the
     * scalar field's {@code s > max}, it never picks up a NaN), the new running maximum M, the rescale factor
     * e^{M_old − M}, the weights e^{s − M} in place of the scores, and the per-lane weight sums rescaled and
     * extended.
     */
    private static void weights(TileWorkspace w, int j0, int len, int[] limit) {
        double[] s = w.weights;
        DoubleVector minusInfinity = DoubleVector.broadcast(SPECIES, Double.NEGATIVE_INFINITY);
        for (int q = 0; q < QB; q++) {
            int base = q * TILE;
            int lim = limit[q];
            DoubleVector mv = minusInfinity;
            for (int jj = 0; jj < len; jj += L) {
                DoubleVector v = DoubleVector.fromArray(SPECIES, s, base + jj);
                if (j0 + jj + L - 1 > lim) {
                    v = minusInfinity.blend(v, valid(j0 + jj, lim));
                    v.intoArray(s, base + jj);
                }
                mv = mv.blend(v, v.compare(VectorOperators.GT, mv));
            }
            mv.intoArray(w.lanes, 0);
            double old = w.runningMax[q];
            double max = old;
            for (int l = 0; l < L; l++) if (w.lanes[l] > max) max = w.lanes[l];
            if (max == Double.NEGATIVE_INFINITY) {
                // No finite score yet: every weight so far is 0 relative to whatever maximum comes later.
                java.util.Arrays.fill(s, base, base + len, 0.0);
                w.rescale[q] = 1.0;
                continue;
            }
            double rescale = VectorExp.exp(old - max);
            w.rescale[q] = rescale;
            w.runningMax[q] = max;
            DoubleVector sum = DoubleVector.fromArray(SPECIES, w.weightSums, q * L);
            if (rescale != 1.0) sum = sum.mul(rescale);
            DoubleVector shift = DoubleVector.broadcast(SPECIES, max);
            for (int jj = 0; jj < len; jj += L) {
                DoubleVector e = VectorExp.exp(DoubleVector.fromArray(SPECIES, s, base + jj).sub(shift));
                e.intoArray(s, base + jj);
                sum = sum.add(e);
            }
            sum.intoArray(w.weightSums, q * L);
        }
    }
}
