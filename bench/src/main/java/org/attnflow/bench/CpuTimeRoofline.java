package org.attnflow.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.attnflow.field.AttentionField;

/**
 * The roofline measured in CPU time of one thread, which time-sharing with other processes does not inflate
 * (wall-clock JMH numbers on a busy machine do): first the FMA peak of one core (the {@link FmaPeakBenchmark}
 * loop), then one evaluation ({@code attend}) of the {@link Workload} per configuration on one thread, reported
 * as attention GFLOP/s (4·d FLOP per pair) and as a fraction of that peak.
 *
 * <p>Usage: {@code CpuTimeRoofline IMPL SECONDS n:d:mask ...} (IMPL scalar|simd). Each configuration: warm-up of
 * 5 s and 10 evaluations, then SECONDS of evaluations; min and median CPU time per evaluation.
 */
public final class CpuTimeRoofline {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private CpuTimeRoofline() {}

    public static void main(String[] args) {
        String impl = args[0];
        double seconds = Double.parseDouble(args[1]);
        double peak = peak();
        System.out.printf(Locale.ROOT, "FMA peak of one core (CPU time, %s): %.1f GFLOP/s%n", S, peak / 1e9);
        System.out.println("| n | d | mask | field | min ms | median ms | ns/pair | GFLOP/s | % of peak |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        for (String config : Arrays.copyOfRange(args, 2, args.length)) {
            String[] p = config.split(":");
            int n = Integer.parseInt(p[0]), d = Integer.parseInt(p[1]);
            String mask = p[2];
            AttentionField field = Workload.field(impl, Workload.model(mask, d), n, 1);
            double[] x = Workload.tokens(n, d);
            double[] out = new double[x.length];
            long warm = System.nanoTime() + 5_000_000_000L;
            for (int i = 0; i < 10 || System.nanoTime() < warm; i++) field.attend(x, out);
            List<Long> times = new ArrayList<>();
            long end = System.nanoTime() + (long) (seconds * 1e9);
            while (times.size() < 5 || System.nanoTime() < end) {
                long c0 = CPU.getCurrentThreadCpuTime();
                field.attend(x, out);
                times.add(CPU.getCurrentThreadCpuTime() - c0);
            }
            times.sort(null);
            double min = times.get(0), median = times.get(times.size() / 2);
            double flops = Workload.flops(mask, n, d);
            double pairs = flops / (4.0 * d);
            System.out.printf(Locale.ROOT, "| %d | %d | %s | %s-1 | %.3f | %.3f | %.2f | %.1f | %.0f%% |%n", n, d, mask, impl,
                    min / 1e6, median / 1e6, median / pairs, flops / median, 100 * flops / median * 1e9 / peak);
        }
    }

    /** FLOP per CPU second of ten independent FMA chains, best of 20 runs of 0.1 s. */
    static double peak() {
        double best = 0;
        for (int run = 0; run < 20; run++) {
            long iterations = 2_000_000;
            long c0 = CPU.getCurrentThreadCpuTime();
            double sink = fma(iterations, 0.999999, 1e-9);
            long c1 = CPU.getCurrentThreadCpuTime();
            if (sink == 42) System.out.print("");
            best = Math.max(best, iterations * 10.0 * S.length() * 2 / ((c1 - c0) / 1e9));
        }
        return best;
    }

    private static double fma(long iterations, double a, double b) {
        DoubleVector x = DoubleVector.broadcast(S, a), y = DoubleVector.broadcast(S, b);
        DoubleVector c0 = DoubleVector.broadcast(S, 1), c1 = c0.add(1), c2 = c0.add(2), c3 = c0.add(3), c4 = c0.add(4);
        DoubleVector c5 = c0.add(5), c6 = c0.add(6), c7 = c0.add(7), c8 = c0.add(8), c9 = c0.add(9);
        for (long i = 0; i < iterations; i++) {
            c0 = c0.fma(x, y); c1 = c1.fma(x, y); c2 = c2.fma(x, y); c3 = c3.fma(x, y); c4 = c4.fma(x, y);
            c5 = c5.fma(x, y); c6 = c6.fma(x, y); c7 = c7.fma(x, y); c8 = c8.fma(x, y); c9 = c9.fma(x, y);
        }
        return c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).reduceLanes(VectorOperators.ADD);
    }
}
