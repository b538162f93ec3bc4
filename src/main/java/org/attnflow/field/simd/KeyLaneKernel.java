package org.attnflow.field.simd;

import jdk.incubator.vector.DoubleVector;
import org.attnflow.model.Mask;
import org.attnflow.model.Normalization;

import static org.attnflow.field.simd.AttentionKernel.QB;
import static org.attnflow.field.simd.TiledProjections.L;
import static org.attnflow.field.simd.TiledProjections.SPECIES;
import static org.attnflow.field.simd.TiledProjections.TILE;

/**
 * The kernel for small d (a vector is wider than, or about as wide as, a token): the weighted sum is vectorised
 * over keys like the scores, each of the d output components kept as L per-lane partial sums (lane ℓ: keys
 * j ≡ ℓ mod L) that are added in lane order at the end. Reads Vx in the tiled structure-of-arrays layout.
 *
 * <p>Partial layout: query q, component c at {@code [(q·d + c)·L, +L)}.
 */
final class KeyLaneKernel extends AttentionKernel {

    KeyLaneKernel(Mask mask, Normalization normalization) { super(mask, normalization); }

    @Override
    int partialSize(int d) { return QB * d * L; }

    @Override
    boolean needsRowVx() { return false; }

    @Override
    void accumulate(TiledProjections p, TileWorkspace w, int j0, int len, int[] limit) {
        int d = p.d;
        double[] vx = p.vxTiled;
        double[] weights = w.weights;
        double[] partial = w.partial;
        int vBase = (j0 / TILE) * p.vRows * TILE;
        for (int q = 0; q < QB; q++) {
            double rescale = w.rescale[q];
            int lim = limit[q];
            // Leading vectors whose every lane is a key this query reads; the rest (diagonal, past n) are blended.
            int whole = Math.max(0, Math.min(len, (lim - j0 + 1) / L * L));
            int wBase = q * TILE;
            for (int c = 0; c < d; c++) {
                int o = (q * d + c) * L;
                int vr = vBase + c * TILE;
                DoubleVector acc = DoubleVector.fromArray(SPECIES, partial, o);
                if (rescale != 1.0) acc = acc.mul(rescale);
                int jj = 0;
                for (; jj < whole; jj += L) {
                    acc = DoubleVector.fromArray(SPECIES, weights, wBase + jj)
                            .fma(DoubleVector.fromArray(SPECIES, vx, vr + jj), acc);
                }
                for (; jj < len; jj += L) {
                    DoubleVector sum = DoubleVector.fromArray(SPECIES, weights, wBase + jj)
                            .fma(DoubleVector.fromArray(SPECIES, vx, vr + jj), acc);
                    acc = acc.blend(sum, valid(j0 + jj, lim));
                }
                acc.intoArray(partial, o);
            }
        }
    }

    @Override
    void writeOutput(TiledProjections p, TileWorkspace w, int q, double scale, double[] out, int row) {
        int d = p.d;
        for (int c = 0; c < d; c++) {
            int o = (q * d + c) * L;
            double sum = 0;
            for (int l = 0; l < L; l++) sum += w.partial[o + l];
            out[row + c] = sum * scale;
        }
    }
}
