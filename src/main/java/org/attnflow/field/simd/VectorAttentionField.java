package org.attnflow.field.simd;

import org.attnflow.field.AttentionField;
import org.attnflow.model.AttentionModel;
import org.attnflow.model.HeadCombine;

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

    private final AttentionModel model;
    private final AttentionSystem[] systems; // one per head
    private final ParallelRunner runner;
    private final TileWorkspace[] workspaces;
    private final double[] headOutput; // the output of heads after the first (null for one head)

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
        if (!model.schedule().isEmpty()) throw new IllegalArgumentException("a field computes one piece of a schedule: use its piece's model");
        int t = resolveThreads(threads);
        this.model = model;
        this.systems = new AttentionSystem[model.headCount()];
        double work = 0;
        for (int h = 0; h < systems.length; h++) {
            systems[h] = new AttentionSystem(model, model.heads().get(h), tokens, t == 1 ? 1 : CHUNKS_PER_THREAD * t);
            work += systems[h].work();
        }
        this.runner = new ParallelRunner(work >= minParallelWork ? t : 1);
        // the kernel kind and its workspace depend on d only: one workspace per thread serves every head
        this.workspaces = new TileWorkspace[runner.threads()];
        for (int s = 0; s < workspaces.length; s++) workspaces[s] = systems[0].newWorkspace();
        this.headOutput = systems.length > 1 ? new double[tokens * model.dimension()] : null;
    }

    /** The thread count a settings value stands for: 0 means every available processor. */
    public static int resolveThreads(int threads) {
        if (threads < 0) throw new IllegalArgumentException("threads must be >= 0, got " + threads);
        return threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
    }

    @Override
    public AttentionModel model() { return model; }

    @Override
    public int tokens() { return systems[0].n; }

    /** Threads an evaluation of this field actually uses. */
    public int threads() { return runner.threads(); }

    /**
     * The heads one after another, each a projection phase and an attention phase over all keys; their outputs are
     * added in head order and divided by H under {@code mean}, as the scalar field does.
     */
    @Override
    public void attend(double[] x, double[] out) {
        int size = systems[0].n * systems[0].d;
        AttentionField.checkState(x, out, size);
        attendHead(systems[0], x, out);
        if (systems.length == 1) return;
        for (int h = 1; h < systems.length; h++) {
            attendHead(systems[h], x, headOutput);
            for (int e = 0; e < size; e++) out[e] += headOutput[e];
        }
        if (model.combine() == HeadCombine.MEAN) {
            for (int e = 0; e < size; e++) out[e] /= systems.length;
        }
    }

    private void attendHead(AttentionSystem system, double[] x, double[] out) {
        runner.run(system.projectionItems(), (t, slot) -> system.project(x, 0, t));
        runner.run(system.attentionItems(), (c, slot) -> system.attend(c, workspaces[slot], out, 0));
    }
}
