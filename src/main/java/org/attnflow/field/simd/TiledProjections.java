package org.attnflow.field.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;
import org.attnflow.model.Head;

/**
 * Qx, Kx and Vx of every token of one state, computed once per evaluation, in the layouts the kernels stream.
 *
 * <p>Layout "panels" (a structure of arrays cut into narrow blocks): tokens are grouped in panels of
 * {@link #PANEL} = 2L consecutive tokens, and a panel of an r-row quantity is stored as r rows of PANEL lanes,
 * {@code [(panel·rows + row)·PANEL + token % PANEL]}, r rounded up to a multiple of {@link PanelProduct#ROWS}
 * (extra rows zero). A vector load reads one component of L consecutive tokens (the kernels vectorise scores and
 * weights over keys), a panel is one contiguous block read front to back, and no access has a large power-of-two
 * stride (a plain structure of arrays, rows n apart, would make every row of a tile fall into the same few
 * cache sets). For the kernel that vectorises the weighted sum over the d components instead, Vx is also
 * copied into {@link #vxPacked}: per key tile and per group of 2L components, the tile's keys one after another
 * (2L components each), so that the kernel's inner loop over keys reads one contiguous stream.
 *
 * <p>Every entry is computed with exactly the scalar field's arithmetic (Σ_c M[r][c]·x[c] summed in order c = 0,
 * 1, ..., product then sum, no fused multiply-add; for an identity matrix, the value that sum takes), so for
 * finite states the scores β⟨Qx_i, Kx_j⟩ are bit-identical to {@code ScalarAttentionField}'s. That matters at large β: an error of one ulp in a score of size 10^4 would
 * already change a weight by 10^{-12} relative.
 *
 * <p>Tokens past n (up to a whole panel) stay zero: kernels may load them, never use them. This padding replaces
 * the usual loop bound plus scalar tail (as in the JDK's BlackScholes example): every loop runs on whole vectors,
 * and the lanes past n, or past a query's causal limit, are masked where it matters (set to −∞ before the
 * softmax, left out of the sums with {@code blend}).
 */
final class TiledProjections {
    static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    static final int L = SPECIES.length();
    /** Tokens per panel: the two vectors {@link PanelProduct} works on. */
    static final int PANEL = 2 * L;
    /**
     * Keys per online-softmax tile (whole panels; a multiple of the query block). Never depends on n, so that the
     * tile boundaries of a query's keys do not either (I2).
     */
    static final int TILE = 64;
    /** Tokens per projection work item. */
    static final int PROJECTION_ITEM = 64;

    final int n;
    final int d;
    final int m;
    /** n rounded up to whole panels. */
    final int nPad;
    /** Groups of 2L components in {@link #vxPacked} (d rounded up to a multiple of 2L). */
    final int vxGroups;
    /** Rows stored per panel for Qx and Kx (m), and for Vx (d), rounded up to what {@link PanelProduct} fills. */
    final int qkRows;
    final int vRows;
    final double beta;
    private final double[] q;  // qkRows×d row-major (rows past m are zero); null when Q = I
    private final double[] k;  // qkRows×d; null when K = I
    private final double[] v;  // vRows×d; null when V = I

    private final double[] xPanels;  // d rows
    final double[] qxPanels; // qkRows rows
    final double[] kxPanels; // qkRows rows
    final double[] vxPanels; // vRows rows
    /** Component c of key j at [(j/TILE·vxGroups + c/PANEL)·TILE·PANEL + (j%TILE)·PANEL + c%PANEL] (or null). */
    final double[] vxPacked;

    /** The projections of one head (its β, Q, K, V) of n tokens. */
    TiledProjections(Head head, int n, boolean packedVx) {
        this.n = n;
        this.d = head.v().rows();
        this.m = head.q().rows();
        this.nPad = roundUp(n, PANEL);
        this.vxGroups = roundUp(d, PANEL) / PANEL;
        this.qkRows = roundUp(m, PanelProduct.ROWS);
        this.vRows = roundUp(d, PanelProduct.ROWS);
        this.beta = head.betaDouble();
        this.q = head.q().isIdentity() ? null : java.util.Arrays.copyOf(head.q().toDoubleArray(), qkRows * d);
        this.k = head.k().isIdentity() ? null : java.util.Arrays.copyOf(head.k().toDoubleArray(), qkRows * d);
        this.v = head.v().isIdentity() ? null : java.util.Arrays.copyOf(head.v().toDoubleArray(), vRows * d);
        this.xPanels = new double[d * nPad];
        this.qxPanels = new double[qkRows * nPad];
        this.kxPanels = new double[qkRows * nPad];
        this.vxPanels = new double[vRows * nPad];
        this.vxPacked = packedVx ? new double[roundUp(n, TILE) * vxGroups * PANEL] : null;
    }

    static int roundUp(int a, int b) { return (a + b - 1) / b * b; }

    /** Offset of the panel holding token j (a multiple of PANEL) in a panel array of the given rows. */
    static int panel(int rows, int j) { return j / PANEL * rows * PANEL; }

    int projectionItems() { return (n + PROJECTION_ITEM - 1) / PROJECTION_ITEM; }

    /** Reads the tokens of projection item t from the row-major state in x from {@code offset}; projects them. */
    void project(double[] x, int offset, int t) {
        int first = t * PROJECTION_ITEM;
        int last = Math.min(n, first + PROJECTION_ITEM);
        for (int i = first; i < last; i++) {
            int o = panel(d, i) + i % PANEL;
            for (int c = 0; c < d; c++) xPanels[o + c * PANEL] = x[offset + i * d + c];
        }
        for (int j = first; j < last; j += PANEL) {
            int xOff = panel(d, j);
            project(q, qkRows, xOff, qxPanels, j);
            project(k, qkRows, xOff, kxPanels, j);
            project(v, vRows, xOff, vxPanels, j);
        }
        if (vxPacked != null) {
            for (int i = first; i < last; i++) {
                int o = panel(vRows, i) + i % PANEL;
                int tile = (i / TILE * vxGroups) * TILE * PANEL + i % TILE * PANEL;
                for (int c = 0; c < d; c++) vxPacked[tile + c / PANEL * TILE * PANEL + c % PANEL] = vxPanels[o + c * PANEL];
            }
        }
    }

    /**
     * Rows r of dst's panel holding token j = Σ_c a[r][c]·x[c] for the panel's tokens (lane = token). For the
     * identity (a == null) that sum is x[r] + 0 exactly (the zero terms only turn a −0 into +0), so it is copied.
     */
    private void project(double[] a, int rows, int xOff, double[] dst, int j) {
        int dOff = panel(rows, j);
        if (a == null) {
            for (int e = 0; e < d * PANEL; e++) dst[dOff + e] = xPanels[xOff + e] + 0.0;
            return;
        }
        for (int r = 0; r < rows; r += PanelProduct.ROWS) {
            PanelProduct.projection4(a, r * d, xPanels, xOff, d, dst, dOff + r * PANEL);
        }
    }
}
