package org.attnflow.field.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;
import org.attnflow.model.AttentionModel;

/**
 * Qx, Kx and Vx of every token of one state, computed once per evaluation, in the layouts the kernels stream.
 *
 * <p>Layout "tiled structure of arrays": tokens are grouped in tiles of {@link #TILE} consecutive tokens, and a
 * tile of an r-row quantity is stored as r rows of {@code TILE} lanes ({@code [(tile·rows + row)·TILE + token % TILE]}),
 * r rounded up to a multiple of {@link PanelProduct#ROWS} (the extra rows are zero).
 * A vector load then reads one component of {@code L} consecutive tokens (the kernels vectorise scores and
 * weights over keys), and one key tile is a single contiguous block, which the hardware prefetcher follows.
 * Vx is also copied token-major ({@link #vxRows}, rows padded to a whole number of vectors) for the kernel that
 * vectorises the weighted sum over the d components instead.
 *
 * <p>Every entry is computed with exactly the scalar field's arithmetic (Σ_c M[r][c]·x[c] summed in order c = 0,
 * 1, ..., product then sum, no fused multiply-add), so the scores β⟨Qx_i, Kx_j⟩ are bit-identical to
 * {@code ScalarAttentionField}'s. That matters at large β: an error of one ulp in a score of size 10^4 would
 * already change a weight by 10^{-12} relative.
 *
 * <p>Tokens past n (up to a whole tile) stay zero: kernels may load them, never use them.
 */
final class TiledProjections {
    static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    static final int L = SPECIES.length();
    /** Tokens per tile; a multiple of the vector length and of the kernels' query block. Never depends on n (I2). */
    static final int TILE = 64;

    final int n;
    final int d;
    final int m;
    /** n rounded up to whole tiles. */
    final int nPad;
    /** d rounded up to whole vectors (the token-major Vx row stride). */
    final int dPad;
    /** Rows stored per tile for Qx and Kx (m), and for Vx (d), rounded up to what {@link PanelProduct} fills. */
    final int qkRows;
    final int vRows;
    final double beta;
    private final double[] q;  // qkRows×d row-major (rows past m are zero)
    private final double[] k;  // qkRows×d
    private final double[] v;  // vRows×d

    final double[] xTiled;  // d rows
    final double[] qxTiled; // qkRows rows
    final double[] kxTiled; // qkRows rows
    final double[] vxTiled; // vRows rows
    final double[] vxRows;  // nPad × dPad token-major (null unless requested)

    TiledProjections(AttentionModel model, int n, boolean rowVx) {
        this.n = n;
        this.d = model.dimension();
        this.m = model.queryDimension();
        this.nPad = roundUp(n, TILE);
        this.dPad = roundUp(d, L);
        this.qkRows = roundUp(m, PanelProduct.ROWS);
        this.vRows = roundUp(d, PanelProduct.ROWS);
        this.beta = model.betaDouble();
        this.q = java.util.Arrays.copyOf(model.q().toDoubleArray(), qkRows * d);
        this.k = java.util.Arrays.copyOf(model.k().toDoubleArray(), qkRows * d);
        this.v = java.util.Arrays.copyOf(model.v().toDoubleArray(), vRows * d);
        this.xTiled = new double[d * nPad];
        this.qxTiled = new double[qkRows * nPad];
        this.kxTiled = new double[qkRows * nPad];
        this.vxTiled = new double[vRows * nPad];
        this.vxRows = rowVx ? new double[nPad * dPad] : null;
    }

    static int roundUp(int a, int b) { return (a + b - 1) / b * b; }

    int tiles() { return nPad / TILE; }

    /** Reads tokens of tile {@code t} from the row-major state in x from {@code offset}, computes their projections. */
    void project(double[] x, int offset, int t) {
        int first = t * TILE;
        int last = Math.min(n, first + TILE);
        int xBase = t * d * TILE;
        for (int i = first; i < last; i++) {
            for (int c = 0; c < d; c++) xTiled[xBase + c * TILE + i - first] = x[offset + i * d + c];
        }
        int width = roundUp(last - first, L);
        project(q, qkRows, xBase, qxTiled, width, t);
        project(k, qkRows, xBase, kxTiled, width, t);
        project(v, vRows, xBase, vxTiled, width, t);
        if (vxRows != null) {
            int vBase = t * vRows * TILE;
            for (int i = first; i < last; i++) {
                for (int c = 0; c < d; c++) vxRows[i * dPad + c] = vxTiled[vBase + c * TILE + i - first];
            }
        }
    }

    /** Rows r of dst's tile t = Σ_c a[r][c]·x[c] for the tile's tokens (lane = token). */
    private void project(double[] a, int rows, int xBase, double[] dst, int width, int t) {
        for (int r = 0; r < rows; r += PanelProduct.ROWS) {
            PanelProduct.multiply4(a, r * d, d, 1, xTiled, xBase, TILE, d, 1.0, width, dst, (t * rows + r) * TILE, TILE);
        }
    }
}
