package org.attnflow.field.simd;

import org.attnflow.field.AttentionField;
import org.attnflow.model.AttentionModel;

/**
 * The fast double-precision attention field: {@code jdk.incubator.vector} kernels with an online softmax over
 * tiles of keys (never anything n×n: memory O(n·(m + d)) plus O(QB·TILE) per thread), Qx, Kx, Vx computed once
 * per evaluation in a tiled structure-of-arrays layout, the causal upper triangle skipped, and the queries split
 * over threads in chunks of equal work.
 *
 * <p>Guarantees, all tested: within 10⁻¹³ relative of {@code ScalarAttentionField} (same scores bit for bit, same
 * normalisations and errors); bit-identical results whatever the thread count; under a causal mask, token k's
 * output bit-identical whatever tokens k+1..n−1 hold and whatever n is (spec/math.md I2). See {@link AttentionKernel}
 * for why.
 *
 * <p>One instance per concurrent caller (it owns its workspaces); its own threads are managed internally.
 */
public final class VectorAttentionField implements AttentionField {
    /**
     * Evaluations with fewer multiply-adds than this (pairs × (m + d)) run on the calling thread: handing work
     * to other threads costs tens of microseconds. Results do not depend on it.
     */
    static final double MIN_PARALLEL_WORK = 1 << 18;

    /**
     * Chunks of equal work per thread, claimed dynamically: several per thread so that a thread the operating
     * system pauses (cores shared with other processes) holds up only a small share of the evaluation.
     */
    static final int CHUNKS_PER_THREAD = 8;

    private final AttentionSystem system;
    private final ParallelRunner runner;
    private final TileWorkspace[] workspaces;

    /**
     * @param model   the model
     * @param tokens  n
     * @param threads worker threads, 0 for all available processors
     */
    public VectorAttentionField(AttentionModel model, int tokens, int threads) {
        this(model, tokens, threads, MIN_PARALLEL_WORK);
    }

    /** As above, running on several threads only when the evaluation's work reaches {@code minParallelWork}. */
    VectorAttentionField(AttentionModel model, int tokens, int threads, double minParallelWork) {
        int t = resolveThreads(threads);
        this.system = new AttentionSystem(model, tokens, t == 1 ? 1 : CHUNKS_PER_THREAD * t);
        this.runner = new ParallelRunner(system.work() >= minParallelWork ? t : 1);
        this.workspaces = new TileWorkspace[runner.threads()];
        for (int s = 0; s < workspaces.length; s++) workspaces[s] = system.newWorkspace();
    }

    /** The thread count a settings value stands for: 0 means every available processor. */
    public static int resolveThreads(int threads) {
        if (threads < 0) throw new IllegalArgumentException("threads must be >= 0, got " + threads);
        return threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
    }

    @Override
    public AttentionModel model() { return system.model; }

    @Override
    public int tokens() { return system.n; }

    /** Threads an evaluation of this field actually uses. */
    public int threads() { return runner.threads(); }

    @Override
    public void attend(double[] x, double[] out) {
        int size = system.n * system.d;
        if (x.length != size || out.length != size) {
            throw new IllegalArgumentException("state must have n*d = " + size + " entries, got " + x.length + " and " + out.length);
        }
        if (x == out) throw new IllegalArgumentException("x and out must not alias");
        runner.run(system.projectionItems(), (t, slot) -> system.project(x, 0, t));
        runner.run(system.attentionItems(), (c, slot) -> system.attend(c, workspaces[slot], out, 0));
    }
}
