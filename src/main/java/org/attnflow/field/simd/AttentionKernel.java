package org.attnflow.field.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import org.attnflow.field.ScalarAttentionField;
import org.attnflow.model.Mask;
import org.attnflow.model.Normalization;

import static org.attnflow.field.simd.TiledProjections.L;
import static org.attnflow.field.simd.TiledProjections.PANEL;
import static org.attnflow.field.simd.TiledProjections.SPECIES;
import static org.attnflow.field.simd.TiledProjections.TILE;

/**
 * Attention outputs of a block of {@link #QB} consecutive queries, streaming the keys in tiles of
 * {@link TiledProjections#TILE} (whole panels) with an online (running-maximum) softmax, flash-attention style:
 * per tile, the scores of the block's queries against the tile's keys (vectorised over keys, QB queries sharing
 * each load), the new running maximum M, the factor e^{M_old − M} that rescales what was summed so far, the
 * weights e^{s − M} and their per-lane sums; then the subclass adds the weighted Vx of the tile into its partial
 * outputs. Nothing n×n is ever formed.
 *
 * <p>Reproducibility. Everything a query computes is a fixed sequence of IEEE operations that depends only on
 * that query's index and on the tokens it reads: key tiles start at multiples of TILE, blocks at multiples of
 * QB, panels at multiples of PANEL, lane ℓ always holds the keys j ≡ ℓ (mod L), lane sums are added in lane
 * order, the exponential is {@link VectorExp} (no JIT-tier-dependent intrinsic) and no floating-point
 * {@code reduceLanes(ADD)} is used (its order is unspecified). Hence results are bit-identical whatever the
 * thread count or work split, and under a causal mask a query never reads a later token's value: lanes past its
 * own index are replaced ({@code blend}, not multiplied by zero) so that even a NaN or −0 there cannot reach it
 * (spec/math.md I2).
 *
 * <p>Semantics are those of {@code ScalarAttentionField}: the same scores bit for bit, the same normalisations,
 * and the same errors (a non-finite row maximum; a scale e^{max}/Z of the mean, count-n or none normalisation that
 * overflows).
 */
abstract class AttentionKernel {
    /** Queries per block (they share every key load). Tiles and vectors are multiples of it or divide it. */
    static final int QB = PanelProduct.ROWS;

    final boolean causal;
    final Normalization normalization;

    AttentionKernel(Mask mask, Normalization normalization) {
        this.causal = mask == Mask.CAUSAL;
        this.normalization = normalization;
    }

    /** Size of one block's slice of {@link TileWorkspace#partial} for tokens of dimension d. */
    abstract int partialSize(int d);

    /** Whether this kernel reads {@link TiledProjections#vxPacked}. */
    abstract boolean needsPackedVx();

    /**
     * For each query q of block b (of its group): rescales its partial output by {@code w.rescale[q]} and adds the
     * weighted Vx of keys j0 .. j0+len−1 that it may read (j ≤ w.limit[q]), in increasing key order.
     */
    abstract void accumulate(TiledProjections p, TileWorkspace w, int b, int j0, int len);

    /** Writes the output of query q of block b, its partial output times {@code scale}, at out[row .. row+d). */
    abstract void writeOutput(TiledProjections p, TileWorkspace w, int b, int q, double scale, double[] out, int row);

    /** Last key index query i may read. */
    final int limit(int i, int n) { return causal ? Math.min(i, n - 1) : n - 1; }

