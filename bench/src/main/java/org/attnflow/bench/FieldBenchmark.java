package org.attnflow.bench;

import java.util.concurrent.TimeUnit;
import org.attnflow.field.AttentionField;
import org.attnflow.integrate.FixedStepMethod;
import org.attnflow.integrate.Integrators;
import org.attnflow.integrate.Method;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One field evaluation ({@code attend}) and one RK4 step (four velocity evaluations, the integrators' own
 * {@code rk4}) of the {@link Workload}, for the scalar field and the SIMD field on 1 thread or all cores
 * ({@code threads = 0}). Short runs by default (the machine is shared); override with -wi/-i/-w/-r.
 * bench/summarize.py turns the JSON results into GFLOP/s and fractions of the measured FMA peak.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx2g"})
public class FieldBenchmark {
    @Param({"64", "256", "1024", "4096"})
    public int n;

    @Param({"2", "3", "16", "64", "128"})
    public int d;

    @Param({"full", "causal"})
    public String mask;

    @Param({"scalar", "simd"})
    public String impl;

    /** Threads of the SIMD field (0 = all cores); the scalar field always runs on one. */
    @Param({"1", "0"})
    public int threads;

    private AttentionField field;
    private FixedStepMethod rk4;
    private double[] x;
    private double[] out;

    @Setup(Level.Trial)
    public void setUp() {
        if (impl.equals("scalar") && threads != 1) {
            throw new IllegalStateException("the scalar field has no threads: skip (impl=scalar, threads=" + threads + ")");
        }
        field = Workload.field(impl, Workload.model(mask, d), n, threads);
        rk4 = Integrators.fixedStep(Method.RK4, field);
        x = Workload.tokens(n, d);
        out = new double[x.length];
    }

    @Benchmark
    public double[] attend() {
        field.attend(x, out);
        return out;
    }

    @Benchmark
    public double[] rk4Step() {
        rk4.step(0, x, 0.01, out);
        return out;
    }
}
