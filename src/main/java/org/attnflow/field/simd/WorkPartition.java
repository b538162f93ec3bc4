package org.attnflow.field.simd;

import static org.attnflow.field.simd.AttentionKernel.QB;

/**
 * Splits the query blocks of one evaluation into contiguous chunks of (nearly) equal work, where the work of a
 * block is the number of keys it reads: n for every block under a full mask, its last query's index under a
 * causal mask. The causal triangle is thus cut into chunks of equal area, not equal height.
 *
 * <p>The split only decides who computes which query, never how: each query's arithmetic is fixed by
 * {@link AttentionKernel}, so any partition gives bit-identical results.
 */
final class WorkPartition {
    private final int[] startBlock; // chunk c covers blocks [startBlock[c], startBlock[c+1])

    /**
     * @param n      tokens
     * @param causal whether the mask is causal
     * @param chunks requested number of chunks (fewer when there are fewer blocks)
     */
    WorkPartition(int n, boolean causal, int chunks) {
        int blocks = (n + QB - 1) / QB;
        int count = Math.max(1, Math.min(chunks, blocks));
        startBlock = new int[count + 1];
        double total = 0;
        for (int b = 0; b < blocks; b++) total += work(b, n, causal);
        double done = 0;
        int c = 1;
        for (int b = 0; b < blocks && c < count; b++) {
            done += work(b, n, causal);
            // Chunk c starts after the block that completes c shares of the work (a heavy block may complete
            // several: the chunks in between are then empty, which costs nothing).
            while (c < count && done >= total * c / count) startBlock[c++] = b + 1;
        }
        while (c <= count) startBlock[c++] = blocks;
    }

    private static double work(int block, int n, boolean causal) {
        return causal ? Math.min(n, (block + 1) * QB) : n;
    }

    int chunks() { return startBlock.length - 1; }

    /** First token of chunk c (a multiple of QB). */
    int firstToken(int chunk) { return startBlock[chunk] * QB; }

    /** One past the last token of chunk c, before clipping to n (a multiple of QB). */
    int endToken(int chunk) { return startBlock[chunk + 1] * QB; }
}
