/**
 * The fast double-precision attention field on the Vector API ({@code jdk.incubator.vector}).
 *
 * <p>Public: {@link org.attnflow.field.simd.VectorAttentionField} (one system);
 * {@code org.attnflow.field.Fields} chooses between this and the scalar field.
 * {@link org.attnflow.field.simd.EnsembleField} (B systems of one n and d in one evaluation) is package-private
 * until the ensembles issue wires it into sweeps.
 *
 * <p>How an evaluation runs:
 * <ol>
 *   <li>{@link org.attnflow.field.simd.TiledProjections}: the state is transposed into panels of 2L tokens
 *       (structure of arrays within a panel) and Qx, Kx, Vx are computed once, with the scalar field's exact
 *       arithmetic ({@link org.attnflow.field.simd.PanelProduct}), in parallel over groups of tokens.</li>
 *   <li>{@link org.attnflow.field.simd.AttentionKernel}: the queries, in blocks of four, stream the keys in
 *       tiles of 64 with an online softmax (running maximum, rescaling); the weighted sum of Vx is vectorised
 *       over keys for d ≤ 4 ({@link org.attnflow.field.simd.KeyLaneKernel}) or over components above
 *       ({@link org.attnflow.field.simd.FeatureLaneKernel}). The exponential is
 *       {@link org.attnflow.field.simd.VectorExp}. Under a causal mask the upper triangle is never touched.</li>
 *   <li>{@link org.attnflow.field.simd.WorkPartition} cuts the query blocks into chunks of equal work (the causal
 *       triangle by area) and {@link org.attnflow.field.simd.ParallelRunner} hands them to the threads.</li>
 * </ol>
 *
 * <p>Promises (tested): within 10⁻¹³ relative of the scalar field per evaluation; bit-identical results for any
 * thread count; under a causal mask token k's output is bit-identical whatever the later tokens are (I2); memory
 * O(n·(m + d)) plus per-thread tiles. Speed: bench/README.md.
 */
package org.attnflow.field.simd;
