package org.attnflow.field.simd;

import org.attnflow.model.AttentionModel;
import org.attnflow.model.Head;

/**
 * One system (a model's head and n tokens) as the SIMD fields evaluate it, cut into independent items: projection
 * items (one tile of tokens each) and attention items (one chunk of query blocks each). All items of one phase
 * may run concurrently; a whole projection phase must finish before the attention phase reads it. A multi-head
 * model is one system per head (its own panels of Qx, Kx, Vx; one pass over the keys per head).
 */
final class AttentionSystem {
    /**
     * Largest d for which the key-lane kernel is used (vectorise the weighted sum over keys); above it the
     * feature-lane kernel (vectorise over components). Chosen by measurement, see bench/README.md.
     */
    static final int KEY_LANE_MAX_DIMENSION = 4;

    final AttentionModel model;
    final int n;
    final int d;
    final AttentionKernel kernel;
    final TiledProjections projections;
    final WorkPartition partition;

    /** The system of a single-head model. */
    AttentionSystem(AttentionModel model, int n, int chunks) {
        this(model, model.head(), n, chunks);
    }

    /** The system of one head of {@code model} (its mask and normalisation, the head's β, Q, K, V). */
    AttentionSystem(AttentionModel model, Head head, int n, int chunks) {
        if (n < 1) throw new IllegalArgumentException("need at least one token, got " + n);
        this.model = model;
        this.n = n;
        this.d = model.dimension();
        this.kernel = d <= KEY_LANE_MAX_DIMENSION
                ? new KeyLaneKernel(model.mask(), model.normalization())
                : new FeatureLaneKernel(model.mask(), model.normalization());
        this.projections = new TiledProjections(head, n, kernel.needsPackedVx());
        this.partition = new WorkPartition(n, kernel.causal, chunks);
    }

    TileWorkspace newWorkspace() { return new TileWorkspace(kernel.partialSize(d)); }

    int projectionItems() { return projections.projectionItems(); }

    int attentionItems() { return partition.chunks(); }

    /** Projection item t: its tokens of the state held in x from offset xOffset. */
    void project(double[] x, int xOffset, int t) { projections.project(x, xOffset, t); }

    /** Attention item: the outputs of chunk c's tokens into out from offset outOffset. */
    void attend(int c, TileWorkspace w, double[] out, int outOffset) {
        kernel.queries(projections, partition.firstToken(c), Math.min(partition.endToken(c), n), w, out, outOffset);
    }

    /** Pairs (query, key) × (m + d): the multiply-adds of one evaluation, to decide whether threads pay. */
    double work() {
        return (double) model.mask().pairs(n) * (model.queryDimension() + d);
    }
}
