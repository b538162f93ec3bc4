package org.attnflow.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import org.attnflow.field.AttentionField;

/**
 * The measurement behind {@code Fields.AUTO_MIN_WORK}: CPU time of one evaluation of the scalar field and of the
 * SIMD field (one thread) for small n, full mask, after warm-up; prints their ratio. Usage: {@code AutoRule}.
 */
public final class AutoRule {
    private AutoRule() {}

    public static void main(String[] args) {
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        System.out.println("| d | n | pairs·(m+d) | scalar ns | simd ns | scalar / simd |");
        System.out.println("|---|---|---|---|---|---|");
        for (int d : new int[] {2, 3, 16, 64}) {
            for (int n : new int[] {1, 2, 4, 8, 16, 64}) {
                double[] x = Workload.tokens(n, d);
                double[] out = new double[x.length];
                double[] ns = new double[2];
                String[] impls = {"scalar", "simd"};
                for (int k = 0; k < 2; k++) {
                    AttentionField f = Workload.field(impls[k], Workload.model("full", d), n, 1);
                    int inner = Math.max(1, 200_000 / (n * n * d));
                    long best = Long.MAX_VALUE;
                    long warm = System.nanoTime() + 2_000_000_000L;
                    for (int rep = 0; rep < 300 || System.nanoTime() < warm; rep++) {
                        long c0 = cpu.getCurrentThreadCpuTime();
                        for (int i = 0; i < inner; i++) f.attend(x, out);
                        best = Math.min(best, cpu.getCurrentThreadCpuTime() - c0);
                    }
                    ns[k] = (double) best / inner;
                }
                System.out.printf(Locale.ROOT, "| %d | %d | %d | %.0f | %.0f | %.2f |%n", d, n, (long) n * n * 2 * d, ns[0], ns[1], ns[0] / ns[1]);
            }
        }
    }
}
