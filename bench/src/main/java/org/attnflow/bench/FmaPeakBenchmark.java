package org.attnflow.bench;

import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The roofline's ceiling: this machine's double-precision peak, measured with the same Vector API species the
 * field uses. Ten independent fused multiply-add chains (more than latency × throughput of any current core),
 * no memory traffic. The secondary result {@code flop} is in FLOP/s (one FMA lane = 2 FLOP) per thread; run
 * with {@code -t 1} for one core and {@code -t N} for N cores (JMH then also reports the sum).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class FmaPeakBenchmark {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int ITERATIONS = 100_000;
    private static final int CHAINS = 10;

    /** Floating-point operations done, reported by JMH as a rate. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Flops {
        public long flop;

        @Setup(Level.Iteration)
        public void clear() { flop = 0; }
    }

    @State(Scope.Thread)
    public static class Operands {
        public double a = 0.999999;
        public double b = 1e-9;
    }

    @Benchmark
    public double fma(Operands o, Flops counter) {
        DoubleVector x = DoubleVector.broadcast(S, o.a), y = DoubleVector.broadcast(S, o.b);
        DoubleVector c0 = DoubleVector.broadcast(S, 1), c1 = c0.add(1), c2 = c0.add(2), c3 = c0.add(3), c4 = c0.add(4);
        DoubleVector c5 = c0.add(5), c6 = c0.add(6), c7 = c0.add(7), c8 = c0.add(8), c9 = c0.add(9);
        for (int i = 0; i < ITERATIONS; i++) {
            c0 = c0.fma(x, y); c1 = c1.fma(x, y); c2 = c2.fma(x, y); c3 = c3.fma(x, y); c4 = c4.fma(x, y);
            c5 = c5.fma(x, y); c6 = c6.fma(x, y); c7 = c7.fma(x, y); c8 = c8.fma(x, y); c9 = c9.fma(x, y);
        }
        counter.flop += (long) ITERATIONS * CHAINS * S.length() * 2;
        return c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).reduceLanes(VectorOperators.ADD);
    }
}
