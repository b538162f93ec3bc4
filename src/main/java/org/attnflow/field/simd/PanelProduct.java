package org.attnflow.field.simd;

import jdk.incubator.vector.DoubleVector;

import static org.attnflow.field.simd.TiledProjections.L;
import static org.attnflow.field.simd.TiledProjections.PANEL;
import static org.attnflow.field.simd.TiledProjections.SPECIES;

/**
 * The one small matrix product both phases of an evaluation are made of (in two variants that differ only in
 * how A is laid out): four rows of a matrix A (scalars, broadcast) times one panel of B (a
 * {@link TiledProjections#PANEL}-column block stored row after row, columns in vector lanes),
 * <pre>  dst[ρ][col] = scale · Σ_{k &lt; depth} A[ρ][k] · B[k][col]    (ρ = 0..3, col &lt; PANEL)</pre>
 * summed in order k = 0, 1, ..., each product rounded before it is added (no fused multiply-add): exactly the
 * scalar field's arithmetic, so that projections and scores are bit-identical to it. (Scaling by 1.0 is exact.)
 * Two column vectors × four rows per step: eight independent sums for two vector loads and four broadcasts,
 * which keeps both multiply and both add pipes of a core busy.
 *
 * <p>Projections: A = the model's Q, K or V (four of its rows), B = a panel of tokens (k = component).
 * Scores: A = Qx of a block of four queries, B = Kx of a panel of keys (k = row of Kx), scale = β.
 */
final class PanelProduct {
    private PanelProduct() {}

    /** Rows of A per call. */
    static final int ROWS = 4;

    /**
     * Projections: rows r..r+3 of a row-major matrix A with d columns (four rows {@code d} apart, columns 1 apart)
     * times a panel of tokens whose rows are the d components.
     *
     * @param a   the matrix, row-major, rows of length {@code depth}
     * @param aOff offset of row r
     * @param b   the token panel: component k of the panel's tokens at {@code b[bOff + k·PANEL ..]}
     * @param dst row ρ written at {@code dst[dOff + ρ·PANEL ..]} (the next rows of a panel array)
     */
    static void projection4(double[] a, int aOff, double[] b, int bOff, int depth, double[] dst, int dOff) {
        DoubleVector s0 = DoubleVector.zero(SPECIES), s1 = s0, s2 = s0, s3 = s0;
        DoubleVector t0 = s0, t1 = s0, t2 = s0, t3 = s0;
        int a1 = aOff + depth, a2 = a1 + depth, a3 = a2 + depth;
        for (int k = 0; k < depth; k++) {
            int bk = bOff + k * PANEL;
            DoubleVector u = DoubleVector.fromArray(SPECIES, b, bk);
            DoubleVector v = DoubleVector.fromArray(SPECIES, b, bk + L);
            double x0 = a[aOff + k], x1 = a[a1 + k], x2 = a[a2 + k], x3 = a[a3 + k];
            s0 = s0.add(u.mul(x0));
            t0 = t0.add(v.mul(x0));
            s1 = s1.add(u.mul(x1));
            t1 = t1.add(v.mul(x1));
            s2 = s2.add(u.mul(x2));
            t2 = t2.add(v.mul(x2));
            s3 = s3.add(u.mul(x3));
            t3 = t3.add(v.mul(x3));
        }
        s0.intoArray(dst, dOff);
        t0.intoArray(dst, dOff + L);
        s1.intoArray(dst, dOff + PANEL);
        t1.intoArray(dst, dOff + PANEL + L);
        s2.intoArray(dst, dOff + 2 * PANEL);
        t2.intoArray(dst, dOff + 2 * PANEL + L);
        s3.intoArray(dst, dOff + 3 * PANEL);
        t3.intoArray(dst, dOff + 3 * PANEL + L);
    }

    /**
     * Scores: four consecutive queries of Qx (a panel array: the four values of row k at {@code a[aOff + k·PANEL ..]})
     * times a panel of keys of Kx, scaled by β. Both streams advance by PANEL per step, so one index serves both.
     *
     * @param dst query ρ's scores written at {@code dst[dOff + ρ·dRow ..]}
     */
    static void scores4(double[] a, int aOff, double[] b, int bOff, int depth, double scale, double[] dst, int dOff, int dRow) {
        DoubleVector s0 = DoubleVector.zero(SPECIES), s1 = s0, s2 = s0, s3 = s0;
        DoubleVector t0 = s0, t1 = s0, t2 = s0, t3 = s0;
        int end = depth * PANEL;
        for (int k = 0; k < end; k += PANEL) {
            DoubleVector u = DoubleVector.fromArray(SPECIES, b, bOff + k);
            DoubleVector v = DoubleVector.fromArray(SPECIES, b, bOff + k + L);
            int ak = aOff + k;
            double x0 = a[ak], x1 = a[ak + 1], x2 = a[ak + 2], x3 = a[ak + 3];
            s0 = s0.add(u.mul(x0));
            t0 = t0.add(v.mul(x0));
            s1 = s1.add(u.mul(x1));
            t1 = t1.add(v.mul(x1));
            s2 = s2.add(u.mul(x2));
            t2 = t2.add(v.mul(x2));
            s3 = s3.add(u.mul(x3));
            t3 = t3.add(v.mul(x3));
        }
        s0.mul(scale).intoArray(dst, dOff);
        t0.mul(scale).intoArray(dst, dOff + L);
        s1.mul(scale).intoArray(dst, dOff + dRow);
        t1.mul(scale).intoArray(dst, dOff + dRow + L);
        s2.mul(scale).intoArray(dst, dOff + 2 * dRow);
        t2.mul(scale).intoArray(dst, dOff + 2 * dRow + L);
        s3.mul(scale).intoArray(dst, dOff + 3 * dRow);
        t3.mul(scale).intoArray(dst, dOff + 3 * dRow + L);
    }
}