    /**
     * The outputs of queries first .. end−1 (first a multiple of QB; those below n) into their rows of the
     * row-major state in out from {@code offset}.
     *
     * <p>Cache blocking: up to {@link TileWorkspace#BLOCKS} blocks go through the key tiles together (for each tile,
     * every block in turn), so that a tile's Kx and Vx are read from the outer caches once per group of blocks
     * rather than once per block. Each block keeps its own softmax state; a query's arithmetic is unchanged.
     */
    final void queries(TiledProjections p, int first, int end, TileWorkspace w, double[] out, int offset) {
        int n = p.n;
        for (int g0 = first; g0 < end; g0 += TileWorkspace.BLOCKS * QB) {
            int blocks = Math.min(TileWorkspace.BLOCKS, (end - g0 + QB - 1) / QB);
            java.util.Arrays.fill(w.runningMax, 0, blocks * QB, Double.NEGATIVE_INFINITY);
            java.util.Arrays.fill(w.weightSums, 0, blocks * QB * L, 0.0);
            java.util.Arrays.fill(w.partial, 0, blocks * w.blockSize, 0.0);
            // Keys read: all of them, or (causal) up to the group's last query, both rounded to whole panels.
            int groupKeyEnd = keyEnd(g0 + (blocks - 1) * QB, n);
            for (int j0 = 0; j0 < groupKeyEnd; j0 += TILE) {
                for (int b = 0; b < blocks; b++) {
                    int i0 = g0 + b * QB;
                    int len = Math.min(TILE, keyEnd(i0, n) - j0);
                    if (len <= 0) continue;
                    for (int q = 0; q < QB; q++) w.limit[q] = limit(i0 + q, n);
                    scores(p, w, i0, j0, len);
                    weights(w, b, j0, len);
                    accumulate(p, w, b, j0, len);
                }
            }
            for (int b = 0; b < blocks; b++) finish(p, w, b, g0 + b * QB, out, offset);
        }
    }

    /** One past the last key block i0 reads: all keys, or (causal) up to its last query, rounded to a panel. */
    private int keyEnd(int i0, int n) { return TiledProjections.roundUp(causal ? i0 + QB : n, PANEL); }

    /** Normalises the block's outputs and writes them, query by query (errors in query order, like the scalar field). */
    private void finish(TiledProjections p, TileWorkspace w, int b, int i0, double[] out, int offset) {
        int n = p.n;
        for (int q = 0; q < QB && i0 + q < n; q++) {
            int i = i0 + q;
            int bq = b * QB + q;
            double max = w.runningMax[bq];
            if (!Double.isFinite(max)) throw new ArithmeticException("attention score of token " + i + " is " + max);
            double sum = 0;
            for (int l = 0; l < L; l++) sum += w.weightSums[bq * L + l];
            double scale;
            if (normalization == Normalization.SOFTMAX) {
                scale = 1.0 / sum;
            } else {
                scale = StrictMath.exp(max) / normalization.divisor(causal ? i + 1 : n, n);
                if (!Double.isFinite(scale)) throw ScalarAttentionField.overflow(normalization, i, max);
            }
            writeOutput(p, w, b, q, scale, out, offset + i * p.d);
        }
    }

    /** s_ij = β·⟨Qx_i, Kx_j⟩ for the block's queries and the tile's keys (bit-identical to the scalar field's). */
    private static void scores(TiledProjections p, TileWorkspace w, int i0, int j0, int len) {
        int rows = p.qkRows;
        int qOff = TiledProjections.panel(rows, i0) + i0 % PANEL;
        for (int jj = 0; jj < len; jj += PANEL) {
            PanelProduct.scores4(p.qxPanels, qOff, p.kxPanels, TiledProjections.panel(rows, j0 + jj), p.m, p.beta,
                    w.weights, jj, TILE);
        }
    }

    /** Lanes whose key firstKey + ℓ is at most limit. */
    static VectorMask<Double> valid(int firstKey, int limit) { return SPECIES.indexInRange(firstKey, limit + 1); }

    /**
     * Online softmax step for each query: scores of keys past its limit set to −∞, the tile maximum (like the
     * scalar field's {@code s > max}, it never picks up a NaN), the new running maximum M, the rescale factor
     * e^{M_old − M}, the weights e^{s − M} in place of the scores, and the per-lane weight sums rescaled and
     * extended.
     */
    private static void weights(TileWorkspace w, int b, int j0, int len) {
        double[] s = w.weights;
        int[] limit = w.limit;
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
            int bq = b * QB + q;
            double old = w.runningMax[bq];
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
            w.runningMax[bq] = max;
            DoubleVector sum = DoubleVector.fromArray(SPECIES, w.weightSums, bq * L);
            if (rescale != 1.0) sum = sum.mul(rescale);
            DoubleVector shift = DoubleVector.broadcast(SPECIES, max);
            for (int jj = 0; jj < len; jj += L) {
                DoubleVector e = VectorExp.exp(DoubleVector.fromArray(SPECIES, s, base + jj).sub(shift));
                e.intoArray(s, base + jj);
                sum = sum.add(e);
            }
            sum.intoArray(w.weightSums, bq * L);
        }
    }
}
