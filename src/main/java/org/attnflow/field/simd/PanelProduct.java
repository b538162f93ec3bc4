package org.attnflow.field.simd;

import jdk.incubator.vector.DoubleVector;

import static org.attnflow.field.simd.TiledProjections.L;
import static org.attnflow.field.simd.TiledProjections.SPECIES;

/**
 * The one small matrix product both phases of an evaluation are made of: four rows of a matrix A (scalars,
 * broadcast) times a panel of B whose columns are vector lanes,
 * <pre>  dst[ρ][col] = scale · Σ_{k &lt; depth} A[ρ][k] · B[k][col]    (ρ = 0..3, col &lt; width)</pre>
 * summed in order k = 0, 1, ..., each product rounded before it is added (no fused multiply-add): exactly the
 * scalar field's arithmetic, so that projections and scores are bit-identical to it. (Scaling by 1.0 is exact.)
 * Two column vectors × four rows per step: eight independent sums for two vector loads and four broadcasts.
 *
 * <p>Projections: A = the model's Q, K or V (four of its rows), B = a tile of tokens (k = component).
 * Scores: A = Qx of four queries, B = Kx of a tile of keys (k = row of Kx), scale = β.
 */
final class PanelProduct {
    private PanelProduct() {}

    /** Rows of A per call. */
    static final int ROWS = 4;

    /**
     * @param a         A's entries: row ρ, column k at {@code a[aOff + ρ·aRow + k·aCol]}
     * @param b         B's entries: column col of row k at {@code b[bOff + k·bRow + col]}
     * @param depth     the summed dimension
     * @param width     columns, a multiple of L
     * @param dst       row ρ, column col written at {@code dst[dOff + ρ·dRow + col]}
     */
    static void multiply4(double[] a, int aOff, int aRow, int aCol, double[] b, int bOff, int bRow, int depth,
                          double scale, int width, double[] dst, int dOff, int dRow) {
        int a1 = aOff + aRow, a2 = aOff + 2 * aRow, a3 = aOff + 3 * aRow;
        int col = 0;
        for (; col + 2 * L <= width; col += 2 * L) {
            DoubleVector s0 = DoubleVector.zero(SPECIES), s1 = s0, s2 = s0, s3 = s0;
            DoubleVector t0 = s0, t1 = s0, t2 = s0, t3 = s0;
            for (int k = 0, ak = 0, bk = bOff + col; k < depth; k++, ak += aCol, bk += bRow) {
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
            int d0 = dOff + col;
            s0.mul(scale).intoArray(dst, d0);
            t0.mul(scale).intoArray(dst, d0 + L);
            s1.mul(scale).intoArray(dst, d0 + dRow);
            t1.mul(scale).intoArray(dst, d0 + dRow + L);
            s2.mul(scale).intoArray(dst, d0 + 2 * dRow);
            t2.mul(scale).intoArray(dst, d0 + 2 * dRow + L);
            s3.mul(scale).intoArray(dst, d0 + 3 * dRow);
            t3.mul(scale).intoArray(dst, d0 + 3 * dRow + L);
        }
        for (; col < width; col += L) {
            DoubleVector s0 = DoubleVector.zero(SPECIES), s1 = s0, s2 = s0, s3 = s0;
            for (int k = 0, ak = 0, bk = bOff + col; k < depth; k++, ak += aCol, bk += bRow) {
                DoubleVector u = DoubleVector.fromArray(SPECIES, b, bk);
                s0 = s0.add(u.mul(a[aOff + ak]));
                s1 = s1.add(u.mul(a[a1 + ak]));
                s2 = s2.add(u.mul(a[a2 + ak]));
                s3 = s3.add(u.mul(a[a3 + ak]));
            }
            int d0 = dOff + col;
            s0.mul(scale).intoArray(dst, d0);
            s1.mul(scale).intoArray(dst, d0 + dRow);
            s2.mul(scale).intoArray(dst, d0 + 2 * dRow);
            s3.mul(scale).intoArray(dst, d0 + 3 * dRow);
        }
    }
}
