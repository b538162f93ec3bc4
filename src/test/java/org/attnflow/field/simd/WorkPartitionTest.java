package org.attnflow.field.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WorkPartitionTest {

    /** Keys read by the queries of [first, end) under the mask (what the kernels do, up to rounding). */
    private static double keys(int first, int end, int n, boolean causal) {
        double w = 0;
        for (int i = first; i < Math.min(end, n); i++) w += causal ? i + 1 : n;
        return w;
    }

    @Test
    void chunksTileTheTokensInOrderAndBalanceTheCausalTriangleByArea() {
        for (boolean causal : new boolean[] {false, true}) {
            for (int n : new int[] {1, 7, 100, 1000, 4099}) {
                for (int chunks : new int[] {1, 2, 3, 16}) {
                    WorkPartition p = new WorkPartition(n, causal, chunks);
                    assertEquals(0, p.firstToken(0));
                    assertTrue(p.endToken(p.chunks() - 1) >= n);
                    double total = keys(0, n, n, causal);
                    double largest = 0;
                    for (int c = 0; c < p.chunks(); c++) {
                        assertEquals(0, p.firstToken(c) % AttentionKernel.QB);
                        if (c > 0) assertEquals(p.endToken(c - 1), p.firstToken(c));
                        largest = Math.max(largest, keys(p.firstToken(c), p.endToken(c), n, causal));
                    }
                    // Equal work up to one block (QB queries of at most n keys each).
                    double share = total / p.chunks();
                    assertTrue(largest <= share + AttentionKernel.QB * n,
                            "causal=" + causal + " n=" + n + " chunks=" + chunks + ": largest " + largest + ", share " + share);
                }
            }
        }
    }

    @Test
    void causalChunksAreNotEqualRows() {
        WorkPartition p = new WorkPartition(4096, true, 2);
        // Half the triangle's area lies below row n/√2: the first chunk is much taller than the second.
        int split = p.endToken(0);
        assertTrue(Math.abs(split - 4096 / Math.sqrt(2)) < 2 * AttentionKernel.QB, "split at " + split);
    }
}
