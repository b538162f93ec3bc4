package org.attnflow.field.simd;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.attnflow.field.Tokens;
import org.attnflow.model.AttentionModel;
import org.attnflow.model.Geometry;

/**
 * B independent systems of the same n and d (different β, different Q, K, V, or just different starting
 * points) evaluated together: one state array holds them one after another (system b at
 * {@code [b·n·d, (b+1)·n·d)}), and one evaluation spreads all their work over the threads. For phase diagrams
 * and Monte-Carlo sweeps, where each system alone is too small to keep the cores busy.
 *
 * <p>Each system's output is bit-identical to a {@link VectorAttentionField} of its own model (same kernels,
 * same per-query arithmetic), whatever the thread count.
 *
 * <p>The members must share the geometry (so that {@link #velocity} is one operation), n and d; their mask,
 * normalisation, β, m, Q, K and V may differ; one head each. One instance per concurrent caller.
 *
 * <p>Integrators step the members in lock step through {@link BatchedField#member} views (the ensembles of sweeps
 * and claims, {@code run.Ensembles}).
 */
public final class EnsembleField extends BatchedField {
    private final AttentionSystem[] systems;
    private final Geometry geometry;
    private final ParallelRunner runner;
    private final TileWorkspace[] workspaces; // per thread slot
    private final int[] members; // the live members of an evaluation, in order
    private final ArithmeticException[] broke; // a breakdown per work item of an evaluation (one writer each: no races)

    /**
     * @param models  one model per system (at least one), all of the same geometry and dimension
     * @param tokens  n, the same for every system
     * @param threads worker threads, 0 for all available processors
     */
    public EnsembleField(List<AttentionModel> models, int tokens, int threads) {
        super(models.toArray(new AttentionModel[0]), tokens);
        this.geometry = models.get(0).geometry();
        int t = VectorAttentionField.resolveThreads(threads);
        // Enough chunks overall for dynamic balance, but never split a system when there are many.
        int chunksPerSystem = Math.max(1, (VectorAttentionField.CHUNKS_PER_THREAD * t + models.size() - 1) / models.size());
        if (t == 1) chunksPerSystem = 1;
        this.systems = new AttentionSystem[models.size()];
        double work = 0;
        for (int b = 0; b < systems.length; b++) {
            AttentionModel m = models.get(b);
            if (m.geometry() != geometry) throw new IllegalArgumentException("system " + b + " is " + m.geometry() + ", system 0 is " + geometry);
            if (!m.singleConstantHead()) throw new IllegalArgumentException("system " + b + " has several heads or a schedule: an ensemble member is one constant head");
            systems[b] = new AttentionSystem(m, tokens, chunksPerSystem);
            work += systems[b].work();
        }
        this.runner = new ParallelRunner(work >= VectorAttentionField.MIN_PARALLEL_WORK ? t : 1);
        // The kernel kind and its workspace depend on d only: one workspace per thread serves every system.
        this.workspaces = new TileWorkspace[runner.threads()];
        for (int s = 0; s < workspaces.length; s++) workspaces[s] = systems[0].newWorkspace();
        this.members = new int[systems.length];
        this.broke = new ArithmeticException[systems.length * systems[0].attentionItems()];
    }

    /** The same model at each of the given β (a phase diagram's axis). */
    public static EnsembleField forBetas(AttentionModel model, List<BigDecimal> betas, int tokens, int threads) {
        List<AttentionModel> models = new ArrayList<>(betas.size());
        for (BigDecimal beta : betas) models.add(model.withBeta(beta));
        return new EnsembleField(models, tokens, threads);
    }

    /** Threads an evaluation actually uses. */
    public int threads() { return runner.threads(); }

    /** {@code AttentionField.attend} of every system: x and out hold B states of n·d entries one after another. */
    public void attend(double[] x, double[] out) {
        int size = systems.length * n * d;
        if (x.length != size || out.length != size) {
            throw new IllegalArgumentException("ensemble state must have B*n*d = " + size + " entries, got " + x.length + " and " + out.length);
        }
        if (x == out) throw new IllegalArgumentException("x and out must not alias");
        int stride = n * d;
        int projections = systems[0].projectionItems();
        runner.run(systems.length * projections,
                (item, slot) -> systems[item / projections].project(x, item / projections * stride, item % projections));
        int chunks = systems[0].attentionItems();
        runner.run(systems.length * chunks, (item, slot) -> {
            int b = item / chunks;
            systems[b].attend(item % chunks, workspaces[slot], out, b * stride);
        });
    }

    /** {@code AttentionField.velocity} of every system: attend, then on the sphere the tangent projection. */
    public void velocity(double[] x, double[] out) {
        attend(x, out);
        if (geometry == Geometry.SPHERE) Tokens.projectTangent(x, out, d);
    }

    @Override
    protected void compute(boolean[] live) {
        int count = 0;
        for (int b = 0; b < systems.length; b++) if (live[b]) members[count++] = b;
        int stride = n * d;
        int projections = systems[0].projectionItems();
        int chunks = systems[0].attentionItems();
        runner.run(count * projections, (item, slot) -> {
            int b = members[item / projections];
            systems[b].project(staged, b * stride, item % projections);
        });
        java.util.Arrays.fill(broke, 0, count * chunks, null);
        runner.run(count * chunks, (item, slot) -> {
            int b = members[item / chunks];
            try {
                systems[b].attend(item % chunks, workspaces[slot], result, b * stride);
            } catch (ArithmeticException e) {
                broke[item] = e;
            }
        });
        // a member's breakdown is that of its first failing chunk, as its own field reports it (its chunks are rows
        // in order, each stopping at its first failing row: the first failing chunk names the first failing row,
        // whatever the threads); thrown when its view is read; the others go on
        for (int item = 0; item < count * chunks; item++) {
            int b = members[item / chunks];
            if (broke[item] != null && failures[b] == null) failures[b] = broke[item];
        }
    }
}
