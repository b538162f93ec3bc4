package org.attnflow.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.attnflow.field.AttentionField;
import org.attnflow.field.ScalarAttentionField;
import org.attnflow.field.SymmetricAttentionField;
import org.attnflow.field.simd.BatchedField;
import org.attnflow.field.simd.EnsembleField;
import org.attnflow.field.simd.SymmetricEnsembleField;
import org.attnflow.model.AttentionModel;
import org.attnflow.model.Geometry;
import org.attnflow.model.Mask;
import org.attnflow.model.Normalization;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One evaluation of B = 64 small systems, as a sweep's ensemble steps them: M1 (full attention, Q = K = V = I_d)
 * on the sphere, β spread evenly from 1 to 9 across the members, each member's n tokens uniform on the sphere from
 * its own seed. The score is per system-evaluation (ns, {@code @OperationsPerInvocation(B)}): the time of one
 * invocation divided by B. An invocation is what one step of an ensemble asks of the field: for the batched
 * fields, load every member's state, one evaluation, and every member's output read through its member view (as
 * its integrator reads it: a check that the state is the one evaluated, a copy); for the others, every member's
 * own field in a loop.
 *
 * <p>{@code field}: {@code lanes} = {@link SymmetricEnsembleField} (one system per vector lane), {@code simd} =
 * {@link EnsembleField} on one thread (each system the SIMD field's way), {@code symmetric} = a
 * {@link SymmetricAttentionField} per system in a loop, {@code scalar} = a {@link ScalarAttentionField} per system
 * in a loop. The measurement behind {@code SymmetricEnsembleField.MAX_DIMENSION}. Warm-up matters here: at n = 32,
 * d = 8 the first second of warm-up measured 4 ms per system, the fifth 5 µs (JIT of the vector code), so a run
 * with one short warm-up iteration times the code before C2.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 2) // the Vector API is 100 to 1000 times slower until C2 intrinsifies it
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx2g"})
public class EnsembleBenchmark {
    /** Systems per ensemble. */
    static final int B = 64;
    static final double BETA_FROM = 1, BETA_TO = 9;

    @Param({"16", "32", "64", "256"})
    public int n;

    @Param({"2", "3", "8", "16"})
    public int d;

    @Param({"lanes", "simd", "symmetric", "scalar"})
    public String field;

    private BatchedField batched;   // lanes, simd
    private AttentionField[] views; // lanes, simd: the members as their integrators read them
    private AttentionField[] alone; // symmetric, scalar
    private double[][] x;
    private double[][] out;
    private boolean[] live;

    @Setup(Level.Trial)
    public void setUp() {
        List<AttentionModel> models = new ArrayList<>(B);
        x = new double[B][];
        out = new double[B][n * d];
        for (int b = 0; b < B; b++) {
            double beta = BETA_FROM + (BETA_TO - BETA_FROM) * b / (B - 1);
            models.add(AttentionModel.identity(Geometry.SPHERE, Mask.FULL, Normalization.SOFTMAX, beta, d));
            x[b] = Workload.tokens(n, d, Workload.SEED + 1_000_003L * b + 7919L * n + d);
        }
        live = new boolean[B];
        Arrays.fill(live, true);
        switch (field) {
            case "lanes" -> batched = new SymmetricEnsembleField(models, n);
            case "simd" -> batched = new EnsembleField(models, n, 1);
            case "symmetric", "scalar" -> {
                alone = new AttentionField[B];
                for (int b = 0; b < B; b++) {
                    alone[b] = field.equals("symmetric") ? new SymmetricAttentionField(models.get(b), n) : new ScalarAttentionField(models.get(b), n);
                }
            }
            default -> throw new IllegalArgumentException("field must be lanes, simd, symmetric or scalar, got " + field);
        }
        if (batched != null) {
            views = new AttentionField[B];
            for (int b = 0; b < B; b++) views[b] = batched.member(b);
        }
    }

    @Benchmark
    @OperationsPerInvocation(B)
    public double[][] evaluate() {
        if (batched != null) {
            for (int b = 0; b < B; b++) batched.load(b, x[b]);
            batched.evaluate(live);
            for (int b = 0; b < B; b++) views[b].attend(x[b], out[b]);
        } else {
            for (int b = 0; b < B; b++) alone[b].attend(x[b], out[b]);
        }
        return out;
    }
}
