package org.attnflow.field.simd;

import jdk.incubator.vector.DoubleVector;

import static org.attnflow.field.simd.TiledProjections.L;
import static org.attnflow.field.simd.TiledProjections.PANEL;
import static org.attnflow.field.simd.TiledProjections.SPECIES;

/**
 * The one small matrix product both phases of an evaluation are made of: four rows of a matrix A (scalars,
 * broadcast) times one panel of B (a {@link TiledProjections#PANEL}-column block stored row after row, columns
 * in vector lanes),
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
     * @param a     A's entries: row ρ, column k at {@code a[aOff + ρ·aRow + k·aCol]}
     * @param b     B's panel: column col of row k at {@code b[bOff + k·PANEL + col]}
     * @param depth the summed dimension
     * @param dst   row ρ, column col written at {@code dst[dOff + ρ·dRow + col]}
     */
    static void multiply4(double[] a, int aOff, int aRow, int aCol, double[] b, int bOff, int depth,
                          double scale, double[] dst, int dOff, int dRow) {
        int a1 = aOff + aRow, a2 = aOff + 2 * aRow, a3 = aOff + 3 * aRow;
        DoubleVector s0 = DoubleVector.zero(SPECIES), s1 = s0, s2 = s0, s3 = s0;
        DoubleVector t0 = s0, t1 = s0, t2 = s0, t3 = s0;
        for (int k = 0, ak = 0, bk = bOff; k < depth; k++, ak += aCol, bk += PANEL) {
            DoubleVector u = DoubleVector.fromArray(SPECIES, b, bk);
            DoubleVector v = DoubleVector.fromArray(SPECIES, b, bk + L);
            double x0 = a[aOff + ak], x1 = a[a1 + ak], x2 = a[a2 + ak], x3 = a[a3 + ak];
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
