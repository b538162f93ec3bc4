package org.attnflow.field.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import org.attnflow.model.Mask;
import org.attnflow.model.Normalization;

import static org.attnflow.field.simd.AttentionKernel.QB;
import static org.attnflow.field.simd.TiledProjections.L;
import static org.attnflow.field.simd.TiledProjections.SPECIES;
import static org.attnflow.field.simd.TiledProjections.PANEL;
import static org.attnflow.field.simd.TiledProjections.TILE;

/**
 * The kernel for small d (a vector is wider than, or about as wide as, a token): the weighted sum is vectorised
 * over keys like the scores, each of the d output components kept as L per-lane partial sums (lane ℓ: keys
 * j ≡ ℓ mod L) that are added in lane order at the end. Reads Vx in the panel layout.
 *
 * <p>Partial layout (one block): query q, component c at {@code [(q·vRows + c)·L, +L)}.
 */
final class KeyLaneKernel extends AttentionKernel {

    KeyLaneKernel(Mask mask, Normalization normalization) { super(mask, normalization); }

    @Override
    int partialSize(int d) { return QB * TiledProjections.roundUp(d, PanelProduct.ROWS) * L; }

    @Override
    boolean needsPackedVx() { return false; }

    /**
     * Two queries × four components per pass over the tile: eight independent fused multiply-add chains. Vx has
     * its rows padded to a multiple of four with zeros, so components past d just accumulate zeros.
     */
    @Override
    void accumulate(TiledProjections p, TileWorkspace w, int b, int j0, int len) {
        int[] limit = w.limit;
        int rows = p.vRows;
        double[] vx = p.vxPanels;
        double[] wt = w.weights;
        double[] partial = w.partial;
        for (int q = 0; q < QB; q += 2) {
            double r0 = w.rescale[q], r1 = w.rescale[q + 1];
            int lim0 = limit[q], lim1 = limit[q + 1];
            // Leading vectors whose every lane is a key both queries read (limits grow with q); the rest
            // (diagonal, past n) are blended lane by lane with each query's own mask.
            int whole = Math.max(0, Math.min(len, (lim0 - j0 + 1) / L * L));
            int w0 = q * TILE, w1 = w0 + TILE;
            for (int c = 0; c < rows; c += 4) {
                int o0 = b * w.blockSize + (q * rows + c) * L, o1 = o0 + rows * L;
                DoubleVector a0 = DoubleVector.fromArray(SPECIES, partial, o0);
                DoubleVector a1 = DoubleVector.fromArray(SPECIES, partial, o0 + L);
                DoubleVector a2 = DoubleVector.fromArray(SPECIES, partial, o0 + 2 * L);
                DoubleVector a3 = DoubleVector.fromArray(SPECIES, partial, o0 + 3 * L);
                DoubleVector b0 = DoubleVector.fromArray(SPECIES, partial, o1);
                DoubleVector b1 = DoubleVector.fromArray(SPECIES, partial, o1 + L);
                DoubleVector b2 = DoubleVector.fromArray(SPECIES, partial, o1 + 2 * L);
                DoubleVector b3 = DoubleVector.fromArray(SPECIES, partial, o1 + 3 * L);
                if (r0 != 1.0) {
                    a0 = a0.mul(r0); a1 = a1.mul(r0); a2 = a2.mul(r0); a3 = a3.mul(r0);
                }
                if (r1 != 1.0) {
                    b0 = b0.mul(r1); b1 = b1.mul(r1); b2 = b2.mul(r1); b3 = b3.mul(r1);
                }
                int jj = 0;
                for (; jj < whole; jj += L) {
                    int v = vxOffset(rows, c, j0 + jj);
                    DoubleVector v0 = DoubleVector.fromArray(SPECIES, vx, v);
                    DoubleVector v1 = DoubleVector.fromArray(SPECIES, vx, v + PANEL);
                    DoubleVector v2 = DoubleVector.fromArray(SPECIES, vx, v + 2 * PANEL);
                    DoubleVector v3 = DoubleVector.fromArray(SPECIES, vx, v + 3 * PANEL);
                    DoubleVector p0 = DoubleVector.fromArray(SPECIES, wt, w0 + jj);
                    DoubleVector p1 = DoubleVector.fromArray(SPECIES, wt, w1 + jj);
                    a0 = p0.fma(v0, a0); a1 = p0.fma(v1, a1); a2 = p0.fma(v2, a2); a3 = p0.fma(v3, a3);
                    b0 = p1.fma(v0, b0); b1 = p1.fma(v1, b1); b2 = p1.fma(v2, b2); b3 = p1.fma(v3, b3);
                }
                for (; jj < len; jj += L) {
                    int v = vxOffset(rows, c, j0 + jj);
                    DoubleVector v0 = DoubleVector.fromArray(SPECIES, vx, v);
                    DoubleVector v1 = DoubleVector.fromArray(SPECIES, vx, v + PANEL);
                    DoubleVector v2 = DoubleVector.fromArray(SPECIES, vx, v + 2 * PANEL);
                    DoubleVector v3 = DoubleVector.fromArray(SPECIES, vx, v + 3 * PANEL);
                    DoubleVector p0 = DoubleVector.fromArray(SPECIES, wt, w0 + jj);
                    DoubleVector p1 = DoubleVector.fromArray(SPECIES, wt, w1 + jj);
                    VectorMask<Double> m0 = valid(j0 + jj, lim0), m1 = valid(j0 + jj, lim1);
                    a0 = a0.blend(p0.fma(v0, a0), m0); a1 = a1.blend(p0.fma(v1, a1), m0);
                    a2 = a2.blend(p0.fma(v2, a2), m0); a3 = a3.blend(p0.fma(v3, a3), m0);
                    b0 = b0.blend(p1.fma(v0, b0), m1); b1 = b1.blend(p1.fma(v1, b1), m1);
                    b2 = b2.blend(p1.fma(v2, b2), m1); b3 = b3.blend(p1.fma(v3, b3), m1);
                }
                a0.intoArray(partial, o0);
                a1.intoArray(partial, o0 + L);
                a2.intoArray(partial, o0 + 2 * L);
                a3.intoArray(partial, o0 + 3 * L);
                b0.intoArray(partial, o1);
                b1.intoArray(partial, o1 + L);
                b2.intoArray(partial, o1 + 2 * L);
                b3.intoArray(partial, o1 + 3 * L);
            }
        }
    }

    /** Component c of the L keys from j (a multiple of L) in the panel layout. */
    private static int vxOffset(int rows, int c, int j) { return TiledProjections.panel(rows, j) + c * PANEL + j % PANEL; }

    @Override
    void writeOutput(TiledProjections p, TileWorkspace w, int b, int q, double scale, double[] out, int row) {
        int d = p.d;
        for (int c = 0; c < d; c++) {
            int o = b * w.blockSize + (q * p.vRows + c) * L;
            double sum = 0;
            for (int l = 0; l < L; l++) sum += w.partial[o + l];
            out[row + c] = sum * scale;
        }
    }
}
