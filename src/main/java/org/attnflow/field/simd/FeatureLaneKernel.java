package org.attnflow.field.simd;

import jdk.incubator.vector.DoubleVector;
import org.attnflow.model.Mask;
import org.attnflow.model.Normalization;

import static org.attnflow.field.simd.AttentionKernel.QB;
import static org.attnflow.field.simd.TiledProjections.L;
import static org.attnflow.field.simd.TiledProjections.PANEL;
import static org.attnflow.field.simd.TiledProjections.SPECIES;
import static org.attnflow.field.simd.TiledProjections.TILE;

/**
 * The kernel for larger d: the weighted sum Σ_j w_ij Vx_j is vectorised over the d components (lane = component)
 * and register-blocked like a matrix product: QB queries × one group of 2L components per pass over the tile's
 * keys (8 independent fused multiply-adds for 2 vector loads and QB broadcasts per key), reading the group's
 * contiguous stream in {@link TiledProjections#vxPacked}.
 *
 * <p>Keys every query of the block reads go through the blocked loop; under a causal mask the few keys of the
 * diagonal that only the later queries of the block read are added afterwards, query by query, still in
 * increasing key order, so each query's sequence of operations is the same in any block or thread split.
 *
 * <p>Partial layout (one block): query q at {@code [q·dPad, q·dPad + dPad)}, dPad = d rounded up to 2L.
 */
final class FeatureLaneKernel extends AttentionKernel {

    FeatureLaneKernel(Mask mask, Normalization normalization) { super(mask, normalization); }

    @Override
    int partialSize(int d) { return QB * TiledProjections.roundUp(d, PANEL); }

    @Override
    boolean needsPackedVx() { return true; }

    @Override
    void accumulate(TiledProjections p, TileWorkspace w, int b, int j0, int len) {
        int[] limit = w.limit;
        int groups = p.vxGroups;
        int dPad = groups * PANEL;
        double[] vx = p.vxPacked;
        double[] wt = w.weights;
        double[] o = w.partial;
        double r0 = w.rescale[0], r1 = w.rescale[1], r2 = w.rescale[2], r3 = w.rescale[3];
        boolean rescale = r0 != 1.0 || r1 != 1.0 || r2 != 1.0 || r3 != 1.0;
        // Limits grow with q, so limit[0] bounds the keys that all queries of the block read.
        int common = Math.max(0, Math.min(len, limit[0] - j0 + 1));
        int o0 = b * w.blockSize, o1 = o0 + dPad, o2 = o0 + 2 * dPad, o3 = o0 + 3 * dPad;
        int tileBase = j0 / TILE * groups * TILE * PANEL;
        for (int g = 0, c = 0; g < groups; g++, c += PANEL) {
            DoubleVector a0 = DoubleVector.fromArray(SPECIES, o, o0 + c), b0 = DoubleVector.fromArray(SPECIES, o, o0 + c + L);
            DoubleVector a1 = DoubleVector.fromArray(SPECIES, o, o1 + c), b1 = DoubleVector.fromArray(SPECIES, o, o1 + c + L);
            DoubleVector a2 = DoubleVector.fromArray(SPECIES, o, o2 + c), b2 = DoubleVector.fromArray(SPECIES, o, o2 + c + L);
            DoubleVector a3 = DoubleVector.fromArray(SPECIES, o, o3 + c), b3 = DoubleVector.fromArray(SPECIES, o, o3 + c + L);
            if (rescale) {
                a0 = a0.mul(r0); b0 = b0.mul(r0);
                a1 = a1.mul(r1); b1 = b1.mul(r1);
                a2 = a2.mul(r2); b2 = b2.mul(r2);
                a3 = a3.mul(r3); b3 = b3.mul(r3);
            }
            int stream = tileBase + g * TILE * PANEL;
            for (int jj = 0, v = stream; jj < common; jj++, v += PANEL) {
                DoubleVector va = DoubleVector.fromArray(SPECIES, vx, v);
                DoubleVector vb = DoubleVector.fromArray(SPECIES, vx, v + L);
                DoubleVector p0 = DoubleVector.broadcast(SPECIES, wt[jj]);
                DoubleVector p1 = DoubleVector.broadcast(SPECIES, wt[TILE + jj]);
                DoubleVector p2 = DoubleVector.broadcast(SPECIES, wt[2 * TILE + jj]);
                DoubleVector p3 = DoubleVector.broadcast(SPECIES, wt[3 * TILE + jj]);
                a0 = p0.fma(va, a0); b0 = p0.fma(vb, b0);
                a1 = p1.fma(va, a1); b1 = p1.fma(vb, b1);
                a2 = p2.fma(va, a2); b2 = p2.fma(vb, b2);
                a3 = p3.fma(va, a3); b3 = p3.fma(vb, b3);
            }
            a0.intoArray(o, o0 + c); b0.intoArray(o, o0 + c + L);
            a1.intoArray(o, o1 + c); b1.intoArray(o, o1 + c + L);
            a2.intoArray(o, o2 + c); b2.intoArray(o, o2 + c + L);
            a3.intoArray(o, o3 + c); b3.intoArray(o, o3 + c + L);
        }
        // Causal diagonal: keys only the later queries of the block read, in increasing order.
        for (int q = 1; q < QB; q++) {
            int end = Math.min(len, limit[q] - j0 + 1);
            int oq = o0 + q * dPad;
            for (int jj = common; jj < end; jj++) {
                DoubleVector pw = DoubleVector.broadcast(SPECIES, wt[q * TILE + jj]);
                for (int g = 0, c = 0; g < groups; g++, c += PANEL) {
                    int v = tileBase + g * TILE * PANEL + jj * PANEL;
                    pw.fma(DoubleVector.fromArray(SPECIES, vx, v), DoubleVector.fromArray(SPECIES, o, oq + c)).intoArray(o, oq + c);
                    pw.fma(DoubleVector.fromArray(SPECIES, vx, v + L), DoubleVector.fromArray(SPECIES, o, oq + c + L))
                            .intoArray(o, oq + c + L);
                }
            }
        }
    }

    @Override
    void writeOutput(TiledProjections p, TileWorkspace w, int b, int q, double scale, double[] out, int row) {
        int d = p.d;
        int o = b * w.blockSize + q * p.vxGroups * PANEL;
        for (int c = 0; c < d; c++) out[row + c] = w.partial[o + c] * scale;
    }
}
