package org.attnflow.bench;

import java.util.concurrent.TimeUnit;
import org.attnflow.field.AttentionField;
import org.attnflow.integrate.FixedStepMethod;
import org.attnflow.integrate.Integrators;
import org.attnflow.model.Method;
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
 * {@code rk4}) of the {@link Workload}, for the scalar field and the SIMD field on one thread or on all cores.
 * Short runs by default (the machine is shared); override with -wi/-i/-w/-r, select with -p.
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

    /** scalar: the scalar field; simd-1: the SIMD field on one thread; simd-all: on every core. */
    @Param({"scalar", "simd-1", "simd-all"})
    public String field;

    private AttentionField attention;
    private FixedStepMethod rk4;
    private double[] x;
    private double[] out;

    @Setup(Level.Trial)
    public void setUp() {
        String impl = field.startsWith("simd") ? "simd" : "scalar";
        int threads = field.equals("simd-all") ? 0 : 1;
        attention = Workload.field(impl, Workload.model(mask, d), n, threads);
        rk4 = Integrators.fixedStep(Method.RK4, attention);
        x = Workload.tokens(n, d);
        out = new double[x.length];
    }

    @Benchmark
    public double[] attend() {
        attention.attend(x, out);
        return out;
    }

    @Benchmark
    public double[] rk4Step() {
        rk4.step(0, x, 0.01, out);
        return out;
    }
}
