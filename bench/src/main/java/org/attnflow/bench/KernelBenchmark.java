package org.attnflow.bench;

import java.util.concurrent.TimeUnit;
import org.attnflow.field.AttentionField;
import org.attnflow.field.FourierBesselField;
import org.attnflow.field.ScalarAttentionField;
import org.attnflow.field.SymmetricAttentionField;
import org.attnflow.field.simd.VectorAttentionField;
import org.attnflow.model.AttentionModel;
import org.attnflow.model.Geometry;
import org.attnflow.model.Mask;
import org.attnflow.model.Normalization;
import org.attnflow.reference.BenchReferenceFields;
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
 * One evaluation ({@code attend}) of the kernels that replace one another, each pair on the same tokens, single
 * threaded, M1 (full attention, Q = K = V = I) on the sphere, softmax, tokens uniform on the sphere from a fixed seed:
 * <ul>
 *   <li>{@link #symmetric}: {@link SymmetricAttentionField} (each pair's score and weight computed once, for both
 *       rows) against {@link ScalarAttentionField}, n ∈ {32, 64, 256}, d ∈ {2, 3}, β = 1;</li>
 *   <li>{@link #circle}: {@link FourierBesselField} (O(n·p) by the Fourier–Bessel expansion on the circle) against
 *       {@link VectorAttentionField} on one thread (O(n²)), d = 2, n ∈ {1024, 4096, 65536}, β ∈ {1, 9, 64}: the
 *       measurement behind {@code Fields.FOURIER_MIN_TOKENS_PER_TERM} (bench/fourier/Crossover.java times the same
 *       in CPU time). The direct field at n = 65536 takes seconds per evaluation;</li>
 *   <li>{@link #reference}: the reference's double-double field against its Apfloat field at 30 digits (the
 *       KeY-proved kernel's arithmetic), d = 2, n ∈ {4, 32}, β = 1 (both package-private, reached through
 *       {@link BenchReferenceFields}, which the benchmark jar alone contains).</li>
 * </ul>
 * Microseconds per evaluation. Select one group with its method name, e.g. {@code 'KernelBenchmark.circle'}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx2g"})
public class KernelBenchmark {

    static AttentionModel circleModel(double beta, int d) {
        return AttentionModel.identity(Geometry.SPHERE, Mask.FULL, Normalization.SOFTMAX, beta, d);
    }

    /** A field and the tokens and output of its evaluation. */
    abstract static class Evaluation {
        AttentionField attention;
        double[] x;
        double[] out;

        void make(AttentionField f, int n, int d) {
            attention = f;
            x = Workload.tokens(n, d);
            out = new double[n * d];
        }
    }

    @State(Scope.Thread)
    public static class SymmetricState extends Evaluation {
        @Param({"32", "64", "256"})
        public int n;

        @Param({"2", "3"})
        public int d;

        /** symmetric: SymmetricAttentionField; scalar: ScalarAttentionField. */
        @Param({"symmetric", "scalar"})
        public String field;

        @Setup(Level.Trial)
        public void setUp() {
            AttentionModel m = circleModel(Workload.BETA, d);
            make(switch (field) {
                case "symmetric" -> new SymmetricAttentionField(m, n);
                case "scalar" -> new ScalarAttentionField(m, n);
                default -> throw new IllegalArgumentException("field must be symmetric or scalar, got " + field);
            }, n, d);
        }
    }

    @State(Scope.Thread)
    public static class CircleState extends Evaluation {
        @Param({"1024", "4096", "65536"})
        public int n;

        @Param({"1", "9", "64"})
        public double beta;

        /** fourier: FourierBesselField; simd: VectorAttentionField on one thread. */
        @Param({"fourier", "simd"})
        public String field;

        @Setup(Level.Trial)
        public void setUp() {
            AttentionModel m = circleModel(beta, 2);
            make(switch (field) {
                case "fourier" -> new FourierBesselField(m, n);
                case "simd" -> new VectorAttentionField(m, n, 1);
                default -> throw new IllegalArgumentException("field must be fourier or simd, got " + field);
            }, n, 2);
        }
    }

    @State(Scope.Thread)
    public static class ReferenceState {
        static final int DIGITS = 30;

        @Param({"4", "32"})
        public int n;

        /** double-double: the reference's DoubleDoubleField; apfloat-30: its Apfloat ReferenceField at 30 digits. */
        @Param({"double-double", "apfloat-30"})
        public String field;

        Runnable evaluation;

        @Setup(Level.Trial)
        public void setUp() {
            AttentionModel m = circleModel(Workload.BETA, 2);
            double[] x = Workload.tokens(n, 2);
            evaluation = switch (field) {
                case "double-double" -> BenchReferenceFields.doubleDouble(m, n, DIGITS, x);
                case "apfloat-30" -> BenchReferenceFields.apfloat(m, n, DIGITS, x);
                default -> throw new IllegalArgumentException("field must be double-double or apfloat-30, got " + field);
            };
        }
    }

    @Benchmark
    public double[] symmetric(SymmetricState s) {
        s.attention.attend(s.x, s.out);
        return s.out;
    }

    @Benchmark
    public double[] circle(CircleState s) {
        s.attention.attend(s.x, s.out);
        return s.out;
    }

    @Benchmark
    public Runnable reference(ReferenceState s) {
        s.evaluation.run();
        return s.evaluation;
    }
}
