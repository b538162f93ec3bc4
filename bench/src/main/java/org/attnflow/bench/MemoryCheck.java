package org.attnflow.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Locale;
import org.attnflow.field.AttentionField;
import org.attnflow.field.Tokens;
import org.attnflow.integrate.FixedStepMethod;
import org.attnflow.integrate.Integrators;
import org.attnflow.model.Method;

/**
 * Issue 6's memory requirement: n = 65536, d = 16, causal (M3), a few RK4 steps of the SIMD field in a 2 GB heap
 * (bench/memory-check.sh runs it with -Xmx2g), where one dense n×n double matrix alone would take 34 GB. Prints
 * the peak heap use and the time per step, and checks the result is finite and on the sphere.
 *
 * <p>Usage: {@code MemoryCheck [n] [d] [steps] [threads]}.
 */
public final class MemoryCheck {
    private MemoryCheck() {}

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 65536;
        int d = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        int steps = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : 0;
        AttentionField field = Workload.field("simd", Workload.model("causal", d), n, threads);
        FixedStepMethod rk4 = Integrators.fixedStep(Method.RK4, field);
        double[] x = Workload.tokens(n, d);
        double[] next = new double[x.length];
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) pool.resetPeakUsage();
        for (int s = 0; s < steps; s++) {
            long t0 = System.nanoTime();
            rk4.step(s * 0.01, x, 0.01, next);
            double[] swap = x;
            x = next;
            next = swap;
            System.out.printf(Locale.ROOT, "rk4 step %d: %.1f s%n", s + 1, (System.nanoTime() - t0) / 1e9);
        }
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) peak += pool.getPeakUsage().getUsed();
        }
        double drift = Tokens.maxNormDrift(x, d);
        System.out.printf(Locale.ROOT, "n=%d d=%d causal, %d rk4 steps: peak heap %.0f MB of max %.0f MB; one n×n matrix would be %.1f GB; max norm drift %.1e%n",
                n, d, steps, peak / 1e6, Runtime.getRuntime().maxMemory() / 1e6, 8.0 * n * n / 1e9, drift);
        if (!(drift < 1e-12)) {
            System.err.println("MemoryCheck: state left the sphere (drift " + drift + ")");
            System.exit(1);
        }
    }
}
